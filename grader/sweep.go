package grader

import (
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// StaleAfter is how old a workspace left in the temporary folder must be
// before a grade removes it: no grade lasts that long, so its grader is
// gone.
const StaleAfter = 24 * time.Hour

// workspaceName is the name newWorkspace gives its folders:
// parlab-grade-EXERCISE-DIGITS (os.MkdirTemp's random part).
var workspaceName = regexp.MustCompile(`^parlab-grade-[a-z0-9]+-[0-9]+$`)

// sweepOnce sweeps the temporary folder once per process, before its
// first grade.
var sweepOnce sync.Once

// sweepStale removes the workspaces in dir that a grader killed without a
// chance to clean up (SIGKILL, the out-of-memory killer, a machine that
// went down) left behind: folders named as newWorkspace names them,
// owned by this user, and last changed before now-StaleAfter. Anything
// else is left alone, and so is what cannot be removed.
func sweepStale(dir string, now time.Time) (removed []string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if !e.IsDir() || !workspaceName.MatchString(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		info, err := os.Lstat(path)
		if err != nil || !info.IsDir() || !ownedByMe(info) || now.Sub(info.ModTime()) < StaleAfter {
			continue
		}
		if os.RemoveAll(path) == nil {
			removed = append(removed, path)
		}
	}
	return removed
}
