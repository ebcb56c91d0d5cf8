package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestFlagsReachTheBenchmark: the kernel, flags after it included, reach
// kernels/bench; a missing kernel is an error that lists them.
func TestFlagsReachTheBenchmark(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"bench", "matmul", "--size", "16", "--reps", "1", "--workers", "1", "--workers", "2"}
	if err := run(context.Background(), &stdout, &stderr, args); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if out := stdout.String(); !strings.HasPrefix(out, "matmul: ") || strings.Count(out, "\n") < 4 {
		t.Errorf("no table:\n%s", out)
	}
	err := run(context.Background(), &stdout, &stderr, []string{"bench"})
	if err == nil || !strings.Contains(err.Error(), "name one kernel") {
		t.Errorf("no kernel: err %v", err)
	}
}
