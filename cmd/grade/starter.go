package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"parlab/grader/class/starter"
	"parlab/grader/exercise"
	"parlab/internal/checkout"
)

func starterCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "starter",
		Usage: "instructors: write the repository learners get (the stubs, a learner README, the grader; no model answers)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "the new folder to write it in", Required: true},
		},
		Action: func(c *cli.Context) error {
			root, err := checkout.Find()
			if err != nil {
				return err
			}
			sum, err := starter.Write(root, c.String("out"), exercise.All())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %d files to %s, leaving out %s\n", sum.Files, c.String("out"), strings.Join(sum.Left, "; "))
			if sum.Workflow {
				fmt.Fprintln(stdout, "its .github/workflows/grade.yml grades with your grader: set PARLAB_GRADER_REPOSITORY and PARLAB_GRADER_REF in it before you publish (docs/instructors.md, GitHub Classroom / Actions)")
			}
			fmt.Fprintln(stdout, "publish it as the assignment's template repository (git init, commit, push)")
			return nil
		},
	}
}
