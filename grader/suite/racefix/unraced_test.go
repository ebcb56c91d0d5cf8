//go:build parlabsuite

package racefix_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"parlab/exercises/racefix"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/reference"
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
// cores, lose counts or crash the map. A second attack did the same in
// the bank and the search, which these tests did not run then, and kept
// its counter and word count right up to sizes just past the ones tried:
// every story has a test here now, and the sizes are drawn afresh each
// run. (Code wrong only on inputs larger than any test tries is beyond
// what testing can catch.) The race run skips them.

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

// size draws a size in [lo, 2*lo) afresh each run.
func size(lo int) int { return lo + rand.IntN(lo) }

func TestUnracedCounter(t *testing.T) {
	kit.Begin(t)
	unraced(t)
	const goroutines = 4
	n := size(1 << 20)
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
	if ok && got != int64(goroutines*n) {
		kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s, then Value returned %d, want %d", what, got, goroutines*n))
		return
	}
	what = fmt.Sprintf("CountConcurrently(%d, %d)", goroutines, n)
	got, ok = kit.Try(t, what, func() int64 { return racefix.CountConcurrently(goroutines, n) })
	if ok && got != int64(goroutines*n) {
		kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s returned %d, want %d", what, got, goroutines*n))
	}
}

func TestUnracedSearch(t *testing.T) {
	kit.Begin(t)
	unraced(t)
	const workers = 4
	n := size(1 << 20)
	xs := make([]int, n)
	for i := range xs {
		xs[i] = rand.IntN(1000) + 1
	}
	for range 5 {
		// Hits in every quarter: a search that returns the first hit any
		// worker finds often returns a later quarter's.
		hits := []int{rand.IntN(n / 4), n/4 + rand.IntN(n/4), n/2 + rand.IntN(n/4), 3*n/4 + rand.IntN(n/4)}
		for _, h := range hits {
			xs[h] = -7
		}
		what := fmt.Sprintf("FindFirst(xs, -7, %d) on %d ints with the target at %v", workers, n, hits)
		got, ok := kit.Try(t, what, func() int { return racefix.FindFirst(xs, -7, workers) })
		if !ok {
			return
		}
		if got != hits[0] {
			kit.Fatal(t, contract.CheckCorrect, unracedMessage, fmt.Sprintf("%s returned %d, want %d", what, got, hits[0]))
			return
		}
		for _, h := range hits {
			xs[h] = 1
		}
	}
}

// TestUnracedBank transfers with nothing of the suite's between the
// transfers (the race run's bank tests count each one under a lock of
// their own, which spaces them out), while a goroutine reads Total.
func TestUnracedBank(t *testing.T) {
	kit.Begin(t)
	unraced(t)
	const goroutines = 8
	transfers := size(20_000)
	what := fmt.Sprintf("%d goroutines making %d random transfers each between %d accounts, Total read meanwhile", goroutines, transfers, bankAccounts)
	problem, ok := kit.CallWithin(t, what, bankLimit, func() string {
		const want = bankTotal
		b := newBank()
		var wg sync.WaitGroup
		seed := rand.Uint64()
		for g := range goroutines {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(g), seed))
				for range transfers {
					from := rng.IntN(bankAccounts)
					to := (from + 1 + rng.IntN(bankAccounts-1)) % bankAccounts
					_ = b.Transfer(from, to, int64(rng.IntN(300)+1))
				}
			})
		}
		stop := make(chan struct{})
		seen := make(chan string, 1)
		go func() {
			for {
				if got := b.Total(); got != want {
					seen <- fmt.Sprintf("Total() returned %d while transfers ran, but the bank always holds %d: Total must see every balance at one instant, not some before a transfer and some after it", got, want)
					return
				}
				select {
				case <-stop:
					seen <- ""
					return
				default:
				}
			}
		}()
		wg.Wait()
		close(stop)
		if problem := <-seen; problem != "" {
			return problem
		}
		var total int64
		for i := range bankAccounts {
			total += b.Balance(i)
		}
		if total != want || b.Total() != want {
			return fmt.Sprintf("the balances sum to %d and Total() = %d after the transfers, want %d: money was created or destroyed", total, b.Total(), want)
		}
		return ""
	})
	if ok && problem != "" {
		kit.Fatal(t, contract.CheckCorrect, unracedMessage, what+": "+problem)
	}
}

// TestUnracedWordCount comes last: a map written from two goroutines
// crashes the whole binary, and the tests after it would not run (the
// grader counts those as not run, and the crash against this one).
func TestUnracedWordCount(t *testing.T) {
	kit.Begin(t)
	unraced(t)
	const workers = 4
	docs := size(8000)
	in := make([]string, docs)
	for i := range in {
		in[i] = strings.Repeat(fmt.Sprintf("w%d w%d shared ", i%97, i%13), 8)
	}
	what := fmt.Sprintf("WordFreq(%d documents, %d)", docs, workers)
	got, ok := kit.Try(t, what, func() map[string]int { return racefix.WordFreq(in, workers) })
	if !ok {
		return
	}
	want := reference.WordFreq(in)
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
