package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"parlab/grader/report"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Stderr, os.Args)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode maps an error to the exit status the manual gives (doc.go) and says why on
// stderr: 0 all passed, 1 a check failed, 2 the grader could not run.
func exitCode(err error, stderr *os.File) int {
	if err == nil {
		return 0
	}
	if o, ok := err.(outcome); ok {
		return o.code
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "grade: interrupted; what it started is stopped and its temporary files are removed")
		return 130
	}
	// An error can quote a submission's names (a record, a folder):
	// they reach the terminal as text, never as control sequences.
	fmt.Fprintf(stderr, "grade: %s\n", report.Quote(err.Error()))
	return 2
}
