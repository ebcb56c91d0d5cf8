package grader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"parlab/grader/gotest"
)

// A tape is what a grade observed of the processes it ran: each step's
// result and the files the step left in the workspace for the grader to
// read. Recorded once from a live grade (a recorder is the grade's
// runner), it is replayed (a player is the grade's runner) through the
// same checks, diagnoses and speed judge without building or running
// anything, so the verdicts of every scenario are tested in milliseconds
// and the timing-based ones on fixed samples.
//
// Paths that differ from machine to machine (the workspace, the checkout)
// are stored as placeholders. On disk a tape is text, one record a line
// (tapeformat.go), with its binary files (the traced call) beside it.
type tape struct {
	// Fingerprint hashes the sources the recorded processes were built
	// from besides the grader's judging code (the submission, the hidden
	// suite and every parlab package its test binary links): a tape whose
	// fingerprint differs from the tree's is stale and must be recorded
	// again.
	Fingerprint string
	// Cores is the worker count the faster check used when recording.
	Cores int
	// Steps holds the steps; steps of one name are in the order the
	// grader asked for them, and are told apart from other steps by name
	// alone (the builds and the race run overlap).
	Steps []tapeStep
}

// tapeStep is one process the grader ran.
type tapeStep struct {
	Name        string
	Stdout      string
	Stderr      string
	ExitCode    int
	TimedOut    bool
	OutOfMemory bool
	PeakMemory  int64
	Dropped     int64
	Files       map[string]string
	// Binary holds the files that are not text (a trace), by the same
	// normalised paths.
	Binary map[string][]byte
	// TooLarge names the files left out for their size (over
	// tapeBinaryLimit), so that a replay tells a trace the tape did not
	// keep from one the grade never had.
	TooLarge []string
}

// Placeholders for the paths of the machine that recorded a tape.
const (
	tapeWork = "${WORK}"
	tapeRoot = "${ROOT}"
)

// tapeStreamLimit caps what a tape keeps of each stream: the first and last
// halves, like the grader's own cap. Enough for every message and marker;
// a flood's middle is not worth storing.
const tapeStreamLimit = 256 << 10

// tapeBinaryLimit caps a binary file a tape keeps (a trace is 5-40 KB; a
// goroutine per element makes megabytes): a larger one is left out, and
// its replay has no diagnosis, as a live grade whose trace went missing.
const tapeBinaryLimit = 256 << 10

// recorder is the runner of a live grade that records its tape: it runs
// each step as a child process and keeps what the step did and left.
type recorder struct {
	tape *tape
	// root is the checkout the grade builds from.
	root string
	mu   sync.Mutex
}

func (rec *recorder) run(ctx context.Context, s step) (*gotest.Result, error) {
	res, err := gotest.Run(ctx, s.cmd)
	if err != nil {
		return res, err
	}
	rec.keep(s, res)
	return res, nil
}

func (*recorder) live() bool { return true }

func (*recorder) leftOut(string) bool { return false }

// keep puts a step that ran, and the files it left, on the tape.
func (rec *recorder) keep(s step, res *gotest.Result) {
	norm := strings.NewReplacer(s.work, tapeWork, rec.root, tapeRoot)
	ts := tapeStep{
		Name: s.name, Stdout: norm.Replace(capStream(res.Stdout)), Stderr: norm.Replace(capStream(res.Stderr)),
		ExitCode: res.ExitCode, TimedOut: res.TimedOut, OutOfMemory: res.OutOfMemory,
		PeakMemory: res.PeakMemory, Dropped: res.Dropped + int64(max(0, len(res.Stdout)-tapeStreamLimit)+max(0, len(res.Stderr)-tapeStreamLimit)),
	}
	var paths []string
	for _, pattern := range s.files {
		matches, _ := filepath.Glob(pattern)
		paths = append(paths, matches...)
	}
	for _, f := range paths {
		data, err := os.ReadFile(f)
		switch {
		case err != nil:
		case !utf8.Valid(data):
			if len(data) > tapeBinaryLimit {
				ts.TooLarge = append(ts.TooLarge, norm.Replace(f))
				break
			}
			if ts.Binary == nil {
				ts.Binary = map[string][]byte{}
			}
			ts.Binary[norm.Replace(f)] = data
		default:
			if ts.Files == nil {
				ts.Files = map[string]string{}
			}
			ts.Files[norm.Replace(f)] = norm.Replace(string(data))
		}
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.tape.Steps = append(rec.tape.Steps, ts)
}

// player is the runner of a replayed grade: it runs nothing, and answers
// each step with the first unused recorded step of that name, laying the
// files that step left back into the workspace.
type player struct {
	tape *tape
	// root is the checkout the replayed grade is told it builds from.
	root string
	mu   sync.Mutex
	used map[int]bool
	// left are the workspace paths of the files the replayed steps'
	// TooLarge named.
	left map[string]bool
}

// newPlayer is a player of t for a grade of the checkout root.
func newPlayer(t *tape, root string) *player {
	return &player{tape: t, root: root, used: map[int]bool{}, left: map[string]bool{}}
}

func (*player) live() bool { return false }

// leftOut reports whether path is a file the tape left out for its size:
// the grade that recorded it had the file.
func (p *player) leftOut(path string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.left[path]
}

func (p *player) run(_ context.Context, s step) (*gotest.Result, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, ts := range p.tape.Steps {
		if ts.Name != s.name || p.used[i] {
			continue
		}
		p.used[i] = true
		denorm := strings.NewReplacer(tapeWork, s.work, tapeRoot, p.root)
		current := reportsByKind(s.files)
		lay := func(f string, data []byte) error {
			path := denorm.Replace(f)
			if now, ok := current[reportKind(path)]; ok {
				path = now // the report file this run named, whatever its number then
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return err
			}
			return os.WriteFile(path, data, 0o600)
		}
		for f, content := range ts.Files {
			if err := lay(f, []byte(denorm.Replace(content))); err != nil {
				return nil, err
			}
		}
		for f, data := range ts.Binary {
			if err := lay(f, data); err != nil {
				return nil, err
			}
		}
		for _, f := range ts.TooLarge {
			p.left[denorm.Replace(f)] = true
		}
		return &gotest.Result{
			Stdout: []byte(denorm.Replace(ts.Stdout)), Stderr: []byte(denorm.Replace(ts.Stderr)),
			ExitCode: ts.ExitCode, TimedOut: ts.TimedOut, OutOfMemory: ts.OutOfMemory,
			PeakMemory: ts.PeakMemory, Dropped: ts.Dropped,
		}, nil
	}
	return nil, fmt.Errorf("the tape has no step %q left (recorded: %s): the grader changed, record again with -update", s.name, strings.Join(p.tape.names(), ", "))
}

// reportKind is a report file's name without the number the workspace
// gave it (report-4-speedup.jsonl: speedup.jsonl), or "" for other files:
// the numbers count the test runs of a grade, so a grade that runs one
// more or one fewer (a study run, say) numbers the rest differently.
func reportKind(path string) string {
	base := filepath.Base(path)
	rest, ok := strings.CutPrefix(base, "report-")
	if !ok {
		return ""
	}
	n, kind, ok := strings.Cut(rest, "-")
	if _, err := strconv.Atoi(n); !ok || err != nil {
		return ""
	}
	return kind
}

// reportsByKind maps the report files a step names by their kind.
func reportsByKind(files []string) map[string]string {
	m := map[string]string{}
	for _, f := range files {
		if k := reportKind(f); k != "" && !strings.ContainsAny(f, "*?[") {
			m[k] = f
		}
	}
	return m
}

func (t *tape) names() []string {
	var out []string
	for _, s := range t.Steps {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}

// ordered is the tape's steps in the order a recording keeps them: the
// builds first, by name, then the other steps as they were recorded.
// The builds (and the race run beside them) finish in an order the
// machine decides; a player tells steps apart by name and takes those of
// one name in order, so this order replays the same and re-records to
// the same lines.
func (t *tape) ordered() []tapeStep {
	out := slices.Clone(t.Steps)
	rank := func(s tapeStep) string {
		if strings.HasPrefix(s.Name, "build ") {
			return "0 " + s.Name
		}
		return "1"
	}
	slices.SortStableFunc(out, func(a, b tapeStep) int { return strings.Compare(rank(a), rank(b)) })
	return out
}

// capStream keeps the first and last halves of a long stream, marking the
// cut the way the grader's own cap does.
func capStream(b []byte) string {
	if len(b) <= tapeStreamLimit {
		return string(b)
	}
	half := tapeStreamLimit / 2
	return string(b[:half]) + fmt.Sprintf("\n[parlab: %d bytes of output dropped here]\n", len(b)-tapeStreamLimit) + string(b[len(b)-half:])
}
