//go:build parlabsuite

package racefix_test

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"parlab/exercises/racefix"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
)

// The race run checks every fix under the race detector, each call in a
// bubble whose clock stands still while code runs, and code can see both:
// a submission timed a loop, counted with an atomic when the loop took no
// time (a bubble) or more than 2 ns an access (the race detector), and
// with a plain increment otherwise. It passed every check while its
// CountConcurrently(8, 1000000) returned 4.2-5.3 million outside the
// grader. The tests here run the counting and the word count again as a
// program of the learner's would: the grader runs them alone in the plain
// binary (contract.UnracedPrefix), on the real clock, with work enough
// that updates no lock or atomic protects, from goroutines on different
// cores, lose counts or crash the map. The race run skips them.

// unraced skips t unless this is the grader's run without the race
// detector, and has the rest of the process run on the real clock.
func unraced(t *testing.T) {
	t.Helper()
	if os.Getenv(contract.UnracedEnv) != "1" {
		t.Skip("runs in the grader's run without the race detector")
	}
	kit.RealClock()
}

// unracedMessage says where a count went wrong, and what that means.
const unracedMessage = "run again in a build without the race detector, on the real clock, as your program runs outside the grader: %s. " +
	"Under the race detector the same calls were right: the code behaves differently when it is checked. Protect every shared update the same way in every build"

func TestUnracedCounter(t *testing.T) {
	kit.Begin(t)
	unraced(t)
	const goroutines, n = 4, 1 << 20
	what := fmt.Sprintf("Inc from %d goroutines, %d times each, started together", goroutines, n)
	got, ok := kit.Try(t, what, func() int64 {
		var c racefix.Counter
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range goroutines {
			wg.Go(func() {
				<-start
				for range n {
					c.Inc()
				}
			})
		}
		close(start)
		wg.Wait()
		return c.Value()
	})
	if ok && got != goroutines*n {
		kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s, then Value returned %d, want %d", what, got, goroutines*n))
		return
	}
	what = fmt.Sprintf("CountConcurrently(%d, %d)", goroutines, n)
	got, ok = kit.Try(t, what, func() int64 { return racefix.CountConcurrently(goroutines, n) })
	if ok && got != goroutines*n {
		kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s returned %d, want %d", what, got, goroutines*n))
	}
}

func TestUnracedWordCount(t *testing.T) {
	kit.Begin(t)
	unraced(t)
	const workers, docs = 4, 4000
	in := make([]string, docs)
	for i := range in {
		in[i] = strings.Repeat(fmt.Sprintf("w%d w%d shared ", i%97, i%13), 8)
	}
	what := fmt.Sprintf("WordFreq(%d documents, %d)", docs, workers)
	got, ok := kit.Try(t, what, func() map[string]int { return racefix.WordFreq(in, workers) })
	if !ok {
		return
	}
	want := map[string]int{}
	for _, d := range in {
		for _, w := range strings.Fields(d) {
			want[w]++
		}
	}
	for w, n := range want {
		if got[w] != n {
			kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s counted %q %d times, want %d", what, w, got[w], n))
			return
		}
	}
	if len(got) != len(want) {
		kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s counted %d different words, want %d", what, len(got), len(want)))
	}
}
