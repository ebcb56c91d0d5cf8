package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"parlab/grader/class/gradescope"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
	"parlab/internal/checkout"
)

func gradescopeBundleCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "gradescope-bundle",
		Usage: "write the autograder.zip Gradescope's programming assignments take",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "autograder.zip", Usage: "the bundle `FILE`"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercise(s) of the assignment (default: all)"},
			&cli.StringFlag{Name: "go-version", Value: gradescope.DefaultGoVersion, Usage: "the Go release setup.sh installs"},
			&cli.StringFlag{Name: "go-sha256", Usage: "the SHA-256 https://go.dev/dl lists for go`VERSION`.linux-amd64.tar.gz (needed with --go-version)"},
			skipPolicyFlag(),
		},
		Action: func(c *cli.Context) error {
			specs, err := exercise.Select(c.StringSlice("exercise"))
			if err != nil {
				return err
			}
			root, err := checkout.Find()
			if err != nil {
				return err
			}
			cfg, err := gradescope.NewConfig(root, specs, c.String("go-version"), c.String("go-sha256"))
			if err != nil {
				return err
			}
			policy, err := verdict.ParseSkipPolicy(c.String("skip-policy"))
			if err != nil {
				return err
			}
			cfg.SkipPolicy = policy.String()
			out, err := filepath.Abs(c.String("out"))
			if err != nil {
				return err
			}
			size, err := gradescope.Bundle(root, cfg, out)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s (%d KiB): upload it as the autograder of a Gradescope programming assignment worth %d points\n",
				c.String("out"), size>>10, cfg.Points)
			return nil
		},
	}
}

func gradescopeRunCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:   "gradescope-run",
		Usage:  "grade /autograder/submission into /autograder/results/results.json (run_autograder calls it)",
		Hidden: true,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercise(s) to grade (default: all)"},
			&cli.StringFlag{Name: "autograder", Value: gradescope.DefaultAutograder, Usage: "Gradescope's `FOLDER`, with submission/ and results/"},
			skipPolicyFlag(),
		},
		Action: func(c *cli.Context) error {
			specs, err := exercise.Select(c.StringSlice("exercise"))
			if err != nil {
				return err
			}
			opts, err := gradeOptions(c)
			if err != nil {
				return err
			}
			cfg := gradescope.RunConfig{Autograder: c.String("autograder"), Exercises: specs, Root: opts.Root, SkipPolicy: opts.SkipPolicy}
			out, results, err := gradescope.Run(c.Context, cfg)
			if err != nil {
				return err
			}
			score, points := 0, 0
			for _, r := range results {
				score, points = score+r.Score, points+r.MaxScore
			}
			fmt.Fprintf(stdout, "wrote %s: score %d/%d\n", out, score, points)
			return nil
		},
	}
}
