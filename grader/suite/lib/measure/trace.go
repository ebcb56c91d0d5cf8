package measure

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"time"

	"parlab/grader/suite/lib/tracecall"
)

// The trace the grader settles the faster check with is of a timed call,
// and nothing tells the learner's code which. When the plan asks for a
// trace, the Go execution tracer runs for the whole measurement, as a
// flight recorder (tracecall.Recorder), with the CPU profile that feeds
// the trace's samples: every call of the learner's code (at every worker
// count, on one core too, in the warm-up and in every repetition) and
// every timing of the reference and the calibration runs under it alike,
// so that its cost falls on every timing alike, and the tracer is never
// started or stopped around a call. Before every timed run the trace
// begins a new stretch (Recorder.Mark, outside the timing), and a
// learner's call is marked in it (a region and its logs).
// Of the judged calls (P workers on P cores), one is kept: after the k-th
// judged call has returned, it replaces the one kept with chance 1/k (a
// reservoir of one), and when it does the trace since the mark before
// it, that call's and nothing before it, is copied out at once
// (Recorder.Snapshot); so each of the calls
// made is the one kept with the same chance, however many repetitions the
// judgement takes, and the choice is made after the call.
//
// A single traced call after the timings, the design before, could be told
// apart: the tracer's goroutines stood where the grader's stand-ins for
// them had stood (runtime.GoroutineProfile's call sites), and a
// submission ran a real parallel sort only there and a serial one,
// sandbagging on one core, in every timed call. Then every call was
// traced, the tracer started and stopped around each (3-35 ms a call,
// outside its timing, a third of the merge sort's timing phase). Now every
// call runs under one tracer that runs throughout, sees the same
// goroutines, and what a call cannot see, the choice, is made after it.

// maxKeptTrace caps a call's trace: a call that makes more is one the
// diagnosis would read only the start of (diagnose.DefaultMaxEvents).
// Such a call, or one whose trace could not be taken, is still one of the
// judged calls the kept one is chosen from: when it is chosen, no trace is
// written, and the grader does not let a pass stand without one. Were it
// left out of the choice, code could keep its serial calls from ever
// being the one checked by making their traces large (a flood of
// runtime.Gosched calls) and be parallel only in the others.
var maxKeptTrace = 16 << 20

// traced runs call, the learner's call with w workers under GOMAXPROCS =
// procs on input in, marked in the running trace when the plan asks for a
// trace, and keeps the trace as reservoir sampling says when it is a
// judged call.
func (m *measurer[In, Out]) traced(w, procs int, in In, call func()) {
	if m.rec == nil {
		call()
		return
	}
	m.rec.Mark()
	m.rec.Call(tracecall.Call{Describe: m.k.Describe(w), Elements: elements(in), Run: call, ReferenceAllocated: m.refAlloc})
	if w != m.p || procs != m.p {
		return
	}
	m.judgedSeen++
	if m.rng.IntN(m.judgedSeen) != 0 {
		return
	}
	buf := &capped{limit: maxKeptTrace}
	switch err := m.rec.Snapshot(buf); {
	case err != nil:
		m.kept, m.keptWhy = nil, err.Error()
	case buf.over:
		m.kept, m.keptWhy = nil, fmt.Sprintf("the chosen call's trace was larger than %d MiB", maxKeptTrace>>20)
	default:
		m.kept, m.keptWhy = buf.Bytes(), ""
	}
}

// tracedOwn runs timed, the harness's own timing of the reference or the
// calibration, after a new stretch of the trace is begun, as before a
// learner's call: the tracer slows code that allocates (the merge sort's
// traced calls were 13-80% slower here, on a busy machine), and every
// timing runs under it alike, so that the ratio of the learner's time to
// the reference's is not skewed by it.
func (m *measurer[In, Out]) tracedOwn(timed func()) {
	if m.rec != nil {
		m.rec.Mark()
	}
	timed()
}

// writeTrace writes the kept trace where the plan asks, whole or not at
// all; when there is none it says so on stderr, and the grader finds no
// file.
func (m *measurer[In, Out]) writeTrace() {
	path := m.plan.Trace.Path
	if m.kept == nil {
		why := m.keptWhy
		if why == "" {
			why = "no judged call was traced"
		}
		fmt.Fprintln(os.Stderr, "parlab: no trace of the call:", why)
		return
	}
	tmp := path + ".part"
	if err := os.WriteFile(tmp, m.kept, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "parlab: no trace of the call:", err)
		return
	}
	if err := os.Rename(tmp, path); err != nil {
		fmt.Fprintln(os.Stderr, "parlab: no trace of the call:", err)
	}
}

// capped is a buffer that stops keeping what is written once it holds
// limit bytes, and says so.
type capped struct {
	bytes.Buffer
	limit int
	over  bool
}

func (c *capped) Write(p []byte) (int, error) {
	if c.over || c.Len()+len(p) > c.limit {
		c.over = true
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

// elements is the length of a slice input, or 0.
func elements(in any) int {
	v := reflect.ValueOf(in)
	if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
		return v.Len()
	}
	return 0
}

// traceReach is how far back a snapshot of the trace reaches at least:
// twice the window the grader asks to see of a call (at least 100 ms), so
// that a call that long is in its snapshot whole even when the runtime
// began a stretch of its own during it (tracecall.Recorder). The
// snapshot keeps only the stretches since the call's mark.
func traceReach(window time.Duration) time.Duration {
	return max(2*window, minReach)
}

// minReach is the least reach: a call far slower than the reference,
// whose diagnosis says why (a lock per pixel, 0.6-0.9 s), straddles one
// of the runtime's own new stretches (about every second), and with a
// reach of 800 ms lost its first stretch in 1 of 3 live grades
// (histogram/lock-per-pixel: "no diagnosis of the speed").
const minReach = 3 * time.Second
