package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"parlab/grader/exercise"
	"parlab/grader/restore"
	"parlab/internal/checkout"
)

func resetCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "reset",
		Usage:     "restore an exercise's original stub, keeping a backup of your files",
		ArgsUsage: "NAME",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "do not ask for confirmation"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("give one exercise name, e.g. `grade reset histogram`")
			}
			spec, err := exercise.Lookup(c.Args().First())
			if err != nil {
				return err
			}
			root, err := checkout.Find()
			if err != nil {
				return err
			}
			dir := filepath.Join(root, spec.StubDir())
			if !c.Bool("yes") {
				fmt.Fprintf(stderr, "This replaces the .go files in %s with the original stub; yours are backed up first. Continue? [y/N] ", spec.StubDir())
				answer, _ := bufio.NewReader(c.App.Reader).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
					fmt.Fprintln(stderr, "nothing changed")
					return outcome{code: 1}
				}
			}
			backup, moved, err := restore.Stub(root, dir, spec)
			if err != nil {
				return err
			}
			shown := backup
			if rel, err := filepath.Rel(root, backup); err == nil {
				shown = filepath.ToSlash(rel)
			}
			if moved == 0 {
				fmt.Fprintf(stdout, "restored %s; it held nothing of yours (every file was as shipped)\n", spec.StubDir())
				os.Remove(backup)
				return nil
			}
			fmt.Fprintf(stdout, "restored %s; your %d file(s) are in %s\n", spec.StubDir(), moved, shown)
			fmt.Fprintf(stdout, "to get them back: cp %s/*.go %s/   (the go command ignores _backups/, so nothing in it is compiled)\n", shown, spec.StubDir())
			return nil
		},
	}
}
