// Package grader grades one exercise: it lays the learner's files and the
// hidden suite over exercises/NAME with `go test -overlay`, builds the test
// binaries, runs them as watched child processes and turns what they did
// into a verdict per check. It only orchestrates: the rules live in check,
// the measurements in speedup, the processes in gotest.
package grader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"parlab/grader/check"
	"parlab/grader/diagnose"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/phaselock"
	"parlab/grader/suites"
	"parlab/grader/testjson"
	"parlab/grader/verdict"
)

// Options configure one grading run.
type Options struct {
	// Root is the parlab checkout (the folder holding go.mod).
	Root string
	// Dir is the folder to grade; empty means exercises/NAME in Root.
	Dir string
	// Timeout limits each phase (building, testing, measuring).
	Timeout time.Duration
	// MemoryLimit stops a test run whose processes use more memory.
	MemoryLimit int64
	// Cores is the number of workers the faster check uses; 0 means the
	// usable cores of this machine.
	Cores int
	// NoSpeedup leaves the faster check out (it is reported as skipped).
	NoSpeedup bool
	// Progress, when set, is told what phase starts ("building", ...).
	Progress func(phase string)
	// Timeline, when set, has the timed call traced whatever the faster
	// check's verdict (grade --timeline) and receives what the trace
	// showed.
	Timeline func(*diagnose.Profile)
}

// DefaultTimeout is the default limit of each phase.
const DefaultTimeout = 60 * time.Second

// DefaultMemoryLimit is the default memory limit of a test run.
const DefaultMemoryLimit = 2 << 30

// Grade grades one exercise. Everything the learner's code does is in the
// Result; an error means the grader itself could not work (no Go
// toolchain, an unreadable checkout, a cancelled context).
func Grade(ctx context.Context, spec exercise.Spec, opts Options) (*verdict.Result, error) {
	start := time.Now()
	opts = withDefaults(opts)
	dir := opts.Dir
	if dir == "" {
		dir = filepath.Join(opts.Root, spec.StubDir())
	}
	res := &verdict.Result{Exercise: spec.Name, Target: displayPath(opts.Root, dir)}
	defer func() { res.Duration = time.Since(start) }()

	sub, err := readSubmission(dir, spec.Name)
	var notGradable *errNotGradable
	if errors.As(err, &notGradable) {
		return finish(spec, res, verdict.Check{Name: verdict.Builds, Status: verdict.Fail, Message: notGradable.msg}), nil
	}
	if err != nil {
		return nil, err
	}
	ws, err := newWorkspace(opts.Root, spec, sub)
	if err != nil {
		return nil, err
	}
	defer ws.remove()
	r := &run{ctx: ctx, spec: spec, opts: opts, ws: ws, sub: sub,
		paths: check.Paths{Root: opts.Root, PkgDir: spec.StubDir(), Copies: []string{ws.srcDir()}}}
	checks, err := r.grade()
	if err != nil {
		return nil, err
	}
	res.Speedup = r.speedup
	res.Study = r.studied
	res.Notes = append(sub.notes(), r.notes...)
	res.Phases = r.phases
	return finish(spec, res, checks...), nil
}

func withDefaults(o Options) Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MemoryLimit <= 0 {
		o.MemoryLimit = DefaultMemoryLimit
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	return o
}

// finish puts the checks in report order, fills in those that did not run
// as skipped, and tallies the points.
func finish(spec exercise.Spec, res *verdict.Result, checks ...verdict.Check) *verdict.Result {
	byName := map[verdict.CheckName]verdict.Check{}
	for _, c := range checks {
		byName[c.Name] = c
	}
	reason := "not judged: the package did not build"
	res.Checks = nil
	for _, name := range spec.Checks() {
		c, ok := byName[name]
		if !ok {
			c = verdict.Check{Name: name, Status: verdict.Skip, Message: reason}
		}
		c.MaxScore = spec.Points[name]
		res.Checks = append(res.Checks, c)
	}
	res.Tally()
	return res
}

// run is the state of one grading run.
type run struct {
	ctx     context.Context
	spec    exercise.Spec
	opts    Options
	ws      *workspace
	sub     *submission
	paths   check.Paths
	speedup *verdict.Speedup
	studied *verdict.Study
	// notes are remarks for the report (output cut short).
	notes []string
	// phases are the timed steps, for the report.
	phases []verdict.Phase
}

func (r *run) phase(name string, start time.Time) {
	r.phases = append(r.phases, verdict.Phase{Name: name, Duration: time.Since(start)})
}

func (r *run) grade() ([]verdict.Check, error) {
	honest := check.Honest(r.sub.files)
	r.opts.Progress("building")
	release := phaselock.Shared()
	start := time.Now()
	builds, compiled, plainBuilt, err := r.build()
	r.phase("build", start)
	release()
	if err != nil {
		return nil, err
	}
	checks := []verdict.Check{builds, honest}
	if !compiled {
		return checks, nil
	}
	if honest.Status == verdict.Fail {
		return append(checks, r.skipped("not graded: the honest check failed")...), nil
	}
	r.opts.Progress("running tests under the race detector")
	release = phaselock.Shared()
	start = time.Now()
	tr, err := r.runSuite()
	r.phase("race run", start)
	release()
	if err != nil {
		return nil, err
	}
	suiteChecks := check.Suite(tr, r.spec.Starter)
	checks = append(checks, suiteChecks...)
	if _, wanted := r.spec.Points[verdict.Faster]; wanted {
		// Timing runs alone: no build or test of this or another grade
		// process runs beside them.
		release = func() {}
		if firstBlocking(suiteChecks) == "" && !r.opts.NoSpeedup {
			r.opts.Progress("waiting for the machine to be quiet")
			release = phaselock.Exclusive()
		}
		start = time.Now()
		f := r.faster(suiteChecks, plainBuilt)
		checks = append(checks, f)
		r.studied = r.study(suiteChecks, f)
		r.phase("timing", start)
		release()
	}
	return checks, nil
}

func (r *run) skipped(reason string) []verdict.Check {
	var out []verdict.Check
	for _, name := range []verdict.CheckName{verdict.Started, verdict.Correct, verdict.RaceFree, verdict.LeakFree, verdict.Terminates, verdict.Faster} {
		out = append(out, verdict.Check{Name: name, Status: verdict.Skip, Message: reason})
	}
	return out
}

// Binary names in the workspace.
const (
	raceBinary  = "race.test"
	plainBinary = "plain.test"
)

// build compiles the race-instrumented test binary, the plain one the
// faster check times, and runs go vet, all at once: they share the build
// cache and the two cores.
func (r *run) build() (builds verdict.Check, compiled, plainBuilt bool, err error) {
	goTest := func(out string, race bool) []string {
		args := []string{"go", "test", "-c", "-o", filepath.Join(r.ws.dir, out), "-overlay", r.ws.overlay,
			"-tags", suites.BuildTag, "-vet=off"}
		if race {
			args = append(args, "-race")
		}
		return append(args, "./"+r.spec.StubDir())
	}
	cmds := map[string][]string{
		"race": goTest(raceBinary, true),
		"vet":  {"go", "vet", "-overlay", r.ws.overlay, "-tags", suites.BuildTag, "./" + r.spec.StubDir()},
	}
	if _, wanted := r.spec.Points[verdict.Faster]; wanted && !r.opts.NoSpeedup {
		cmds["plain"] = goTest(plainBinary, false)
	}
	results := map[string]*gotest.Result{}
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for name, args := range cmds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The go command's own temporary files go inside the
			// workspace, so they go with it even when a build is killed.
			res, err := gotest.Run(r.ctx, gotest.Command{Args: args, Dir: r.opts.Root, Timeout: r.opts.Timeout,
				Env: []string{"GOTMPDIR=" + r.ws.goTmp()}})
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			results[name] = res
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return verdict.Check{}, false, false, firstErr
	}
	race := results["race"]
	if race.TimedOut {
		return verdict.Check{Name: verdict.Builds, Status: verdict.Fail,
			Message: fmt.Sprintf("building took longer than %v", r.opts.Timeout)}, false, false, nil
	}
	c := check.Compiler{OK: race.ExitCode == 0, Output: r.paths.Rewrite(string(race.Stderr) + string(race.Stdout)), SuiteFiles: r.ws.suiteFiles}
	if vet := results["vet"]; vet.ExitCode != 0 && c.OK {
		c.Vet = r.paths.Rewrite(stripVetHeader(string(vet.Stderr)))
	}
	plain := results["plain"]
	r.ws.forgetSources()
	return check.Builds(c), c.OK, plain != nil && plain.ExitCode == 0, nil
}

// stripVetHeader drops the "# package" lines go vet prints before its
// findings.
func stripVetHeader(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "# ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// runSuite runs the race binary through test2json.
func (r *run) runSuite() (check.TestRun, error) {
	testTimeout := max(r.opts.Timeout-5*time.Second, r.opts.Timeout*3/4)
	work := filepath.Join(r.ws.dir, "work")
	if err := os.MkdirAll(work, 0o700); err != nil {
		return check.TestRun{}, err
	}
	res, err := gotest.Run(r.ctx, gotest.Command{
		Args: []string{"go", "tool", "test2json", "-t", "-p", r.spec.Package(),
			filepath.Join(r.ws.dir, raceBinary), "-test.v=test2json", "-test.count=1",
			"-test.timeout=" + testTimeout.String()},
		Dir:         work,
		Env:         []string{"GORACE=halt_on_error=0 history_size=2", "GOTMPDIR=" + r.ws.goTmp()},
		Timeout:     r.opts.Timeout,
		OutputLimit: suiteOutputLimit,
		MemoryLimit: r.opts.MemoryLimit,
	})
	if err != nil {
		return check.TestRun{}, err
	}
	if res.Dropped > 0 {
		r.notes = append(r.notes, fmt.Sprintf("the tests printed %s of output, more than the grader keeps: it kept the first and last %s (--verbose shows them)",
			size(res.Dropped+int64(len(res.Stdout)+len(res.Stderr))), size(suiteOutputLimit/2)))
	}
	run := testjson.Parse(strings.NewReader(r.paths.Rewrite(string(res.Stdout))))
	return check.TestRun{
		Run:         run,
		Stderr:      r.paths.Rewrite(string(res.Stderr)),
		Complete:    strings.Contains(run.AllOutput(), completeLine(r.ws.nonce)),
		Required:    r.ws.requiredRun,
		ExitCode:    res.ExitCode,
		TimedOut:    res.TimedOut,
		Timeout:     r.opts.Timeout.String(),
		OutOfMemory: res.OutOfMemory,
		MemoryLimit: fmt.Sprintf("%d MiB", r.opts.MemoryLimit>>20),
	}, nil
}

// suiteOutputLimit caps what is kept of the race run's output (per
// stream); race reports are long, so it is more than other phases keep.
const suiteOutputLimit = 8 << 20

// size is n bytes in a unit a person reads at a glance.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

func displayPath(root, dir string) string {
	if rel, err := filepath.Rel(root, dir); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return dir
}
