package testbuild

import (
	"testing"

	"github.com/gofrs/flock"
)

// TestLockedHoldsTheCacheLock: while one test process builds, another
// cannot take the lock of the same build cache, and can once it is done.
func TestLockedHoldsTheCacheLock(t *testing.T) {
	t.Setenv("GOCACHE", t.TempDir())
	path, err := lockPath()
	if err != nil {
		t.Fatal(err)
	}
	other := flock.New(path)
	err = locked(func() error {
		if ok, err := other.TryLock(); err != nil || ok {
			t.Errorf("another process could take %s while a build held it (ok %v, err %v)", path, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ok, err := other.TryLock()
	if err != nil || !ok {
		t.Errorf("%s is still held after the build (ok %v, err %v)", path, ok, err)
	}
	other.Unlock()
}

// TestLockPathFollowsTheCache: test runs on two build caches do not wait
// for each other.
func TestLockPathFollowsTheCache(t *testing.T) {
	t.Setenv("GOCACHE", t.TempDir())
	a, err := lockPath()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", t.TempDir())
	b, err := lockPath()
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Errorf("two build caches share the lock %s", a)
	}
}
