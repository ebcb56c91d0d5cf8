package check

import (
	"fmt"

	"parlab/grader/verdict"
)

// A fail on the timings alone is not final until a second measurement,
// in a fresh process, agrees. The same loop ran twice as fast or twice
// as slow in different processes of the same binary on an AMD EPYC,
// depending only on where its stacks and data landed
// (../shared/experiments/histalias), and a burst of load in step with
// one process's calls can hold its whole measurement below a bar that
// the same code clears a second later: the model histogram once failed
// faster at 1.00x on 2 cores against one, in all five repetitions of a
// run whose calibration saw 1.7x, and passed at 1.9x every time after.
// A fresh process draws all of that anew, so the measurements vote: a
// fail or a pass stands when two say it, a skip (the machine could not
// judge) votes for neither, and three measurements that leave it open
// are a skip, which the skip policy scores as the machine's doing (a
// spinning goroutine beside serial code, failed once and skipped once
// on a noisy machine, is measured a third time, not let off). Code that
// passes at once pays nothing; code that fails on its timings pays one
// or two more timing runs. Nothing another measurement cannot change (a
// wrong answer, tampering, serial code by its goroutine count, a ratio
// no cores can give, the trace of a call) is measured again.

// maxVotes is how many measurements a fail on the timings may take.
const maxVotes = 3

// Confirm decides, from the faster check's outcomes so far (one per
// timing run, each final under the skip policy), whether to measure
// again, and otherwise which outcome stands, its message saying what
// the measurements said; a skip it makes is scored by policy. outs must
// not be empty.
func Confirm(outs []FasterOutcome, policy verdict.SkipPolicy) (again bool, final FasterOutcome) {
	last := outs[len(outs)-1]
	if !outs[0].Unconfirmed {
		return false, last
	}
	if last.Check.Status != verdict.Pass && last.Check.Status != verdict.Skip && !last.Unconfirmed {
		// A fail no timing changes, or the grader's own error: it
		// stands as it is.
		return false, last
	}
	fails, passes := 0, 0
	var lastFail FasterOutcome
	for _, o := range outs {
		switch {
		case o.Unconfirmed:
			fails++
			lastFail = o
		case o.Check.Status == verdict.Pass:
			passes++
		}
	}
	n := len(outs)
	switch {
	case fails >= 2:
		final = lastFail
		if fails == n {
			final.Check.Message += fmt.Sprintf(" (measured %d times, each in a fresh process: every one fell short)", n)
		} else {
			final.Check.Message += fmt.Sprintf(" (%d of %d measurements, each in a fresh process, fell short)", fails, n)
		}
		return false, final
	case passes >= 2:
		last.Check.Message += fmt.Sprintf(" (%d of %d measurements, each in a fresh process, passed: the first fell short)", passes, n)
		return false, last
	case n < maxVotes:
		return true, last
	}
	// Three measurements and no two agree: a skip the machine caused.
	if last.Check.Status == verdict.Skip {
		last.Check.Message += fmt.Sprintf(" (of %d measurements, each in a fresh process, %d fell short and %d passed)", n, fails, passes)
		return false, last
	}
	skip := lastFail
	c := &skip.Check
	c.Status, c.Unjudged, c.Hint, c.Score = verdict.Skip, true, "", 0
	c.Message = fmt.Sprintf("inconclusive: of %d measurements, each in a fresh process, %d fell short of the bars and %d passed, and the machine could not judge the rest; run again when it is quieter (the last that fell short: %s)", n, fails, passes, lastFail.Check.Message)
	policy.Apply(c)
	skip.Unconfirmed, skip.Diagnosis = false, nil
	return false, skip
}
