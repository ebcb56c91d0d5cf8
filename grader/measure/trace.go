package measure

import (
	"fmt"
	"os"
	"reflect"
	"runtime"
	"time"

	"parlab/grader/contract"
	"parlab/grader/speedup"
	"parlab/grader/tracecall"
)

// The traced call's window: the judged call's median with room to spare,
// never less than minWindow, never more than the request's Window (the
// request's Window when there is no median).
const minWindow = 50 * time.Millisecond

// traceOneMore traces one more call of the learner's code, as the judged
// call is made (P workers, GOMAXPROCS = P, a fresh input), into the
// request's file, for the grader's diagnosis (see package tracecall). It
// runs in the timing process, after the timings: a process of its own
// would start differently from the timing process (its first call would
// not be a one-core one), and code that told the two apart passed the
// timings with serial code doing less work and showed the trace honest
// parallel code. The stand-in goroutines end as the tracer's start, so
// runtime.NumGoroutine reads the same in the traced call as in the timed
// ones. Verify checks the traced call's answer like every timed call's. A
// trace that cannot be written is said on stderr: the grader finds no file
// and says so.
func (m *measurer[In, Out]) traceOneMore(req contract.TraceRequest, standIns *parked) {
	standIns.end()
	in := m.k.NewInput(m.rng)
	ref := m.k.NewInput(m.rng)        // the reference's allocation, on its own copy
	if d := m.judgedMedian(); d > 0 { // none when measuring stopped in the warm-up
		req.Window = min(max(d*3/2+20*time.Millisecond, minWindow), req.Window)
	}
	var got Out
	ran := false
	err := tracecall.Capture(req, tracecall.Call{
		Describe:  m.k.Describe(m.p),
		Elements:  elements(in),
		Run:       func() { got, ran = m.k.Learner(in, m.p), true },
		Reference: func() { m.k.Reference(ref) },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parlab: no trace of the call:", err)
	}
	if ran {
		m.verify(m.k.Describe(m.p), " (in a traced call)", in, got)
	}
}

// judgedMedian is the median time of the judged call, P workers.
func (m *measurer[In, Out]) judgedMedian() time.Duration {
	return speedup.Median(m.s.Learner[len(m.s.Workers)-1])
}

// parked are goroutines of the harness's own that wait, doing nothing,
// while the learner's code is timed: tracecall.Goroutines of them stand in
// for the tracer's, which run instead during the traced call.
type parked struct {
	stop  chan struct{}
	count int
}

func park(n int) *parked {
	p := &parked{stop: make(chan struct{}), count: n}
	for range n {
		go func() { <-p.stop }()
	}
	return p
}

// end ends the parked goroutines, if they still run, and waits, a second
// at most, until the runtime no longer counts them.
func (p *parked) end() {
	if p.count == 0 {
		return
	}
	target := runtime.NumGoroutine() - p.count
	p.count = 0
	close(p.stop)
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > target && time.Now().Before(deadline); {
		time.Sleep(100 * time.Microsecond)
	}
}

// elements is the length of a slice input, or 0.
func elements(in any) int {
	v := reflect.ValueOf(in)
	if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
		return v.Len()
	}
	return 0
}
