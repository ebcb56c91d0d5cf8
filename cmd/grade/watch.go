package main

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/report"
	"parlab/grader/statusline"
	"parlab/grader/watch"
)

func watchCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "watch",
		Usage:     "grade an exercise again whenever one of its .go files changes",
		ArgsUsage: "NAME",
		Flags: append(gradeFlags(),
			&cli.DurationFlag{Name: "debounce", Value: watch.DefaultDebounce, Usage: "quiet time after a change before grading"},
		),
		Action: func(c *cli.Context) error {
			req, err := parseRequest(c)
			if err != nil {
				return err
			}
			return watchAndGrade(c.Context, req, c.Duration("debounce"), stdout, stderr)
		},
	}
}

// watchAndGrade grades req now and after every burst of changes to a .go
// file of its folder, until ctx ends.
//
// A grade starts just after a burst's first event (watch.LeadTime), and
// starts again when the burst is over only if the files it read are not
// the files there now (grader.Options.Read): the quiet time is not on the
// way to the first verdict line.
func watchAndGrade(ctx context.Context, req request, debounce time.Duration, stdout, stderr io.Writer) error {
	clear := statusline.IsTerminal(stdout) && req.format == report.FormatHuman
	var read atomic.Pointer[string]
	req.opts.Read = func(digest string) { read.Store(&digest) }
	err := watch.Run(ctx, watch.Config{Dir: req.dir(), Debounce: debounce,
		Run: func(ctx context.Context) {
			read.Store(nil)
			gradeOnce(ctx, req, clear, stdout, stderr)
		},
		Warn: func(err error) { fmt.Fprintf(stderr, "watch: %v\n", err) },
		Settled: func() bool {
			now, err := grader.FilesDigest(req.spec, req.opts)
			graded := read.Load()
			return err == nil && graded != nil && *graded == now
		},
	})
	if err == nil {
		fmt.Fprintln(stderr, "\nstopped watching")
	}
	return err
}

// gradeOnce grades and prints the report (the human one streams, on a
// screen cleared first), unless ctx ended first (a newer save, or
// Ctrl-C): then whatever was measured is discarded, and a streamed
// report says it stopped.
func gradeOnce(ctx context.Context, req request, clear bool, stdout, stderr io.Writer) {
	started := time.Now()
	if clear {
		fmt.Fprint(stdout, "\033[H\033[2J")
	}
	res, err := req.grade(ctx, stdout, stderr, req.opts)
	if ctx.Err() != nil {
		if req.format == report.FormatHuman {
			fmt.Fprintln(stdout, "\n  stopped before the end (a newer save, or Ctrl-C)")
		}
		return
	}
	if err != nil {
		fmt.Fprintf(stderr, "grade: %v\n", err)
		return
	}
	if req.format == report.FormatHuman {
		fmt.Fprintf(stdout, "\n%s graded in %s; watching %s for changes (Ctrl-C to stop)\n",
			time.Now().Format("15:04:05"), time.Since(started).Round(100*time.Millisecond), res.Target)
	}
}
