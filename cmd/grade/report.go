package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"parlab/grader/report"
)

func reportCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "render a saved result (grade exercise --json, grade all --format json) in another format, without grading again",
		ArgsUsage: "RESULT.json",
		Flags: []cli.Flag{
			formatFlagDef("human (or text), json, gradescope (results.json) or junit (XML)"),
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "show the raw output behind each failing check"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("give one saved result, e.g. `grade report result.json --format junit` (- reads stdin)")
			}
			format, err := report.ParseFormat(c.String("format"))
			if err != nil {
				return err
			}
			data, err := readInput(c.App.Reader, c.Args().First())
			if err != nil {
				return err
			}
			results, set, err := report.Read(data)
			if err != nil {
				return fmt.Errorf("%s: %w", c.Args().First(), err)
			}
			if err := write(stdout, format, results, set, c.Bool("verbose")); err != nil {
				return err
			}
			return exitStatus(results)
		},
	}
}

// readInput reads the file, or stdin for "-".
func readInput(stdin io.Reader, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}
