// Package restore puts an exercise's original stub back (`grade reset`),
// keeping the learner's files in a backup folder of the checkout that the
// go command ignores (_backups/, whose name starts with an underscore),
// where the learner sees it in their editor and copies files back from.
package restore

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"parlab/grader/exercise"
)

// BackupsDir is the folder of the checkout that holds reset's backups:
// the go command ignores a folder whose name starts with "_", so nothing
// in it is compiled.
const BackupsDir = "_backups"

// Stub backs up the learner's .go files of dir (those that differ from
// spec's pristine stub, and those it does not have: an unchanged doc.go
// is not the learner's) into a new folder under root/_backups, removes
// every .go file of dir and writes spec's pristine stub into it; other
// files (notes, data) stay. It returns the backup folder and how many
// files it holds.
func Stub(root, dir string, spec exercise.Spec) (backup string, moved int, err error) {
	backup = filepath.Join(root, BackupsDir, spec.Name+"-"+time.Now().Format("20060102-150405.000"))
	if err := os.MkdirAll(backup, 0o755); err != nil {
		return "", 0, err
	}
	moved, err = move(dir, backup, spec)
	return backup, moved, err
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
	pristine, err := spec.Pristine()
	if err != nil {
		return 0, err
	}
	backedUp := 0
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return 0, err
		}
		if want, ok := pristine[n]; ok && bytes.Equal(data, want) {
			continue // as shipped: nothing of the learner's
		}
		if err := os.WriteFile(filepath.Join(backup, n), data, 0o644); err != nil {
			return 0, fmt.Errorf("backing up %s: %w (nothing was changed)", n, err)
		}
		backedUp++
	}
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil {
			return 0, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	return backedUp, spec.WritePristine(dir)
}
