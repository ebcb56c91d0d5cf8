package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/class/course"
	"parlab/grader/exercise"
	"parlab/grader/statusline"
)

func verifyCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "prove the course consistent: solutions score full marks, stubs less, and both export one API",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "timeout", Value: grader.DefaultTimeout, Usage: "limit of each phase"},
			&cli.BoolFlag{Name: "no-speedup", Usage: "skip the speedup measurements"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "verify only this exercise (repeatable; default: every one)"},
			&cli.IntFlag{Name: "speed", Usage: "instead, grade each timed exercise's model answer `N` times on this machine and print its faster check's pass/skip/fail and binding margins (exit 1 unless every exercise passed at least once and never failed)"},
		},
		Action: func(c *cli.Context) error {
			opts, err := gradeOptions(c)
			if err != nil {
				return err
			}
			specs, err := exercise.Select(c.StringSlice("exercise"))
			if err != nil {
				return err
			}
			progress, done := statusline.Line(stderr, "verify")
			if n := c.Int("speed"); n > 0 {
				proofs, err := course.ProveSpeed(c.Context, opts, specs, n, progress)
				done()
				if err != nil {
					return err
				}
				return provenOrNot(stdout, proofs)
			}
			findings, err := course.Verify(c.Context, opts, specs, progress)
			done()
			if err != nil {
				return err
			}
			if err := course.VerifyTable(stdout, findings); err != nil {
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

// provenOrNot prints the speed proofs; exit status 1 unless all hold.
func provenOrNot(stdout io.Writer, proofs []course.SpeedProof) error {
	if err := course.SpeedTable(stdout, proofs); err != nil {
		return err
	}
	for _, p := range proofs {
		if !p.OK() {
			return outcome{code: 1}
		}
	}
	return nil
}
