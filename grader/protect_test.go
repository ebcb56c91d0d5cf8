package grader

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/verdict"
)

// TestAPanicIsAVerdict: a panic while grading one submission (as the judge
// once panicked on forged samples whose learner list was short) is that
// exercise's error result, not a crash.
func TestAPanicIsAVerdict(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	res, err := protect(spec, "alice/histogram", func() (*verdict.Result, error) {
		var learner [][]int
		_ = learner[1] // index out of range
		return nil, nil
	})
	if err != nil {
		t.Fatalf("a panic became an error, which stops a batch: %v", err)
	}
	if res == nil || len(res.Checks) != len(spec.Checks()) || res.Target != "alice/histogram" {
		t.Fatalf("result %+v", res)
	}
	for _, c := range res.Checks {
		if c.Status != verdict.Error || !strings.Contains(c.Message, "grader crashed") || !strings.Contains(c.Message, "index out of range") {
			t.Errorf("%s: %s %q", c.Name, c.Status, c.Message)
		}
	}
	if res.Score != 0 || res.MaxScore != spec.MaxScore() {
		t.Errorf("score %d/%d, want 0/%d", res.Score, res.MaxScore, spec.MaxScore())
	}
}

// TestMeasuredTrustsOnlyWellFormedSamples: the faster check judges samples
// only from a complete report, one measurement, well formed; anything
// else is a fail with a message, never a panic in the judge.
func TestMeasuredTrustsOnlyWellFormedSamples(t *testing.T) {
	good := `{"workers":[1,2],"reference":[10],"learner":[[10],[6]],"one":[10],"calp":[6]}`
	short := `{"workers":[1,2],"reference":[10],"learner":[[10]],"one":[10],"calp":[6]}`
	logOf := func(complete bool, samples ...string) contract.Log {
		var b strings.Builder
		for _, s := range samples {
			fmt.Fprintf(&b, `{"kind":"sample","sample":%q,"value":%s}`+"\n", contract.SampleKind, s)
		}
		if complete {
			b.WriteString(`{"kind":"complete"}` + "\n")
		}
		return contract.ReadLog(strings.NewReader(b.String()), 1<<20)
	}
	for _, tc := range []struct {
		name    string
		res     gotest.Result
		log     contract.Log
		problem string
	}{
		{"good", gotest.Result{}, logOf(true, good), ""},
		{"a short learner list", gotest.Result{}, logOf(true, short), "1 rows of learner timings for 2 worker counts"},
		{"no completion", gotest.Result{ExitCode: 2}, logOf(false, good), "without a measurement (exit status 2)"},
		{"no samples", gotest.Result{}, logOf(true), "without a measurement"},
		{"two measurements", gotest.Result{}, logOf(true, good, good), "2 measurements"},
		{"timed out", gotest.Result{TimedOut: true}, logOf(false), "did not finish"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, problem := measured(&tc.res, tc.log, 2, time.Minute)
			if tc.problem == "" {
				if problem != "" || s == nil {
					t.Fatalf("good samples refused: %q", problem)
				}
				return
			}
			if s != nil || !strings.Contains(problem, tc.problem) {
				t.Errorf("samples %v, problem %q; want a problem saying %q", s, problem, tc.problem)
			}
		})
	}
}
