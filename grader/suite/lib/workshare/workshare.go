// Package workshare tells, from an execution trace of one call of learner
// code, who did the call's work: the calling goroutine, or the goroutines
// the learner's code started. A hidden suite uses it where the assignment
// asks for work done by several goroutines: counting the goroutines a call
// starts is not enough, since code can start empty goroutines and do all
// the work itself.
//
// Work is running time as the Go execution tracer records it: the time a
// goroutine spent on a CPU (a P), from the runtime's own scheduling events,
// whatever the machine's load. A thread the operating system stalls while
// it runs a goroutine adds to that goroutine's running time, so the test
// of a share (Share.Working) asks for a small part of a fair share only.
//
// The package runs inside the test binary, beside the learner's code,
// which cannot start or stop the tracer (the honest check refuses
// runtime/trace): it is imported only by the suites that need it, so that
// the others' binaries do not link the trace reader.
package workshare

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/trace"
	"slices"
	"sync"
	"time"

	exptrace "golang.org/x/exp/trace"

	"parlab/internal/stack"
)

// Share is how the running time of one call was spread over its
// goroutines.
type Share struct {
	// Caller is the running time of the goroutine that made the call.
	Caller time.Duration
	// Workers is the running time of each goroutine the learner's code
	// started during the call (directly or from a goroutine it started),
	// longest first.
	Workers []time.Duration
}

// Total is the call's running time, the caller's and every worker's.
func (s Share) Total() time.Duration {
	total := s.Caller
	for _, w := range s.Workers {
		total += w
	}
	return total
}

// Slack is the part of a fair share (Total/workers) a goroutine must have
// run to count as a worker in Working: a small part, because running
// time is not work. Goroutines that contend for memory run at different
// speeds (four goroutines summing equal chunks of one slice, their sums
// sharing a cache line, ran 1 ms to 11.5 ms each), and a thread the
// operating system stalls while it runs a goroutine inflates that
// goroutine's time: on this project's busy 2-core machine, four race-run
// workers scanning equal chunks of 2 Mi ints ran 43, 31, 27 and 2.5 ms.
// An empty goroutine runs a few microseconds, a worker of a suite's call
// milliseconds, so a 64th of a fair share still tells them apart.
const Slack = 64

// Working counts the workers that ran at least a Slack-th of a fair
// share of the call, when the call was asked to spread its work over
// workers goroutines, and at least a Slack-th of floor: what one worker's
// share takes one goroutine alone, where the suite measured it (code that
// does no work at all, returning a count it did not count, is fast on
// every goroutine). It is 0 when the workers together ran less than half
// as long as the caller, which then did most of the work itself.
func (s Share) Working(workers int, floor time.Duration) int {
	var started time.Duration
	for _, w := range s.Workers {
		started += w
	}
	if started < s.Caller/2 {
		return 0
	}
	least := max(s.Total()/time.Duration(Slack*max(workers, 1)), floor/Slack)
	n := 0
	for _, w := range s.Workers {
		if w >= least && w > 0 {
			n++
		}
	}
	return n
}

// String words the share for a report: "the calling goroutine ran 41ms,
// the 4 goroutines it started 0.1ms between them".
func (s Share) String() string {
	var started time.Duration
	for _, w := range s.Workers {
		started += w
	}
	n := fmt.Sprintf("the %d goroutines it started", len(s.Workers))
	switch len(s.Workers) {
	case 0:
		return fmt.Sprintf("the calling goroutine ran %v, and it started no goroutine", round(s.Caller))
	case 1:
		n = "the goroutine it started"
	}
	return fmt.Sprintf("the calling goroutine ran %v, %s %v between them", round(s.Caller), n, round(started))
}

func round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= 10*time.Microsecond:
		return d.Round(10 * time.Microsecond)
	}
	return d
}

// callerCategory marks the calling goroutine in the trace.
const callerCategory = "parlab.workshare.caller"

// ErrUnavailable is returned when the tracer could not be started (it is
// the process's only one, and something else holds it).
var ErrUnavailable = errors.New("the execution tracer is not available")

// mu makes Measure one at a time: the process has one tracer.
var mu sync.Mutex

// Measure traces run, which must make one call of learner code and call
// mark from the goroutine that makes it, just before the call (the call
// may run on another goroutine than run's, in a bubble say). It returns
// how the call's running time was spread: the marking goroutine's, and each
// goroutine that a function of the learner's package started while the
// tracer ran.
func Measure(run func(mark func())) (Share, error) {
	mu.Lock()
	defer mu.Unlock()
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		run(func() {})
		return Share{}, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	run(func() { trace.Log(context.Background(), callerCategory, "") })
	trace.Stop()
	return Read(&buf)
}

// Read works out the share of a trace that Measure wrote.
func Read(r io.Reader) (Share, error) {
	tr, err := exptrace.NewReader(r)
	if err != nil {
		return Share{}, fmt.Errorf("reading the trace: %w", err)
	}
	caller := exptrace.NoGoroutine
	running := map[exptrace.GoID]time.Duration{}
	since := map[exptrace.GoID]exptrace.Time{}
	learner := map[exptrace.GoID]bool{}
	var last exptrace.Time
	for {
		ev, err := tr.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Share{}, fmt.Errorf("reading the trace: %w", err)
		}
		last = ev.Time()
		switch ev.Kind() {
		case exptrace.EventLog:
			if ev.Log().Category == callerCategory {
				caller = ev.Goroutine()
			}
		case exptrace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind != exptrace.ResourceGoroutine {
				continue
			}
			id := st.Resource.Goroutine()
			from, to := st.Goroutine()
			if from == exptrace.GoNotExist && to != exptrace.GoNotExist && createdByLearner(ev.Stack()) {
				learner[id] = true
			}
			if from == exptrace.GoRunning {
				if t, ok := since[id]; ok {
					running[id] += time.Duration(ev.Time() - t)
					delete(since, id)
				}
			}
			if to == exptrace.GoRunning {
				since[id] = ev.Time()
			}
		}
	}
	for id, t := range since {
		running[id] += time.Duration(last - t)
	}
	if caller == exptrace.NoGoroutine {
		return Share{}, errors.New("reading the trace: the call was never marked")
	}
	s := Share{Caller: running[caller]}
	for id := range learner {
		if id != caller {
			s.Workers = append(s.Workers, running[id])
		}
	}
	slices.SortFunc(s.Workers, func(a, b time.Duration) int { return int(b - a) })
	return s, nil
}

// isLearner tells the learner's frames; a seam for tests.
var isLearner = stack.Frame.Learner

// createdByLearner reports whether a goroutine's creation stack (the
// stack of the go statement) runs through the learner's package.
func createdByLearner(s exptrace.Stack) bool {
	for f := range s.Frames() {
		if isLearner(stack.Frame{Func: f.Func, File: f.File, Line: int(f.Line)}) {
			return true
		}
	}
	return false
}
