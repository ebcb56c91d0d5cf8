package grader

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestSweepStale: a grade removes the workspaces a killed grader left in
// the temporary folder a day or more ago, and nothing else: not a fresh
// workspace (another grade's, running now), not a folder of another name
// or a file of that name.
func TestSweepStale(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := now.Add(-StaleAfter - time.Hour)
	mk := func(name string, dirToo bool, mod time.Time) string {
		p := filepath.Join(dir, name)
		if dirToo {
			if err := os.MkdirAll(filepath.Join(p, "work", "tmp"), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(p, "work", "report.jsonl"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := mk("parlab-grade-histogram-123456", true, old)
	keep := []string{
		mk("parlab-grade-mergesort-987", true, now.Add(-time.Hour)), // a grade running now
		mk("parlab-grade-histogram-42", false, old),                 // a file
		mk("parlab-grade-histogram-x1", true, old),                  // not os.MkdirTemp's name
		mk("parlab-batch-77", true, old),                            // another tool's
		mk("my-parlab-grade-histogram-1", true, old),
	}
	if os.Getuid() == 0 {
		// Another user's, as only root can make one here.
		p := mk("parlab-grade-racefix-555", true, old)
		if err := os.Lchown(p, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		keep = append(keep, p)
	}
	got := sweepStale(dir, now)
	if !slices.Equal(got, []string{stale}) {
		t.Errorf("removed %q, want only %q", got, stale)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", stale, err)
	}
	for _, p := range keep {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
}
