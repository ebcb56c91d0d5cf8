package gotest

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// sweep kills every process whose environment holds tag: what a child
// started and left running after leaving its process group (setsid, a
// daemon) before the grader saw it. A process that cleared its environment
// escapes this; the sandbox's pid namespace catches it (package sandbox).
func sweep(tag string) {
	want := []byte(tag + "\x00")
	self := os.Getpid()
	dirs, _ := filepath.Glob("/proc/[0-9]*/environ")
	for _, p := range dirs {
		pid, err := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if bytes.Contains(append(env, 0), want) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
