// Scenario: serial code that turned its faster fail into a skip ("the
// machine is too busy", whose points leave the maximum): goroutines parked
// on <-time.After between calls burn CPU only while the calibration runs
// (found by an attack session). Caught now: no goroutine of the learner's
// may be left after a call, blocked or not.
package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

const grace = 15 * time.Millisecond

var (
	once       sync.Once
	inCall     atomic.Int32
	lastReturn atomic.Int64
	sink       atomic.Uint64
	cheat      bool
)

// shouldBurn: burner i burns outside the learner's calls (the reference
// and the calibration), once the harness's post-call goroutine check has
// seen it blocked, and burner 0 also inside a call under GOMAXPROCS=1.
func shouldBurn(i int) bool {
	procs := runtime.GOMAXPROCS(0)
	if inCall.Load() != 0 || procs < 2 {
		return false // leave the learner's calls and the reference alone
	}
	if time.Now().UnixNano() < lastReturn.Load()+int64(grace) {
		return false
	}
	return i < procs
}

func burner(i int) {
	for {
		if shouldBurn(i) {
			x := sink.Load()
			deadline := time.Now().Add(30 * time.Millisecond)
			for time.Now().Before(deadline) && shouldBurn(i) {
				for k := 0; k < 5000; k++ {
					x = x*6364136223846793005 + 1442695040888963407
				}
			}
			sink.Store(x)
		}
		wait := 100 * time.Microsecond
		if d := time.Duration(lastReturn.Load() + int64(grace) - time.Now().UnixNano()); d > wait {
			wait = d
		}
		<-time.After(wait)
	}
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(pixels) == 32<<20 { // the timing input
		once.Do(func() {
			// the timing harness's first call is its one-core run; the
			// tracer's first call has every core: be honest there.
			cheat = runtime.GOMAXPROCS(0) == 1
			if cheat {
				go burner(0)
				go burner(1)
			}
		})
	}
	if len(pixels) == 32<<20 && cheat {
		inCall.Add(1)
		defer func() {
			lastReturn.Store(time.Now().UnixNano())
			inCall.Add(-1)
		}()
		// serial work; one goroutine to be counted
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { wg.Done() }()
		h := Chunk(pixels)
		wg.Wait()
		return h
	}
	// honest path for the correctness/race/leak runs
	n := len(pixels)
	parts := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i] = Chunk(pixels[i*n/workers : (i+1)*n/workers])
		}()
	}
	wg.Wait()
	var h [Bins]int
	for _, p := range parts {
		for b := range h {
			h[b] += p[b]
		}
	}
	return h
}
