package grader

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"parlab/grader/contract/speedup"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/golden"
)

var stampTapes = flag.Bool("stamp-tapes", false, "give recorded tapes that have none the tree's fingerprint (only right when nothing changed since they were recorded)")

var repeat = flag.Int("repeat", 1, "grade each live scenario this many times and require the same score every time (issue 16's determinism check)")

var liveAll = flag.Bool("live-all", false, "grade every testdata scenario live in TestScenarios, not only the core set (-update and -scenario do too)")

// coreScenarios are graded live in every full run of the suite: one
// scenario of each kind of verdict (a model answer's pass, a speed fail, a
// race, a deadlock, the memory limit, a forged stream, an escaped process,
// a lock-order deadlock). grader/class/course grades every model answer and
// every stub live as well. Every scenario is replayed from its
// tape in every run (TestReplayScenarios), and a tape is stale as soon as
// what it was built from changes; -live-all grades them all live.
var coreScenarios = map[string]bool{
	"histogram/good": true, "histogram/serial": true, "histogram/racy": true, "histogram/deadlock": true,
	"histogram/alloc-bomb": true, "histogram/forged-stream": true, "histogram/escaped-child": true,
	"racefix/total-reverse-order": true,
}

var scenarioFilter = flag.String("scenario", "", "grade only the testdata scenarios whose name matches this regexp")

// expectation is a scenario's expected.json: the status of each named
// check ("fail|skip" allows either) and a substring its message must hold.
type expectation struct {
	// Source, when set, grades that folder of the project (relative to its
	// root) instead of the scenario's own files: the model answer is graded
	// where it lives, so it cannot drift from a copy. "pristine" grades the
	// stub as shipped (built into the grader), which a learner's edits to
	// exercises/NAME do not change.
	Source   string                           `json:"source"`
	Checks   map[verdict.CheckName]string     `json:"checks"`
	Messages map[verdict.CheckName]substrings `json:"messages"`
	// Notes is a substring one of the result's notes must hold.
	Notes string `json:"notes"`
	// FirstFailure is a substring the message of the first failing check
	// must hold, whichever check that is: where the machine's speed
	// decides which check catches the code (a goroutine per pixel is a
	// hang on a slow machine and a speed fail on a quick one), the cause
	// must be named either way.
	FirstFailure string `json:"first_failure"`
	// NoProcess is a command line (its arguments) that no process may
	// have after grading: what the submission started must be gone.
	NoProcess []string `json:"no_process"`
	// Replay pins the exact status a replayed tape must give, where
	// Checks allows several live (the faster check on a busy machine).
	Replay map[verdict.CheckName]string `json:"replay"`
	// MemoryMiB is the memory limit of the grade, when the scenario needs
	// one that makes its outcome certain (an allocation bomb must reach it
	// long before any time limit).
	MemoryMiB int `json:"memory_mib"`
	// Cores, when set, is the grade's --cores: 1 makes the faster check
	// unjudged on any machine (what a headline says of a check the
	// machine could not judge).
	Cores int `json:"cores"`
	// TextClean requires the human report (verbose, no colour) to hold no
	// control character but newlines and tabs: learner text is quoted.
	TextClean bool `json:"text_clean"`
	// Diagnosis is the cause ("a|b" allows either) the faster check's
	// diagnosis must name when the check fails (diagnosis_test.go).
	Diagnosis string `json:"diagnosis"`
}

// substrings is one substring or a list of them, all of which a message
// must hold.
type substrings []string

func (s *substrings) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*s = substrings{one}
		return nil
	}
	return json.Unmarshal(data, (*[]string)(s))
}

// scenario is one folder under testdata/EXERCISE/.
type scenario struct {
	name string // EXERCISE/NAME
	dir  string
	spec exercise.Spec
	want expectation
}

// scenarios lists the testdata scenarios that match -scenario.
func scenarios(t *testing.T) []scenario {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "expected.json"))
	if len(paths) == 0 {
		t.Fatal("no scenarios found under testdata")
	}
	var out []scenario
	for _, expPath := range paths {
		dir := filepath.Dir(expPath)
		exName := filepath.Base(filepath.Dir(dir))
		sc := scenario{name: exName + "/" + filepath.Base(dir), dir: dir}
		if ok, _ := regexp.MatchString(*scenarioFilter, sc.name); !ok {
			continue
		}
		data, err := os.ReadFile(expPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &sc.want); err != nil {
			t.Fatalf("%s: %v", expPath, err)
		}
		if sc.spec, err = exercise.Lookup(exName); err != nil {
			t.Fatal(err)
		}
		out = append(out, sc)
	}
	return out
}

// folder is the folder the scenario grades.
func (sc scenario) folder(t *testing.T, root string) string {
	t.Helper()
	switch sc.want.Source {
	case "":
		abs, _ := filepath.Abs(sc.dir)
		if kept, _ := filepath.Glob(filepath.Join(abs, "*"+keptAsText)); len(kept) > 0 {
			return withGoNames(t, abs)
		}
		return abs
	case "pristine":
		dir := t.TempDir()
		if err := sc.spec.WritePristine(dir); err != nil {
			t.Fatal(err)
		}
		return dir
	default:
		return filepath.Join(root, sc.want.Source)
	}
}

// keptAsText ends the name of a scenario's Go file that gofmt would
// rewrite into something else than the attack it is (a build constraint
// hidden behind a block comment, say): it is graded as NAME.go.
const keptAsText = ".go.txt"

// withGoNames copies a scenario's folder to a temporary one, its
// NAME.go.txt files as NAME.go.
func withGoNames(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, strings.TrimSuffix(e.Name(), ".txt")), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// options are the grading options a scenario asks for, live and replayed
// alike. A timing the machine could not judge is measured again; if it
// still cannot, a scenario pinned to a faster verdict is not checked this
// time (the machine, not the grader, failed).
func (sc scenario) options(root, dir string) Options {
	return Options{Root: root, Dir: dir, MemoryLimit: int64(sc.want.MemoryMiB) << 20, Cores: sc.want.Cores,
		SkipPolicy: verdict.SkipPolicy{Mode: verdict.SkipExclude, Retries: 2}}
}

// TestScenarios grades the core scenarios (every scenario with -live-all,
// -scenario or -update) under testdata/EXERCISE/ for real and compares
// the verdicts with the expected.json beside it. It also
// proves that the learner's folder is never written to and that what the
// submission started is gone. With -update it records each grade's tape
// (see TestReplayScenarios) and checks at once that the tape replays to
// the same verdicts.
//
// The faster check is timing-based: live, a good solution may "skip" when
// the machine is busy, and a bad one may too, but a good one never fails
// and a bad one never passes; the expected files say exactly that. The
// replayed tapes pin the exact verdict.
func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs real submissions (TestReplayScenarios replays them)")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	all := *liveAll || *golden.Update || *scenarioFilter != ""
	for _, sc := range scenarios(t) {
		if !all && !coreScenarios[sc.name] {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			abs := sc.folder(t, root)
			before := hashTree(t, abs)
			opts := sc.options(root, abs)
			var rec *recorder
			if *golden.Update {
				if opts.Cores <= 0 {
					opts.Cores = speedup.UsableCores()
				}
				rec = &recorder{tape: &tape{Cores: opts.Cores}, root: root}
				opts.runner = rec
			}
			res, err := Grade(context.Background(), sc.spec, opts)
			if err != nil {
				t.Fatalf("Grade: %v", err)
			}
			if after := hashTree(t, abs); after != before {
				t.Errorf("grading changed the learner's folder %s", sc.dir)
			}
			busy := sc.busy(res)
			sc.check(t, res, false, busy)
			if len(sc.want.NoProcess) > 0 {
				if pids := gotest.FindProcesses(sc.want.NoProcess...); len(pids) > 0 {
					for _, pid := range pids {
						if p, err := os.FindProcess(pid); err == nil {
							p.Kill()
						}
					}
					t.Errorf("processes %v (%q) outlived the grading", pids, sc.want.NoProcess)
				}
			}
			// Every phase has its timeout; a grade that takes longer than
			// all of them together plus the builds has hung somewhere.
			if limit := 5*DefaultTimeout + time.Minute; res.Duration > limit {
				t.Errorf("grading took %v, more than every phase's limit together (%v)", res.Duration, limit)
			}
			for range *repeat - 1 {
				again, err := Grade(context.Background(), sc.spec, opts)
				if err != nil {
					t.Fatalf("Grade: %v", err)
				}
				sameScore(t, res, again)
			}
			if busy {
				t.Skipf("faster not judged, the machine is too busy: %s", res.Check(verdict.Faster).Message)
			}
			if *golden.Update && !t.Failed() {
				sc.saveTape(t, root, rec.tape, res)
			}
		})
	}
}

// sameScore requires a grade of the same submission to give the same
// statuses and score, except where the machine left the faster check
// unjudged (its points then leave the maximum: they neither cost nor
// give).
func sameScore(t *testing.T, first, again *verdict.Result) {
	t.Helper()
	for _, c := range first.Checks {
		a := again.Check(c.Name)
		if c.Name == verdict.Faster && (c.Unjudged || a.Unjudged) {
			continue
		}
		if a.Status != c.Status || a.Score != c.Score {
			t.Errorf("graded again, %s is %s %d/%d (%s); first %s %d/%d (%s)", c.Name, a.Status, a.Score, a.MaxScore, a.Message, c.Status, c.Score, c.MaxScore, c.Message)
		}
	}
}

// busy reports whether the machine left the faster check unjudged where
// the scenario pins a verdict: the live grade then says nothing about the
// speed judge (the tapes do).
func (sc scenario) busy(res *verdict.Result) bool {
	fc := res.Check(verdict.Faster)
	want := sc.want.Checks[verdict.Faster]
	return fc != nil && fc.Unjudged && want != "" && !strings.Contains(want, "skip")
}

// saveTape writes a freshly recorded tape, after checking that it replays
// to the live grade's verdicts and to the exact verdicts the scenario pins.
func (sc scenario) saveTape(t *testing.T, root string, tp *tape, live *verdict.Result) {
	t.Helper()
	tp.Fingerprint = sc.fingerprint(t, root)
	if err := tp.save(sc.dir); err != nil {
		t.Fatal(err)
	}
	replayed := sc.replay(t, root)
	sc.check(t, replayed, true, false)
	checkPinned(t, sc, replayed)
	for _, c := range live.Checks {
		if r := replayed.Check(c.Name); r == nil || r.Status != c.Status {
			t.Errorf("%s: live %s, replayed %s: the tape does not replay faithfully", c.Name, c.Status, msg(r))
		}
	}
	if t.Failed() {
		// No tape rather than an untrue one: the replay then fails and
		// says to record it.
		sidecars, _ := filepath.Glob(filepath.Join(sc.dir, tapeSidecar))
		for _, f := range append(sidecars, filepath.Join(sc.dir, tapeFile)) {
			os.Remove(f)
		}
	}
}

// replay grades the scenario from its tape.
func (sc scenario) replay(t *testing.T, root string) *verdict.Result {
	t.Helper()
	tp, err := loadTape(sc.dir)
	if err != nil {
		t.Fatalf("%v: record it with `go test ./grader -run 'TestScenarios/%s$' -update`", err, sc.name)
	}
	switch now := sc.fingerprint(t, root); {
	case *stampTapes && tp.Fingerprint == "":
		tp.Fingerprint = now
		if err := tp.save(sc.dir); err != nil {
			t.Fatal(err)
		}
	case tp.Fingerprint != now:
		t.Errorf("the tape is stale: the submission, the hidden suite or a package its test binary links changed since it was recorded; record it again with `go test ./grader -run 'TestScenarios/%s$' -update` (on a quiet machine)", sc.name)
	}
	opts := replaying(sc.options(root, sc.folder(t, root)), tp, root)
	var heard []verdict.Check
	opts.Decided = func(c verdict.Check) { heard = append(heard, c) }
	res, err := Grade(context.Background(), sc.spec, opts)
	if err != nil {
		t.Fatalf("replaying %s: %v", sc.name, err)
	}
	checkHeard(t, heard, res)
	return res
}

// replaying is opts for a grade that replays tp (recorded from a grade
// of the checkout root) instead of running anything.
func replaying(opts Options, tp *tape, root string) Options {
	opts.Cores = tp.Cores // the worker count of the recorded timings
	opts.runner = newPlayer(tp, root)
	return opts
}

// checkHeard: Options.Decided heard every check of the result once, as
// the result holds it, so a streamed report says what the whole one says.
func checkHeard(t *testing.T, heard []verdict.Check, res *verdict.Result) {
	t.Helper()
	if len(heard) != len(res.Checks) {
		t.Errorf("Decided heard %d checks, the result holds %d", len(heard), len(res.Checks))
	}
	for _, h := range heard {
		c := res.Check(h.Name)
		if c == nil || !reflect.DeepEqual(*c, h) {
			t.Errorf("Decided heard %s as %s %d/%d (%s), the result holds %+v", h.Name, h.Status, h.Score, h.MaxScore, h.Message, c)
		}
	}
}

// TestReplayScenarios replays every scenario's recorded tape through the
// grader's checks, diagnoses and speed judge, building and running
// nothing, and compares with expected.json, where the `replay` statuses
// pin what the recorded timings must give (so a speed judge that always
// skipped would fail here). It runs in -short; TestScenarios proves the
// tapes are still true.
func TestReplayScenarios(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			res := sc.replay(t, root)
			sc.check(t, res, true, false)
			checkPinned(t, sc, res)
		})
	}
}

// check compares a result with the scenario's expectations; replayed
// results must also match the exact statuses the scenario pins. A busy
// live grade is not held to the faster check's expectations.
func (sc scenario) check(t *testing.T, res *verdict.Result, replayed, busy bool) {
	t.Helper()
	want := sc.want
	for name, allowed := range want.Checks {
		if busy && name == verdict.Faster {
			continue
		}
		if exact, ok := want.Replay[name]; ok && replayed {
			allowed = exact
		}
		c := res.Check(name)
		if c == nil {
			t.Errorf("%s: no such check in the result", name)
			continue
		}
		if !slices.Contains(strings.Split(allowed, "|"), string(c.Status)) {
			t.Errorf("%s: status %s, want %s; message: %s", name, c.Status, allowed, c.Message)
		}
	}
	for name, subs := range want.Messages {
		if busy && name == verdict.Faster {
			continue
		}
		for _, sub := range subs {
			if c := res.Check(name); c == nil || !strings.Contains(c.Message, sub) {
				t.Errorf("%s: message %q does not contain %q", name, msg(c), sub)
			}
		}
	}
	if !busy && !replayed {
		checkDiagnosis(t, want.Diagnosis, res)
	}
	if f := res.FirstFailure(); want.FirstFailure != "" && (f == nil || !strings.Contains(f.Message, want.FirstFailure)) {
		t.Errorf("the first failing check (%s) does not say %q", msg(f), want.FirstFailure)
	}
	if want.Notes != "" && !strings.Contains(strings.Join(res.Notes, "\n"), want.Notes) {
		t.Errorf("no note contains %q: %q", want.Notes, res.Notes)
	}
	if want.TextClean {
		var b strings.Builder
		if err := report.Text(&b, res, report.TextOptions{Verbose: true}); err != nil {
			t.Fatal(err)
		}
		if i := strings.IndexFunc(b.String(), func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }); i >= 0 {
			t.Errorf("the human report holds a control character: %q", b.String()[max(0, i-40):min(len(b.String()), i+40)])
		}
	}
	if t.Failed() || testing.Verbose() {
		for _, c := range res.Checks {
			t.Logf("%-10s %-4s %s", c.Name, c.Status, c.Message)
		}
		if sp := res.Speedup; sp != nil {
			t.Logf("speedup: S %.2f (%.2f-%.2f), self %.2f (%.2f-%.2f), S_cal %.2f, %d reps, rows %+v, warnings %q",
				sp.Speedup, sp.SpeedupLow, sp.SpeedupHigh, sp.SelfSpeedup, sp.SelfSpeedupLow, sp.SelfSpeedupHigh,
				sp.Calibration, sp.Reps, sp.Rows, sp.Warnings)
		}
	}
}

func msg(c *verdict.Check) string {
	if c == nil {
		return ""
	}
	return c.Message
}

// hashTree hashes every file's name, mode and content under dir.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %v %d\n", p, info.Mode(), info.Size())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
