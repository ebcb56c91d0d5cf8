package grader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/verdict"
)

func TestExplains(t *testing.T) {
	for _, tc := range []struct {
		status            verdict.Status
		speedup, required float64
		want              bool
	}{
		{verdict.Fail, 1.02, 1.3, true},
		{verdict.Pass, 1.4, 1.3, true},  // narrow
		{verdict.Pass, 1.9, 1.3, false}, // clear
		{verdict.Skip, 1.0, 1.3, false}, // too busy to judge: too busy to trace
		{verdict.Error, 0, 1.3, false},
	} {
		r := &run{speedup: &verdict.Speedup{Workers: 2, Speedup: tc.speedup, Required: tc.required}}
		if got := r.explains(&verdict.Check{Status: tc.status}); got != tc.want {
			t.Errorf("%s at %.2fx of %.2fx: explains %v, want %v", tc.status, tc.speedup, tc.required, got, tc.want)
		}
	}
}

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
