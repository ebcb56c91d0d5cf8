// Package gotest runs the Go toolchain and the test binaries it builds as
// child processes the grader stays in charge of: each held as a tree (a
// process group on Unix, a Job Object on Windows) that is killed whole at
// its deadline, with its output kept to a bounded size however much it
// writes, and its memory watched. A test binary, which holds learner code,
// runs in the OS sandbox (package sandbox) where the system has one.
package gotest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"parlab/grader/sandbox"
)

// A Command is one child process to run.
type Command struct {
	// Args is the program and its arguments.
	Args []string
	// Dir is the working directory.
	Dir string
	// Env is added to the grader's own environment (minus GOFLAGS, which a
	// user's setting could use to change what is built); for a sandboxed
	// child, to a few harmless variables of it only (SandboxEnviron).
	Env []string
	// Timeout kills the whole process tree when it passes; 0 means none.
	Timeout time.Duration
	// OutputLimit caps the bytes kept of stdout and of stderr each: the
	// first and last halves are kept and the middle dropped with a note.
	// 0 means DefaultOutputLimit.
	OutputLimit int
	// MemoryLimit kills the process tree when the resident memory of its
	// processes together exceeds it; 0 means no limit.
	MemoryLimit int64
	// Sandbox, when set, confines the child to its policy; nil runs it
	// unconfined (the go command).
	Sandbox *sandbox.Policy
	// JSONPackage, when set, says that Args run a test binary with
	// -test.v=test2json: its stdout and stderr are kept as one stream
	// (OutputLimit caps it), and once it has ended the Result's Stdout is
	// that stream as test2json's `go test -json` events for this package
	// (tojson.go), its Stderr what test2json printed there.
	JSONPackage string
}

// DefaultOutputLimit is the default cap on the output kept per stream.
const DefaultOutputLimit = 1 << 20

// Result is what a child did.
type Result struct {
	Stdout, Stderr []byte
	// ExitCode is the exit status, or -1 when the child was killed.
	ExitCode int
	// TimedOut is set when the child ran past its Timeout and was killed.
	TimedOut bool
	// OutOfMemory is set when the child exceeded its MemoryLimit and was
	// killed; PeakMemory is the largest resident size seen.
	OutOfMemory bool
	PeakMemory  int64
	// Dropped counts the output bytes the cap discarded.
	Dropped  int64
	Duration time.Duration
	// Notes say what this system could not do for the run.
	Notes []string
}

// ErrNotFound means the program to run is not installed.
var ErrNotFound = errors.New("not found")

// RunTagVar names the environment variable that marks every process a Run
// starts, and their descendants, which inherit it.
const RunTagVar = "PARLAB_RUN"

// newRunTag returns a fresh "PARLAB_RUN=<random>" for one Run.
func newRunTag() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return RunTagVar + "=" + hex.EncodeToString(b)
}

// Run starts c and waits for it. An error means the child could not be
// started at all; everything the child itself did is in the Result.
func Run(ctx context.Context, c Command) (*Result, error) {
	ch, err := prepare(c)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	t, err := ch.start()
	if err != nil {
		return nil, err
	}
	defer t.release()
	res := &Result{}
	err = ch.watch(ctx, t, res)
	ch.finish(t, res)
	res.Duration = time.Since(start)
	if err := waitError(ctx, c.Args[0], err); err != nil {
		return res, err
	}
	if c.JSONPackage != "" {
		if res.Stdout, res.Stderr, err = toJSON(ctx, c.JSONPackage, res.Stdout, res.ExitCode); err != nil {
			return res, err
		}
	}
	return res, nil
}

// child is one run being prepared or watched: the command, its capped
// output, the tag its processes carry and the sandbox's launch.
type child struct {
	c              Command
	cmd            *exec.Cmd
	stdout, stderr *headTail
	tag            string
	launch         *sandbox.Launch
}

// prepare builds c's command: its environment (tagged), its output caps,
// its memory hold and its sandbox.
func prepare(c Command) (*child, error) {
	limit := c.OutputLimit
	if limit == 0 {
		limit = DefaultOutputLimit
	}
	cmd := exec.Command(c.Args[0], c.Args[1:]...)
	if errors.Is(cmd.Err, exec.ErrNotFound) {
		return nil, fmt.Errorf("%s: %w: install Go (https://go.dev/dl) and make sure it is on PATH", c.Args[0], ErrNotFound)
	}
	ch := &child{c: c, cmd: cmd, stdout: newHeadTail(limit), stderr: newHeadTail(limit), tag: newRunTag(), launch: &sandbox.Launch{}}
	cmd.Dir = c.Dir
	env := Environ()
	if c.Sandbox != nil {
		env = SandboxEnviron()
	}
	cmd.Env = append(append(env, c.Env...), ch.tag)
	cmd.Stdout, cmd.Stderr = ch.stdout, ch.stderr
	if c.JSONPackage != "" {
		// One pipe for both, as test2json reads a test binary.
		cmd.Stderr = ch.stdout
	}
	hold(cmd, c.MemoryLimit)
	// The sandbox's launcher dies with the thread that starts it
	// (Pdeathsig, https://go.dev/issue/27505): the Go runtime only ends a
	// thread whose goroutine exits locked to it, which nothing here does.
	// A descendant that outlives the child may hold its output pipes open;
	// Wait then gives up on them after this long instead of hanging.
	cmd.WaitDelay = time.Second
	if c.Sandbox != nil {
		var err error
		if ch.launch, err = sandbox.Prepare(cmd, *c.Sandbox); err != nil {
			return nil, err
		}
	}
	return ch, nil
}

// start starts the child and the tracking of its process tree; a child
// that started but cannot be tracked is killed.
func (ch *child) start() (tree, error) {
	if err := ch.launch.Started(ch.cmd.Start()); err != nil {
		if ch.cmd.Process != nil {
			_ = ch.cmd.Process.Kill()
			_ = ch.cmd.Wait()
		}
		return nil, fmt.Errorf("starting %s: %w", ch.c.Args[0], err)
	}
	t, err := newTree(ch.cmd, ch.c.MemoryLimit)
	if err != nil {
		_ = ch.cmd.Process.Kill()
		_ = ch.cmd.Wait()
		return nil, err
	}
	return t, nil
}

// watch waits for the child to exit and returns what Wait returned,
// holding it to its limits meanwhile: at the time limit it asks for a
// goroutine dump and kills QuitGrace later; over the memory limit, or
// when ctx is cancelled, it kills at once.
func (ch *child) watch(ctx context.Context, t tree, res *Result) error {
	waited := make(chan error, 1)
	go func() { waited <- ch.cmd.Wait() }()
	var deadline, poll, kill <-chan time.Time
	if ch.c.Timeout > 0 {
		timer := time.NewTimer(ch.c.Timeout)
		defer timer.Stop()
		deadline = timer.C
	}
	if ch.c.MemoryLimit > 0 {
		ticker := time.NewTicker(50 * time.Millisecond)
		defer ticker.Stop()
		poll = ticker.C
	}
	cancelled := ctx.Done()
	for {
		select {
		case err := <-waited:
			return err
		case <-deadline:
			res.TimedOut, deadline = true, nil
			grace := time.NewTimer(QuitGrace)
			defer grace.Stop()
			kill = grace.C
			askForDump(t, res)
		case <-kill:
			t.kill()
			sweep(ch.tag)
		case <-cancelled:
			cancelled = nil
			t.kill()
			sweep(ch.tag)
		case <-poll:
			mem := t.memory()
			res.PeakMemory = max(res.PeakMemory, mem)
			if mem > ch.c.MemoryLimit {
				res.OutOfMemory = true
				t.kill()
			}
		}
	}
}

// askForDump makes a timed-out child print every goroutine's stack
// (SIGQUIT makes a Go program do so), so the report can say where the
// program was stuck; the kill follows after QuitGrace. Where there is no
// SIGQUIT the child is killed at once, and a note says how to get the
// stacks by hand.
func askForDump(t tree, res *Result) {
	if t.dump() {
		return
	}
	res.Notes = append(res.Notes, runtime.GOOS+" cannot ask a Go program where its goroutines are (no SIGQUIT): "+
		"run `go test -timeout 20s` in your package's folder: when the timeout strikes, Go prints every goroutine's stack")
	t.kill()
}

// finish ends whatever is left of the child's processes and puts what it
// did into res.
func (ch *child) finish(t tree, res *Result) {
	// A cap the system enforces itself (a Job Object) can end the child
	// between two polls; its peak tells.
	if ch.c.MemoryLimit > 0 && !res.OutOfMemory {
		if mem := t.memory(); mem > ch.c.MemoryLimit {
			res.OutOfMemory, res.PeakMemory = true, max(res.PeakMemory, mem)
		}
	}
	// Whatever the child left behind in its tree goes too, and so does
	// any descendant seen in it, or that kept the environment, after
	// leaving it.
	t.kill()
	sweep(ch.tag)
	res.Stdout, res.Stderr = ch.stdout.Bytes(), ch.stderr.Bytes()
	res.Dropped = ch.stdout.dropped + ch.stderr.dropped
	res.ExitCode = ch.cmd.ProcessState.ExitCode()
	if ch.c.MemoryLimit > 0 && res.ExitCode != 0 && (RefusedMemory(res.Stderr) || ch.c.JSONPackage != "" && RefusedMemory(res.Stdout)) {
		res.OutOfMemory = true
	}
}

// RefusedMemory reports whether a child's error output says the kernel
// refused it memory (the sandbox's cap on its data, sandbox.Policy.MaxData):
// the Go runtime's "out of memory", or the race detector's, which goes to
// its own log file instead when GORACE names one (log_path). Printed by
// the child's own code it only makes the run fail, as a crash would.
func RefusedMemory(stderr []byte) bool {
	for _, sign := range []string{"fatal error: runtime: out of memory", "ThreadSanitizer failed to allocate", "ThreadSanitizer: out of memory"} {
		if bytes.Contains(stderr, []byte(sign)) {
			return true
		}
	}
	return false
}

// waitError is Run's error for what Wait returned: none for the child's
// own exit status, nor for output a descendant held open (it has been
// killed, and what it wrote before is kept); ctx's error when the run was
// cancelled.
func waitError(ctx context.Context, name string, err error) error {
	var exitErr *exec.ExitError
	if err != nil && !errors.Is(err, exec.ErrWaitDelay) && !errors.As(err, &exitErr) {
		return fmt.Errorf("waiting for %s: %w", name, err)
	}
	return ctx.Err()
}

// QuitGrace is how long a timed-out child has to print its goroutine dump
// after SIGQUIT before it is killed.
const QuitGrace = 2 * time.Second

// SandboxEnviron is the environment a sandboxed child starts from: only
// what programs need to run and print, so that nothing of the grader's
// environment (a token, a path to the checkout) reaches learner code.
func SandboxEnviron() []string {
	var env []string
	for _, name := range []string{"PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT"} {
		if v, ok := os.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}

// Environ is the grader's environment for children: GOFLAGS and GOWORK
// are dropped so that a user's settings cannot change what is built, and
// the toolchain is pinned to the installed one.
func Environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOFLAGS=") || strings.HasPrefix(kv, "GOWORK=") || strings.HasPrefix(kv, "GOTOOLCHAIN=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOWORK=off", "GOTOOLCHAIN=local")
}

// headTail keeps the first and last limit/2 bytes written to it.
type headTail struct {
	half    int
	head    []byte
	tail    []byte // a ring once full
	pos     int
	dropped int64
}

func newHeadTail(limit int) *headTail { return &headTail{half: max(limit/2, 1)} }

func (h *headTail) Write(p []byte) (int, error) {
	n := len(p)
	if room := h.half - len(h.head); room > 0 {
		k := min(room, len(p))
		h.head = append(h.head, p[:k]...)
		p = p[k:]
	}
	for len(p) > 0 {
		if len(h.tail) < h.half {
			k := min(h.half-len(h.tail), len(p))
			h.tail = append(h.tail, p[:k]...)
			p = p[k:]
			continue
		}
		k := min(h.half-h.pos, len(p))
		h.dropped += int64(k)
		copy(h.tail[h.pos:], p[:k])
		h.pos = (h.pos + k) % h.half
		p = p[k:]
	}
	return n, nil
}

// Bytes is the head, a note of what was dropped, and the tail.
func (h *headTail) Bytes() []byte {
	var b bytes.Buffer
	b.Write(h.head)
	if h.dropped > 0 {
		fmt.Fprintf(&b, "\n[parlab: %d bytes of output dropped here]\n", h.dropped)
	}
	b.Write(h.tail[h.pos:])
	b.Write(h.tail[:h.pos])
	return b.Bytes()
}

var (
	test2jsonMu   sync.Mutex
	test2jsonPath string
)

// Test2JSON is the path of the toolchain's test2json, run directly rather
// than through `go tool` so that the sandbox need not let the go command
// in. Since Go 1.24 the tool is built on demand into the build cache;
// `go tool -n` builds it if need be and prints where it is. The path is
// kept while the file is there. The go command, when it runs, is stopped
// when ctx ends and given env besides the grader's environment (a
// GOTMPDIR in a workspace: the go command makes a folder there while it
// works, which a killed one leaves behind).
func Test2JSON(ctx context.Context, env ...string) (string, error) {
	test2jsonMu.Lock()
	defer test2jsonMu.Unlock()
	if test2jsonPath != "" {
		if _, err := os.Stat(test2jsonPath); err == nil {
			return test2jsonPath, nil
		}
	}
	cmd := exec.CommandContext(ctx, "go", "tool", "-n", "test2json")
	cmd.Env = append(Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(err, exec.ErrNotFound) {
		return "", fmt.Errorf("go: %w: install Go (https://go.dev/dl) and make sure it is on PATH", ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("go tool -n test2json: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	path := strings.TrimSpace(string(out))
	if !filepath.IsAbs(path) {
		return "", fmt.Errorf("go tool -n test2json printed %q, not a path: is Go older than 1.24?", path)
	}
	test2jsonPath = path
	return path, nil
}
