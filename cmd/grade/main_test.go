package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"parlab/grader/history"
	"parlab/internal/racetest"
	"parlab/internal/testbuild"
)

// TestMain keeps the tests' grades out of the user's own results cache,
// and warms the build cache with the other grading test packages.
func TestMain(m *testing.M) {
	racetest.Reexec()
	dir, err := os.MkdirTemp("", "parlab-grade-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(history.DirEnv, dir)
	code := testbuild.Run(m, filepath.Join("..", ".."))
	os.RemoveAll(dir)
	os.Exit(code)
}

// The tests that grade for real run one built grade command as a
// subprocess, so that they can run in parallel: urfave/cli v2 keeps its
// help flag in a global that races when two apps run at once in one
// process. The in-process tests (runGrade) only route.
var (
	buildOnce sync.Once
	built     string
	buildErr  error
)

// raceBuild is set when the test binary has the race detector (race_test.go).
var raceBuild bool

// gradeBinary is the grade command built once for the whole test binary.
func gradeBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		built, buildErr = testbuild.Grade(filepath.Join("..", ".."), filepath.Join(os.Getenv(history.DirEnv), "bin"), raceBuild)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

// result is what one run of the built command did.
type result struct {
	stdout, stderr string
	code           int
}

// runBinary runs the built grade command with args, its environment plus
// env, from this package's folder (inside the checkout).
func runBinary(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(gradeBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("grade %v: %v", args, err)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}
