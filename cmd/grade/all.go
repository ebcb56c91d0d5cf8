package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/statusline"
	"parlab/grader/verdict"
)

func allCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "all",
		Usage: "grade every exercise and print a summary table",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "solution", Usage: "grade the model answers in solutions/", Hidden: true},
			&cli.DurationFlag{Name: "timeout", Value: grader.DefaultTimeout, Usage: "limit of each phase"},
			&cli.IntFlag{Name: "cores", Usage: "workers for the speedup checks (default: the usable cores)"},
			&cli.BoolFlag{Name: "no-speedup", Usage: "skip the speedup measurements"},
			formatFlagDef("human (a summary table; or text), json (an array of results), junit or gradescope"),
		},
		Action: func(c *cli.Context) error {
			format, err := formatFlag(c)
			if err != nil {
				return err
			}
			results, err := gradeAll(c, stderr)
			if err != nil {
				return err
			}
			if err := write(stdout, format, results, true, false); err != nil {
				return err
			}
			return exitStatus(results)
		},
	}
}

// gradeAll grades every exercise, the learner's or the model answers.
func gradeAll(c *cli.Context, stderr io.Writer) ([]*verdict.Result, error) {
	base, err := gradeOptions(c)
	if err != nil {
		return nil, err
	}
	var results []*verdict.Result
	for _, spec := range exercise.All() {
		opts := base
		if c.Bool("solution") {
			opts.Dir = filepath.Join(base.Root, spec.SolutionDir())
		}
		var done func()
		opts.Progress, done = statusline.Line(stderr, spec.Name)
		res, err := gradeFn(c.Context, spec, opts)
		done()
		if err != nil {
			return nil, fmt.Errorf("grading %s: %w", spec.Name, err)
		}
		results = append(results, res)
	}
	return results, nil
}

// exitStatus is exit status 1 when a result failed.
func exitStatus(results []*verdict.Result) error {
	for _, r := range results {
		if !r.Passed() {
			return outcome{code: 1}
		}
	}
	return nil
}
