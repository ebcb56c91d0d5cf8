package main

import (
	"context"
	"fmt"
	"io"

	"parlab/grader"
	"parlab/internal/cliargs"

	"github.com/urfave/cli/v2"
)

// outcome is a grading result that is not a success: exit status 1, with
// the report already written.
type outcome struct{ code int }

func (o outcome) Error() string { return fmt.Sprintf("exit status %d", o.code) }

// newApp builds the command line; stdout carries reports only, stderr
// progress and errors. Tests run it in-process.
func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:      "grade",
		Usage:     "grade parlab's parallel-programming exercises",
		UsageText: "grade exercise NAME [--dir FOLDER] [--format human|json]\ngrade all\ngrade list\ngrade starter --out DIR (instructors)",
		Writer:    stdout,
		ErrWriter: stderr,
		// The framework never exits the process: main maps errors to codes.
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: true,
		Commands: []*cli.Command{
			exerciseCommand(stdout, stderr),
			allCommand(stdout, stderr),
			verifyCommand(stdout, stderr),
			showCommand(stdout),
			statusCommand(stdout, stderr),
			resetCommand(stdout, stderr),
			watchCommand(stdout, stderr),
			batchCommand(stdout, stderr),
			mergeCommand(stdout, stderr),
			similarCommand(stdout, stderr),
			gradescopeBundleCommand(stdout, stderr),
			gradescopeRunCommand(stdout, stderr),
			reportCommand(stdout),
			listCommand(stdout),
			doctorCommand(stdout, stderr),
			starterCommand(stdout),
		},
	}
}

// run is the whole command: args as os.Args, reports on stdout.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	app := newApp(stdout, stderr)
	return app.RunContext(ctx, cliargs.HoistCommand(app, args))
}

// gradeFn grades one exercise: grader.Grade, a shim for testing the
// commands' routing without building anything.
var gradeFn = grader.Grade
