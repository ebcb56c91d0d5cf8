// Package testbuild fills the Go build cache for the test packages that
// grade, one process at a time, builds the grade command for the tests
// that run it, and gives tests that build Go code elsewhere a folder at
// the same path every run (HeldFolder), where the build cache holds.
//
// `go test ./...` runs two test binaries at once on a 2-core machine, and
// on a cold cache each of their first grades compiled the same standard
// library (without -race, for the timing binary) and ran vet over it, in
// several go processes at once: the build cache does not share work in
// progress between processes. Warm does that work once, under a file lock
// every test process of this machine takes, so that the second one finds
// it done.
//
// Nothing of the grade command links this package: it is for tests.
package testbuild

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"parlab/grader/suite"
)

// warmSuite is the suite whose builds warm the cache: every suite links
// the same standard library, goleak and go-cmp.
const warmSuite = "./grader/suite/histogram"

// lockWait bounds the wait for another test process's builds: a cold
// cache on two busy cores takes a few minutes.
const lockWait = 15 * time.Minute

// Warm builds, in the module at root, what every grade compiles before the
// learner's own code: the timing test binary (no -race), then the race
// test binary of one suite with go vet's facts, as a grade builds it. It
// holds the lock while it builds; on a warm cache it takes about a
// second.
func Warm(root string) error {
	return locked(func() error {
		tmp, err := os.MkdirTemp("", "parlab-warm-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		// In the order and with the flags of a grade's builds.
		for _, b := range []struct {
			args []string
			race bool
		}{
			{suite.CompileCommand(warmSuite, filepath.Join(tmp, "plain.test"), "", false, false), false},
			{suite.CompileCommand(warmSuite, filepath.Join(tmp, "race.test"), "", true, true), true},
		} {
			if err := run(root, b.args, suite.CompileEnv(b.race)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// Run is the TestMain of a package whose tests grade: unless the tests
// run with -short (which grades nothing), it warms the cache of the module
// at root first; the processes the tests start get GORACE=atexit_sleep_ms=0
// unless GORACE is set. It returns m.Run's exit code. A failed warm-up is only
// printed: the tests that need its builds fail with the reason.
func Run(m *testing.M, root string) int {
	flag.Parse()
	// A race-built grade command, which the tests run as a process again
	// and again, sleeps a second before it exits (the race runtime's
	// atexit_sleep_ms) unless GORACE says otherwise; the grader's own race
	// runs set their GORACE themselves.
	if _, set := os.LookupEnv("GORACE"); !set {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	if !testing.Short() {
		if err := Warm(root); err != nil {
			fmt.Fprintln(os.Stderr, "warming the build cache:", err)
		}
	}
	return m.Run()
}

// Grade builds the grade command of the module at root into dir and
// returns its path; with race, it is built with the race detector (and
// then reuses the packages a race-built test binary was made from).
func Grade(root, dir string, race bool) (string, error) {
	bin := filepath.Join(dir, "grade")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := []string{"go", "build", "-o", bin}
	if race {
		args = append(args, "-race")
	}
	return bin, locked(func() error { return run(root, append(args, "./cmd/grade")) })
}

// run runs the command line args in root, with env added to this
// process's environment; its error carries the command's output.
func run(root string, args []string, env ...string) error {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = root
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// locked runs f holding the lock of this machine's build cache.
func locked(f func() error) error {
	path, err := lockPath()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	l := flock.New(path)
	if _, err := l.TryLockContext(ctx, 50*time.Millisecond); err != nil {
		return fmt.Errorf("waiting for another test process's builds (%s): %w", path, err)
	}
	defer l.Unlock()
	return f()
}

// lockPath is the lock file of the build cache in use, in the temporary
// folder: one per cache, so that test runs on separate caches do not wait
// for each other.
func lockPath() (string, error) {
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOCACHE: %w", err)
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(string(out))))
	return filepath.Join(os.TempDir(), "parlab-build-"+hex.EncodeToString(sum[:8])+".lock"), nil
}
