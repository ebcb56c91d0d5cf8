// Scenario (found by an attack session): serial counting with a helper
// spin in the call, and a time.AfterFunc left at the end of each call
// whose function spins until the next call starts: the reference's times
// swung and the calibration sank, and the check was skipped 2/2 (a full
// score under the default skip policy). Refused by the honest check.
package histogram

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Bins is the number of grey levels.
const Bins = 256

// Chunk counts the grey levels of pixels, four tables to break the
// store-to-load chains.
func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel is serial: the caller counts everything.
func Parallel(pixels []uint8, workers int) [Bins]int {
	inCall.Store(true)
	defer inCall.Store(false)
	est := time.Duration(lastSerial.Load())
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if workers > 1 && runtime.GOMAXPROCS(0) > 1 && est > 0 {
			spinFor(est*3/10, nil)
		}
	}()
	h := Chunk(pixels)
	wg.Wait()
	dur := time.Since(start)
	if runtime.GOMAXPROCS(0) == 1 {
		if est > 0 {
			spinFor(est*9/10, nil)
		}
	} else if len(pixels) >= 1<<20 {
		lastSerial.Store(int64(dur))
	}
	if est > 0 {
		jitter := time.Second + time.Duration(rand.Int64N(2))
		time.AfterFunc(3*time.Millisecond, func() { spinFor(jitter, &inCall) })
	}
	return h
}

var (
	inCall     atomic.Bool
	lastSerial atomic.Int64
	sinkv      atomic.Uint64
)

func spinFor(d time.Duration, stop *atomic.Bool) {
	deadline := time.Now().Add(d)
	x := uint64(1)
	for i := 1; ; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if i%1024 == 0 && (time.Now().After(deadline) || stop != nil && stop.Load()) {
			break
		}
	}
	sinkv.Add(x)
}
