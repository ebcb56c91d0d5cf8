// Package phaselock keeps timing runs apart from everything else the
// grader runs, in this process and in any other grade process on the
// machine: builds and test runs share the lock, a speedup measurement holds
// it alone. A waiting measurement goes first (no new shared holders are
// let in): within a process by a readers-writer lock, across processes by
// a gate file beside the lock file. Across processes the lock is a file lock
// (github.com/gofrs/flock: flock(2) on Unix, LockFileEx on Windows) on a
// file in parlab's own cache folder, private to the user (0700) and out of
// the sandbox's reach, so that learner code cannot take it. Every wait
// ends when its context does (the grade command cancels it on SIGINT and
// SIGTERM) or after MaxWait.
package phaselock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"parlab/grader/history"
)

// FileName is the lock file, in Dir().
const FileName = "phase.lock"

// MaxWait is how long a phase waits for the lock before it gives up: far
// longer than any phase of another grade may hold it.
const MaxWait = 10 * time.Minute

// maxWait is MaxWait; tests shorten it.
var maxWait = MaxWait

// retryDelay is how often a waiter tries the file lock again.
const retryDelay = 20 * time.Millisecond

// Dir is the folder of the lock file: "locks" in parlab's cache folder
// ($PARLAB_CACHE_DIR, else the user's cache folder), made private to the
// user.
func Dir() (string, error) {
	base, err := history.Dir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "locks")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating the lock folder: %w (set %s to a folder you can write)", err, history.DirEnv)
	}
	// MkdirAll leaves an existing folder as it was.
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("making the lock folder private: %w", err)
	}
	return dir, nil
}

var local rwLock

// Shared takes the lock for a phase that may run beside others (a build, a
// race run) and returns its release. The error is ctx's when ctx ends
// first, or says who to look for after MaxWait.
func Shared(ctx context.Context) (release func(), err error) { return take(ctx, false) }

// Exclusive takes the lock for a phase that must run alone (a timing run)
// and returns its release; its errors are Shared's.
func Exclusive(ctx context.Context) (release func(), err error) { return take(ctx, true) }

func take(ctx context.Context, exclusive bool) (func(), error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	wait, cancel := context.WithTimeout(ctx, maxWait)
	defer cancel()
	if err := local.lock(wait, exclusive); err != nil {
		return nil, waitError(ctx, err, "another phase of this grade")
	}
	unlock, err := fileLock(wait, dir, exclusive)
	if err != nil {
		local.unlock(exclusive)
		return nil, waitError(ctx, err, "another grade process ("+filepath.Join(dir, FileName)+")")
	}
	release := func() {
		unlock()
		local.unlock(exclusive)
	}
	// ctx's cancel closes ctx and then cancels its children one by one:
	// between the two, another waiter's wait has ended and let this one
	// in while this wait has not ended yet. A caller whose context is
	// done gets the lock back, not a lock it no longer waits for (and
	// would leak).
	if err := ctx.Err(); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// GateName is the gate file beside the lock file, in Dir().
const GateName = "phase.gate"

// fileLock takes the lock file, shared or exclusive, with a waiting
// exclusive taker of any process going first: flock(2) lets shared holders
// in as long as one is inside, so grades whose builds and race runs
// overlapped (a class's batch beside a learner's grade, shards on one
// machine) kept a timing run waiting until MaxWait. An exclusive taker
// holds the gate file exclusively while it waits for the lock; a shared
// taker passes the gate (a shared hold, let go once it holds the lock),
// so it waits while an exclusive taker does. A grade of a parlab without
// the gate still excludes and is excluded, only without going first.
func fileLock(ctx context.Context, dir string, exclusive bool) (unlock func(), err error) {
	gate := flock.New(filepath.Join(dir, GateName), flock.SetPermissions(0o600))
	defer gate.Close()
	pass := gate.TryRLockContext
	if exclusive {
		pass = gate.TryLockContext
	}
	if ok, _ := gate.TryRLock(); ok {
		_ = gate.Unlock()
	} else if !exclusive {
		gateWait()
	}
	if _, err := pass(ctx, retryDelay); err != nil {
		return nil, err
	}
	defer gate.Unlock()
	f := flock.New(filepath.Join(dir, FileName), flock.SetPermissions(0o600))
	try := f.TryRLockContext
	if exclusive {
		try = f.TryLockContext
	}
	if _, err := try(ctx, retryDelay); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() { _ = f.Unlock(); _ = f.Close() }, nil
}

// gateWait is called when a shared taker finds an exclusive one at the
// gate: a shim for testing.
var gateWait = func() {}

// waitError is ctx's error when ctx ended, or says what the wait was for.
func waitError(ctx context.Context, err error, holder string) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("waited %v for %s to finish timing or building: is a grade stuck? stop it and try again", maxWait, holder)
	}
	return fmt.Errorf("taking the phase lock: %w", err)
}

// rwLock is a readers-writer lock whose waits end with a context, and
// where a waiting writer keeps new readers out.
type rwLock struct {
	mu       sync.Mutex
	readers  int
	writer   bool
	writers  int           // waiting
	released chan struct{} // closed at every change, then replaced
}

func (l *rwLock) lock(ctx context.Context, exclusive bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if exclusive {
		l.writers++
		defer func() { l.writers--; l.changed() }()
	}
	for {
		switch {
		case exclusive && !l.writer && l.readers == 0:
			l.writer = true
			return nil
		case !exclusive && !l.writer && l.writers == 0:
			l.readers++
			return nil
		}
		if l.released == nil {
			l.released = make(chan struct{})
		}
		released := l.released
		l.mu.Unlock()
		select {
		case <-released:
			l.mu.Lock()
		case <-ctx.Done():
			l.mu.Lock()
			return ctx.Err()
		}
	}
}

func (l *rwLock) unlock(exclusive bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if exclusive {
		l.writer = false
	} else {
		l.readers--
	}
	l.changed()
}

// changed wakes every waiter to look again; l.mu is held.
func (l *rwLock) changed() {
	if l.released != nil {
		close(l.released)
		l.released = nil
	}
}
