package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/report"
	"parlab/grader/verdict"
)

// DefaultDebounce is how long watch waits after the last change before it
// grades: an editor's save is a burst of events (write, chmod, rename of a
// backup), and one grade is enough for all of them.
const DefaultDebounce = 250 * time.Millisecond

func watchCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "watch",
		Usage:     "grade an exercise again whenever one of its .go files changes",
		ArgsUsage: "NAME",
		Flags: append(gradeFlags(),
			&cli.DurationFlag{Name: "debounce", Value: DefaultDebounce, Usage: "quiet time after a change before grading"},
		),
		Action: func(c *cli.Context) error {
			req, err := parseRequest(c)
			if err != nil {
				return err
			}
			return watch(c.Context, req, c.Duration("debounce"), stdout, stderr)
		},
	}
}

// watch grades req now and after every burst of changes to a .go file of
// its folder, until ctx ends. A grade still running when a newer change
// arrives is cancelled (its processes killed) and started afresh.
func watch(ctx context.Context, req request, debounce time.Duration, stdout, stderr io.Writer) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch files: %w", err)
	}
	defer w.Close()
	dir := req.dir()
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	clear := isTerminal(stdout) && req.format == report.FormatHuman
	var (
		cancel context.CancelFunc = func() {}
		done                      = make(chan struct{})
	)
	close(done)
	start := func() {
		cancel()
		<-done // the previous grade has stopped and cleaned up
		var runCtx context.Context
		runCtx, cancel = context.WithCancel(ctx)
		done = make(chan struct{})
		go func(ctx context.Context, done chan struct{}) {
			defer close(done)
			gradeOnce(ctx, req, clear, stdout, stderr)
		}(runCtx, done)
	}
	defer func() { cancel(); <-done }()

	start()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(stderr, "\nstopped watching")
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if relevant(ev) {
				timer.Reset(debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(stderr, "watch: %v\n", err)
		case <-timer.C:
			start()
		}
	}
}

// relevant is true for a change to a .go file that grading reads.
func relevant(ev fsnotify.Event) bool {
	name := filepath.Base(ev.Name)
	if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") {
		return false
	}
	return ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0
}

// gradeOnce grades and prints the report, unless ctx ended first (a newer
// save, or Ctrl-C), in which case whatever was measured is discarded.
func gradeOnce(ctx context.Context, req request, clear bool, stdout, stderr io.Writer) {
	opts := req.opts
	progress, doneProgress := progressLine(stderr, req.spec.Name)
	opts.Progress = progress
	started := time.Now()
	res, err := grader.Grade(ctx, req.spec, opts)
	doneProgress()
	if ctx.Err() != nil {
		return
	}
	if clear {
		fmt.Fprint(stdout, "\033[H\033[2J")
	}
	if err != nil {
		fmt.Fprintf(stderr, "grade: %v\n", err)
		return
	}
	if req.own {
		remember(stderr, req.root, res)
	}
	if err := write(stdout, req.format, []*verdict.Result{res}, false, req.verbose); err != nil {
		fmt.Fprintf(stderr, "grade: %v\n", err)
		return
	}
	if req.format == report.FormatHuman {
		fmt.Fprintf(stdout, "\n%s graded in %s; watching %s for changes (Ctrl-C to stop)\n",
			time.Now().Format("15:04:05"), time.Since(started).Round(100*time.Millisecond), displayDir(req))
	}
}

func displayDir(req request) string {
	if rel, err := filepath.Rel(req.root, req.dir()); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return req.dir()
}
