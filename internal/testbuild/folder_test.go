package testbuild

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gofrs/flock"

	"parlab/grader/history"
)

// TestHeldFolderIsTheSameEveryRun: the same kind and key give the same
// folder, kept, and locked while a test holds it; another key another.
func TestHeldFolderIsTheSameEveryRun(t *testing.T) {
	t.Setenv(history.DirEnv, t.TempDir())
	var first string
	t.Run("first", func(t *testing.T) {
		first = HeldFolder(t, "kind", "key")
		if err := os.WriteFile(filepath.Join(first, "kept"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if ok, err := flock.New(first + ".lock").TryLock(); err != nil || ok {
			t.Errorf("the folder's lock could be taken while a test held it (ok %v, err %v)", ok, err)
		}
	})
	t.Run("second", func(t *testing.T) {
		if again := HeldFolder(t, "kind", "key"); again != first {
			t.Errorf("a second run got %s, the first %s", again, first)
		}
		if _, err := os.Stat(filepath.Join(first, "kept")); err != nil {
			t.Errorf("what the first run left is gone: %v", err)
		}
		if other := HeldFolder(t, "kind", "other key"); other == first {
			t.Errorf("two keys share %s", other)
		}
	})
}

// TestEmptyFolderStartsEmptyAndIsRemoved: whatever a run left (a stopped
// run leaves its files) is gone before the test, and the folder after it.
func TestEmptyFolderStartsEmptyAndIsRemoved(t *testing.T) {
	t.Setenv(history.DirEnv, t.TempDir())
	var dir string
	t.Run("stopped run", func(t *testing.T) {
		dir = HeldFolder(t, "kind", "key")
		if err := os.WriteFile(filepath.Join(dir, "left"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("run", func(t *testing.T) {
		if got := EmptyFolder(t, "kind", "key"); got != dir {
			t.Errorf("EmptyFolder gave %s, HeldFolder %s", got, dir)
		}
		if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
			t.Errorf("the folder holds %v (err %v), want nothing", entries, err)
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is left after the test: %v", dir, err)
	}
}
