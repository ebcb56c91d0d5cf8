package measure

import (
	"fmt"
	"runtime/metrics"
	"time"

	"parlab/internal/stack"
)

// boundedLearner is timeLearner for the warm-up, waiting bound at most: a
// call still running then is far slower than the reference (ref), whatever
// else happens. It is not waited for (nothing can stop it): Aborted says
// how far it got, runaway stops the measurement, and the process ends
// with it. A goroutine per pixel took minutes to end before, and the
// timing run ran out of time with no cause to show (issue 29).
func (m *measurer[In, Out]) boundedLearner(w, procs int, in In, ref, bound time.Duration) (time.Duration, bool) {
	if m.collect(m.k.Describe(w), 0); m.s.Tampered != "" {
		return 0, false
	}
	if m.plan.BoundFactor <= 0 {
		return m.timeLearner(w, procs, in)
	}
	type result struct {
		d  time.Duration
		ok bool
	}
	done := make(chan result, 1)
	before, counted := goroutinesCreated()
	// The call's own checks (GOMAXPROCS, goroutines left, Verify) run on
	// its goroutine and set m.s only when it ends in time: the caller
	// reads m.s only after <-done, or never again once it gave up.
	go func() {
		d, ok := m.timeLearner(w, procs, in)
		done <- result{d, ok}
	}()
	timer := time.NewTimer(bound)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.d, r.ok
	case <-timer.C:
	}
	after, _ := goroutinesCreated()
	m.runaway = true
	m.s.Aborted = runawayMessage(m.k.Describe(w), procs, bound, ref, after-before, counted, elements(in), whereLearner())
	return bound, false
}

// runawayMessage says that call (under GOMAXPROCS = procs) had not
// returned after bound, and what it had done by then: started goroutines
// (when counted), per how much of the input's elements; where says where
// the learner's goroutines were then ("" when none was found).
func runawayMessage(call string, procs int, bound, ref time.Duration, started uint64, counted bool, elements int, where string) string {
	on := ""
	if procs == 1 {
		on = " on one core"
	}
	msg := fmt.Sprintf("%s had not returned%s after %v, %.0fx as long as the serial reference (%v), so the grader stopped waiting for it",
		call, on, bound.Round(time.Millisecond), float64(bound)/float64(max(ref, time.Microsecond)), ref.Round(time.Millisecond))
	if !counted || started < 1000 {
		msg += ": its parallel overhead (a lock, an atomic or a channel operation per element, shared state) costs more than the parallelism gains"
		if where != "" {
			// No trace is made of a call given up on: the line of the
			// lock or atomic the goroutines queue on is only here.
			msg += ". Where your goroutines were then: " + where
		}
		return msg
	}
	per := ""
	if elements > 0 {
		per = fmt.Sprintf(" on an input of %d elements", elements)
	}
	return msg + fmt.Sprintf(": too many goroutines: it had started %d goroutines by then%s, and starting and scheduling a goroutine costs far more than the little work each does. "+
		"Start one goroutine per worker (workers of them, not one per element), each over its own chunk of the input", started, per)
}

// goroutinesCreated is how many goroutines the program has started
// (kit.Started's metric), and whether this runtime counts them.
func goroutinesCreated() (uint64, bool) {
	sample := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return sample[0].Value.Uint64(), true
}

// whereLearner describes where the goroutines the learner's code started
// are now, in the order the dump gives them ("2 goroutines in
// sync.Mutex.Lock at histogram.go:29 (Parallel.func1)"), at most three
// places.
func whereLearner() string {
	// Only the goroutines the learner's code started: the one making the
	// call waits for them and says nothing of why they are slow.
	var started []stack.Goroutine
	for _, g := range stack.Parse(stack.All()) {
		if g.CreatedAt.Learner() {
			started = append(started, g)
		}
	}
	return stack.Describe(stack.LearnerGoroutines(started), 3)
}
