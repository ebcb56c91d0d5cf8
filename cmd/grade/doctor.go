package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"parlab/grader/class/doctor"
	"parlab/grader/exercise"
	"parlab/internal/checkout"
)

// doctorProbes looks at the machine for `grade doctor`; a shim for testing.
var doctorProbes = doctor.DefaultProbes

func doctorCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "doctor",
		Usage: "check that this machine can grade: Go, the race detector, a C compiler, cores, load, caches, sandbox",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the findings as JSON"},
			&cli.BoolFlag{Name: "no-measure", Usage: "do not measure how busy the machine is (about a second)"},
		},
		Action: func(c *cli.Context) error {
			root, err := checkout.Find()
			if err != nil {
				return err
			}
			fmt.Fprintln(stderr, "building and running a planted data race, measuring the machine...")
			r := doctor.Run(c.Context, doctor.Config{Root: root, Exercises: exercise.All(), Measure: !c.Bool("no-measure"), Probes: doctorProbes()})
			write := doctor.Text
			if c.Bool("json") {
				write = doctor.JSON
			}
			if err := write(stdout, r); err != nil {
				return err
			}
			if !r.OK() {
				return outcome{code: 1}
			}
			return nil
		},
	}
}
