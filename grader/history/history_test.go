package history

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"parlab/grader/verdict"
)

func TestRecordAndLoad(t *testing.T) {
	t.Setenv(DirEnv, t.TempDir())
	s, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 28, 14, 0, 0, 0, time.UTC)
	failing := &verdict.Result{Exercise: "histogram", Score: 5, MaxScore: 11, Checks: []verdict.Check{
		{Name: verdict.Correct, Status: verdict.Fail, Message: "Parallel(p, 3) differs\nmore"}}}
	stub := &verdict.Result{Exercise: "mergesort", Score: 2, MaxScore: 11, Checks: []verdict.Check{
		{Name: verdict.Started, Status: verdict.Fail, Message: "TODO"}}}
	for _, r := range []*verdict.Result{failing, stub} {
		if err := s.Record("/repo", r, when); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Record("/other", &verdict.Result{Exercise: "histogram", Score: 11, MaxScore: 11}, when); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load("/repo")
	if err != nil {
		t.Fatal(err)
	}
	if h := got["histogram"]; h.Score != 5 || h.Passed || !h.Started || h.First != "correct: Parallel(p, 3) differs" || !h.When.Equal(when) {
		t.Errorf("histogram entry = %+v", h)
	}
	if m := got["mergesort"]; m.Started {
		t.Errorf("a stub still panicking with TODO counts as started: %+v", m)
	}
	other, _ := s.Load("/other")
	if !other["histogram"].Passed {
		t.Errorf("checkouts are not kept apart: %+v", other)
	}
}

func TestDamagedFileStartsAfresh(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(DirEnv, dir)
	if err := os.WriteFile(filepath.Join(dir, "results.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _ := Open()
	if got, err := s.Load("/repo"); err != nil || len(got) != 0 {
		t.Fatalf("Load = %v, %v; want nothing and no error", got, err)
	}
	if err := s.Record("/repo", &verdict.Result{Exercise: "racefix", Score: 1, MaxScore: 11}, time.Now()); err != nil {
		t.Fatal(err)
	}
}
