package grader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/contract/speedup"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestReadTrace: the trace file comes from the learner's process, which
// may have put something else in its place.
func TestReadTrace(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("diagnose", "testdata", "histogram-serial.trace"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]func(path string) error{
		"good":    func(p string) error { return os.WriteFile(p, good, 0o600) },
		"symlink": func(p string) error { return os.Symlink(filepath.Join(dir, "good"), p) },
		"folder":  func(p string) error { return os.Mkdir(p, 0o700) },
		"huge":    func(p string) error { return os.Truncate(p, maxTraceSize+1) },
		"garbage": func(p string) error { return os.WriteFile(p, []byte("not a trace"), 0o600) },
	}
	for _, name := range []string{"good", "symlink", "folder", "huge", "garbage", "missing"} {
		path := filepath.Join(dir, name)
		if mk := files[name]; mk != nil {
			if name == "huge" {
				os.WriteFile(path, nil, 0o600)
			}
			if err := mk(path); err != nil {
				t.Fatal(err)
			}
		}
		p, err := readTrace(path, "parlab/exercises/histogram")
		if name == "good" {
			if err != nil || p == nil || p.Call == "" {
				t.Errorf("good: %v", err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: read without an error", name)
		} else if strings.Contains(err.Error(), "panic") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func mustSpec(t *testing.T, name string) exercise.Spec {
	t.Helper()
	spec, err := exercise.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// TestTracedCall: what the grade hands check.Faster of the timing run's
// trace: its figures, why there are none, or that a replayed tape left
// it out for its size (the recorded grade had it).
func TestTracedCall(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("diagnose", "testdata", "histogram-good.trace"))
	if err != nil {
		t.Fatal(err)
	}
	j := speedup.Judgement{P: 2, Speedup: speedup.Estimate{Median: 1.8}}
	for _, tc := range []string{"traced", "missing", "left out"} {
		r := &run{ws: &workspace{dir: t.TempDir()}, spec: mustSpec(t, "histogram")}
		r.opts = withDefaults(Options{})
		path := r.traceRequest().Path
		switch tc {
		case "traced":
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, good, 0o600); err != nil {
				t.Fatal(err)
			}
		case "left out":
			r.opts.runner = &player{left: map[string]bool{path: true}}
		}
		got := r.tracedCall(j)
		switch {
		case tc == "traced" && (got.Figures == nil || got.Figures.Workers != 2 || got.Figures.Speedup != 1.8 || got.Err != nil):
			t.Errorf("%s: %+v", tc, got)
		case tc == "missing" && (got.Figures != nil || got.Err == nil || got.LeftOut):
			t.Errorf("%s: %+v", tc, got)
		case tc == "left out" && (got.Figures != nil || !got.LeftOut):
			t.Errorf("%s: %+v", tc, got)
		}
	}
}

// TestFinishKeepsThePolicysMaximum: a faster check the skip policy left
// pending (check.Faster) stays out of the result's maximum.
func TestFinishKeepsThePolicysMaximum(t *testing.T) {
	spec := mustSpec(t, "histogram")
	pending := verdict.Check{Name: verdict.Faster, Status: verdict.Skip, Unjudged: true, MaxScore: spec.Points[verdict.Faster]}
	verdict.DefaultSkipPolicy.Apply(&pending)
	res := finish(spec, &verdict.Result{}, verdict.Check{Name: verdict.Builds, Status: verdict.Pass}, pending)
	c := res.Check(verdict.Faster)
	if c.MaxScore != 0 || c.Pending != spec.Points[verdict.Faster] || res.MaxScore != spec.MaxScore()-c.Pending {
		t.Errorf("faster %d of %d (pending %d), the result's maximum %d of %d", c.Score, c.MaxScore, c.Pending, res.MaxScore, spec.MaxScore())
	}
}
