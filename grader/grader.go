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
	"maps"
	"parlab/internal/cpuinfo"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/diagnose"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/phaselock"
	"parlab/grader/sandbox"
	"parlab/grader/suite"
	"parlab/grader/testjson"
	"parlab/grader/verdict"
)

// Options configure one grading run.
type Options struct {
	// Root is the parlab checkout (the folder holding go.mod).
	Root string
	// Dir is the folder to grade; empty means exercises/NAME in Root.
	Dir string
	// Within is the submission Dir belongs to (a student's folder,
	// Gradescope's submission/, an unpacked archive): no folder on the way
	// from Within down to Dir may be a symbolic link. Empty means Root
	// when Dir is empty, else Dir itself.
	Within string
	// Display is Dir as the learner names it: the result's Target, and
	// the folder every message puts before the learner's file names
	// ("exercises/histogram/histogram.go:37:2"), so that an editor or a
	// terminal opens the line. Empty means Dir relative to Root when it
	// is inside it, else Dir; "." leaves the bare file names.
	Display string
	// Timeout limits each phase (building, testing, measuring).
	Timeout time.Duration
	// MemoryLimit stops a test run whose processes use more memory.
	MemoryLimit int64
	// Cores is the number of workers the faster check uses; 0 means the
	// usable cores of this machine.
	Cores int
	// NoSpeedup leaves the faster check out (it is reported as skipped).
	NoSpeedup bool
	// SkipPolicy says what a check the machine could not judge is worth
	// and how often it is measured again; the zero value is
	// verdict.DefaultSkipPolicy (exclude).
	SkipPolicy verdict.SkipPolicy
	// Progress, when set, is told what phase starts ("building", ...).
	Progress func(phase string)
	// Read, when set, hears the digest of the files the grade judges
	// (FilesDigest) as soon as it has read them: a watch that started the
	// grade at a burst's first save compares it with the files' digest
	// once the burst is over.
	Read func(digest string)
	// Decided, when set, hears each check as soon as it is decided, scored
	// as the Result holds it: builds and honest once the builds are done,
	// the race run's checks once it ends, faster once measured. Every
	// check of the Result is heard once; those decided only at the end
	// (not run, or a speed the machine could not judge, which the skip
	// policy scores) come last, in report order. Calls come one at a
	// time, from the goroutine that called Grade.
	Decided func(verdict.Check)
	// Timeline, when set, has the timed call traced whatever the faster
	// check's verdict (grade --timeline) and receives what the trace
	// showed.
	Timeline func(*diagnose.Profile)
	// DeferTiming leaves the faster check of a timed exercise whose code
	// passed every other check unmeasured: pending (an unjudged skip),
	// with the Result's Digest, for Time to measure later. The timing
	// binary is not built. A class's batch grades every student so, then
	// times them one after another at its end: a timing run needs the
	// machine to itself, and one in the middle of the class stopped
	// every other student's build and race run while it waited and ran.
	DeferTiming bool
	// Digest is, for Time, the Result.Digest of the earlier grade: Time
	// measures only the files that grade judged.
	Digest string
	// Shelf, when set, keeps the test binaries of files graded more than
	// once and hands them to the next build of those files.
	Shelf *Shelf

	// runner, when set, runs the processes of the grade in place of the
	// grade itself: a tape's recorder or player (tests only).
	runner runner
	// timingEnv is added to the timing run's environment: the placement
	// sweep's perturbations (contract.PlacementEnv; tests only).
	timingEnv []string
}

// DefaultTimeout is the default limit of each phase.
const DefaultTimeout = 60 * time.Second

// BuildMemoryLimit is the least memory limit of a build (the go command,
// the compiler and the linker together): a submission can make the
// compiler work hard (a huge array literal), never without bound.
const BuildMemoryLimit = 4 << 30

// MinBuildTimeout is the least time limit of a build. The first grade on
// a fresh machine compiles the standard library with the race detector
// (measured at over a minute for go vet on this project's 2-core VM with
// an empty cache), which is the grader's cost, never the learner's: a
// build only fails for time beyond this (or beyond Options.Timeout, when
// that is longer).
const MinBuildTimeout = 5 * time.Minute

// DefaultMemoryLimit is the default memory limit of a test run.
const DefaultMemoryLimit = 2 << 30

// Grade grades one exercise. Everything the learner's code does is in the
// Result; an error means the grader itself could not work (no Go
// toolchain, an unreadable checkout, a cancelled context).
//
// A panic while grading is a grader bug, but it is one submission's
// problem: it becomes that exercise's result, every check an error with
// the reason, so that a batch records it and goes on.
func Grade(ctx context.Context, spec exercise.Spec, opts Options) (*verdict.Result, error) {
	opts = resolve(spec, opts)
	return protect(spec, opts.Display, func() (*verdict.Result, error) { return grade(ctx, spec, opts) })
}

// FilesDigest is the digest of the files a grade with opts would judge
// now, as Options.Read would hear it.
func FilesDigest(spec exercise.Spec, opts Options) (string, error) {
	opts = resolve(spec, opts)
	return Digest(spec, opts.Within, opts.Dir)
}

// resolve fills in the folders of opts left empty: Dir, Within and
// Display.
func resolve(spec exercise.Spec, opts Options) Options {
	if opts.Dir == "" {
		opts.Dir = filepath.Join(opts.Root, spec.StubDir())
		if opts.Within == "" {
			opts.Within = opts.Root
		}
	}
	if opts.Within == "" {
		opts.Within = opts.Dir
	}
	if opts.Display == "" {
		opts.Display = displayPath(opts.Root, opts.Dir)
	}
	return opts
}

// protect runs grade and turns a panic in it into an error result.
func protect(spec exercise.Spec, target string, grade func() (*verdict.Result, error)) (res *verdict.Result, err error) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		reason := fmt.Sprintf("the grader crashed while grading this submission (%v); this is a bug in the grader, not in your code: report it with your files", p)
		res, err = &verdict.Result{Exercise: spec.Name, Target: target, Notes: []string{reason}}, nil
		for _, name := range spec.Checks() {
			c := verdict.Check{Name: name, Status: verdict.Error, Message: reason, MaxScore: spec.Points[name]}
			if len(res.Checks) == 0 {
				c.Details = string(debug.Stack())
			}
			res.Checks = append(res.Checks, c)
		}
		res.Tally()
	}()
	return grade()
}

// grade grades opts.Dir, which Grade has filled in.
func grade(ctx context.Context, spec exercise.Spec, opts Options) (*verdict.Result, error) {
	start := time.Now()
	opts = withDefaults(opts)
	dir := opts.Dir
	cpu := cpuinfo.This()
	res := &verdict.Result{Exercise: spec.Name, Target: opts.Display, CPU: &cpu}
	defer func() { res.Duration = time.Since(start) }()

	sub, err := readSubmission(opts.Within, dir, spec.Name)
	var notGradable *errNotGradable
	if errors.As(err, &notGradable) {
		res = finish(spec, res, verdict.Check{Name: verdict.Builds, Status: verdict.Fail, Message: notGradable.msg})
		for _, c := range res.Checks {
			opts.Decided(c)
		}
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	if opts.Read != nil {
		opts.Read(sub.digest())
	}
	ws, err := newWorkspace(opts.Root, spec, sub)
	if err != nil {
		return nil, err
	}
	defer ws.remove()
	r := newRun(ctx, spec, opts, ws, sub)
	// An exercise without a started check (racefix ships working code)
	// has nothing to wait for before a pass of builds is heard.
	r.startedKnown = !slices.Contains(spec.Checks(), verdict.Started)
	checks, err := r.grade()
	if err != nil {
		return nil, err
	}
	res.Speedup = r.speedup
	res.Study = r.studied
	res.Notes = append(sub.notes(), r.notes...)
	res.Phases = r.phases
	if opts.DeferTiming {
		res.Digest = sub.digest()
	}
	res = finish(spec, res, checks...)
	r.locate.Result(res)
	r.startedKnown = true // the result's builds and honest are final
	r.final = true        // an unjudged check is heard now, as scored
	for _, c := range res.Checks {
		if !r.heard[c.Name] {
			r.decided(c)
		}
	}
	return res, nil
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
	if o.Decided == nil {
		o.Decided = func(verdict.Check) {}
	}
	return o
}

// newRun is the state of a grading run of sub in the workspace ws.
func newRun(ctx context.Context, spec exercise.Spec, opts Options, ws *workspace, sub *submission) *run {
	return &run{ctx: ctx, spec: spec, opts: opts, ws: ws, sub: sub, locate: check.NewLocator(opts.Display, slices.Sorted(maps.Keys(sub.files)), stubDir(opts.Root, spec), ws.srcDir()),
		paths: check.Paths{Root: opts.Root, PkgDir: spec.StubDir(), Copies: []string{ws.srcDir()}, CopyPattern: copyPattern(spec)}}
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
		// What the skip policy left pending (check.Faster) is out of the
		// maximum.
		c.MaxScore = spec.Points[name] - c.Pending
		nameCommand(&c, spec.Name)
		res.Checks = append(res.Checks, c)
	}
	if res.NotStarted() {
		// Tally gives work not started nothing; say so where a pass
		// shows 0 points.
		for i := range res.Checks {
			if c := &res.Checks[i]; c.Status == verdict.Pass && c.MaxScore > 0 {
				c.Message += " (its points count once the exercise is started)"
			}
		}
	}
	res.Tally()
	return res
}

// nameGoStatements adds to a failure that blames too many goroutines
// (a hang among a crowd of them, a timing run left running) the go
// statements of the learner's that sit in a loop: the line to change.
func (r *run) nameGoStatements(c *verdict.Check) {
	if c.Status != verdict.Fail || !strings.Contains(strings.ToLower(c.Message), "too many goroutines") {
		return
	}
	var lines []string
	for _, l := range check.GoInLoops(r.sub.files) {
		if !strings.Contains(c.Message, l+" ") { // the suite named it already
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 {
		if !strings.HasSuffix(c.Message, ".") {
			c.Message += "."
		}
		c.Message += " The go statement in a loop: " + strings.Join(lines, ", ") + "."
	}
}

// stubDir is the exercise's folder in the checkout at root, absolute:
// the test binaries are built with -overlay, so their stacks name the
// learner's files by it.
func stubDir(root string, spec exercise.Spec) string {
	dir := filepath.Join(root, spec.StubDir())
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// nameGoroutineLocks puts first in a race-free failure's hint the
// learner's locks that each goroutine declares for itself
// (check.GoroutineLocks): a mutex that protects nothing, the plausible
// fix that left the race, under a hint that says "protect it with a
// sync.Mutex" as if it had not been tried.
func (r *run) nameGoroutineLocks(c *verdict.Check) {
	if c.Name != verdict.RaceFree || c.Status != verdict.Fail {
		return
	}
	if locks := check.GoroutineLocks(r.sub.files); len(locks) > 0 {
		c.Hint = fmt.Sprintf("The lock declared at %s is made inside the goroutine: each goroutine makes and locks a lock of its own, "+
			"so none ever waits for another and it protects nothing. Declare one sync.Mutex outside the goroutines, before the go statements, "+
			"and have them all lock that one. ", strings.Join(locks, ", ")) + c.Hint
	}
}

// blameCopiedWaitGroup gives a call stuck in sync.WaitGroup.Wait the
// cause go vet found (builds): a WaitGroup passed by value, whose copies'
// Done never reach the WaitGroup that Wait waits on. The deadlock hint
// (a channel nobody sends on, locks in opposite orders...) sent a learner
// looking elsewhere.
func blameCopiedWaitGroup(builds verdict.Check, c *verdict.Check) {
	if c.Name != verdict.Terminates || c.Status != verdict.Fail || !strings.Contains(c.Message, "sync.WaitGroup.Wait") ||
		!strings.Contains(builds.Message, "sync.WaitGroup contains sync.noCopy") {
		return
	}
	c.Hint = "Wait waits for Done calls that never reach it: go vet found a sync.WaitGroup passed by value (see builds), so each goroutine calls Done on a copy of its own. " +
		"Pass a pointer (wg *sync.WaitGroup), or let the goroutine's closure use its caller's WaitGroup (wg.Go(func() { ... }))."
}

// nameCommand puts the exercise's name into the command a hint tells
// the learner to type.
func nameCommand(c *verdict.Check, exercise string) {
	c.Hint = strings.ReplaceAll(c.Hint, "go run ./cmd/grade show NAME", "go run ./cmd/grade show "+exercise)
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
	// notes are remarks for the report (output cut short); notesMu
	// guards them while the race run and the last builds overlap.
	notes   []string
	notesMu sync.Mutex
	// phases are the timed steps, for the report.
	phases []verdict.Phase
	// sandboxNoted is set once the sandbox's gaps are in notes.
	sandboxNoted bool
	// heard names the checks Options.Decided has heard.
	heard map[verdict.CheckName]bool
	// startedKnown is set once the started check is decided: until then
	// a pass of builds or honest is not heard, since work not started
	// scores nothing (verdict.Result.Tally).
	startedKnown bool
	held         []verdict.Check
	notStarted   bool
	// final is set when the result is done: what is heard then is the
	// result's own checks, scored by the skip policy.
	final bool
	// locate names the learner's files in messages as they see them.
	locate check.Locator
}

// decided tells Options.Decided of checks decided now, scored as the
// result will score them. A speed the machine could not judge is left
// for the end: the skip policy decides what it is worth.
func (r *run) decided(checks ...verdict.Check) {
	if r.heard == nil {
		r.heard = map[verdict.CheckName]bool{}
	}
	for _, c := range checks {
		if (c.Unjudged && !r.final) || r.heard[c.Name] || !slices.Contains(r.spec.Checks(), c.Name) {
			continue // the exercise has no such check (racefix: started)
		}
		if !r.startedKnown && c.Status == verdict.Pass && (c.Name == verdict.Builds || c.Name == verdict.Honest) {
			r.held = append(r.held, c)
			continue
		}
		r.heard[c.Name] = true
		if !r.final { // the result's own checks are scored already
			c.MaxScore, c.Score = r.spec.Points[c.Name], 0
			if c.Status == verdict.Pass && !r.notStarted {
				c.Score = c.MaxScore
			}
		}
		nameCommand(&c, r.spec.Name)
		r.locate.Check(&c)
		r.opts.Decided(c)
		if c.Name == verdict.Started {
			r.startedKnown, r.notStarted = true, c.Status == verdict.Fail
			if c.Status == verdict.Pass {
				held := r.held
				r.held = nil
				r.decided(held...)
			}
			// Otherwise they are heard at the end, as the result
			// holds them (0 points: not started).
		}
	}
}

func (r *run) phase(name string, start time.Time) {
	r.phases = append(r.phases, verdict.Phase{Name: name, Duration: time.Since(start)})
}

// note adds remarks for the report.
func (r *run) note(n ...string) {
	r.notesMu.Lock()
	defer r.notesMu.Unlock()
	r.notes = append(r.notes, n...)
}

// suiteRun is the outcome of the race run, which starts as soon as the
// race binary is built.
type suiteRun struct {
	tr      check.TestRun
	err     error
	elapsed time.Duration
}

func (r *run) grade() ([]verdict.Check, error) {
	// Nothing but the Go parser reads the learner's files until the honest
	// check passes: the compiler, cgo, vet and a C compiler would act on
	// what a submission that fails it holds (a cgo preamble's #include
	// put any file the grader's user can read into the builds message).
	honest := check.Honest(r.sub.files, check.Rules{Imports: r.spec.Imports, Timed: r.spec.Timed(), Bubbled: r.spec.Bubbled, OtherFiles: r.sub.others})
	if honest.Status == verdict.Fail {
		notBuilt := verdict.Check{Name: verdict.Builds, Status: verdict.Skip,
			Message: "not built: nothing of a submission is compiled until the honest check passes"}
		checks := append([]verdict.Check{notBuilt, honest}, r.skipped("not graded: the honest check failed")...)
		r.decided(checks...)
		return checks, nil
	}
	b, err := r.buildAndRunSuite(honest)
	if err != nil {
		return nil, err
	}
	checks := []verdict.Check{b.builds, honest}
	if !b.compiled {
		return checks, nil
	}
	r.phase(verdict.PhaseRace, time.Now().Add(-b.ran.elapsed))
	if b.ran.err != nil {
		return nil, b.ran.err
	}
	unraced, err := r.unraced(&b.ran.tr, b.plainBuilt)
	if err != nil {
		return nil, err
	}
	suiteChecks := r.judgeSuite(b.ran.tr, b.builds, unraced)
	checks = append(checks, suiteChecks...)
	if r.spec.Timed() {
		f, err := r.timed(suiteChecks, b.plainBuilt)
		if err != nil {
			return nil, err
		}
		checks = append(checks, f)
	}
	return checks, nil
}

// built is what the builds and the race run gave.
type built struct {
	builds               verdict.Check
	compiled, plainBuilt bool
	ran                  suiteRun
}

// buildAndRunSuite builds the test binaries and runs the race binary as
// soon as it is built. Builds and the race run share the machine, so they
// hold the shared lock together: the race run starts beside the end of go
// vet and the timing binary's build, which are off the critical path then.
func (r *run) buildAndRunSuite(honest verdict.Check) (built, error) {
	r.opts.Progress("building")
	release, err := r.lock(phaselock.Shared)
	if err != nil {
		return built{}, err
	}
	defer release()
	if r.runner().live() {
		// The race run's output is converted by test2json, which the go
		// command finds (0.15-0.4 s) while the binaries build: not
		// before the lock, whose wait a signal may end, and with its
		// temporary folder in the workspace, which goes with the grade
		// however it ends.
		go func() { _, _ = gotest.Test2JSON(r.ctx, r.ws.tmpEnv()...) }()
	}
	start := time.Now()
	var suiteDone chan suiteRun
	var b built
	var plain *plainBuild
	b.builds, b.compiled, plain, err = r.build(func() {
		suiteDone = make(chan suiteRun, 1)
		go func() {
			start := time.Now()
			tr, err := r.runSuite()
			suiteDone <- suiteRun{tr, err, time.Since(start)}
		}()
	})
	r.phase(verdict.PhaseBuild, start)
	if err == nil {
		if b.compiled {
			// Where the files settle started, it is heard first, and a
			// pass of builds and honest with it, without waiting for the
			// race run; the race run's started agrees
			// (TestRun.CannotPanic).
			if st, ok := check.StartedBySource(r.sub.files); ok {
				r.decided(st)
			}
		}
		r.decided(b.builds, honest)
	}
	if suiteDone != nil {
		if err == nil && b.compiled {
			r.opts.Progress("running tests under the race detector")
		}
		b.ran = <-suiteDone
	}
	// The plain binary, built beside the race run, is done under the
	// shared lock too: no timing of another grade runs beside its build.
	plainBuilt, plainErr := plain.wait()
	r.ws.forgetSources()
	if err == nil {
		b.plainBuilt, err = plainBuilt, plainErr
	}
	return b, err
}

// judgeSuite turns the race run into the suite's checks and the stories'
// (the same tests, per story), each heard as it is decided; builds is
// the builds check, whose vet findings can explain a suite failure;
// unraced lists the stories' Unraced tests that ran too, and count
// (run.unraced).
func (r *run) judgeSuite(tr check.TestRun, builds verdict.Check, unraced []string) []verdict.Check {
	var stories []check.Story
	for _, st := range r.spec.Stories {
		tests := slices.Clone(st.Tests)
		for _, t := range st.Unraced {
			if slices.Contains(unraced, t) {
				tests = append(tests, t)
			}
		}
		stories = append(stories, check.Story{Name: st.Name, Tests: tests})
	}
	suiteChecks := check.Suite(tr, r.spec.Starter)
	for i, c := range suiteChecks {
		if c.Name == verdict.Correct {
			suiteChecks[i] = check.CorrectByStory(tr, c, stories)
		}
		r.nameGoStatements(&suiteChecks[i])
		r.nameGoroutineLocks(&suiteChecks[i])
		blameCopiedWaitGroup(builds, &suiteChecks[i])
	}
	r.decided(suiteChecks...)
	storyChecks := check.Stories(tr, stories)
	r.decided(storyChecks...)
	return append(suiteChecks, storyChecks...)
}

// timed decides the faster check (measuring again while the skip policy
// says so) and runs the learner's scaling study. Timing runs alone: no
// build or test of this or another grade process runs beside them.
//
// With Options.DeferTiming, code that passed the suite's checks is left
// pending instead, unmeasured, for Time.
func (r *run) timed(suite []verdict.Check, plainBuilt bool) (verdict.Check, error) {
	judged := check.FirstBlocking(suite) == "" && !r.opts.NoSpeedup
	if judged && r.opts.DeferTiming {
		f := r.faster(suite, plainBuilt, 0).Check // pending until measured
		r.decided(f)
		return f, nil
	}
	release := func() {}
	if judged {
		r.opts.Progress("waiting for the machine to be quiet")
		var err error
		if release, err = r.lock(phaselock.Exclusive); err != nil {
			return verdict.Check{}, err
		}
	}
	defer release()
	start := time.Now()
	out := settleFaster(func(try int) check.FasterOutcome { return r.faster(suite, plainBuilt, try) }, r.opts.SkipPolicy, r.opts.Progress)
	f := out.Check
	r.nameGoStatements(&f)
	r.decided(f)
	r.studied = r.study(suite, f)
	r.phase(verdict.PhaseTiming, start)
	return f, nil
}

// settleFaster measures the speed with measure until the faster check is
// final: again while the skip policy measures again (its Retries at
// most), and again in a fresh process, once or twice, while a fail on
// the timings alone is neither confirmed nor refuted (check.Confirm).
// measure is told how many of the policy's measurements came before.
func settleFaster(measure func(try int) check.FasterOutcome, policy verdict.SkipPolicy, progress func(string)) check.FasterOutcome {
	var outs []check.FasterOutcome
	try := 0
	out := measure(try)
	for {
		if out.Again {
			try++
			progress(fmt.Sprintf("the machine could not judge the speed: measuring again (%d of %d)", try, policy.Retries))
			out = measure(try)
			continue
		}
		outs = append(outs, out)
		again, final := check.Confirm(outs, policy)
		if !again {
			return final
		}
		progress(fmt.Sprintf("your code fell short of the speed bar: measuring again, in a fresh process, to confirm it (%d of 2)", len(outs)))
		out = measure(try)
	}
}

// lock takes the phase lock with take, except when the grade's steps do
// not really run (a tape replayed): then nothing runs that could disturb
// or be disturbed.
func (r *run) lock(take func(context.Context) (func(), error)) (release func(), err error) {
	if !r.runner().live() {
		return func() {}, nil
	}
	return take(r.ctx)
}

func (r *run) skipped(reason string) []verdict.Check {
	var out []verdict.Check
	for _, name := range []verdict.CheckName{verdict.Started, verdict.Correct, verdict.RaceFree, verdict.LeakFree, verdict.Terminates, verdict.Faster} {
		out = append(out, verdict.Check{Name: name, Status: verdict.Skip, Message: reason})
	}
	for _, st := range r.spec.Stories {
		out = append(out, verdict.Check{Name: st.Name, Status: verdict.Skip, Message: reason})
	}
	return out
}

// Binary names in the workspace.
const (
	raceBinary  = "race.test"
	plainBinary = "plain.test"
)

// binary is the workspace path of the test binary a build step writes
// ("race", "plain"), or "" for one that writes none (vet).
func (r *run) binary(step string) string {
	switch step {
	case "race":
		return filepath.Join(r.ws.dir, raceBinary)
	case "plain":
		return filepath.Join(r.ws.dir, plainBinary)
	}
	return ""
}

// build compiles the race-instrumented test binary, go vet's checks run
// by the same go command, which is all the builds check needs. raceBuilt
// is called as soon as the race binary is built without error, before
// build returns; the plain binary the faster check times is then built
// behind it, beside the race run (plain: nil when the grade times
// nothing), so that the builds line waits for one go command, not three
// (after a save, on 2 cores: 2.0-2.7 s before this and the plain build's
// move, measured from the grade's start).
func (r *run) build(raceBuilt func()) (builds verdict.Check, compiled bool, plain *plainBuild, err error) {
	results, variants, plain, err := r.runBuilds(raceBuilt)
	if err != nil {
		return verdict.Check{}, false, plain, err
	}
	race := results.race
	switch {
	case race.TimedOut:
		return verdict.Check{Name: verdict.Builds, Status: verdict.Fail,
			Message: fmt.Sprintf("building took longer than %v", r.buildTimeout())}, false, plain, nil
	case race.OutOfMemory:
		return verdict.Check{Name: verdict.Builds, Status: verdict.Fail,
			Message: fmt.Sprintf("building took more than %d MiB of memory: a huge array or composite literal makes the compiler work that hard; build large data at run time (make and a loop)", max(r.opts.MemoryLimit, BuildMemoryLimit)>>20)}, false, plain, nil
	}
	if big := r.judgeCompiledSize(variants...); big != nil {
		return *big, false, plain, nil
	}
	c := check.Compiler{OK: race.ExitCode == 0, Output: r.paths.Rewrite(string(race.Stderr) + string(race.Stdout)), SuiteFiles: r.ws.suiteFiles}
	switch vetted := results.vetted; {
	case vetted == nil || !c.OK:
	case vetted.TimedOut || vetted.OutOfMemory:
		// A vet stopped by a limit found nothing: what it printed is the
		// dump of its own stopping, not findings about the code.
		r.note(fmt.Sprintf("go vet did not finish within its limits (%v, %d MiB), so its findings are not part of the builds check", r.buildTimeout(), max(r.opts.MemoryLimit, BuildMemoryLimit)>>20))
	default:
		c.Vet = r.paths.Rewrite(stripVetHeader(string(vetted.Stderr) + string(vetted.Stdout)))
	}
	return check.Builds(c), c.OK, plain, nil
}

// runBuilds builds the race binary with go vet's checks. The go command
// writes no binary when vet finds something, and stops with a limit as a
// whole: when that build fails, the same build without vet says whether
// the code compiles (it finds every package compiled by the first, so it
// only links), and the first build's output is vet's findings, or its
// stopping ("vetted"); else the code does not compile, and the second
// build's output says why ("race"). Once the race binary is built, the
// race run starts (raceBuilt) and so does the plain binary's build
// (plain), when the grade times the code. It returns each build's result
// and the learner's compiled package with the race detector, whose size
// is judged.
func (r *run) runBuilds(raceBuilt func()) (results raceBuilds, variants []*cachedPackage, plain *plainBuild, err error) {
	withPlain := r.spec.Timed() && !r.opts.NoSpeedup && !r.opts.DeferTiming || len(r.spec.UnracedTests()) > 0
	cmds, err := r.buildCommands()
	if err != nil {
		return results, nil, nil, err
	}
	if results.race, err = r.buildStep("race", "build race", cmds["race"]); err != nil {
		return results, nil, nil, err
	}
	if !succeeded(results.race) {
		results.vetted = results.race
		if results.race, err = r.buildStep("race", "build race without vet", cmds["race without vet"]); err != nil {
			return results, nil, nil, err
		}
	}
	if results.race.TimedOut || results.race.OutOfMemory {
		return results, nil, nil, nil
	}
	// Before the race run starts: nothing of the learner's runs yet that
	// could change the builds' work folders.
	compiled := r.compiledByRaceBuilds()
	if succeeded(results.race) {
		raceBuilt()
		if withPlain {
			plain = r.startPlain(cmds["plain"])
		}
	}
	return results, compiled, plain, nil
}

// raceBuilds are the results of the race binary's builds.
type raceBuilds struct {
	// race is the build whose output says whether the code compiles.
	race *gotest.Result
	// vetted, when set, is the build with vet's checks that failed
	// (race is then the one without): its output is vet's findings, or
	// its stopping by a limit.
	vetted *gotest.Result
}

// succeeded reports whether a build step ended well.
func succeeded(res *gotest.Result) bool {
	return res.ExitCode == 0 && !res.TimedOut && !res.OutOfMemory
}

// buildStep runs the build of binary kind (race or plain) as the step
// named step, taking the binary from the grader's shelf first and
// putting it there when it built.
func (r *run) buildStep(kind, step string, cmd gotest.Command) (*gotest.Result, error) {
	// The go command's own temporary files (and the C compiler's) go
	// inside the workspace, so they go with it even when a build is
	// killed.
	bin := r.binary(kind)
	taken := r.opts.Shelf.take(r.spec, r.sub, kind, bin)
	res, err := r.exec(step, cmd)
	if err == nil {
		res.Stderr = dropWorkLine(res.Stderr)
	}
	if err == nil && succeeded(res) {
		r.opts.Shelf.put(r.spec, r.sub, kind, bin, taken)
	}
	return res, err
}

// plainBuild is the plain binary's build, running behind the race run.
type plainBuild struct {
	done  chan struct{}
	built bool
	err   error
}

// startPlain starts building the plain binary with cmd. Its compiled
// package is judged by size as the race binary's was: a package that
// passed that check with the race detector and fails it without does not
// build (the faster check says the timing binary is missing, and a note
// says why).
func (r *run) startPlain(cmd gotest.Command) *plainBuild {
	p := &plainBuild{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		res, err := r.buildStep("plain", "build plain", cmd)
		p.err = err
		p.built = err == nil && succeeded(res)
		if !p.built {
			return
		}
		if big := r.judgeCompiledSize(r.compiledVariant(false)); big != nil {
			p.built = false
			r.note("the timing binary was not built: " + big.Message)
		}
	}()
	return p
}

// wait waits for the plain build, and says whether the binary was built;
// a nil plainBuild built nothing.
func (p *plainBuild) wait() (bool, error) {
	if p == nil {
		return false, nil
	}
	<-p.done
	return p.built, p.err
}

// buildCommands are the commands of the builds, by name.
func (r *run) buildCommands() (map[string]gotest.Command, error) {
	pkg := "./" + r.spec.StubDir()
	cmds := map[string]gotest.Command{}
	for name, args := range map[string][]string{
		"race":             keepWork(suite.CompileCommand(pkg, filepath.Join(r.ws.dir, raceBinary), r.ws.overlay, true, true)),
		"race without vet": keepWork(suite.CompileCommand(pkg, filepath.Join(r.ws.dir, raceBinary), r.ws.overlay, true, false)),
		"plain":            suite.CompileCommand(pkg, filepath.Join(r.ws.dir, plainBinary), r.ws.overlay, false, false),
	} {
		var err error
		if cmds[name], err = r.buildCommand(args, name != "plain"); err != nil {
			return nil, err
		}
	}
	return cmds, nil
}

// buildTimeout is the time limit of each build: Options.Timeout, but at
// least MinBuildTimeout.
func (r *run) buildTimeout() time.Duration { return max(r.opts.Timeout, MinBuildTimeout) }

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

// runSuite runs the race binary in the sandbox, its output turned into
// go test -json events afterwards (gotest.Command.JSONPackage).
func (r *run) runSuite() (check.TestRun, error) {
	testTimeout := max(r.opts.Timeout-5*time.Second, r.opts.Timeout*3/4)
	report, err := r.ws.newReport("race")
	if err != nil {
		return check.TestRun{}, err
	}
	race := filepath.Join(r.ws.dir, raceBinary)
	policy := r.sandbox([]string{race}, report, filepath.Dir(r.ws.raceLog()))
	policy.OwnEnviron = true
	res, err := r.exec("race run", gotest.Command{
		Args:        []string{race, "-test.v=test2json", "-test.count=1", "-test.timeout=" + testTimeout.String()},
		JSONPackage: r.spec.Package(),
		Dir:         r.ws.work(),
		// The race detector writes its reports to files of its own
		// (log_path), where output the learner's code prints can neither
		// push them out of the kept output nor imitate them; it reads
		// GORACE from /proc/self/environ, the one file of /proc the
		// sandbox lets it read (gotest's tojson.go says why the binary runs
		// without test2json around it). The sandbox hides the rest of /proc
		// and /sys, where the runtime reads a cgroup's CPU quota:
		// GOMAXPROCS is what it would have found.
		Env: append(append(r.ws.tmpEnv(), contract.RaceEnv(r.ws.raceLog()),
			"GOMAXPROCS="+strconv.Itoa(speedup.UsableCores()), contract.ReportEnv+"="+report), suiteEnv...),
		Timeout:     r.opts.Timeout,
		OutputLimit: suiteOutputLimit,
		MemoryLimit: r.opts.MemoryLimit,
		Sandbox:     policy,
	}, report, r.ws.raceLog()+".*")
	if err != nil {
		return check.TestRun{}, err
	}
	r.note(res.Notes...)
	if res.Dropped > 0 {
		r.note(fmt.Sprintf("the tests printed %s of output, more than the grader keeps: it kept the first and last %s (--verbose shows them)",
			Size(res.Dropped+int64(len(res.Stdout)+len(res.Stderr))), Size(suiteOutputLimit/2)))
	}
	log := readReport(report)
	raceLog := r.ws.readRaceLogs()
	res.OutOfMemory = res.OutOfMemory || r.raceRefusedMemory(res, log, raceLog)
	if len(log.Problems) > 0 && !res.TimedOut && !res.OutOfMemory {
		r.note("the test run's report to the grader was unreadable, so it counts as not finished: " + strings.Join(log.Problems[:min(len(log.Problems), 3)], "; "))
	}
	return check.TestRun{
		Report:      log,
		RaceLog:     r.paths.Rewrite(raceLog),
		Run:         testjson.Parse(strings.NewReader(r.paths.Rewrite(string(res.Stdout)))),
		Stderr:      r.paths.Rewrite(string(res.Stderr)),
		Required:    r.ws.requiredRun,
		ExitCode:    res.ExitCode,
		TimedOut:    res.TimedOut,
		Timeout:     r.opts.Timeout.String(),
		OutOfMemory: res.OutOfMemory,
		MemoryLimit: fmt.Sprintf("%d MiB", r.opts.MemoryLimit>>20),
		CannotPanic: check.CannotPanic(r.sub.files),
	}, nil
}

// raceRefusedMemory reports whether the race detector stopped a run that
// did not complete because it was refused memory for its shadow (the
// sandbox's cap on data): it says so in its log file, not on stderr, and
// the run's exit status 66 alone read as a call to os.Exit.
func (r *run) raceRefusedMemory(res *gotest.Result, log contract.Log, raceLog string) bool {
	return r.opts.MemoryLimit > 0 && res.ExitCode != 0 && !log.Complete && gotest.RefusedMemory([]byte(raceLog))
}

// suiteEnv is added to the race run's environment: a seam for tests.
var suiteEnv []string

// sandbox is the policy of a run of the given programs: it reads and
// executes them and the system's libraries, and writes only in the
// workspace's work and temporary folders and in the files and folders of
// writable (a report file, a log folder). What this machine's sandbox
// lacks is noted once in the report.
func (r *run) sandbox(programs []string, writable ...string) *sandbox.Policy {
	return r.noteSandbox(&sandbox.Policy{ReadExec: append(sandbox.SystemPaths(), programs...),
		ReadWrite: append([]string{r.ws.work(), r.ws.tmp()}, writable...), MaxData: dataLimit(r.opts.MemoryLimit)})
}

// dataLimit is the cap on a test binary's data (sandbox.Policy.MaxData)
// for a run whose resident memory is watched against memoryLimit: a
// backstop the kernel enforces, loose enough for the race detector,
// whose shadow memory counts there and not as resident (the model
// answers' race runs: 431-468 MiB of data for 41-138 MiB resident).
func dataLimit(memoryLimit int64) int64 {
	if memoryLimit <= 0 {
		return 0
	}
	return 4 * memoryLimit
}

// suiteOutputLimit caps what is kept of the race run's output (per
// stream); race reports are long, so it is more than other phases keep.
const suiteOutputLimit = 8 << 20

// Size is n bytes in a unit a person reads at a glance: "64 MiB",
// "900 KiB", "12 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// Target is how a result names the folder dir graded in the checkout at
// root (Result.Target): relative to root when it is inside it.
func Target(root, dir string) string { return displayPath(root, dir) }

func displayPath(root, dir string) string {
	if rel, err := filepath.Rel(root, dir); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return dir
}
