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
// A fresh process draws all of that anew, so a fail stands when two
// measurements say it; when the second disagrees, a third decides. Code
// that passes pays nothing; code that fails on its timings pays one more
// timing run, or two; nothing another measurement cannot change (a
// wrong answer, tampering, serial code by its goroutine count, a
// ratio no cores can give, the trace of a call) is measured again.

// Confirm decides, from the faster check's outcomes so far (one per
// timing run, each final under the skip policy), whether to measure
// again, and otherwise which outcome stands, its message saying how
// many measurements it stands on. outs must not be empty.
func Confirm(outs []FasterOutcome) (again bool, final FasterOutcome) {
	last := outs[len(outs)-1]
	first := outs[0]
	switch {
	case !first.Unconfirmed:
		return false, last
	case len(outs) == 1:
		return true, last
	case len(outs) == 2 && last.Check.Status == verdict.Pass:
		return true, last
	}
	fails := 0
	for _, o := range outs {
		if o.Check.Status == verdict.Fail {
			fails++
		}
	}
	switch c := &last.Check; {
	case c.Status == verdict.Fail && !last.Unconfirmed:
		// Decided by what no timing changes: it stands as it is.
	case c.Status == verdict.Fail && fails == len(outs):
		c.Message += fmt.Sprintf(" (measured %d times, each in a fresh process: every one fell short)", len(outs))
	case c.Status == verdict.Fail:
		c.Message += fmt.Sprintf(" (%d of %d measurements, each in a fresh process, fell short)", fails, len(outs))
	case c.Status == verdict.Pass:
		c.Message += fmt.Sprintf(" (%d of %d measurements, each in a fresh process, passed: the first fell short)", len(outs)-fails, len(outs))
	case c.Status == verdict.Skip:
		c.Message += " (an earlier measurement fell short; this one, in a fresh process, could not judge)"
	}
	return false, last
}
