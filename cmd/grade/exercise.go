package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fatih/color"
	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/diagnose"
	"parlab/grader/exercise"
	"parlab/grader/history"
	"parlab/grader/plots"
	"parlab/grader/report"
	"parlab/grader/statusline"
	"parlab/grader/verdict"
	"parlab/internal/checkout"
)

func exerciseCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "exercise",
		Usage:     "grade one exercise",
		ArgsUsage: "NAME",
		Flags: append(gradeFlags(),
			&cli.StringFlag{Name: "plot", Usage: "draw the speedup at 1, 2, 4, ... workers against the ideal (and scalability's scaling study) into `FILE.svg` or .png"},
			&cli.StringFlag{Name: "timeline", Usage: "draw one traced call of your code, a lane per goroutine, into `FILE.svg` or .png"},
		),
		Action: func(c *cli.Context) error {
			return gradeExercise(c, stdout, stderr)
		},
	}
}

// gradeFlags are the flags that say what and how to grade, shared by
// exercise and watch.
func gradeFlags() []cli.Flag {
	return []cli.Flag{
		// For instructors: hidden from the learner's list of flags (the
		// docs/instructors.md and doc.go document it).
		&cli.BoolFlag{Name: "solution", Usage: "grade the model answer in solutions/NAME", Hidden: true},
		&cli.StringFlag{Name: "dir", Usage: "grade the exercise's .go files in `FOLDER` (never written to)"},
		formatFlagDef("report format: human (or text), json, gradescope (results.json) or junit (XML)"),
		&cli.BoolFlag{Name: "json", Usage: "short for --format json"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "show the raw output behind each failing check"},
		&cli.DurationFlag{Name: "timeout", Value: grader.DefaultTimeout, Usage: "limit of each phase (build, tests, speedup)"},
		&cli.IntFlag{Name: "cores", Usage: "workers for the speedup check (default: the usable cores)"},
		&cli.Int64Flag{Name: "memory", Value: grader.DefaultMemoryLimit >> 20, Usage: "memory limit of the tests, in `MiB`"},
		&cli.BoolFlag{Name: "no-speedup", Usage: "skip the speedup measurement"},
		skipPolicyFlag(),
	}
}

// request is one command line's grading request.
type request struct {
	spec    exercise.Spec
	root    string
	opts    grader.Options
	format  report.Format
	verbose bool
	// own is true when the learner's exercises/NAME is graded: only those
	// grades go to the status cache.
	own bool
}

// dir is the folder graded.
func (r request) dir() string {
	if r.opts.Dir != "" {
		return r.opts.Dir
	}
	return filepath.Join(r.root, r.spec.StubDir())
}

func parseRequest(c *cli.Context) (request, error) {
	var r request
	if c.NArg() != 1 {
		return r, fmt.Errorf("give one exercise name, e.g. `go run ./cmd/grade %s histogram` (see `go run ./cmd/grade list`)", c.Command.Name)
	}
	spec, err := exercise.Lookup(c.Args().First())
	if err != nil {
		return r, err
	}
	r.spec, r.verbose = spec, c.Bool("verbose")
	if r.format, err = formatFlag(c); err != nil {
		return r, err
	}
	if r.opts, err = gradeOptions(c); err != nil {
		return r, err
	}
	r.root = r.opts.Root
	switch {
	case c.Bool("solution") && c.IsSet("dir"):
		return r, fmt.Errorf("--solution and --dir both say what to grade: give one")
	case c.Bool("solution"):
		r.opts.Dir = filepath.Join(r.root, spec.SolutionDir())
	case c.IsSet("dir"):
		if r.opts.Dir, err = filepath.Abs(c.String("dir")); err != nil {
			return r, err
		}
		r.opts.Within = within(r.opts.Dir)
	default:
		r.own = true
	}
	return r, nil
}

// within is the submission a --dir folder belongs to: the working folder
// when the folder is in it (`--dir alice/exercises/histogram` run in the
// class folder: no link on the way may lead elsewhere, to another
// student), else the folder itself.
func within(dir string) string {
	wd, err := os.Getwd()
	if err != nil {
		return dir
	}
	if rel, err := filepath.Rel(wd, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return wd
	}
	return dir
}

func gradeExercise(c *cli.Context, stdout, stderr io.Writer) error {
	req, err := parseRequest(c)
	if err != nil {
		return err
	}
	opts := req.opts
	var traced *diagnose.Profile
	timeline := c.String("timeline")
	if timeline != "" {
		if err := plots.CheckTimelineFile(timeline); err != nil {
			return err
		}
		opts.Timeline = func(p *diagnose.Profile) { traced = p }
	}
	res, err := req.grade(c.Context, stdout, stderr, opts)
	if err != nil {
		return err
	}
	if file := c.String("plot"); file != "" {
		if err := plots.Draw(file, req.spec, res); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "drew the measured scaling into %s\n", file)
	}
	if timeline != "" {
		if err := plots.DrawTimeline(timeline, traced); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "drew the traced call into %s\n", timeline)
	}
	return exitStatus([]*verdict.Result{res})
}

// grade grades the request with opts and writes its report on stdout,
// and keeps the learner's own grade for `grade status`. The human report
// streams: each check's line is written as soon as it is decided, below a
// status line on stderr that says what runs now (cleared before grade
// returns); the other formats are whole documents, written once the
// grade is done. Nothing more is written once ctx has ended (a newer save
// in watch mode, Ctrl-C); the report is then unfinished.
func (r request) grade(ctx context.Context, stdout, stderr io.Writer, opts grader.Options) (*verdict.Result, error) {
	if r.format != report.FormatHuman {
		res, err := gradeFn(ctx, r.spec, opts)
		if err != nil || ctx.Err() != nil {
			return res, err
		}
		r.remember(ctx, stderr, res)
		return res, r.write(stdout, res)
	}
	status := statusline.New(stderr, r.spec.Name)
	defer status.Done()
	opts.Progress = status.Progress
	target := opts.Display
	if target == "" {
		target = grader.Target(r.root, r.dir())
	}
	stream := report.NewStream(stdout, r.spec.Name, target, r.spec.Checks(), r.textOptions(stdout))
	opts.Decided = func(c verdict.Check) { status.Print(func() { stream.Check(c) }) }
	res, err := gradeFn(ctx, r.spec, opts)
	status.Done()
	if err != nil || ctx.Err() != nil {
		return res, err
	}
	r.remember(ctx, stderr, res)
	return res, stream.Finish(res)
}

// remember keeps the learner's own grade for `grade status`.
func (r request) remember(ctx context.Context, stderr io.Writer, res *verdict.Result) {
	if r.own && ctx.Err() == nil {
		remember(stderr, r.root, res)
	}
}

// textOptions are the human report's options on w.
func (r request) textOptions(w io.Writer) report.TextOptions {
	return report.TextOptions{Color: wantColor(w), Verbose: r.verbose}
}

// write prints the report of res in the request's format.
func (r request) write(stdout io.Writer, res *verdict.Result) error {
	return write(stdout, r.format, []*verdict.Result{res}, false, r.verbose)
}

// formatFlag is --format, or json with --json.
func formatFlag(c *cli.Context) (report.Format, error) {
	if c.Bool("json") {
		return report.FormatJSON, nil
	}
	return report.ParseFormat(c.String("format"))
}

// write renders results on w in format; set says they are `grade all`'s.
func write(w io.Writer, format report.Format, results []*verdict.Result, set, verbose bool) error {
	return report.Write(w, results, report.Options{Format: format, Set: set,
		Text: report.TextOptions{Color: wantColor(w), Verbose: verbose}})
}

// wantColor is true when w is a terminal and NO_COLOR is not set; fatih/
// color's own detection covers os.Stdout.
func wantColor(w io.Writer) bool {
	return w == io.Writer(os.Stdout) && !color.NoColor
}

// skipPolicyFlag is --skip-policy: what a check the machine could not
// judge (one core, busy, noisy) is worth.
func skipPolicyFlag() cli.Flag {
	return &cli.StringFlag{Name: "skip-policy", Value: verdict.DefaultSkipPolicy.String(),
		Usage: "a faster check the machine could not judge: exclude (its points leave the maximum), zero (it scores 0) or \"retry N\" (measure again up to N times, then exclude)"}
}

// formatFlagDef is --format, with the usage text of its command.
func formatFlagDef(usage string) cli.Flag {
	return &cli.StringFlag{Name: "format", Value: string(report.FormatHuman), Usage: usage}
}

// recentShelf is the learner's shelf of the last grades' test binaries,
// in parlab's cache folder, or nil when there is none (no shelf: every
// build links).
func recentShelf() *grader.Shelf {
	dir, err := history.Dir()
	if err != nil {
		return nil
	}
	// The race and the plain binary of every exercise of the course
	// (about 50 MiB for four), so that grade all after one exercise
	// changed links only that one's.
	return grader.NewRecentShelf(filepath.Join(dir, "shelf"), 2*len(exercise.All()))
}

// gradeOptions are the grader options the command's flags set (those it
// has: --timeout, --cores, --memory, --no-speedup, --skip-policy), in the
// checkout the command runs in.
func gradeOptions(c *cli.Context) (grader.Options, error) {
	root, err := checkout.Find()
	if err != nil {
		return grader.Options{}, err
	}
	opts := grader.Options{Root: root, Timeout: c.Duration("timeout"), Cores: c.Int("cores"),
		MemoryLimit: c.Int64("memory") << 20, NoSpeedup: c.Bool("no-speedup"), Shelf: recentShelf()}
	if p := c.String("skip-policy"); p != "" {
		opts.SkipPolicy, err = verdict.ParseSkipPolicy(p)
	}
	return opts, err
}
