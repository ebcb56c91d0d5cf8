package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var c counter
	c.count(pixels) // count everything
	return c.hist
}

// counter holds one histogram.
type counter struct {
	hist [Bins]int
}

func (c *counter) count(px []uint8) {
	for _, v := range px {
		c.hist[v]++
	}
}
func (c *counter) absorb(o *counter) {
	for i, v := range o.hist {
		c.hist[i] += v
	}
}

// Parallel: my solution. First every goroutine counts its own part,
// then I add them up two by two (like a tournament).
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0) // use all cores
	}

	cs := make([]counter, workers)
	var wg sync.WaitGroup

	for i := range cs {
		lo, hi := i*len(pixels)/workers, (i+1)*len(pixels)/workers
		wg.Add(1)
		go func(c *counter) {
			defer wg.Done()
			c.count(pixels[lo:hi])
		}(&cs[i])
	}
	wg.Wait()

	// tournament
	for stride := 1; stride < len(cs); stride *= 2 {
		for i := 0; i+stride < len(cs); i += 2 * stride {
			wg.Add(1)
			go func(a, b *counter) {
				defer wg.Done()
				a.absorb(b)
			}(&cs[i], &cs[i+stride])
		}
		wg.Wait()
	}

	return cs[0].hist
}
