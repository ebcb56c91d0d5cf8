package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/fatih/color"
	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/diagnose"
	"parlab/grader/exercise"
	"parlab/grader/plots"
	"parlab/grader/report"
	"parlab/grader/statusline"
	"parlab/grader/verdict"
)

func exerciseCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "exercise",
		Usage:     "grade one exercise",
		ArgsUsage: "NAME",
		Flags: append(gradeFlags(),
			&cli.StringFlag{Name: "plot", Usage: "draw the exercise's scaling study (scalability) into `FILE.svg` or .png"},
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
		&cli.BoolFlag{Name: "solution", Usage: "grade the model answer in solutions/NAME"},
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
		return r, fmt.Errorf("give one exercise name, e.g. `grade %s histogram` (see `grade list`)", c.Command.Name)
	}
	spec, err := exercise.Lookup(c.Args().First())
	if err != nil {
		return r, err
	}
	r.spec, r.verbose = spec, c.Bool("verbose")
	if r.format, err = formatFlag(c); err != nil {
		return r, err
	}
	if r.root, err = findRoot(); err != nil {
		return r, err
	}
	r.opts = grader.Options{
		Root:        r.root,
		Timeout:     c.Duration("timeout"),
		Cores:       c.Int("cores"),
		MemoryLimit: c.Int64("memory") << 20,
		NoSpeedup:   c.Bool("no-speedup"),
	}
	if r.opts.SkipPolicy, err = verdict.ParseSkipPolicy(c.String("skip-policy")); err != nil {
		return r, err
	}
	switch {
	case c.Bool("solution") && c.IsSet("dir"):
		return r, fmt.Errorf("--solution and --dir both say what to grade: give one")
	case c.Bool("solution"):
		r.opts.Dir = filepath.Join(r.root, spec.SolutionDir())
	case c.IsSet("dir"):
		if r.opts.Dir, err = filepath.Abs(c.String("dir")); err != nil {
			return r, err
		}
	default:
		r.own = true
	}
	return r, nil
}

func gradeExercise(c *cli.Context, stdout, stderr io.Writer) error {
	req, err := parseRequest(c)
	if err != nil {
		return err
	}
	opts := req.opts
	done := func() {}
	if req.format == report.FormatHuman {
		opts.Progress, done = statusline.Line(stderr, req.spec.Name)
	}
	var traced *diagnose.Profile
	if file := c.String("timeline"); file != "" {
		if err := plots.CheckTimelineFile(file); err != nil {
			return err
		}
		opts.Timeline = func(p *diagnose.Profile) { traced = p }
	}
	res, err := gradeFn(c.Context, req.spec, opts)
	done() // clear the status line before the report
	if err != nil {
		return err
	}
	if req.own {
		remember(stderr, req.root, res)
	}
	if err := write(stdout, req.format, []*verdict.Result{res}, false, req.verbose); err != nil {
		return err
	}
	if file := c.String("plot"); file != "" {
		if err := plots.DrawStudy(file, req.spec, res); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "drew the scaling study into %s\n", file)
	}
	if file := c.String("timeline"); file != "" {
		if err := plots.DrawTimeline(file, traced); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "drew the traced call into %s\n", file)
	}
	if !res.Passed() {
		return outcome{code: 1}
	}
	return nil
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
