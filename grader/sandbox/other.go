//go:build !linux

package sandbox

import (
	"os/exec"
	"runtime"
)

// A Launch is one program being started; outside Linux there is no
// sandbox and nothing to wait for.
type Launch struct{}

// Prepare leaves cmd as it is: this system has no sandbox, as Features
// and Missing say.
func Prepare(cmd *exec.Cmd, p Policy) (*Launch, error) { return &Launch{}, nil }

// Started returns the error of cmd.Start.
func (l *Launch) Started(startErr error) error { return startErr }

// Features lists every restriction of the Linux sandbox as unavailable.
func Features() []Feature {
	var out []Feature
	for _, name := range []string{"landlock filesystem", "network namespace", "pid namespace", "seccomp socket filter", "resource limits"} {
		out = append(out, Feature{Name: name, Detail: "not on " + runtime.GOOS + ": the test binaries run unconfined; grade on Linux for the sandbox"})
	}
	return out
}

// SystemPaths is empty: there is no sandbox to let them through.
func SystemPaths() []string { return nil }
