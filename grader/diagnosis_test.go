package grader

import (
	"slices"
	"strings"
	"testing"

	"parlab/grader/verdict"
)

// checkDiagnosis checks that a failed faster check was diagnosed with one
// of the causes in want ("a|b"). A skipped check needs none. The tracing
// run has a time limit of its own, so a machine too busy to trace within
// it is logged, not failed: the diagnosis never changes a verdict.
func checkDiagnosis(t *testing.T, want string, res *verdict.Result) {
	t.Helper()
	c := res.Check(verdict.Faster)
	if want == "" || c == nil || c.Status != verdict.Fail {
		return
	}
	if res.Speedup == nil || res.Speedup.Diagnosis == nil {
		for _, n := range res.Notes {
			if strings.Contains(n, "took longer than") {
				t.Logf("not diagnosed: %s", n)
				return
			}
		}
		t.Errorf("faster failed without a diagnosis (want %s); notes: %q", want, res.Notes)
		return
	}
	d := res.Speedup.Diagnosis
	t.Logf("diagnosis: %s (cost %.2f, took %v): %s", d.Cause, d.Cost, d.Took, d.Summary)
	if !slices.Contains(strings.Split(want, "|"), d.Cause) {
		t.Errorf("diagnosis %s (%s), want %s", d.Cause, d.Summary, want)
	}
	if d.Cause != "unclear" && !strings.Contains(c.Hint, d.Cause) {
		t.Errorf("the hint does not name the cause %s: %q", d.Cause, c.Hint)
	}
}
