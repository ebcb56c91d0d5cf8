package check

import (
	"errors"
	"fmt"

	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/diagnose"
	"parlab/grader/verdict"
)

// FasterInput is everything the faster check is decided on, in the order
// a grade learns it: what it knew before timing, how the timing run
// ended, the speed judge's judgement of the run's samples, what the trace
// of one timed call showed, and the instructor's policy. A field the
// grade did not get to stays zero.
type FasterInput struct {
	// Blocked names the first suite check that must pass before speed
	// means anything (FirstBlocking); "" when none blocks.
	Blocked verdict.CheckName
	// NoSpeedup: the grade was asked not to measure (--no-speedup).
	NoSpeedup bool
	// Deferred: the grade leaves the measurement for later (a class's
	// batch times its students one after another at its end): the check
	// is pending until then.
	Deferred bool
	// Built: the timing binary built.
	Built bool
	// Timing is how the timing run ended; nil when it was not run.
	Timing *TimingRun
	// Judgement is speedup's judgement of the run's samples; nil when
	// the run handed over none that could be judged.
	Judgement *speedup.Judgement
	// Trace is what the trace of one timed call showed, read when
	// NeedsTrace says so.
	Trace Trace
	// Rules are the trace's rules; the zero value means
	// DefaultTraceThresholds.
	Rules TraceThresholds
	// Policy is what a check the machine left unjudged is worth and how
	// often it is measured again; Try counts the measurements before this
	// one.
	Policy verdict.SkipPolicy
	Try    int
	// Points is what the check is worth.
	Points int
}

// Trace is what the trace of one timed call showed.
type Trace struct {
	// Figures are diagnose.Account's figures of the traced call; nil
	// when there are none (Err says why).
	Figures *diagnose.Figures
	// Err says why the trace could not be read.
	Err error
	// LeftOut is set when a replayed recording left the trace out for
	// its size: the recorded grade had it, so the timings' verdict
	// stands undiagnosed.
	LeftOut bool
}

// FasterOutcome is the decided check and what goes beside it.
type FasterOutcome struct {
	// Check is the faster check, scored: an unjudged skip's points are
	// set by the policy (MaxScore, Pending).
	Check verdict.Check
	// Diagnosis says why the code is not faster, for a fail or a narrow
	// pass whose call was traced; nil otherwise.
	Diagnosis *diagnose.Diagnosis
	// Notes are remarks for the report (a speed left undiagnosed).
	Notes []string
	// Again is set when the machine left the speed unjudged and the
	// policy measures it again: Check is then not final.
	Again bool
	// Unconfirmed is set on a fail that rests on one measurement's
	// timings alone (speedup.Judgement.OnTimings): it stands only when
	// another measurement, in a fresh process, agrees (Confirm).
	Unconfirmed bool
}

// Faster decides the faster check. It is the one place that does: the
// order of the rules is the order of the evidence. Speed only counts for
// code that passed the suite's checks; a timing run that did not finish,
// or handed over a measurement of the wrong shape, fails; the judgement
// of its samples gives the status, except that the trace of a timed call
// settles a pass or a skip of code that offered no parallelism as a fail
// and one without a trace as a skip that scores nothing; last, the
// policy scores a skip the machine caused.
func Faster(in FasterInput) FasterOutcome {
	if in.Rules == (TraceThresholds{}) {
		in.Rules = DefaultTraceThresholds
	}
	out := FasterOutcome{Check: verdict.Check{Name: verdict.Faster, Status: verdict.Skip}}
	c := &out.Check
	if status, why := notTimed(in); why != "" {
		c.Status, c.Message = status, why
		// A measurement left for later is the machine's to make, not
		// the code's: pending.
		c.Unjudged = in.Deferred && in.Blocked == "" && !in.NoSpeedup
	} else {
		c.Details = in.Timing.Output
		judge(in, &out)
	}
	c.MaxScore = in.Points
	if c.Status == verdict.Skip && c.Unjudged {
		if in.Try < in.Policy.Retries && !in.Deferred {
			out.Again = true
		} else {
			in.Policy.Apply(c)
		}
	}
	return out
}

// notTimed says why there is no timing run to judge, with the status
// that gives, or "" when there is one.
func notTimed(in FasterInput) (verdict.Status, string) {
	switch {
	case in.Blocked != "":
		return verdict.Skip, fmt.Sprintf("not judged: %s must pass first (speed only counts for right answers)", in.Blocked)
	case in.NoSpeedup:
		return verdict.Skip, "not measured (--no-speedup)"
	case in.Deferred:
		return verdict.Skip, deferredMessage
	case !in.Built:
		return verdict.Error, "the timing binary did not build"
	case in.Timing == nil:
		return verdict.Error, "the timing binary was not run"
	case in.Timing.Err != nil:
		return verdict.Error, "could not run the timing binary: " + in.Timing.Err.Error()
	}
	return "", ""
}

// judge decides a timing run that ran: by its measurement's shape, the
// judgement, then the trace.
func judge(in FasterInput, out *FasterOutcome) {
	c := &out.Check
	samples, problem := in.Timing.Samples()
	switch {
	case problem != "":
		c.Status, c.Message = verdict.Fail, problem
		return
	case in.Judgement == nil:
		c.Status, c.Message = verdict.Error, "the timing run's measurement was not judged"
		return
	}
	c.Status, c.Message = judged(*in.Judgement)
	c.Unjudged = c.Status == verdict.Skip
	if untimed(samples) {
		// Not a speed to explain, and no trace was made of such a call.
		c.Hint = untimedHint
		return
	}
	if c.Status == verdict.Fail {
		c.Hint = fasterHint
	}
	if in.Judgement.P >= 2 {
		byTrace(in, out)
	}
	out.Unconfirmed = c.Status == verdict.Fail && in.Judgement.Outcome == speedup.Fail && in.Judgement.OnTimings
}

// judged turns a judgement of a finished measurement into the check's
// status and message. Again means the measurement ended before the
// evidence settled, which only a binary that stopped early can do: a
// learner cannot stop the timing early to escape a verdict.
func judged(j speedup.Judgement) (verdict.Status, string) {
	switch j.Outcome {
	case speedup.Pass:
		return verdict.Pass, j.Reason
	case speedup.Skip:
		return verdict.Skip, j.Reason
	case speedup.Again:
		return verdict.Fail, fmt.Sprintf("the timing run stopped after %d repetitions, before the evidence settled (%s)", j.Reps, j.Reason)
	default:
		return verdict.Fail, j.Reason
	}
}

// untimed reports whether the measurement stopped on a wrong answer or
// on tampering: no speed was timed to its end, and no call traced.
func untimed(s *contract.Samples) bool { return s.Wrong != "" || s.Tampered != "" }

// NeedsTiming reports whether Faster reads in.Timing: no suite check
// blocks, measuring was neither turned off nor deferred, and the timing
// binary built. The
// grade runs the timing binary only then.
func (in FasterInput) NeedsTiming() bool {
	return in.Blocked == "" && !in.NoSpeedup && !in.Deferred && in.Built
}

// NeedsTrace reports whether Faster reads in.Trace: the timing run's
// samples were judged, at two workers or more, and timed to the end. The
// grade reads the trace (and measures its figures) only then.
func (in FasterInput) NeedsTrace() bool {
	if !in.NeedsTiming() || in.Timing == nil || in.Timing.Err != nil || in.Judgement == nil || in.Judgement.P < 2 {
		return false
	}
	s, problem := in.Timing.Samples()
	return problem == "" && !untimed(s)
}

// byTrace explains the verdict when it failed or passed narrowly, from
// the figures of the traced call, and settles a pass or a skip of code
// that offered no parallelism (a fail) or left no trace (a skip that
// scores nothing): no timing can tell those apart, since a faster serial
// algorithm that sandbags when it sees one core
// (runtime.GOMAXPROCS(0) is the learner's to read) passes the timings,
// and a busy machine skips them. Every other verdict stands as the
// timings gave it.
func byTrace(in FasterInput, out *FasterOutcome) {
	c, t := &out.Check, in.Trace
	explain := c.Status == verdict.Fail || c.Status == verdict.Pass && in.Rules.narrow(*in.Judgement)
	settle := c.Status == verdict.Skip || c.Status == verdict.Pass
	switch {
	case t.LeftOut:
		out.Notes = append(out.Notes, "no diagnosis of the speed: the tape left the trace out for its size")
		return
	case t.Figures == nil && settle:
		untraced(c, t.err())
		return
	case t.Figures == nil:
		out.Notes = append(out.Notes, "no diagnosis of the speed: "+t.err().Error())
		return
	}
	if why, none := in.Rules.offeredNoParallelism(*t.Figures); settle && none {
		c.Status, c.Unjudged, c.Hint = verdict.Fail, false, fasterHint
		c.Message = why + " (the timings alone: " + c.Message + ")"
		explain = true
	}
	if !explain {
		return
	}
	d := diagnose.Classify(*t.Figures)
	out.Diagnosis = &d
	if c.Status == verdict.Fail && d.Cause != diagnose.Unclear {
		where := ""
		if d.Location != "" {
			where = " at " + d.Location
		}
		c.Hint = fmt.Sprintf("%s%s: %s", d.Cause, where, d.Hint)
	}
}

// err is why there are no figures.
func (t Trace) err() error {
	if t.Err != nil {
		return t.Err
	}
	return errors.New("no trace was read")
}

// untraced turns a pass or a skip that has no traced call to check into a
// skip that scores nothing, whatever the skip policy: timings alone cannot
// tell parallel code from serial code that sandbags when it sees one core,
// and code that took the runtime's only tracer (runtime.StartTrace, before
// the honest check refused it) switched the grader's trace off to keep
// such a pass; a skip the trace cannot settle would keep serial code's
// points out of the maximum. The trace of honest code goes missing for no
// reason the grader knows of; the code's does when the call chosen made
// one too large to keep (measure's maxKeptTrace: a flood of events).
func untraced(c *verdict.Check, err error) {
	was := "they said: " + c.Message
	c.Status, c.Unjudged = verdict.Skip, false
	c.Message = "not judged: no traced call shows that the code works in parallel (" + err.Error() + "), and the timings alone do not make a pass (" + was + ")"
	c.Hint = "The grader traces a call of your code with Go's execution tracer, to see its goroutines work at once; leave the runtime's tracer and profiler alone, and let every call return, so that the trace can be written."
}

// deferredMessage is the faster check of a grade whose timing was left
// for later (FasterInput.Deferred) until it is measured.
const deferredMessage = "not measured yet: a class's timing runs go one at a time, at the end of its batch (grade batch --remeasure finishes an interrupted one)"

// untimedHint is the hint of a timing run that stopped on a wrong answer
// or tampering.
const untimedHint = "The timing run checks every call it times, on fresh inputs of the timed size, at every worker count and on one core too: " +
	"do the same work, all of it, whatever the size and however many cores your code gets, and leave the runtime's settings and your goroutines as you found them."

// fasterHint is the notebook's list of why parallel code is not faster.
const fasterHint = "Why parallel code is not faster: too little work per goroutine (spawning costs ~1µs), " +
	"contention on shared state (an atomic or a lock per element makes the cores queue), " +
	"false sharing (workers writing neighbouring memory), a serial merge step that dominates, " +
	"or Amdahl's law: the serial part bounds the speedup. Give each worker a big chunk and private results."
