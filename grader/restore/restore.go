// Package restore puts an exercise's original stub back (`grade reset`),
// keeping the learner's files in a backup folder outside the repository.
package restore

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/progress"
)

// Stub moves every .go file of dir into a new backup folder and writes
// spec's pristine stub into dir; other files (notes, data) stay. It
// returns the backup folder and how many files it holds.
func Stub(dir string, spec exercise.Spec) (backup string, moved int, err error) {
	if backup, err = backupDir(spec.Name); err != nil {
		return "", 0, err
	}
	moved, err = move(dir, backup, spec)
	return backup, moved, err
}

// backupDir is a new folder for this reset's backup, under the cache folder
// (never inside the repository, where it would be compiled).
func backupDir(name string) (string, error) {
	store, err := progress.Dir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(store, "backups", name+"-"+time.Now().Format("20060102-150405.000"))
	return dir, os.MkdirAll(dir, 0o755)
}

// move moves every .go file of dir into backup, then writes the
// pristine stub into dir. Other files (notes, data) stay. It returns how
// many files were backed up.
func move(dir, backup string, spec exercise.Spec) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return 0, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(backup, n), data, 0o644); err != nil {
			return 0, fmt.Errorf("backing up %s: %w (nothing was changed)", n, err)
		}
	}
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil {
			return 0, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	return len(names), spec.WritePristine(dir)
}
