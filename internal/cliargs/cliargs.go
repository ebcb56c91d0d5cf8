// Package cliargs lets flags follow positional arguments with urfave/cli
// v2, which stops parsing flags at the first positional argument: `grade
// exercise histogram --solution`, `bench matmul --size 1024`.
package cliargs

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// Hoist keeps the first keep arguments (the program, and the command's
// name if there is one) and moves the flags among the rest, with their
// values, in front of the positional arguments. defined are the flags the
// command takes: it needs them to know which flags take a value.
// Everything after "--" stays positional.
func Hoist(defined []cli.Flag, keep int, args []string) []string {
	if len(args) <= keep {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range defined {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, positional []string
	rest := args[keep:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
			i++
			flags = append(flags, rest[i])
		}
	}
	out := append(append([]string{}, args[:keep]...), flags...)
	return append(out, positional...)
}

// HoistCommand is Hoist for an app of commands: args[1] names the
// command, and its flags move in front of its positional arguments, as in
// `grade exercise histogram --solution`.
func HoistCommand(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	return Hoist(cmd.Flags, 2, args)
}
