// Package matmul multiplies dense matrices in parallel, two ways: row
// chunks with the textbook loop order (one worker per block of rows of C,
// exactly reference.MatMul's sums), and a cache-blocked variant with the
// i-k-j loop order, which walks B and C along rows instead of striding
// down B's columns, and works on tiles small enough to stay in cache.
package matmul

import (
	"fmt"
	"sync"

	"parlab/kernels"
	"parlab/reference"
)

// Rows splits the rows of C = A·B into one contiguous chunk per worker and
// computes each element with the i-j-k loop: the inner loop reads B down a
// column, one cache line per element once B is larger than the cache.
func Rows(a, b reference.Matrix, workers int) reference.Matrix {
	c := product(a, b)
	parallelRows(a.Rows, workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for j := range b.Cols {
				sum := 0.0
				for k := range a.Cols {
					sum += a.Data[i*a.Cols+k] * b.Data[k*b.Cols+j]
				}
				c.Data[i*c.Cols+j] = sum
			}
		}
	})
	return c
}

// Tile is the blocked variant's tile edge: three 64x64 tiles of float64
// (96 KiB) fit a typical L2 cache.
const Tile = 64

// Blocked splits the rows of C among the workers like Rows, and inside
// each chunk multiplies Tile-sized tiles with the i-k-j loop order: the
// innermost loop runs along a row of B and a row of C, both contiguous.
// The sums are formed in another order than reference.MatMul's, so they
// agree to rounding (about 1e-15 relative), not bit for bit.
func Blocked(a, b reference.Matrix, workers int) reference.Matrix {
	c := product(a, b)
	n, m, p := a.Rows, a.Cols, b.Cols
	parallelRows(n, workers, func(lo, hi int) {
		for kk := 0; kk < m; kk += Tile {
			kEnd := min(kk+Tile, m)
			for jj := 0; jj < p; jj += Tile {
				jEnd := min(jj+Tile, p)
				for i := lo; i < hi; i++ {
					cRow := c.Data[i*p+jj : i*p+jEnd]
					for k := kk; k < kEnd; k++ {
						aik := a.Data[i*m+k]
						bRow := b.Data[k*p+jj : k*p+jEnd]
						for j, bkj := range bRow {
							cRow[j] += aik * bkj
						}
					}
				}
			}
		}
	})
	return c
}

// FLOPs is the floating-point operations of multiplying a by b: one
// multiply and one add per term.
func FLOPs(a, b reference.Matrix) float64 {
	return 2 * float64(a.Rows) * float64(a.Cols) * float64(b.Cols)
}

func product(a, b reference.Matrix) reference.Matrix {
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("matmul: %dx%d times %dx%d: inner dimensions differ", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	return reference.Matrix{Rows: a.Rows, Cols: b.Cols, Data: make([]float64, a.Rows*b.Cols)}
}

// parallelRows runs f on one contiguous range of rows per worker and waits.
func parallelRows(rows, workers int, f func(lo, hi int)) {
	workers = kernels.Workers(workers, rows)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := kernels.Split(rows, workers, w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// Random returns a rows x cols matrix of values in [-1, 1) from seed.
func Random(rows, cols int, seed uint64) reference.Matrix {
	m := reference.Matrix{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}
	state := seed*0x9e3779b97f4a7c15 + 1
	for i := range m.Data {
		// splitmix64: cheap, deterministic, good enough for test data.
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
		m.Data[i] = float64(z>>11)/float64(1<<53)*2 - 1
	}
	return m
}
