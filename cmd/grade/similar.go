package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"parlab/grader/class/batch"
	"parlab/grader/class/similarity"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/internal/checkout"
)

func similarCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "similar",
		Usage:     "compare the code of every submission under ROOT, per exercise (a flag, never a verdict)",
		ArgsUsage: "ROOT",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write similarity.csv into `FOLDER` (and its report.html's section, if it holds a gradebook)"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "compare only this exercise (repeatable; default: all, or the gradebook's in --out)"},
			thresholdFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("give the folder of submissions: grade similar ROOT [--out DIR]")
			}
			var given []exercise.Spec
			if c.IsSet("exercise") {
				var err error
				if given, err = exercise.Select(c.StringSlice("exercise")); err != nil {
					return err
				}
			}
			project, _ := checkout.Find() // without a checkout, no model answer takes part
			sim, err := batch.SimilarInto(c.Args().First(), c.String("out"), given, similarityConfig(c, project))
			if err != nil {
				return err
			}
			report.SimilarityText(stdout, sim)
			if out := c.String("out"); out != "" {
				fmt.Fprintf(stderr, "pairs in %s\n", out)
			}
			return nil
		},
	}
}

// thresholdFlag is the similarity threshold of batch, merge and similar.
func thresholdFlag() cli.Flag {
	return &cli.Float64Flag{Name: "similarity-threshold", Value: similarity.DefaultThreshold,
		Usage: "report pairs of submissions whose code similarity score (0 to 1) is at least this"}
}

// similarityConfig reads the similarity flags; project's solutions take
// part as the model answers.
func similarityConfig(c *cli.Context, project string) batch.SimilarityConfig {
	return batch.SimilarityConfig{Off: c.Bool("no-similarity"), Threshold: c.Float64("similarity-threshold"), Project: project}
}
