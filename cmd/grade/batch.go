package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/class/batch"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/statusline"
	"parlab/internal/checkout"
)

func batchCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "grade a class: every submission under ROOT into a gradebook in --out",
		ArgsUsage: "ROOT",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "the gradebook `FOLDER` (grades.csv, STUDENT.json, report.html)"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "grade only this exercise (repeatable; default: all)"},
			&cli.IntFlag{Name: "jobs", Value: batch.DefaultJobs(), Usage: "students graded at once (timing runs still go one at a time)"},
			&cli.BoolFlag{Name: "force", Usage: "grade again students that already have a record in --out"},
			&cli.StringFlag{Name: "shard", Usage: "grade only part `K/N` of the class (deterministic by student name)"},
			&cli.DurationFlag{Name: "timeout", Value: grader.DefaultTimeout, Usage: "limit of each phase"},
			&cli.BoolFlag{Name: "no-speedup", Usage: "skip the speedup measurements"},
			&cli.StringFlag{Name: "remeasure", Usage: "measure again the pending faster checks of the gradebook `FOLDER` (no ROOT needed)"},
			&cli.BoolFlag{Name: "no-similarity", Usage: "do not compare the class's code (similarity.csv, report.html)"},
			thresholdFlag(),
			skipPolicyFlag(),
		},
		Action: func(c *cli.Context) error { return batchAction(c, stdout, stderr) },
	}
}

// batchAction grades a class into a gradebook, or measures a gradebook's
// pending faster checks again (--remeasure).
func batchAction(c *cli.Context, stdout, stderr io.Writer) error {
	specs, err := exercise.Select(c.StringSlice("exercise"))
	if err != nil {
		return err
	}
	grade, err := gradeOptions(c)
	if err != nil {
		return err
	}
	if out := c.String("remeasure"); out != "" {
		return remeasure(c, stdout, out, specs, grade)
	}
	if c.NArg() != 1 || !c.IsSet("out") {
		return fmt.Errorf("give the folder of submissions and the gradebook: grade batch ROOT --out DIR (or grade batch --remeasure DIR)")
	}
	cfg := batch.Config{Root: c.Args().First(), Out: c.String("out"), Exercises: specs, Jobs: c.Int("jobs"), Force: c.Bool("force"), Grade: grade,
		Similarity: similarityConfig(c, grade.Root)}
	if s := c.String("shard"); s != "" {
		if cfg.Shard, err = batch.ParseShard(s); err != nil {
			return err
		}
	}
	progress, finish := statusline.Batch(stderr)
	done := sync.OnceFunc(finish)
	cfg.Progress = progress
	cfg.Start = startLine(stderr, specs, cfg.Jobs)
	cfg.Timing = func(n int) {
		done()
		fmt.Fprintf(stderr, "every student graded: now timing %d faster checks, one at a time (2-4 s each on a quiet machine)\n", n)
	}
	start := time.Now()
	recs, err := batch.Run(c.Context, cfg)
	done()
	if err != nil {
		return err
	}
	printSummary(stdout, recs, specs)
	fmt.Fprintf(stderr, "graded in %s; gradebook in %s\n", time.Since(start).Round(time.Second), cfg.Out)
	if cfg.Shard.N > 1 && !cfg.Similarity.Off {
		fmt.Fprintln(stderr, "code similarity: not compared within one shard; grade merge compares the whole class")
	}
	return nil
}

// remeasure measures again the pending faster checks of the gradebook
// in out, of the exercises given with --exercise or else the
// gradebook's own, and prints its summary.
func remeasure(c *cli.Context, stdout io.Writer, out string, specs []exercise.Spec, grade grader.Options) error {
	given := specs
	if !c.IsSet("exercise") {
		given = nil // the gradebook's own
	}
	recs, err := batch.Remeasure(c.Context, batch.Config{Out: out, Exercises: given, Grade: grade})
	if err == nil {
		specs, err = batch.BookExercises(out, given)
	}
	if err == nil {
		printSummary(stdout, recs, specs)
	}
	return err
}

// startLine is the batch's first line on stderr: how many students, and
// about how long they take.
func startLine(stderr io.Writer, specs []exercise.Spec, jobs int) func(n int, estimate time.Duration) {
	return func(n int, estimate time.Duration) {
		about := "under a minute"
		if estimate >= time.Minute {
			about = fmt.Sprintf("about %d min", int(estimate.Round(time.Minute).Minutes()))
		}
		each := fmt.Sprintf("%d exercises each", len(specs))
		if len(specs) == 1 {
			each = specs[0].Name
		}
		fmt.Fprintf(stderr, "grading %d students (%s), up to %d at a time: %s on a quiet 2-core machine, more on a busy one\n",
			n, each, max(jobs, 1), about)
	}
}

// printSummary prints the gradebook's summary of recs.
func printSummary(stdout io.Writer, recs []*batch.Record, specs []exercise.Spec) {
	report.ClassSummary(stdout, batch.Book(recs, specs))
}

func mergeCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "combine the gradebooks of shards into one",
		ArgsUsage: "DIR...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Required: true, Usage: "the combined gradebook `FOLDER`"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercises graded (default: those the shards graded)"},
			&cli.BoolFlag{Name: "partial", Usage: "merge shards that are incomplete or still being graded, marking the gradebook partial"},
			&cli.BoolFlag{Name: "no-similarity", Usage: "do not compare the class's code (similarity.csv, report.html)"},
			thresholdFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("give the shards' output folders: grade merge DIR... --out DIR")
			}
			cfg := batch.MergeConfig{Out: c.String("out"), Shards: c.Args().Slice(), Partial: c.Bool("partial")}
			if c.IsSet("exercise") {
				specs, err := exercise.Select(c.StringSlice("exercise"))
				if err != nil {
					return err
				}
				cfg.Exercises = specs
			}
			project, _ := checkout.Find() // without a checkout, no model answer takes part
			cfg.Similarity = similarityConfig(c, project)
			book, notes, err := batch.Merge(cfg)
			for _, n := range notes {
				fmt.Fprintf(stderr, "note: %s\n", n)
			}
			if err == nil {
				report.ClassSummary(stdout, book)
			}
			return err
		},
	}
}
