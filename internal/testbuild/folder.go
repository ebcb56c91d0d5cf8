package testbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/gofrs/flock"

	"parlab/grader/history"
)

// HeldFolder returns a folder for a test to build Go code in, at the same
// path in every run with the same kind and key (in parlab's cache folder,
// kind/HASH), and holds it with a file lock until the test ends: two runs
// of the suite take turns with it. What the folder holds is kept between
// runs. Go's build and test caches key a package on its folder as well as
// its files, so code built in a new temporary folder each run is compiled
// again each run (and its tests run again); in the same folder only what
// changed is. Where there is no cache folder it is a new temporary one.
func HeldFolder(t testing.TB, kind, key string) string {
	t.Helper()
	base, err := history.Dir()
	if err != nil {
		return t.TempDir()
	}
	sum := sha256.Sum256([]byte(key))
	dir := filepath.Join(base, kind, hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		t.Fatal(err)
	}
	lock := flock.New(dir + ".lock")
	if err := lock.Lock(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lock.Unlock() })
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// EmptyFolder is HeldFolder emptied first, and removed when the test
// ends: the same path every run, and nothing left of the last one.
func EmptyFolder(t testing.TB, kind, key string) string {
	t.Helper()
	dir := HeldFolder(t, kind, key)
	clear := func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Error(err)
		}
	}
	clear()
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(clear)
	return dir
}
