package gotest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// A test binary whose output the grader wants as `go test -json` events
// used to run under test2json, both in the sandbox: `test2json -t -p PKG
// BINARY -test.v=test2json`. The race detector then ignored GORACE: its
// runtime reads the variable from /proc/self/environ, which the sandbox
// lets a program read only for its own process (sandbox.Policy
// OwnEnviron), and under test2json the binary is test2json's child, not
// the process the sandbox was applied to. Its reports went to the test
// output instead of their own files, and every race run slept the
// runtime's default second at exit (measured: 2.2 s for the model merge
// sort's race run against 1.2 s).
//
// So the binary is the sandboxed program itself (Command.JSONPackage), its
// stdout and stderr one stream as test2json would read them, and the
// stream is converted once the binary has ended: test2json runs outside
// the sandbox, on the output alone, with the grader's own executable in
// the replay role as its command, which prints the kept output and ends
// as the binary ended. test2json's events are then those it would have
// printed while running the binary, down to the final event of a binary
// that crashed or was killed, which test2json writes from the exit
// status.

// Environment variables of the replay role.
const (
	replayFileVar   = "PARLAB_TEST2JSON_REPLAY"
	replayStatusVar = "PARLAB_TEST2JSON_STATUS"
)

// replayKilled is the status the replay role is given for a binary that
// was killed: it kills itself, so that test2json reports it as killed.
const replayKilled = "killed"

func init() {
	if path, ok := os.LookupEnv(replayFileVar); ok {
		replay(path, os.Getenv(replayStatusVar))
	}
}

// replay writes the file at path to stdout and ends as status says: an
// exit status, or replayKilled. It never returns.
func replay(path, status string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parlab: replaying a test run's output: %v\n", err)
		os.Exit(125)
	}
	_, _ = os.Stdout.Write(data)
	if status == replayKilled {
		if self, err := os.FindProcess(os.Getpid()); err == nil {
			_ = self.Kill()
		}
		os.Exit(125) // not reached where Kill works
	}
	code, _ := strconv.Atoi(status)
	os.Exit(code)
}

// convertTimeout bounds a conversion: test2json reads a capped output and
// writes it out again.
const convertTimeout = time.Minute

// toJSON converts raw, the merged output of a test binary run with
// -test.v=test2json that exited with exitCode (-1: killed), into the
// `go test -json` events of package pkg that `test2json -t -p pkg` would
// have printed running it. What test2json printed on stderr, if anything,
// comes second.
func toJSON(ctx context.Context, pkg string, raw []byte, exitCode int) (events, stderr []byte, err error) {
	test2json, err := Test2JSON(ctx)
	if err != nil {
		return nil, nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, nil, fmt.Errorf("finding the grader's executable to convert the test output: %w", err)
	}
	f, err := os.CreateTemp("", "parlab-test-output-*")
	if err != nil {
		return nil, nil, fmt.Errorf("converting the test output: %w", err)
	}
	defer os.Remove(f.Name())
	_, werr := f.Write(raw)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, nil, fmt.Errorf("converting the test output: %w", werr)
	}
	status := strconv.Itoa(exitCode)
	if exitCode < 0 {
		status = replayKilled
	}
	ctx, cancel := context.WithTimeout(ctx, convertTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, test2json, "-t", "-p", pkg, self)
	cmd.Env = append(Environ(), replayFileVar+"="+f.Name(), replayStatusVar+"="+status)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// test2json exits 1 whenever its command failed: only a failure to
	// run it at all, or one that printed nothing, is an error here.
	if err := cmd.Run(); err != nil && out.Len() == 0 {
		return nil, nil, fmt.Errorf("test2json: %w: %s", err, bytes.TrimSpace(errOut.Bytes()))
	}
	return out.Bytes(), errOut.Bytes(), nil
}
