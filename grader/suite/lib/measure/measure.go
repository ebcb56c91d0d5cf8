package measure

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/tracecall"
)

// Kernel is what an exercise's suite times.
type Kernel[In, Out any] struct {
	// NewInput makes a fresh timing input from rng; it is never timed, but
	// runs before every timed call, so it must be quick beside the
	// reference (see Fill). The same rng state must make the same input
	// (the judged call and the timed reference get equal inputs, and the
	// answers are compared). Inputs should be large enough for the serial
	// reference to take tens of milliseconds.
	NewInput func(rng *rand.Rand) In
	// Reference is the serial baseline.
	Reference func(In) Out
	// Split cuts an input into parts pieces that Reference can process
	// independently, together covering the input's work (a slice's equal
	// ranges, a point count's shares): the calibration runs Reference on
	// the pieces at once, a perfectly parallel version of the same work
	// on an input of the same size. Reference must not modify its input.
	Split func(in In, parts int) []In
	// Learner is the learner's code with the given number of workers.
	Learner func(in In, workers int) Out
	// Equal compares the learner's output with the reference's.
	Equal func(got, want Out) bool
	// Verify, when set, checks the output of every learner call on its
	// input, at every worker count and under GOMAXPROCS=1 too (Equal
	// compares only the judged call's): the exercise's countable work,
	// such as the points drawn, must be the same in each. It says what is
	// wrong, or "" when nothing is.
	Verify func(in In, got Out) string
	// Describe names the learner's call for messages, e.g.
	// "Parallel(pixels, 2)".
	Describe func(workers int) string
}

// Plan is how much to measure.
type Plan struct {
	// Warmups is how many untimed runs of every item come first.
	Warmups int
	// SlowFactor stops measuring when the learner's code at P workers is
	// this many times slower than the reference: the verdict is clear.
	SlowFactor float64
	// BoundFactor bounds every warm-up call: one that has not returned
	// after this many times the reference's time (and MinBound) is not
	// waited for. Its verdict is the far-too-slow one, without waiting
	// minutes for a goroutine per pixel to end.
	BoundFactor float64
	// MinBound is the least time a warm-up call is waited for.
	MinBound time.Duration
	// Settle is how long the learner's goroutines may still exist after
	// a call has returned (a worker between wg.Done and its return) before
	// they count as left between calls.
	Settle time.Duration
	// Trace, when its Path is set, has every call of the learner's code
	// traced, and one judged call (P workers on P cores) chosen at random
	// among them written there once the measurement is done, unless the
	// code answered wrong or tampered with it (trace.go).
	Trace contract.TraceRequest
}

// DefaultPlan is parlab's measurement plan; how many repetitions it takes
// is the judge's sequential decision (MinReps to MaxReps).
var DefaultPlan = Plan{Warmups: 1, SlowFactor: 5, BoundFactor: 20, MinBound: 2 * time.Second, Settle: 2 * time.Second}

// Run measures k and hands the samples to the grader; it skips unless the
// grader asked for a measurement, and writes the trace of one of the timed
// calls when the grader asked for a trace too (trace.go).
func Run[In, Out any](t *testing.T, k Kernel[In, Out]) {
	if k.Split == nil {
		t.Fatal("the suite's measure.Kernel has no Split: the calibration needs it")
	}
	if os.Getenv(contract.MeasureEnv) != "1" {
		t.Skip("speed is measured only in the grader's speedup run")
	}
	p, _ := strconv.Atoi(os.Getenv(contract.WorkersEnv))
	if p < 1 {
		p = runtime.GOMAXPROCS(0)
	}
	alpha, err := strconv.ParseFloat(os.Getenv(contract.AlphaEnv), 64)
	if err != nil {
		alpha = 0.5
	}
	plan := DefaultPlan
	if contract.TraceRequested() {
		plan.Trace = contract.TraceRequestFromEnv()
	}
	s := measure(k, p, alpha, plan, speedup.DefaultThresholds)
	kit.Emit(contract.SampleKind, s)
}

// measure runs repetitions until the judgement settles (the thresholds'
// sequential decision) or MaxReps is reached; when the plan asks for a
// trace, every call of the learner's code is traced and, unless the code
// answered wrong or tampered with the measurement, one judged call chosen
// at random is written for the grader (trace.go).
func measure[In, Out any](k Kernel[In, Out], p int, alpha float64, plan Plan, th speedup.Thresholds) *contract.Samples {
	ws := contract.WorkerCounts(p)
	m := &measurer[In, Out]{k: k, p: p, plan: plan, rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)),
		s: &contract.Samples{Workers: ws, Learner: make([][]time.Duration, len(ws))}}
	// The harness started this process with GOMAXPROCS = P: anything else
	// now was set by the learner's package initialisation.
	if got := runtime.GOMAXPROCS(0); got != p {
		m.s.Tampered = fmt.Sprintf("GOMAXPROCS was %d, not %d, before your code was first called: your package's initialisation changed it. Leave GOMAXPROCS alone; take the worker count you are given", got, p)
		return m.s
	}
	if gs := learnerGoroutines(); len(gs) > 0 {
		m.s.Tampered = fmt.Sprintf("goroutines of your code were running before it was first called (%s): start goroutines only inside your functions, and let them end before they return", strings.Join(gs, "; "))
		return m.s
	}
	if plan.Trace.Path != "" {
		// The tracer and its CPU profile run for the whole measurement
		// (trace.go): their goroutines are part of the baseline.
		stop, err := tracecall.StartProfile()
		if err == nil {
			defer stop()
			m.rec, err = tracecall.StartRecorder(traceReach(plan.Trace.Window), maxKeptTrace)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "parlab: no trace of the call:", err)
			m.plan.Trace.Path = ""
		} else {
			defer m.rec.Stop()
		}
	}
	m.baseline, m.memRate = runtime.NumGoroutine(), runtime.MemProfileRate
	m.startHeap()
	inputs.begin()
	defer inputs.end()
	if m.warmUp() {
		for m.s.Reps() < th.MaxReps && m.rep() {
			if j := th.Judge(m.s, alpha); j.Outcome != speedup.Again {
				break
			}
		}
	}
	// A call far slower than the reference (Aborted) was traced too: the
	// diagnosis says why; not one that was left running (runaway), whose
	// message says it.
	if m.plan.Trace.Path != "" && m.s.Wrong == "" && m.s.Tampered == "" && !m.runaway {
		m.writeTrace()
	}
	return m.s
}

type measurer[In, Out any] struct {
	k        Kernel[In, Out]
	p        int
	plan     Plan
	rng      *rand.Rand
	s        *contract.Samples
	baseline int // goroutines before the learner's first call
	// strays counts the timings of the harness's own code during which
	// goroutines started that it did not start (timeOwn).
	strays int
	// runaway is set when a warm-up call was left running past its bound:
	// nothing more is timed or traced, and the process ends.
	runaway bool
	// memRate is runtime.MemProfileRate before the learner's first call:
	// the process's allocation sampling, which slows the allocating
	// reference when set low (the honest check refuses the name too).
	memRate int
	// kept is the trace of the judged call chosen so far, one of the
	// judgedSeen judged calls, each chosen with the same chance
	// (trace.go); refAlloc is what the reference's last timed run
	// allocated.
	kept       []byte
	keptWhy    string // why kept is nil when the chosen call has no trace
	judgedSeen int
	refAlloc   uint64
	// rec is the tracer, running for the whole measurement when the
	// plan asks for a trace (trace.go).
	rec *tracecall.Recorder
	// scanStart and liveStart are the scannable and the live heap before
	// the learner's code was first called, when heapKnown (retained.go).
	scanStart, liveStart uint64
	heapKnown            bool
	// lastCPU is the CPU time the process used during the last call of
	// the learner's code or the reference, when cpuKnown (processCPU).
	lastCPU  time.Duration
	cpuKnown bool
}

// item is one timed run of a repetition.
type item struct {
	kind    int // itemLearner, itemOne, itemReference or itemCal
	workers int // for itemLearner: index into Workers
}

const (
	itemLearner = iota
	itemOne
	itemReference
	itemCal
)

// warmUp runs every item untimed, and stops early when the learner's code
// is far slower than the reference (a lock or atomic per element), which
// would otherwise take minutes to measure. That verdict stands on the
// faster of two learner runs against the slower of two reference runs, so
// a burst of load on one run cannot cause it.
func (m *measurer[In, Out]) warmUp() bool {
	var refs []time.Duration
	for range max(m.plan.Warmups, 2) {
		d, _ := m.timeReference(m.warmUpInput())
		refs = append(refs, d)
	}
	ref := slices.Max(refs)
	bound := max(time.Duration(m.plan.BoundFactor*float64(ref)), m.plan.MinBound)
	for range m.plan.Warmups {
		inputs.recycle() // the calibration makes its own input
		m.referenceTogether()
		if _, ok := m.boundedLearner(m.p, 1, m.warmUpInput(), ref, bound); !ok {
			return false
		}
	}
	for _, w := range m.s.Workers {
		d, ok := m.boundedLearner(w, m.p, m.warmUpInput(), ref, bound)
		if !ok {
			return false
		}
		if w != m.p || float64(d) <= m.plan.SlowFactor*float64(ref) {
			continue
		}
		again, ok := m.boundedLearner(w, m.p, m.warmUpInput(), ref, bound)
		if !ok {
			return false
		}
		if d = min(d, again); float64(d) > m.plan.SlowFactor*float64(ref) {
			m.s.Aborted = fmt.Sprintf("%s took %v, %.1fx as long as the serial reference (%v): its parallel overhead (a goroutine per tiny task, a lock or atomic per element, shared state) costs more than the parallelism gains",
				m.k.Describe(m.p), d.Round(time.Millisecond), float64(d)/float64(ref), ref.Round(time.Millisecond))
			return false
		}
	}
	return true
}

// warmUpInput is a fresh input for a warm-up run. Nothing a warm-up run
// answers is kept, so it may have the memory of every input before it.
func (m *measurer[In, Out]) warmUpInput() In {
	inputs.recycle()
	return m.k.NewInput(m.rng)
}

// rep times every item once, in a shuffled order: the learner at every
// worker count, the learner's P-worker call under GOMAXPROCS=1, the
// reference and the calibration. The learner's P-worker answer is checked
// against the timed reference's: the two get equal inputs, made from the
// repetition's seed, so the check costs no extra run of the reference.
func (m *measurer[In, Out]) rep() bool {
	// The last repetition's answers were compared: its inputs' memory is
	// free, and this one's inputs each get memory of their own, so the
	// judged call's answer still has its input's at the comparison.
	inputs.recycle()
	r := repetition[Out]{learner: make([]time.Duration, len(m.s.Workers)), seed: m.rng.Uint64()}
	for _, it := range m.shuffledItems() {
		if !m.run(it, &r) {
			return false
		}
	}
	if !m.k.Equal(r.got, r.want) {
		m.s.Wrong = m.k.Describe(m.p) + " returned a different answer from the serial reference on a fresh random input (an answer cached from an earlier call, or one finished after the call had returned?)"
		return false
	}
	if r.counted {
		m.s.Started = append(m.s.Started, r.started...)
	}
	m.s.Reference = append(m.s.Reference, r.ref)
	m.s.One = append(m.s.One, r.one)
	if m.cpuKnown {
		m.s.JudgedCPU = append(m.s.JudgedCPU, r.judgedCPU)
		m.s.OneCPU = append(m.s.OneCPU, r.oneCPU)
		m.s.ReferenceCPU = append(m.s.ReferenceCPU, r.refCPU)
	}
	m.s.CalP = append(m.s.CalP, r.calP)
	for i := range r.learner {
		m.s.Learner[i] = append(m.s.Learner[i], r.learner[i])
	}
	return true
}

// repetition is what one repetition measured, kept only once it is whole.
type repetition[Out any] struct {
	learner        []time.Duration // per worker count
	one, ref, calP time.Duration
	// judgedCPU, oneCPU and refCPU are the CPU time the process used
	// during the judged call, the same call on one core, and the timed
	// reference.
	judgedCPU, oneCPU, refCPU time.Duration
	// seed makes the judged call's input and, separately, an equal one
	// for the timed reference, whose answer is the one to match.
	seed      uint64
	started   []uint64 // the judged call's goroutines, when counted
	counted   bool
	got, want Out // the judged call's answer and the reference's
}

// shuffledItems lists a repetition's items in a fresh random order.
func (m *measurer[In, Out]) shuffledItems() []item {
	n := len(m.s.Workers)
	items := make([]item, 0, n+3)
	for i := range n {
		items = append(items, item{kind: itemLearner, workers: i})
	}
	items = append(items, item{kind: itemOne}, item{kind: itemReference}, item{kind: itemCal})
	m.rng.Shuffle(len(items), func(a, b int) { items[a], items[b] = items[b], items[a] })
	return items
}

// run times one item into r; false means measuring stops.
func (m *measurer[In, Out]) run(it item, r *repetition[Out]) bool {
	ok := true
	// Nothing the learner's earlier calls left may reach this timing
	// through the garbage collector (retained.go).
	if m.collect(m.describe(it), sizeOf(r.got)+sizeOf(r.want)); m.s.Tampered != "" {
		return false
	}
	switch it.kind {
	case itemLearner:
		w := m.s.Workers[it.workers]
		if w == m.p {
			return m.judged(it.workers, r)
		}
		r.learner[it.workers], ok = m.timeLearner(w, m.p, m.k.NewInput(m.rng))
	case itemOne:
		r.one, ok = m.timeLearner(m.p, 1, m.k.NewInput(m.rng))
		r.oneCPU = m.lastCPU
	case itemReference:
		r.ref, r.want = m.timeReference(m.k.NewInput(rand.New(rand.NewPCG(r.seed, 0))))
		r.refCPU = m.lastCPU
	default:
		r.calP = m.referenceTogether()
	}
	return ok && m.s.Tampered == ""
}

// describe names what item times, for messages.
func (m *measurer[In, Out]) describe(it item) string {
	switch it.kind {
	case itemLearner:
		return m.k.Describe(m.s.Workers[it.workers])
	case itemOne:
		return m.k.Describe(m.p) + " on one core"
	case itemReference:
		return "the serial reference"
	}
	return "the calibration"
}

// judged times the judged call, the learner's code at P workers (row i),
// counting the goroutines it starts. Its input is made from the
// repetition's seed, as the timed reference's is: each is made just
// before its own call, so both are as fresh in the caches as every other
// item's, and what the learner does to its copy does not matter. (The
// answer was once worked out by an extra, untimed reference run on the
// input made again: that run took a sixth of the histogram's and the
// merge sort's timing phase.)
func (m *measurer[In, Out]) judged(i int, r *repetition[Out]) bool {
	in := m.k.NewInput(rand.New(rand.NewPCG(r.seed, 0)))
	ok := false
	r.learner[i], r.got, ok = m.callLearner(m.p, m.p, in, func(n uint64, counted bool) {
		r.started, r.counted = append(r.started, n), counted
	})
	r.judgedCPU = m.lastCPU
	r.got = frozen(r.got)
	return ok
}

// frozen is out as it is now, kept from what happens to its memory
// later: an answer that is a slice or a map is copied. The judged call's
// answer is compared at the end of its repetition, after the learner's
// other calls: a merge sort that returned a slice of zeros from its
// judged call, after a wait, and sorted the input it kept into that slice
// during its next call, passed faster at 2.7-3.0x the serial reference
// (an attack on the grader). Elements are copied as they are (a kernel's
// answer holds no pointers to share).
func frozen[Out any](out Out) Out {
	v := reflect.ValueOf(&out).Elem()
	switch {
	case v.Kind() == reflect.Slice && !v.IsNil():
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		v.Set(c)
	case v.Kind() == reflect.Map && !v.IsNil():
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), it.Value())
		}
		v.Set(c)
	}
	return out
}

// referenceTogether is the calibration: the serial reference on one
// fresh input cut into P pieces, all pieces at once, each on its own
// goroutine. It is a perfectly parallel version of the reference on an
// input of the judged size, with the learner's costs of going parallel
// (waking the other cores, touching the same amount of memory), so
// reference/calP is the speedup this machine delivers right now on this
// very workload. It sees what a generic kernel would miss, such as two
// cores that are hyperthreads of one physical core and share its
// multiplier. (P copies of the reference on P whole inputs, the
// calibration before, ran twice the memory through the caches and
// amortised the wake-up over twice the work: the model histogram fell
// 13-25% short of it on a quiet 2-core machine while matching this one.)
func (m *measurer[In, Out]) referenceTogether() time.Duration {
	pieces := m.k.Split(m.k.NewInput(m.rng), m.p)
	runtime.GC()
	var wg sync.WaitGroup
	return m.timeOwn("the calibration", len(pieces), func() {
		for _, in := range pieces {
			wg.Add(1)
			go func() {
				defer wg.Done()
				atRandomDepth(func() { m.k.Reference(in) })
			}()
		}
		wg.Wait()
	})
}

// timeOwn times run, the harness's own code (the reference or the
// calibration, which starts spawn goroutines), and fails the measurement
// when code left by the learner's calls ran beside it: a goroutine of the
// learner's there as it began or ended, or, a second time, goroutines
// started during it that it did not start itself (a timer the learner's
// code armed fired: a context.WithTimeout's cancellation of thousands of
// contexts runs on a goroutine of the runtime, in no frame of the
// learner's, and skipped serial code as "machine unsteady"). The honest
// check refuses the ways to leave such code; this is the measurement's
// own guard. The first stray start is forgiven: the runtime may start a
// goroutine of its own.
func (m *measurer[In, Out]) timeOwn(what string, spawn int, run func()) time.Duration {
	var d time.Duration
	m.tracedOwn(func() { d = m.timeOwnTraced(what, spawn, run) })
	return d
}

// timeOwnTraced is timeOwn under the tracer, when the plan asks for one.
func (m *measurer[In, Out]) timeOwnTraced(what string, spawn int, run func()) time.Duration {
	m.noLearnerGoroutines(what)
	m.quietBefore()
	var d time.Duration
	started, counted := kit.Started(func() {
		start := time.Now()
		run()
		d = time.Since(start)
	})
	if counted && started > uint64(spawn) {
		m.strays++
		if m.strays > 1 && m.s.Tampered == "" {
			m.s.Tampered = fmt.Sprintf("while the grader timed %s, between calls of your code, goroutines that neither it nor your calls started began to run (%d times): a timer your code left armed fired (context.WithTimeout, time.AfterFunc), and it takes the cores from the grader's timings, so no speed can be judged. Leave nothing armed when a call returns",
				what, m.strays)
		}
	}
	m.noLearnerGoroutines(what)
	return d
}

// quietBefore waits, up to Settle, for goroutines beyond the baseline
// that are not the learner's (the calibration's, ending; the runtime's)
// to end before the harness times its own code.
func (m *measurer[In, Out]) quietBefore() {
	deadline := time.Now().Add(m.plan.Settle)
	for runtime.NumGoroutine() > m.baseline && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
}

// noLearnerGoroutines sets Tampered when a goroutine of the learner's is
// running, or waiting, while the harness times what.
func (m *measurer[In, Out]) noLearnerGoroutines(what string) {
	if m.s.Tampered != "" || runtime.NumGoroutine() <= m.baseline {
		return
	}
	if gs := learnerGoroutines(); len(gs) > 0 {
		m.s.Tampered = fmt.Sprintf("while the grader timed %s, between calls of your code, code of yours was running (%s): code left to run after a call returns (a timer's function) takes the cores from the grader's timings, so no speed can be judged. Run your goroutines inside the call and wait for them before it returns",
			what, strings.Join(gs, "; "))
	}
}

// SplitSlice cuts xs into parts ranges of equal length (within one), in
// order: a Kernel's Split for inputs that are slices.
func SplitSlice[T any](xs []T, parts int) [][]T {
	out := make([][]T, parts)
	for i := range parts {
		out[i] = xs[i*len(xs)/parts : (i+1)*len(xs)/parts]
	}
	return out
}

// Fill runs fill over n items cut into GOMAXPROCS consecutive ranges
// [lo, hi), all ranges at once: for a Kernel's NewInput, which is not
// timed but runs before every timed call, so a slow one makes the whole
// faster check slow. fill must write only its own range.
func Fill(n int, fill func(lo, hi int)) {
	parts := max(min(runtime.GOMAXPROCS(0), n), 1)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() { fill(i*n/parts, (i+1)*n/parts) })
	}
	wg.Wait()
}

// timeReference times the serial reference, and returns its answer too.
// It runs under GOMAXPROCS = 1, as the learner's one-core run does: a
// lone goroutine with idle Ps beside it is not one core (the idle Ps run
// the GC's idle mark workers and spin looking for work, which helps on a
// quiet machine and costs on a loaded one: measured here, a loaded machine
// ran the serial merge sort 1.45x slower at GOMAXPROCS=2 than at 1, which
// inflated S and S_cal alike).
func (m *measurer[In, Out]) timeReference(in In) (time.Duration, Out) {
	runtime.GOMAXPROCS(1)
	runtime.GC()
	var out Out
	before := tracecall.Allocated()
	d := m.timeOwn("the serial reference", 0, func() {
		atRandomDepth(func() { m.countCPU(func() { out = m.k.Reference(in) }) })
	})
	m.refAlloc = tracecall.Allocated() - before
	runtime.GOMAXPROCS(m.p)
	return d, out
}

// countCPU runs f and keeps the CPU time the process used meanwhile in
// lastCPU (cpuKnown: whether the system counts it).
func (m *measurer[In, Out]) countCPU(f func()) {
	before, _ := processCPU()
	f()
	after, known := processCPU()
	m.lastCPU, m.cpuKnown = after-before, known
}

// timeLearner times one call of the learner's code with w workers under
// GOMAXPROCS = procs.
func (m *measurer[In, Out]) timeLearner(w, procs int, in In) (time.Duration, bool) {
	d, _, ok := m.callLearner(w, procs, in, nil)
	return d, ok
}

// callLearner times one call of the learner's code with w workers under
// GOMAXPROCS = procs, then checks that the code left GOMAXPROCS and
// MemProfileRate as they were and no goroutine of its own still running,
// and that Verify finds nothing wrong. It restores GOMAXPROCS = P. When
// started is set, it is told how many goroutines were started during the
// call (kit.Started). The call is traced when the plan asks for a
// trace, every one alike (trace.go), the tracer's own goroutines started
// outside what started counts.
func (m *measurer[In, Out]) callLearner(w, procs int, in In, started func(n uint64, counted bool)) (time.Duration, Out, bool) {
	runtime.GOMAXPROCS(procs)
	runtime.GC()
	var got Out
	var d time.Duration
	// Every call at a fresh random stack depth (placement.go).
	run := func() {
		atRandomDepth(func() {
			m.countCPU(func() {
				start := time.Now()
				got = m.k.Learner(in, w)
				d = time.Since(start)
			})
		})
	}
	if started != nil {
		timed := run
		run = func() { started(kit.Started(timed)) }
	}
	m.traced(w, procs, in, run)
	after := runtime.GOMAXPROCS(m.p)
	call := m.k.Describe(w)
	switch {
	case after != procs:
		m.s.Tampered = fmt.Sprintf("%s changed GOMAXPROCS from %d to %d: the grader sets how many cores your code runs on. Leave GOMAXPROCS alone; use the workers argument",
			call, procs, after)
	case runtime.MemProfileRate != m.memRate:
		m.s.Tampered = fmt.Sprintf("%s changed runtime.MemProfileRate from %d to %d: it changes how the whole program allocates, the grader's reference included. Leave the runtime's settings alone",
			call, m.memRate, runtime.MemProfileRate)
	default:
		if gs := settle(m.baseline, m.plan.Settle); len(gs) > 0 {
			m.s.Tampered = fmt.Sprintf("%s returned while goroutines it started were still there (%s): a goroutine left behind, even a blocked one, can wake and take the cores from the timings, so no speed can be judged. Every goroutine must end before the call returns (wait for them with a sync.WaitGroup)",
				call, strings.Join(gs, "; "))
		}
	}
	if m.s.Tampered == "" {
		m.verify(call, "", in, got)
	}
	return d, got, m.s.Tampered == "" && m.s.Wrong == ""
}

// verify sets Wrong when the kernel's Verify finds got, call's output on
// in, wrong; where, when set, says which call it was.
func (m *measurer[In, Out]) verify(call, where string, in In, got Out) {
	if m.k.Verify == nil {
		return
	}
	if why := m.k.Verify(in, got); why != "" {
		m.s.Wrong = call + " " + why + where
	}
}
