package gotest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// RunTagVar names the environment variable that marks every process a Run
// starts, and their descendants, which inherit it.
const RunTagVar = "PARLAB_RUN"

// newRunTag returns a fresh "PARLAB_RUN=<random>" for one Run.
func newRunTag() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return RunTagVar + "=" + hex.EncodeToString(b)
}

// sweep kills every process whose environment holds tag: what a child
// started and left running after leaving its process group (setsid, a
// daemon). A process that cleared its environment escapes this; only a
// cgroup would catch it.
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

// FindProcesses lists the processes whose command line holds args, in
// order and adjacent: what tests use to prove that nothing a run started
// survived it.
func FindProcesses(args ...string) []int {
	want := []byte(strings.Join(args, "\x00"))
	var pids []int
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range dirs {
		data, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(data, want) {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		pids = append(pids, pid)
	}
	return pids
}
