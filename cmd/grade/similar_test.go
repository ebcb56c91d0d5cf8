package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSimilarRoutes: grade similar ROOT prints the pairs of a class, the
// copy and the model answer's copy among them, and --out writes
// similarity.csv; no ROOT is a usage error.
func TestSimilarRoutes(t *testing.T) {
	class, out := t.TempDir(), t.TempDir()
	for student, from := range map[string]string{"alice": "indep-04", "bob": "copy-04-renamed", "carol": "indep-09", "dave": "copy-model-renamed"} {
		dir := filepath.Join(class, student, "histogram")
		data, err := os.ReadFile(filepath.Join("..", "..", "grader", "class", "similarity", "testdata", "histogram", from, "histogram.go"))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "histogram.go"), data, 0o644)
	}
	stdout, stderr, err := runGrade(t, "similar", class, "--exercise", "histogram", "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"histogram: 5 participants, 2 pairs", "alice (100% matched) ~ bob", "dave (100% matched) ~ solutions/histogram"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if csv, err := os.ReadFile(filepath.Join(out, "similarity.csv")); err != nil || !strings.Contains(string(csv), "histogram,alice,bob,1.000") {
		t.Errorf("similarity.csv: %s, err %v", csv, err)
	}
	if _, _, err := runGrade(t, "similar"); err == nil {
		t.Error("no ROOT: no error")
	}
}
