package check

import (
	"fmt"
	"time"

	"parlab/grader/contract"
	"parlab/grader/verdict"
)

// TimingRun is how the timing run (the plain test binary's speedup test
// at P workers) ended.
type TimingRun struct {
	// P is the worker count the run measured at.
	P int
	// Err says why the binary could not be run at all; nil when it ran.
	Err error
	// Report is what the run wrote to its report file: the only place
	// the grader believes samples.
	Report contract.Log
	// Output is what the run printed (path-rewritten): the check's
	// Details.
	Output string
	// ExitCode is the binary's exit status (-1 when killed).
	ExitCode int
	// TimedOut and OutOfMemory are set when the grader killed the run at
	// its limit; Timeout is the time limit, for messages.
	TimedOut    bool
	OutOfMemory bool
	Timeout     time.Duration
}

// Samples takes the speed samples from the run's report file and checks
// their shape; problem says what was wrong when there are none to judge.
func (t TimingRun) Samples() (_ *contract.Samples, problem string) {
	raw := t.Report.Samples[contract.SampleKind]
	switch {
	case t.TimedOut:
		return nil, fmt.Sprintf("the timing run did not finish in %v", t.Timeout)
	case t.OutOfMemory:
		return nil, "the timing run exceeded the memory limit"
	case !t.Report.Complete || len(raw) == 0:
		return nil, fmt.Sprintf("the timing run ended without a measurement (exit status %d)", t.ExitCode)
	case len(raw) > 1:
		return nil, fmt.Sprintf("the timing run handed over %d measurements instead of one", len(raw))
	}
	s, err := contract.DecodeSamples(raw[0], t.P)
	if err != nil {
		return nil, "the timing run's measurement cannot be judged: " + err.Error()
	}
	return s, ""
}

// FirstBlocking names the first suite check that must pass before timing
// means anything, or returns "" when they all passed. A leak does not
// make an answer wrong, and a started check is implied by the others.
func FirstBlocking(suite []verdict.Check) verdict.CheckName {
	for _, c := range suite {
		if c.Name == verdict.Started || c.Name == verdict.LeakFree {
			continue
		}
		if c.Status != verdict.Pass {
			return c.Name
		}
	}
	return ""
}
