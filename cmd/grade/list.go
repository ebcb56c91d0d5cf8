package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"parlab/grader/exercise"
)

func listCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list the exercises with their points",
		Action: func(*cli.Context) error {
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "EXERCISE\tPOINTS\tCHECKS\tWHAT")
			for _, s := range exercise.All() {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", s.Name, s.MaxScore(), len(s.Checks()), s.Title)
			}
			return tw.Flush()
		},
	}
}
