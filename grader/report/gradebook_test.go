package report

import (
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

func TestSummarize(t *testing.T) {
	t.Parallel()
	spec, _ := exercise.Lookup("histogram")
	res := func(score int, failing verdict.CheckName, msg string) *verdict.Result {
		r := &verdict.Result{Exercise: "histogram", Score: score, MaxScore: 11}
		for _, c := range spec.Checks() {
			st := verdict.Pass
			if c == failing {
				st = verdict.Fail
			}
			r.Checks = append(r.Checks, verdict.Check{Name: c, Status: st, Message: msg})
		}
		return r
	}
	book := Gradebook{Exercises: []exercise.Spec{spec}, Students: []Student{
		{Name: "a", Results: map[string]*verdict.Result{"histogram": res(11, "", "")}},
		{Name: "b", Results: map[string]*verdict.Result{"histogram": res(10, verdict.RaceFree, "data race at histogram.go:15")}},
		{Name: "c", Results: map[string]*verdict.Result{"histogram": res(10, verdict.RaceFree, "data race at histogram.go:22")}},
		{Name: "d"},
	}}
	sum := Summarize(book)
	e := sum.Exercises[0]
	if e.Graded != 3 || e.MeanScore != 31.0/4 || e.Median != 10 {
		t.Errorf("graded %d mean %v median %v; want 3, 7.75, 10", e.Graded, e.MeanScore, e.Median)
	}
	if r := e.PassRate[verdict.RaceFree]; r != 1.0/3 {
		t.Errorf("race-free pass rate %v, want 1/3", r)
	}
	if len(e.CommonFailures) != 1 || e.CommonFailures[0].Count != 2 || !strings.Contains(e.CommonFailures[0].Message, "histogram.go:N") {
		t.Errorf("common failures %+v: the two races differ only in line numbers and should count as one", e.CommonFailures)
	}
}
