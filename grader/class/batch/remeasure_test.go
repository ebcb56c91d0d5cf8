package batch

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/verdict"
)

// histogramResult is a histogram result whose checks all pass but faster,
// which has the given status; unjudged marks a skip the machine caused.
func histogramResult(t *testing.T, faster verdict.Status, unjudged bool) *verdict.Result {
	t.Helper()
	spec, _ := exercise.Lookup("histogram")
	r := &verdict.Result{Exercise: "histogram"}
	for _, name := range spec.Checks() {
		c := verdict.Check{Name: name, Status: verdict.Pass, MaxScore: spec.Points[name]}
		if name == verdict.Faster {
			c.Status, c.Unjudged, c.Message = faster, unjudged, "the machine was busy"
		}
		r.Checks = append(r.Checks, c)
	}
	r.ApplySkipPolicy(verdict.DefaultSkipPolicy)
	return r
}

func TestPendingInTheGradebook(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	full := spec.MaxScore()
	fasterPts := spec.Points[verdict.Faster]
	for _, tc := range []struct {
		name        string
		res         *verdict.Result
		score, max  int
		pendingNote bool
	}{
		{"a busy machine's skip is pending and out of the maximum", histogramResult(t, verdict.Skip, true), full - fasterPts, full - fasterPts, true},
		{"a skip the code caused costs the points", histogramResult(t, verdict.Skip, false), full - fasterPts, full, false},
		{"a fail costs the points", histogramResult(t, verdict.Fail, false), full - fasterPts, full, false},
		{"a pass earns them", histogramResult(t, verdict.Pass, false), full, full, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &Record{Student: "ann", Exercises: map[string]*verdict.Result{"histogram": tc.res}}
			rows, err := csv.NewReader(bytes.NewReader(report.GradesCSV(Book([]*Record{rec}, []exercise.Spec{spec})))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			row := strings.Join(rows[1], ",")
			want := strings.Join([]string{"ann", strconv.Itoa(tc.score), strconv.Itoa(tc.score), strconv.Itoa(tc.max)}, ",")
			if !strings.HasPrefix(row, want) {
				t.Errorf("row %q, want it to start with %q", row, want)
			}
			if got := strings.Contains(row, "pending: faster of [histogram]"); got != tc.pendingNote {
				t.Errorf("row %q: pending note %v, want %v", row, got, tc.pendingNote)
			}
		})
	}
}

func TestTakeFaster(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	old := histogramResult(t, verdict.Skip, true)
	old.Speedup = &verdict.Speedup{Workers: 2, Speedup: 1.1}
	if takeFaster(old, histogramResult(t, verdict.Skip, true), spec, verdict.DefaultSkipPolicy) {
		t.Fatal("a re-measurement the machine still could not judge replaced the first one")
	}
	if !takeFaster(old, histogramResult(t, verdict.Pass, false), spec, verdict.DefaultSkipPolicy) {
		t.Fatal("a judged re-measurement was not taken")
	}
	if old.Score != spec.MaxScore() || old.MaxScore != spec.MaxScore() {
		t.Fatalf("after a passing re-measurement: %d/%d, want full marks", old.Score, old.MaxScore)
	}
	rec := &Record{Exercises: map[string]*verdict.Result{"histogram": old}}
	if p := rec.Pending(); len(p) != 0 {
		t.Fatalf("still pending: %v", p)
	}
}

// A grade that left its timing for the end of the batch measured
// nothing: a first measurement the machine could not judge either says
// why, with its figures, and the check stays pending.
func TestTakeFasterOfADeferredTiming(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	old := histogramResult(t, verdict.Skip, true)
	old.Check(verdict.Faster).Message = "not measured yet"
	busy := histogramResult(t, verdict.Skip, true)
	busy.Speedup = &verdict.Speedup{Workers: 2, Speedup: 1.1, Warnings: []string{"busy"}}
	if !takeFaster(old, busy, spec, verdict.DefaultSkipPolicy) {
		t.Fatal("the first measurement of a deferred timing was not taken")
	}
	if c := old.Check(verdict.Faster); !strings.HasPrefix(c.Message, "the machine was busy (not judged") || strings.Count(c.Message, "not judged") != 1 || old.Speedup == nil {
		t.Errorf("after the first measurement: %q, speedup %v", c.Message, old.Speedup)
	}
	rec := &Record{Exercises: map[string]*verdict.Result{"histogram": old}}
	if p := rec.Pending(); len(p) != 1 {
		t.Errorf("a check the machine could not judge is no longer pending: %v", p)
	}
}
