package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"

	"github.com/urfave/cli/v2"

	"parlab/grader/contract/speedup"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/internal/checkout"
)

func showCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print an exercise's assignment, its points, and the speedup it needs on this machine",
		ArgsUsage: "NAME",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-measure", Usage: "do not measure this machine's speedup (about a second)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("give one exercise name, e.g. `go run ./cmd/grade show histogram` (see `go run ./cmd/grade list`)")
			}
			spec, err := exercise.Lookup(c.Args().First())
			if err != nil {
				return err
			}
			root, err := checkout.Find()
			if err != nil {
				return err
			}
			text, err := report.ReadAssignment(filepath.Join(root, spec.StubDir()), spec.Package())
			if err != nil {
				return err
			}
			var target *report.SpeedTarget
			if spec.Alpha > 0 && !c.Bool("no-measure") {
				p := speedup.UsableCores()
				if runtime.GOMAXPROCS(0) < p {
					runtime.GOMAXPROCS(p)
				}
				cal := speedup.MachineSpeedup(p, 15)
				target = &report.SpeedTarget{Cores: p, Calibration: cal, Bar: speedup.Bar(spec.Alpha, cal)}
			}
			return report.Assignment(stdout, spec, text, target)
		},
	}
}
