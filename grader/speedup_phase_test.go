package grader

import (
	"strings"
	"testing"

	"parlab/grader/contract/speedup"
	"parlab/grader/verdict"
)

// TestFasterStatus: a judgement becomes the check's status; a
// measurement that stopped undecided fails (a learner cannot stop the
// timing early to escape a verdict).
func TestFasterStatus(t *testing.T) {
	for _, tc := range []struct {
		outcome speedup.Outcome
		want    verdict.Status
		message string
	}{
		{speedup.Pass, verdict.Pass, "reason"},
		{speedup.Fail, verdict.Fail, "reason"},
		{speedup.Skip, verdict.Skip, "reason"},
		{speedup.Again, verdict.Fail, "stopped after 3 repetitions, before the evidence settled (reason)"},
	} {
		status, msg := fasterStatus(speedup.Judgement{Outcome: tc.outcome, Reason: "reason", Reps: 3})
		if status != tc.want || !strings.Contains(msg, tc.message) {
			t.Errorf("%s: %s %q, want %s with %q", tc.outcome, status, msg, tc.want, tc.message)
		}
	}
}
