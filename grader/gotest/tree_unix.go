//go:build unix

package gotest

import (
	"os/exec"
	"syscall"
)

// groupTree is a child in its own process group; on Linux with the sandbox,
// also process 1 of its own pid namespace, whose death ends every process
// in it.
type groupTree struct {
	pgid int
	seen *seen
}

// hold puts the child in its own process group; the memory limit is
// enforced by polling (memory), as Unix has no per-group cap.
func hold(cmd *exec.Cmd, memoryLimit int64) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
}

func newTree(cmd *exec.Cmd, memoryLimit int64) (tree, error) {
	return &groupTree{pgid: cmd.Process.Pid, seen: newSeen(cmd.Process.Pid)}, nil
}

func (g *groupTree) dump() bool {
	sent := false
	for _, pid := range takeSnapshot().descendants(int32(g.pgid)) {
		if g.seen.member(pid) {
			_ = syscall.Kill(int(pid), syscall.SIGQUIT)
			sent = true
		}
	}
	if !sent {
		_ = syscall.Kill(g.pgid, syscall.SIGQUIT)
	}
	return true
}

func (g *groupTree) kill() {
	_ = syscall.Kill(-g.pgid, syscall.SIGKILL)
	for _, p := range g.seen.alive() {
		_ = p.Kill()
	}
}

func (g *groupTree) memory() int64 { return g.seen.memory(g.pgid) }

func (g *groupTree) release() {}
