package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/course"
	"parlab/grader/exercise"
)

func verifyCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "prove the course consistent: solutions score full marks, stubs less, and both export one API",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "timeout", Value: grader.DefaultTimeout, Usage: "limit of each phase"},
			&cli.BoolFlag{Name: "no-speedup", Usage: "skip the speedup measurements"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "verify only this exercise (repeatable; default: every one)"},
		},
		Action: func(c *cli.Context) error {
			root, err := findRoot()
			if err != nil {
				return err
			}
			specs, err := exercise.Select(c.StringSlice("exercise"))
			if err != nil {
				return err
			}
			progress, done := progressLine(stderr, "verify")
			findings, err := course.Verify(c.Context, grader.Options{Root: root, Timeout: c.Duration("timeout"), NoSpeedup: c.Bool("no-speedup")}, specs, progress)
			done()
			if err != nil {
				return err
			}
			if err := verifyTable(stdout, findings); err != nil {
				return err
			}
			for _, f := range findings {
				if !f.OK() {
					return outcome{code: 1}
				}
			}
			return nil
		},
	}
}

// verifyTable prints one row per exercise, then every problem and note.
func verifyTable(w io.Writer, findings []course.Finding) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tSOLUTION\tSTUB\tAPI\tVERDICT")
	for _, f := range findings {
		apiState, verdict := "identical", "consistent"
		if len(f.Missing)+len(f.Extra) > 0 {
			apiState = "differs"
		}
		if !f.OK() {
			verdict = "INCONSISTENT"
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%d/%d\t%s\t%s\n", f.Exercise, f.Solution.Score, f.Solution.MaxScore,
			f.Stub.Score, f.Stub.MaxScore, apiState, verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range findings {
		for _, p := range f.Problems {
			fmt.Fprintf(w, "%s: %s\n", f.Exercise, p)
		}
		for _, n := range f.Notes {
			fmt.Fprintf(w, "%s: note: %s\n", f.Exercise, n)
		}
	}
	return nil
}
