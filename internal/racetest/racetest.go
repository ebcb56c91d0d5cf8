// Package racetest ends a race-enabled test binary without the race
// runtime's second of sleep at exit.
//
// The race runtime sleeps atexit_sleep_ms (1000 by default) before a
// process with more than one goroutine exits, so that reports still being
// written get out; every test binary has more than one. GORACE can set it,
// but `go test -race ./...` leaves the environment as it finds it: each of
// the module's 48 test binaries slept a second, two at a time, 22 s of
// the suite's 186 s. Main runs the test binary again as a child with
// atexit_sleep_ms=0 added to GORACE and ends with the child's exit status;
// the child's race runtime behaves as before in all else (a race still
// fails its test, and still makes the exit status 66).
package racetest

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

// Main is a test binary's TestMain: os.Exit(m.Run()), in a child process
// when Reexec says so.
func Main(m *testing.M) {
	Reexec()
	os.Exit(m.Run())
}

// Reexec, called first in a TestMain, runs this test binary again with
// the same arguments, atexit_sleep_ms=0 added to GORACE, and its standard
// streams, forwards an interrupt or a SIGTERM to it, and ends this process
// with its exit status, without the race runtime's sleep (syscall.Exit
// skips it: this process ran nothing). It returns at once, and nothing is
// run again, when the binary is not race-enabled, when GORACE already sets
// atexit_sleep_ms (as in that child), or when the child cannot start.
func Reexec() {
	gorace, again := childGORACE(raceEnabled, os.Getenv("GORACE"))
	if !again {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), "GORACE="+gorace)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		signal.Stop(signals)
		return
	}
	go func() {
		for sig := range signals {
			_ = cmd.Process.Signal(sig)
		}
	}()
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil:
		syscall.Exit(0)
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		syscall.Exit(exit.ExitCode())
	default: // killed by a signal, or lost
		syscall.Exit(1)
	}
}

// childGORACE returns the GORACE of the child Reexec starts (the one
// given, with atexit_sleep_ms=0 added) and whether to start one: only
// for a race-enabled binary whose GORACE does not set atexit_sleep_ms.
func childGORACE(race bool, gorace string) (string, bool) {
	if !race {
		return "", false
	}
	for _, opt := range strings.Fields(gorace) {
		if strings.HasPrefix(opt, "atexit_sleep_ms=") {
			return "", false
		}
	}
	return strings.TrimSpace(gorace + " atexit_sleep_ms=0"), true
}
