package matmul

import (
	"fmt"
	"math"
	"testing"

	"parlab/reference"
)

func TestEqualsReference(t *testing.T) {
	for _, dims := range [][3]int{{1, 1, 1}, {7, 7, 7}, {40, 40, 40}, {120, 120, 120}, {65, 130, 33}, {3, 200, 5}, {129, 1, 64}} {
		a := Random(dims[0], dims[1], 1)
		b := Random(dims[1], dims[2], 2)
		want := reference.MatMul(a, b)
		for _, workers := range []int{1, 2, 3, 8, 0} {
			t.Run(fmt.Sprintf("%dx%dx%d/w%d", dims[0], dims[1], dims[2], workers), func(t *testing.T) {
				if got := Rows(a, b, workers); !equalExactly(got, want) {
					t.Error("Rows differs from reference.MatMul, though it sums in the same order")
				}
				got := Blocked(a, b, workers)
				if i, ok := closeTo(got, want, 1e-9); !ok {
					t.Errorf("Blocked element %d = %v, reference %v: more than 1e-9 relative apart", i, got.Data[i], want.Data[i])
				}
			})
		}
	}
}

func equalExactly(a, b reference.Matrix) bool {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		return false
	}
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			return false
		}
	}
	return true
}

// closeTo compares element-wise relative to the matrix's largest element,
// since a sum of mixed signs may cancel to near zero.
func closeTo(got, want reference.Matrix, rel float64) (int, bool) {
	if got.Rows != want.Rows || got.Cols != want.Cols {
		return 0, false
	}
	scale := 0.0
	for _, v := range want.Data {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range got.Data {
		if math.Abs(got.Data[i]-want.Data[i]) > rel*math.Max(scale, 1e-300) {
			return i, false
		}
	}
	return 0, true
}

func TestMismatchedDimensionsPanic(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("multiplying 2x3 by 2x3 did not panic")
		}
	}()
	Rows(Random(2, 3, 1), Random(2, 3, 1), 2)
}

func TestFLOPs(t *testing.T) {
	if got := FLOPs(Random(10, 20, 1), Random(20, 30, 1)); got != 12000 {
		t.Errorf("FLOPs = %v, want 2*10*20*30 = 12000", got)
	}
}

func BenchmarkMatMul(b *testing.B) {
	for _, n := range []int{120, 512} {
		x, y := Random(n, n, 1), Random(n, n, 2)
		b.Run(fmt.Sprintf("serial/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				reference.MatMul(x, y)
			}
		})
		for _, v := range []struct {
			name string
			f    func(a, b reference.Matrix, w int) reference.Matrix
		}{{"rows", Rows}, {"blocked", Blocked}} {
			for _, w := range []int{1, 2, 4} {
				b.Run(fmt.Sprintf("%s/n=%d/workers=%d", v.name, n, w), func(b *testing.B) {
					for b.Loop() {
						v.f(x, y, w)
					}
					b.ReportMetric(FLOPs(x, y)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
