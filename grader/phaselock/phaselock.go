// Package phaselock keeps timing runs apart from everything else the
// grader runs, in this process and in any other grade process on the
// machine: builds and test runs share the lock, a speedup measurement holds
// it alone. Within a process a waiting measurement goes first (no new
// shared holders are let in); across processes the lock is an flock(2) on a
// file in the temporary folder.
package phaselock

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// FileName is the lock file, in os.TempDir().
const FileName = "parlab-phase.lock"

var local sync.RWMutex

// lockDir is where the lock file lives; tests move it.
var lockDir = os.TempDir

// Shared takes the lock for a phase that may run beside others (a build, a
// race run) and returns its release.
func Shared() (release func()) {
	local.RLock()
	unlockFile := lockFile(syscall.LOCK_SH)
	return func() {
		unlockFile()
		local.RUnlock()
	}
}

// Exclusive takes the lock for a phase that must run alone (a timing run)
// and returns its release.
func Exclusive() (release func()) {
	local.Lock()
	unlockFile := lockFile(syscall.LOCK_EX)
	return func() {
		unlockFile()
		local.Unlock()
	}
}

// lockFile flocks the shared lock file; where that is impossible (no
// temporary folder, no flock) it does nothing: the lock within the process
// still holds.
func lockFile(how int) func() {
	f, err := os.OpenFile(filepath.Join(lockDir(), FileName), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return func() {}
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}
