package measure

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/trace"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
)

// sumKernel is a tiny kernel whose learner the tests replace. Its learner
// adds in a goroutine: a learner that never starts one is judged serial
// after one repetition.
func sumKernel() Kernel[[]int, int] {
	return Kernel[[]int, int]{
		NewInput:  func(rng *rand.Rand) []int { return []int{rng.IntN(1000), rng.IntN(1000)} },
		Reference: sum,
		Split:     SplitSlice[int],
		Learner: func(xs []int, w int) int {
			sum := make(chan int)
			go func() { sum <- xs[0] + xs[1] }()
			return <-sum
		},
		Equal:    func(a, b int) bool { return a == b },
		Describe: func(w int) string { return fmt.Sprintf("Sum(xs, %d)", w) },
	}
}

// sortKernel is a sorting kernel on n random ints made with Slice, whose
// learner sorts a copy on a goroutine of its own; tests replace parts.
func sortKernel(n int) Kernel[[]int, []int] {
	return Kernel[[]int, []int]{
		NewInput: func(rng *rand.Rand) []int {
			xs := Slice[int](n)
			for i := range xs {
				xs[i] = rng.IntN(1 << 20)
			}
			return xs
		},
		Reference: func(xs []int) []int { return slices.Sorted(slices.Values(xs)) },
		Split:     SplitSlice[int],
		Learner: func(xs []int, w int) []int {
			done := make(chan []int)
			go func() { done <- slices.Sorted(slices.Values(xs)) }()
			return <-done
		},
		Equal:    slices.Equal[[]int],
		Describe: func(w int) string { return fmt.Sprintf("Sort(xs, %d)", w) },
	}
}

// sum is the tiny kernel's reference: it takes the calibration's pieces.
func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// threeReps measures exactly three repetitions.
var (
	threeReps = speedup.Thresholds{MinReps: 3, MaxReps: 3, MinMargin: 0.15, Implausible: 1e9, Noisy: 0.15}
	quickPlan = Plan{Warmups: 1, SlowFactor: 1e9, Settle: 200 * time.Millisecond}
)

// withProcs runs f with GOMAXPROCS = p, as the harness starts the binary,
// once the goroutines of earlier tests have ended.
func withProcs(t *testing.T, p int, f func()) {
	t.Helper()
	defer func(old string) { learnerPrefix = old }(learnerPrefix)
	learnerPrefix = "parlab/grader/suite/lib/measure.spin"
	for len(learnerGoroutines()) > 0 {
		time.Sleep(time.Millisecond)
	}
	old := runtime.GOMAXPROCS(p)
	defer runtime.GOMAXPROCS(old)
	f()
}

func TestMeasureShapes(t *testing.T) {
	withProcs(t, 2, func() {
		s := measure(sumKernel(), 2, 0.5, quickPlan, threeReps)
		if s.Reps() != 3 || fmt.Sprint(s.Workers) != "[1 2]" || len(s.One) != 3 || s.Wrong != "" || s.Tampered != "" {
			t.Fatalf("samples: reps %d, workers %v, one %v, wrong %q, tampered %q", s.Reps(), s.Workers, s.One, s.Wrong, s.Tampered)
		}
	})
}

// TestMeasureTimesTheSameCallOnOneCore: the self-speedup times the very
// call the learner is judged on, under GOMAXPROCS=1, so code that picks
// another algorithm for workers == 1 gains nothing from it; the serial
// reference is timed under GOMAXPROCS=1 as well.
func TestMeasureTimesTheSameCallOnOneCore(t *testing.T) {
	withProcs(t, 2, func() {
		k := sumKernel()
		var calls []string
		k.Learner = func(xs []int, w int) int {
			calls = append(calls, fmt.Sprintf("%d@%d", w, runtime.GOMAXPROCS(0)))
			return xs[0] + xs[1]
		}
		refsOnOne := 0
		k.Reference = func(xs []int) int {
			if runtime.GOMAXPROCS(0) == 1 {
				refsOnOne++
			}
			return sum(xs)
		}
		s := measure(k, 2, 0.5, quickPlan, threeReps)
		got := strings.Join(calls, " ")
		if !strings.Contains(got, "2@1") || strings.Contains(got, "1@1") {
			t.Fatalf("calls (workers@GOMAXPROCS): %s; want the 2-worker call under GOMAXPROCS=1 and nothing else there", got)
		}
		// The serial baseline is timed on one core too: every timed
		// reference run (warm-up and repetitions), none of the others.
		if want := 2 + s.Reps(); refsOnOne != want {
			t.Fatalf("%d reference runs under GOMAXPROCS=1, want %d (2 warm-ups and one per repetition)", refsOnOne, want)
		}
	})
}

// TestMeasureCatches: what the measurement itself finds is a fail. A
// goroutine of the learner's still there after the call counts whether it
// runs or is blocked: a blocked one may be woken by a timer (a burner
// parked on <-time.After passed serial code before) and take the cores
// from the reference and the calibration.
func TestMeasureCatches(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	defer func() { ballast, ints = nil, nil }()
	for _, tc := range []struct {
		name string
		// learner is the learner's code; stop ends what it leaves spinning,
		// closing done what it leaves blocked.
		learner func(stop *atomic.Bool, done chan int) func([]int, int) int
		want    string
	}{
		{"a cached answer", func(*atomic.Bool, chan int) func([]int, int) int {
			return func([]int, int) int { return 42 }
		}, "Sum(xs, 2) returned a different answer"},
		{"GOMAXPROCS changed in a call", func(*atomic.Bool, chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				runtime.GOMAXPROCS(1)
				return xs[0] + xs[1]
			}
		}, "changed GOMAXPROCS from 2 to 1"},
		{"the process's allocation sampling changed in a call", func(*atomic.Bool, chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				runtime.MemProfileRate = 2048
				return xs[0] + xs[1]
			}
		}, "changed runtime.MemProfileRate from"},
		{"a goroutine left spinning", func(stop *atomic.Bool, _ chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				spinStart(stop)
				return xs[0] + xs[1]
			}
		}, "goroutines it started were still there"},
		{"a goroutine left blocked forever", func(_ *atomic.Bool, done chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				go spinBlocked(done)
				return xs[0] + xs[1]
			}
		}, "were still there (a goroutine [chan receive] in measure.spinBlocked"},
		{"a goroutine left parked on a timer", func(_ *atomic.Bool, done chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				go spinAfter(time.Hour, done)
				return xs[0] + xs[1]
			}
		}, "were still there (a goroutine [select] in measure.spinAfter"},
		// A list of pointers kept between calls, its size drawn anew each
		// call: every collection the reference's allocations trigger marks
		// it, and its time swings (a submission skipped faster so).
		{"pointers kept reachable between calls", func(*atomic.Bool, chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				ballast = nil
				for range 1<<18 + xs[0] {
					ballast = &node{next: ballast}
				}
				return xs[0] + xs[1]
			}
		}, "MiB of memory holding pointers reachable between calls"},
		// Memory without pointers the collector never marks, but the heap
		// it leaves sets how often it runs (a slice of 0, 128 or 256 MiB,
		// drawn anew each call, had barely parallel code skipped).
		{"memory kept reachable between calls", func(*atomic.Bool, chan int) func([]int, int) int {
			return func(xs []int, w int) int {
				ints = make([]int, 9<<20+xs[0])
				return xs[0] + xs[1]
			}
		}, "MiB of memory reachable between calls"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stop atomic.Bool
			defer stop.Store(true)
			done := make(chan int)
			defer close(done)
			withProcs(t, 2, func() {
				k := sumKernel()
				k.Learner = tc.learner(&stop, done)
				s := measure(k, 2, 0.5, quickPlan, threeReps)
				if got := s.Wrong + s.Tampered; !strings.Contains(got, tc.want) {
					t.Fatalf("got %q, want %q", got, tc.want)
				}
				if j := speedup.DefaultThresholds.Judge(s, 0.5); j.Outcome != speedup.Fail {
					t.Fatalf("judged %s: %s", j.Outcome, j.Reason)
				}
			})
		})
	}
}

// node and ballast are a learner's list of pointers kept between calls.
type node struct{ next *node }

var ballast *node

// ints is a learner's slice, without pointers, kept between calls.
var ints []int

// TestMeasureLetsGarbageGo: what a call allocates and drops, pointers
// and all, is the call's own cost and never taken for memory kept.
func TestMeasureLetsGarbageGo(t *testing.T) {
	withProcs(t, 2, func() {
		k := sumKernel()
		k.Learner = func(xs []int, w int) int {
			var list *node
			for range 1 << 18 {
				list = &node{next: list}
			}
			sum := make(chan int)
			go func() { sum <- xs[0] + xs[1] }()
			runtime.KeepAlive(list)
			return <-sum
		}
		if s := measure(k, 2, 0.5, quickPlan, threeReps); s.Tampered != "" || s.Reps() != 3 {
			t.Fatalf("tampered %q after %d repetitions", s.Tampered, s.Reps())
		}
	})
}

// TestMeasureCatchesGoroutinesBeforeTheFirstCall: goroutines of the
// learner's package that run before any call (started in init) would take
// CPU from the calibration and make a fail look like a busy machine.
func TestMeasureCatchesGoroutinesBeforeTheFirstCall(t *testing.T) {
	var stop atomic.Bool
	defer stop.Store(true)
	withProcs(t, 2, func() {
		spinStart(&stop)
		s := measure(sumKernel(), 2, 0.5, quickPlan, threeReps)
		if !strings.Contains(s.Tampered, "before it was first called") || !strings.Contains(s.Tampered, "measure.spin") || !strings.Contains(s.Tampered, "measure_test.go:") {
			t.Fatalf("tampered = %q", s.Tampered)
		}
	})
}

// TestTimeOwnCatchesLearnerGoroutines: code of the learner's running while
// the harness times its own (a timer's function, left by a call) fails
// the measurement, whether it was there as the timing began or started
// during it.
func TestTimeOwnCatchesLearnerGoroutines(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, while bool
	}{
		{"there as the timing began", true, false},
		{"started during the timing", false, true},
		{"none", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stop atomic.Bool
			defer stop.Store(true)
			withProcs(t, 2, func() {
				m := &measurer[[]int, int]{s: &contract.Samples{}, baseline: runtime.NumGoroutine(), plan: Plan{Settle: time.Millisecond}}
				if tc.before {
					spinStart(&stop)
				}
				m.timeOwn("the serial reference", 0, func() {
					if tc.while {
						spinStart(&stop)
					}
				})
				caught := strings.Contains(m.s.Tampered, "while the grader timed the serial reference") && strings.Contains(m.s.Tampered, "measure.spin")
				if want := tc.before || tc.while; caught != want {
					t.Errorf("tampered = %q, want caught %v", m.s.Tampered, want)
				}
			})
		})
	}
}

// TestTimeOwnCatchesStrayStarts: goroutines started during the harness's
// own timing that it did not start (a timer the learner's code armed,
// firing on a goroutine of the runtime's) fail the measurement the second
// time; the first is forgiven, as the runtime may start one of its own.
func TestTimeOwnCatchesStrayStarts(t *testing.T) {
	withProcs(t, 2, func() {
		m := &measurer[[]int, int]{s: &contract.Samples{}, baseline: runtime.NumGoroutine(), plan: Plan{Settle: time.Millisecond}}
		var wg sync.WaitGroup
		stray := func() {
			wg.Add(1)
			go func() { defer wg.Done() }() // not a learner's: no frame under learnerPrefix
			wg.Wait()
		}
		m.timeOwn("the calibration", 1, stray) // its own one
		if m.s.Tampered != "" {
			t.Fatalf("the calibration's own goroutine: tampered = %q", m.s.Tampered)
		}
		m.timeOwn("the serial reference", 0, stray)
		if m.s.Tampered != "" {
			t.Fatalf("the first stray start: tampered = %q", m.s.Tampered)
		}
		m.timeOwn("the serial reference", 0, stray)
		if !strings.Contains(m.s.Tampered, "while the grader timed the serial reference") || !strings.Contains(m.s.Tampered, "(2 times)") {
			t.Fatalf("the second stray start: tampered = %q", m.s.Tampered)
		}
	})
}

// TestMeasureCatchesGOMAXPROCSFromInit: the harness starts the binary with
// GOMAXPROCS = P; a different value at the start was set by the learner's
// package initialisation.
func TestMeasureCatchesGOMAXPROCSFromInit(t *testing.T) {
	withProcs(t, 1, func() {
		s := measure(sumKernel(), 2, 0.5, quickPlan, threeReps)
		if !strings.Contains(s.Tampered, "GOMAXPROCS was 1, not 2") {
			t.Fatalf("tampered = %q", s.Tampered)
		}
	})
}

// spinStart starts spin as a learner's code would. Its name matters: a
// goroutine running on another thread shows only its creator in a trace.
func spinStart(stop *atomic.Bool) { go spin(stop) }

// spin is a learner's busy goroutine, until stop.
func spin(stop *atomic.Bool) {
	for !stop.Load() {
	}
}

// spinAfter is a learner's goroutine that wakes after d (to burn CPU
// while the reference runs, say), or when done is closed.
func spinAfter(d time.Duration, done chan int) {
	select {
	case <-time.After(d):
	case <-done:
	}
}

func spinBlocked(c chan int) { <-c }

func TestIsLearners(t *testing.T) {
	for fn, want := range map[string]bool{
		"parlab/exercises/histogram.init.0.func1()":                     true,
		"parlab/exercises/histogram.Parallel.gowrap1 in goroutine 7":    true,
		"parlab/exercises/histogram_test.TestSpeedup(0xc000102000)":     false,
		"parlab/grader/suite/lib/measure.measure[...](...)":             false,
		"testing.tRunner(0xc000003a00, 0x5d1e20)":                       false,
		"parlab/exercises/mergesort.Sort.func1(...)":                    true,
		"parlab/exercises/mergesort_test.TestMain.func1 in goroutine 1": false,
	} {
		if got := isLearners(fn); got != want {
			t.Errorf("isLearners(%q) = %v, want %v", fn, got, want)
		}
	}
}

// TestMeasureAbortsOnlyOnConfirmedSlowness: a learner call slowed once by
// a burst of load does not end the measurement; code slow on both tries
// does.
func TestMeasureAbortsOnlyOnConfirmedSlowness(t *testing.T) {
	plan := Plan{Warmups: 1, SlowFactor: 5, Settle: 200 * time.Millisecond}
	k := sumKernel()
	k.Reference = func(xs []int) int { time.Sleep(time.Millisecond); return sum(xs) }
	for _, tc := range []struct {
		name    string
		slow    func(call int) bool // which P-worker calls are slow
		aborted bool
	}{
		{"one burst", func(call int) bool { return call == 1 }, false},
		{"always slow", func(int) bool { return true }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			withProcs(t, 2, func() {
				calls := 0
				k.Learner = func(xs []int, w int) int {
					if w == 2 && runtime.GOMAXPROCS(0) == 2 {
						calls++
						if tc.slow(calls) {
							time.Sleep(300 * time.Millisecond) // 300x the reference: robust to load
						}
					}
					return xs[0] + xs[1]
				}
				s := measure(k, 2, 0.5, plan, threeReps)
				if got := s.Aborted != ""; got != tc.aborted {
					t.Fatalf("aborted %v (%q), want %v", got, s.Aborted, tc.aborted)
				}
			})
		})
	}
}

// TestMeasureCountsTheJudgedCallsGoroutines: the goroutines the judged
// call starts are counted in every repetition, and serial code stops the
// measurement after its first repetition with a fail.
func TestMeasureCountsTheJudgedCallsGoroutines(t *testing.T) {
	withProcs(t, 2, func() {
		s := measure(sumKernel(), 2, 0.5, quickPlan, threeReps)
		if len(s.Started) != s.Reps() || slices.Contains(s.Started, 0) {
			t.Fatalf("a learner that starts a goroutine per call: counts %v over %d repetitions", s.Started, s.Reps())
		}
		k := sumKernel()
		k.Learner = func(xs []int, w int) int { return xs[0] + xs[1] }
		s = measure(k, 2, 0.5, quickPlan, threeReps)
		if s.Reps() != 1 || !slices.Equal(s.Started, []uint64{0}) {
			t.Fatalf("serial code: %d repetitions, counts %v; want one repetition counting 0", s.Reps(), s.Started)
		}
		if j := threeReps.Judge(s, 0.5); j.Outcome != speedup.Fail {
			t.Errorf("serial code judged %s: %s", j.Outcome, j.Reason)
		}
	})
}

func TestSplitSlice(t *testing.T) {
	for _, tc := range []struct {
		n, parts int
		want     []int // lengths
	}{
		{8, 2, []int{4, 4}},
		{7, 2, []int{3, 4}},
		{10, 4, []int{2, 3, 2, 3}},
		{3, 4, []int{0, 1, 1, 1}},
		{5, 1, []int{5}},
	} {
		xs := make([]int, tc.n)
		for i := range xs {
			xs[i] = i
		}
		pieces := SplitSlice(xs, tc.parts)
		var lens, joined []int
		for _, p := range pieces {
			lens = append(lens, len(p))
			joined = append(joined, p...)
		}
		if !slices.Equal(lens, tc.want) || !slices.Equal(joined, xs) {
			t.Errorf("SplitSlice(%d items, %d) = lengths %v, joined %v; want lengths %v covering the slice in order", tc.n, tc.parts, lens, joined, tc.want)
		}
	}
}

// TestCalibrationRunsPiecesAtOnce: the calibration runs the reference on
// one input cut into P pieces, under GOMAXPROCS = P, every piece once.
func TestCalibrationRunsPiecesAtOnce(t *testing.T) {
	withProcs(t, 2, func() {
		k := sumKernel()
		var mu sync.Mutex
		pieces := 0
		k.Reference = func(xs []int) int {
			if len(xs) == 1 {
				mu.Lock()
				pieces++
				if procs := runtime.GOMAXPROCS(0); procs != 2 {
					t.Errorf("a calibration piece ran under GOMAXPROCS=%d, want 2", procs)
				}
				mu.Unlock()
			}
			return sum(xs)
		}
		s := measure(k, 2, 0.5, quickPlan, threeReps)
		if want := 2 * (quickPlan.Warmups + s.Reps()); pieces != want {
			t.Errorf("the reference ran on %d pieces of one element, want %d (2 per calibration: %d warm-ups and %d repetitions)", pieces, want, quickPlan.Warmups, s.Reps())
		}
	})
}

// TestMeasureChecksTheAnswerOnTheReferencesInput: the judged call's answer
// is checked against the timed reference's own answer, on an equal input
// of the same repetition, so the reference runs once per repetition (and
// twice to warm up), never once more for the answer.
func TestMeasureChecksTheAnswerOnTheReferencesInput(t *testing.T) {
	withProcs(t, 2, func() {
		k := sumKernel()
		var judged, refs [][]int
		k.Learner = func(xs []int, w int) int {
			if w == 2 && runtime.GOMAXPROCS(0) == 2 {
				judged = append(judged, slices.Clone(xs))
			}
			got := make(chan int)
			go func() { got <- sum(xs) }()
			defer func() { xs[0], xs[1] = -1, -1 }() // the learner may change its copy
			return <-got
		}
		k.Reference = func(xs []int) int {
			if len(xs) == 2 {
				refs = append(refs, slices.Clone(xs))
			}
			return sum(xs)
		}
		s := measure(k, 2, 0.5, quickPlan, threeReps)
		if s.Wrong != "" || s.Reps() != 3 {
			t.Fatalf("wrong %q after %d repetitions", s.Wrong, s.Reps())
		}
		if want := 2 + s.Reps(); len(refs) != want {
			t.Fatalf("the reference ran %d times on whole inputs, want %d (2 warm-ups and one per repetition)", len(refs), want)
		}
		// The warm-up's P-worker call comes first, then one per repetition.
		for r := range s.Reps() {
			if got, want := judged[1+r], refs[2+r]; !slices.Equal(got, want) {
				t.Errorf("repetition %d: the judged call got %v, the timed reference %v: want equal inputs", r, got, want)
			}
		}
	})
}

func TestFill(t *testing.T) {
	withProcs(t, 2, func() {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			var mu sync.Mutex
			hits := make([]int, n)
			ranges := 0
			Fill(n, func(lo, hi int) {
				mu.Lock()
				defer mu.Unlock()
				ranges++
				for i := lo; i < hi; i++ {
					hits[i]++
				}
			})
			if slices.ContainsFunc(hits, func(h int) bool { return h != 1 }) {
				t.Errorf("Fill(%d): items filled %v times, want each once", n, hits)
			}
			if want := max(min(2, n), 1); ranges != want {
				t.Errorf("Fill(%d) made %d ranges, want %d (one per core)", n, ranges, want)
			}
		}
	})
}

// TestMeasureTracesATimedCallAtRandom: every call of the learner's code
// runs under the tracer, and the trace written is that of one of the
// judged calls the measurement timed (P workers on P cores), chosen at
// random: no extra call is made for it, and nothing a call can see tells
// the kept one apart (the goroutines it sees are the same in every call).
// A submission that read runtime.GoroutineProfile ran a parallel sort only
// in the one traced call, made after the timings, and passed with serial
// code.
func TestMeasureTracesATimedCallAtRandom(t *testing.T) {
	withProcs(t, 2, func() {
		plan := quickPlan
		plan.Trace = contract.TraceRequest{Path: filepath.Join(t.TempDir(), "call.trace"), Window: time.Second}
		k := sumKernel()
		learner := k.Learner
		var seen []string
		judged := 0
		k.Learner = func(xs []int, w int) int {
			seen = append(seen, fmt.Sprintf("%d@%d:%d", w, runtime.GOMAXPROCS(0), runtime.NumGoroutine()))
			if w == 2 && runtime.GOMAXPROCS(0) == 2 {
				// A mark in this call's trace, if it is traced.
				trace.Log(context.Background(), "test", fmt.Sprintf("judged-call-%03d;", judged))
				judged++
			}
			return learner(xs, w)
		}
		kept := map[int]int{}
		const measurements = 12
		for range measurements {
			seen, judged = nil, 0
			os.Remove(plan.Trace.Path)
			s := measure(k, 2, 0.5, plan, threeReps)
			if s.Wrong != "" || s.Tampered != "" {
				t.Fatalf("measurement: wrong %q, tampered %q", s.Wrong, s.Tampered)
			}
			if want := plan.Warmups + s.Reps(); judged != want {
				t.Fatalf("%d judged calls, want %d (one in the warm-up, one per repetition): the trace took a call of its own", judged, want)
			}
			data, err := os.ReadFile(plan.Trace.Path)
			if err != nil {
				t.Fatalf("no trace: %v", err)
			}
			which := -1
			for i := range judged {
				if bytes.Contains(data, fmt.Appendf(nil, "judged-call-%03d;", i)) {
					if which >= 0 {
						t.Fatalf("the trace holds judged calls %d and %d", which, i)
					}
					which = i
				}
			}
			if which < 0 {
				t.Fatal("the trace holds none of the judged calls")
			}
			kept[which]++
			for _, c := range seen {
				if _, n, _ := strings.Cut(c, ":"); !strings.HasSuffix(seen[0], ":"+n) {
					t.Fatalf("the calls saw different numbers of goroutines: %v", seen)
				}
			}
		}
		// Uniform over 4 judged calls, the same one 12 times in a row has
		// a chance of 6e-7.
		if len(kept) < 2 {
			t.Errorf("the trace was of the same judged call in all %d measurements: %v", measurements, kept)
		}

		// Far slower than the reference: aborted in the warm-up, and
		// traced for the diagnosis of why.
		os.Remove(plan.Trace.Path)
		slow := plan
		slow.SlowFactor = 1e-9
		if s := measure(k, 2, 0.5, slow, threeReps); s.Aborted == "" {
			t.Fatal("the measurement was not aborted")
		}
		if _, err := os.Stat(plan.Trace.Path); err != nil {
			t.Errorf("an aborted measurement traced no call: %v", err)
		}

		os.Remove(plan.Trace.Path)
		k.Equal = func(int, int) bool { return false }
		if s := measure(k, 2, 0.5, plan, threeReps); s.Wrong == "" {
			t.Fatal("a wrong answer was not found")
		}
		if _, err := os.Stat(plan.Trace.Path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a wrong answer's measurement wrote a trace: %v", err)
		}
	})
}

// TestMeasureChoosesAmongOversizedTraces: a judged call whose trace is
// too large to keep is still one the trace is chosen from, and then no
// trace is written (the grader lets no pass stand without one): code that
// flooded the tracer in its serial calls must not make the one checked
// always a call of its choice.
func TestMeasureChoosesAmongOversizedTraces(t *testing.T) {
	defer func(limit int) { maxKeptTrace = limit }(maxKeptTrace)
	maxKeptTrace = 256 << 10
	withProcs(t, 2, func() {
		plan := quickPlan
		plan.Trace = contract.TraceRequest{Path: filepath.Join(t.TempDir(), "call.trace"), Window: time.Second}
		k := sumKernel()
		learner := k.Learner
		judged := 0
		k.Learner = func(xs []int, w int) int {
			if w == 2 && runtime.GOMAXPROCS(0) == 2 {
				if judged > 0 { // every judged call but the first floods the tracer
					for range 100_000 {
						runtime.Gosched()
					}
				}
				judged++
			}
			return learner(xs, w)
		}
		written := 0
		const measurements = 8
		for range measurements {
			judged = 0
			os.Remove(plan.Trace.Path)
			if s := measure(k, 2, 0.5, plan, threeReps); s.Wrong != "" || s.Tampered != "" {
				t.Fatalf("measurement: wrong %q, tampered %q", s.Wrong, s.Tampered)
			}
			if _, err := os.Stat(plan.Trace.Path); err == nil {
				written++
			}
		}
		// The clean call is one of 4: chosen 8 times in a row, 2e-5.
		if written == measurements {
			t.Errorf("a trace was written in all %d measurements: the flooded calls were never the one chosen", measurements)
		}
	})
}

// TestMeasureStopsWaitingForARunawayCall: a warm-up call that has not
// returned after BoundFactor times the reference's time is not waited
// for: the measurement stops at once with the far-too-slow verdict, how
// many goroutines the call had started, and no trace of another call
// (issue 29: a goroutine per pixel ran the timing run out of time).
func TestMeasureStopsWaitingForARunawayCall(t *testing.T) {
	withProcs(t, 2, func() {
		release := make(chan struct{})
		var wg sync.WaitGroup
		defer func() { close(release); wg.Wait() }()
		plan := quickPlan
		// A second: long enough for the call to start its goroutines under
		// the race detector and the tracer on a busy machine.
		plan.BoundFactor, plan.MinBound = 20, time.Second
		plan.Trace = contract.TraceRequest{Path: filepath.Join(t.TempDir(), "call.trace"), Window: time.Second}
		k := sumKernel()
		k.Reference = func(xs []int) int { time.Sleep(time.Millisecond); return sum(xs) }
		k.Learner = func(xs []int, w int) int {
			for range 5000 { // a goroutine per element, each slow to end
				wg.Add(1)
				go func() { defer wg.Done(); <-release }()
			}
			wg.Wait()
			return sum(xs)
		}
		start := time.Now()
		s := measure(k, 2, 0.5, plan, threeReps)
		if !strings.Contains(s.Aborted, "had not returned on one core after") || !strings.Contains(s.Aborted, "too many goroutines: it had started") {
			t.Fatalf("aborted %q", s.Aborted)
		}
		if s.Reps() != 0 {
			t.Errorf("%d repetitions timed after a runaway call", s.Reps())
		}
		if _, err := os.Stat(plan.Trace.Path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a runaway call's measurement traced another call: %v", err)
		}
		t.Logf("stopped after %v: %s", time.Since(start).Round(time.Millisecond), s.Aborted)
	})
}

// TestRunawayMessageSaysWhere: a call given up on that started few
// goroutines (a lock or an atomic per element) is not traced, so the
// message names where the learner's goroutines were when it stopped: the
// line they queue on; with none found it says only the cause.
func TestRunawayMessageSaysWhere(t *testing.T) {
	const where = "2 goroutines in sync.Mutex.Lock at histogram.go:29 (Parallel.func1)"
	got := runawayMessage("Parallel(pixels, 2)", 2, 2*time.Second, 100*time.Millisecond, 3, true, 1000, where)
	want := "Parallel(pixels, 2) had not returned after 2s, 20x as long as the serial reference (100ms), so the grader stopped waiting for it: " +
		"its parallel overhead (a lock, an atomic or a channel operation per element, shared state) costs more than the parallelism gains. Where your goroutines were then: " + where
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := runawayMessage("Parallel(pixels, 2)", 2, 2*time.Second, 100*time.Millisecond, 3, true, 1000, ""); strings.Contains(got, "Where") {
		t.Errorf("no goroutine found, yet: %q", got)
	}
}

// TestMeasureComparesTheJudgedAnswerAsReturned: the judged call's answer
// is compared at the end of its repetition, after the learner's other
// calls, so what is compared is a copy made when the call returned, not
// the memory the learner still holds (a merge sort returned zeros and
// filled them in during its next call, and passed faster).
func TestMeasureComparesTheJudgedAnswerAsReturned(t *testing.T) {
	withProcs(t, 2, func() {
		var returned [][]int
		k := sortKernel(2)
		learner := k.Learner
		k.Learner = func(xs []int, w int) []int {
			out := learner(xs, w)
			returned = append(returned, out)
			return out
		}
		k.Equal = func(got, want []int) bool {
			for _, r := range returned {
				if &r[0] == &got[0] {
					t.Errorf("the answer compared is the memory the call returned, which the learner can still change")
				}
			}
			return slices.Equal(got, want)
		}
		if s := measure(k, 2, 0.5, quickPlan, threeReps); s.Wrong != "" || s.Tampered != "" || s.Reps() != 3 {
			t.Fatalf("wrong %q, tampered %q, %d repetitions", s.Wrong, s.Tampered, s.Reps())
		}
	})
}

func TestFrozen(t *testing.T) {
	xs := []int{1, 2, 3}
	f := frozen(xs)
	xs[0] = 9
	m := map[string]int{"a": 1}
	g := frozen(m)
	m["a"] = 9
	if f[0] != 1 || len(f) != 3 || g["a"] != 1 || len(g) != 1 {
		t.Errorf("frozen kept a change made after it: %v, %v", f, g)
	}
	if frozen([]int(nil)) != nil || frozen(map[string]int(nil)) != nil || frozen([2]int{1, 2}) != [2]int{1, 2} || frozen(int64(7)) != 7 {
		t.Error("frozen changed a nil slice or map, an array or a number")
	}
}
