package speedup

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"parlab/grader/suitekit"
	"parlab/grader/tracecall"
)

// Environment variables through which the grader starts a measurement.
const (
	// EnvMeasure set to "1" makes Run measure; otherwise it skips, so the
	// race-detector run of the suite does not time anything.
	EnvMeasure = "PARLAB_SPEEDUP"
	// EnvWorkers is P, the largest worker count.
	EnvWorkers = "PARLAB_WORKERS"
	// EnvAlpha is the exercise's alpha, for deciding on more rounds.
	EnvAlpha = "PARLAB_ALPHA"
)

// Kernel is what an exercise's suite times.
type Kernel[In, Out any] struct {
	// NewInput makes a fresh timing input; it is never timed. Inputs should
	// be large enough for the serial reference to take tens of
	// milliseconds.
	NewInput func(rng *rand.Rand) In
	// Clone copies an input into fresh memory, so the reference and the
	// learner can be checked on equal inputs without sharing warm caches.
	Clone func(In) In
	// Reference is the serial baseline.
	Reference func(In) Out
	// Learner is the learner's code with the given number of workers.
	Learner func(in In, workers int) Out
	// Equal compares the learner's output with the reference's.
	Equal func(got, want Out) bool
	// Describe names the learner's call for messages, e.g.
	// "Parallel(pixels, 2)".
	Describe func(workers int) string
}

// Plan is how much to measure.
type Plan struct {
	Warmups, RepsPerRound, MaxRounds int
	// SlowFactor stops measuring when the learner's code at P workers is
	// this many times slower than the reference: the verdict is clear.
	SlowFactor float64
}

// DefaultPlan is parlab's measurement plan.
var DefaultPlan = Plan{Warmups: 2, RepsPerRound: 10, MaxRounds: maxRounds, SlowFactor: 3}

// Run measures k and prints the samples marker; it skips unless the grader
// asked for a measurement.
func Run[In, Out any](t *testing.T, k Kernel[In, Out]) {
	if tracecall.Requested() { // the grader's diagnosis run (trace.go)
		traceOnce(t, k)
		return
	}
	if os.Getenv(EnvMeasure) != "1" {
		t.Skip("speed is measured only in the grader's speedup run")
	}
	p, _ := strconv.Atoi(os.Getenv(EnvWorkers))
	if p < 1 {
		p = runtime.GOMAXPROCS(0)
	}
	alpha, err := strconv.ParseFloat(os.Getenv(EnvAlpha), 64)
	if err != nil {
		alpha = 0.5
	}
	s := measure(k, p, alpha, DefaultPlan, DefaultThresholds)
	fmt.Println(s.Marker(suitekit.Nonce()))
}

// measure runs rounds of repetitions until the judgement settles.
func measure[In, Out any](k Kernel[In, Out], p int, alpha float64, plan Plan, th Thresholds) *Samples {
	m := &measurer[In, Out]{k: k, p: p, rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)),
		s: &Samples{Workers: WorkerCounts(p), Learner: make([][]time.Duration, len(WorkerCounts(p)))}}
	if !m.warmUp(plan) {
		return m.s
	}
	for m.s.Rounds < plan.MaxRounds {
		m.s.Rounds++
		for range plan.RepsPerRound {
			if !m.rep() {
				return m.s
			}
		}
		if j := th.Judge(m.s, alpha); j.Outcome != Again {
			break
		}
	}
	return m.s
}

type measurer[In, Out any] struct {
	k   Kernel[In, Out]
	p   int
	rng *rand.Rand
	s   *Samples
}

// warmUp runs every item once or twice untimed, and stops early when the learner's code
// is far slower than the reference (lock or atomic per element), which
// would otherwise take minutes to measure.
func (m *measurer[In, Out]) warmUp(plan Plan) bool {
	var ref time.Duration
	for range plan.Warmups {
		ref = m.timeReference(m.k.NewInput(m.rng))
	}
	for range plan.Warmups {
		m.referenceTogether()
	}
	for _, w := range m.s.Workers {
		d, ok := m.timeLearner(w, m.k.NewInput(m.rng), nil)
		if !ok {
			return false
		}
		if w == m.p && float64(d) > plan.SlowFactor*float64(ref) {
			m.s.Reference = append(m.s.Reference, ref)
			for i, w2 := range m.s.Workers {
				d2 := d
				if w2 != m.p {
					d2, _ = m.timeLearner(w2, m.k.NewInput(m.rng), nil)
				}
				m.s.Learner[i] = append(m.s.Learner[i], d2)
			}
			m.s.Cal1 = append(m.s.Cal1, ref)
			m.s.CalP = append(m.s.CalP, m.referenceTogether())
			m.s.Rounds = 1
			m.s.Aborted = fmt.Sprintf("%s took %v, %.1fx as long as the serial reference (%v): its parallel overhead (a goroutine per tiny task, a lock or atomic per element, shared state) costs more than the parallelism gains",
				m.k.Describe(m.p), d.Round(time.Millisecond), float64(d)/float64(ref), ref.Round(time.Millisecond))
			return false
		}
	}
	return true
}

// rep times every item once, in a shuffled order.
func (m *measurer[In, Out]) rep() bool {
	n := len(m.s.Workers)
	items := m.rng.Perm(n + 3) // learner per worker count, then reference, cal1, calP
	var ref, cal1, calP time.Duration
	learner := make([]time.Duration, n)
	ok := true
	for _, it := range items {
		switch {
		case it < n:
			w := m.s.Workers[it]
			var check *Out
			in := m.k.NewInput(m.rng)
			if w == m.p {
				// Time the reference on a clone first (untimed here) so the
				// learner's answer on this input can be checked.
				want := m.k.Reference(m.k.Clone(in))
				check = &want
			}
			learner[it], ok = m.timeLearner(w, in, check)
		case it == n:
			ref = m.timeReference(m.k.NewInput(m.rng))
		case it == n+1:
			cal1 = m.timeReference(m.k.NewInput(m.rng))
		default:
			calP = m.referenceTogether()
		}
		if !ok {
			return false
		}
	}
	m.s.Reference = append(m.s.Reference, ref)
	m.s.Cal1 = append(m.s.Cal1, cal1)
	m.s.CalP = append(m.s.CalP, calP)
	for i := range learner {
		m.s.Learner[i] = append(m.s.Learner[i], learner[i])
	}
	return true
}

// referenceTogether is the calibration: P copies of the serial reference,
// each on its own fresh input, run at the same time. Its wall time divided
// by P is what one input's work takes when the machine runs P such pieces
// at once, so cal1/calP is the speedup this machine delivers right now on
// this very workload (the same instructions, the same memory traffic):
// a perfectly parallel version of the reference. It sees what a generic
// kernel would miss, such as two cores that are hyperthreads of one
// physical core and share its multiplier.
func (m *measurer[In, Out]) referenceTogether() time.Duration {
	inputs := make([]In, m.p)
	for i := range inputs {
		inputs[i] = m.k.NewInput(m.rng)
	}
	runtime.GC()
	var wg sync.WaitGroup
	start := time.Now()
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.k.Reference(in)
		}()
	}
	wg.Wait()
	return time.Since(start) / time.Duration(m.p)
}

func (m *measurer[In, Out]) timeReference(in In) time.Duration {
	runtime.GC()
	start := time.Now()
	m.k.Reference(in)
	return time.Since(start)
}

// timeLearner times one call; with want set it also checks the answer.
func (m *measurer[In, Out]) timeLearner(w int, in In, want *Out) (time.Duration, bool) {
	runtime.GC()
	start := time.Now()
	got := m.k.Learner(in, w)
	d := time.Since(start)
	if want != nil && !m.k.Equal(got, *want) {
		m.s.Wrong = m.k.Describe(w) + " returned a different answer from the serial reference on a fresh random input (an answer cached from an earlier call?)"
		return d, false
	}
	return d, true
}
