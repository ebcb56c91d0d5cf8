package main

import (
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"parlab/grader/exercise"
	"parlab/grader/history"
	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/checkout"
)

func statusCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "one line per exercise: not started, failing (and where) or passing, with the last score",
		Action: func(c *cli.Context) error {
			root, err := checkout.Find()
			if err != nil {
				return err
			}
			store, err := history.Open()
			if err != nil {
				return err
			}
			entries, err := store.Load(root)
			if err != nil {
				return fmt.Errorf("reading your results: %w", err)
			}
			return report.StatusTable(stdout, exercise.All(), entries, time.Now())
		},
	}
}

// remember records res as the learner's latest grade of its exercise; a
// cache that cannot be written costs only the status line, so it warns.
func remember(stderr io.Writer, root string, res *verdict.Result) {
	if err := history.Remember(root, res, time.Now()); err != nil {
		fmt.Fprintf(stderr, "note: could not keep this result for `grade status`: %v\n", err)
	}
}
