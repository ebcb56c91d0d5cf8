package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"parlab/grader/exercise"
	"parlab/grader/progress"
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
			root, err := findRoot()
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
			backup, err := backupDir(spec.Name)
			if err != nil {
				return err
			}
			moved, err := resetStub(dir, backup, spec)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "restored %s; your %d file(s) are in %s\n", spec.StubDir(), moved, backup)
			return nil
		},
	}
}

// backupDir is a new folder for this reset's backup, under the cache folder
// (never inside the repository, where it would be compiled).
func backupDir(name string) (string, error) {
	store, err := progress.Dir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(store, "backups", name+"-"+time.Now().Format("20060102-150405.000"))
	return dir, os.MkdirAll(dir, 0o755)
}

// resetStub moves every .go file of dir into backup, then writes the
// pristine stub into dir. Other files (notes, data) stay. It returns how
// many files were backed up.
func resetStub(dir, backup string, spec exercise.Spec) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return 0, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(backup, n), data, 0o644); err != nil {
			return 0, fmt.Errorf("backing up %s: %w (nothing was changed)", n, err)
		}
	}
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil {
			return 0, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	return len(names), spec.WritePristine(dir)
}
