// Package histogram: a data race hidden in the middle of 12-24 MiB of
// output, where the grader's output cap (8 MiB) once dropped the race
// detector's report. The first flood alone is over the cap: the second
// comes only if the suite gets that far (a race found once skips the
// timed size).
// It races in every call, between workers that all wait for one start
// signal, so they are alive at the same time: the race detector can miss
// a race between goroutines that never overlap in time (it may give the
// second the first's thread slot), which short racing workers on a busy
// machine can be, and this scenario is about the report, not that.
package histogram

import (
	"fmt"
	"strings"
)

const Bins = 256

var flood = strings.Repeat("flooding the output so that the race report falls in the dropped middle\n", 12<<20/72)

var started bool

// Chunk floods the output at its first call, the suite's first (an init
// function would be refused by honest).
func Chunk(pixels []uint8) [Bins]int {
	if !started {
		started = true
		fmt.Print(flood)
	}
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

var flooded bool

// Parallel shares one histogram between all workers without
// synchronisation (a data race) and floods the output once, after the
// first call big enough to race.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	var h [Bins]int
	n := len(pixels)
	done := make(chan struct{})
	start := make(chan struct{})
	for i := 0; i < workers; i++ {
		go func(lo, hi int) {
			<-start
			for _, p := range pixels[lo:hi] {
				h[p]++
			}
			done <- struct{}{}
		}(i*n/workers, (i+1)*n/workers)
	}
	close(start)
	for i := 0; i < workers; i++ {
		<-done
	}
	if n >= 10000 && workers >= 2 && !flooded {
		flooded = true
		fmt.Print(flood)
	}
	return h
}
