package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/textcut"
	"parlab/grader/verdict"
)

func allCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "all",
		Usage: "grade every exercise and print a summary table",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "solution", Usage: "grade the model answers in solutions/"},
			&cli.DurationFlag{Name: "timeout", Value: grader.DefaultTimeout, Usage: "limit of each phase"},
			&cli.IntFlag{Name: "cores", Usage: "workers for the speedup checks (default: the usable cores)"},
			&cli.BoolFlag{Name: "no-speedup", Usage: "skip the speedup measurements"},
			&cli.StringFlag{Name: "format", Value: "human", Usage: "human (a summary table), json (an array of results), junit or gradescope"},
		},
		Action: func(c *cli.Context) error {
			switch c.String("format") {
			case "human", "json", "junit", "gradescope":
			default:
				return fmt.Errorf("unknown --format %q: use human, json, junit or gradescope", c.String("format"))
			}
			root, err := findRoot()
			if err != nil {
				return err
			}
			var results []*verdict.Result
			for _, spec := range exercise.All() {
				opts := grader.Options{Root: root, Timeout: c.Duration("timeout"), Cores: c.Int("cores"), NoSpeedup: c.Bool("no-speedup")}
				if c.Bool("solution") {
					opts.Dir = root + "/" + spec.SolutionDir()
				}
				var done func()
				opts.Progress, done = progressLine(stderr, spec.Name)
				res, err := grader.Grade(c.Context, spec, opts)
				done()
				if err != nil {
					return fmt.Errorf("grading %s: %w", spec.Name, err)
				}
				results = append(results, res)
			}
			var err2 error
			switch c.String("format") {
			case "json":
				err2 = report.JSONAll(stdout, results)
			case "junit":
				err2 = report.JUnit(stdout, results...)
			case "gradescope":
				err2 = report.GradescopeAll(stdout, results)
			default:
				err2 = summaryTable(stdout, results)
			}
			if err2 != nil {
				return err2
			}
			for _, r := range results {
				if !r.Passed() {
					return outcome{code: 1}
				}
			}
			return nil
		},
	}
}

// summaryTable writes one line per exercise: score, status and the first
// failing check with its message.
func summaryTable(w io.Writer, results []*verdict.Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tSCORE\tSTATUS\tFIRST FAILING CHECK")
	total, maxTotal := 0, 0
	for _, r := range results {
		status, first := "passing", ""
		if f := r.FirstFailure(); f != nil {
			status, first = "failing", string(f.Name)+": "+report.Quote(firstLine(f.Message))
			if f.Name == verdict.Started {
				status = "not started"
			}
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%s\n", r.Exercise, r.Score, r.MaxScore, status, first)
		total += r.Score
		maxTotal += r.MaxScore
	}
	fmt.Fprintf(tw, "total\t%d/%d\t\t\n", total, maxTotal)
	return tw.Flush()
}

func firstLine(s string) string {
	if line := textcut.FirstLine(s); line != s {
		return line
	}
	if len(s) > 90 {
		return s[:87] + "..."
	}
	return s
}
