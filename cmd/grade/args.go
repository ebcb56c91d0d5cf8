package main

import (
	"github.com/urfave/cli/v2"

	"parlab/cmd/internal/cliargs"
)

// hoistFlags lets flags follow the positional arguments, as in
// `grade exercise histogram --solution` (see package cliargs).
func hoistFlags(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	return cliargs.Hoist(cmd.Flags, 2, args)
}
