package grader

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
// are stored as placeholders.
type tape struct {
	// Fingerprint hashes the sources the recorded processes were built
	// from besides the grader's judging code (the submission, the hidden
	// suite and every parlab package its test binary links): a tape whose
	// fingerprint differs from the tree's is stale and must be recorded
	// again.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Cores is the worker count the faster check used when recording.
	Cores int `json:"cores"`
	// Steps holds the steps; steps of one name are in the order the
	// grader asked for them, and are told apart from other steps by name
	// alone (the builds and the race run overlap).
	Steps []tapeStep `json:"steps"`
}

// tapeStep is one process the grader ran.
type tapeStep struct {
	Name        string            `json:"name"`
	Stdout      string            `json:"stdout,omitempty"`
	Stderr      string            `json:"stderr,omitempty"`
	ExitCode    int               `json:"exit_code"`
	TimedOut    bool              `json:"timed_out,omitempty"`
	OutOfMemory bool              `json:"out_of_memory,omitempty"`
	PeakMemory  int64             `json:"peak_memory,omitempty"`
	Dropped     int64             `json:"dropped,omitempty"`
	Files       map[string]string `json:"files,omitempty"`
	// Binary holds the files that are not text (a trace), by the same
	// normalised paths, base64 in the JSON.
	Binary map[string][]byte `json:"binary,omitempty"`
	// TooLarge names the files left out for their size (over
	// tapeBinaryLimit), so that a replay tells a trace the tape did not
	// keep from one the grade never had.
	TooLarge []string `json:"too_large,omitempty"`
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

// tapeFile is a scenario's tape, beside its expected.json.
const tapeFile = "tape.json"

// loadTape reads the tape in the folder dir for replay.
func loadTape(dir string) (*tape, error) {
	path := filepath.Join(dir, tapeFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t := &tape{}
	if err := json.Unmarshal(data, t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// save writes the tape into the folder dir.
func (t *tape) save(dir string) error {
	data, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, tapeFile), append(data, '\n'), 0o644)
}

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

// capStream keeps the first and last halves of a long stream, marking the
// cut the way the grader's own cap does.
func capStream(b []byte) string {
	if len(b) <= tapeStreamLimit {
		return string(b)
	}
	half := tapeStreamLimit / 2
	return string(b[:half]) + fmt.Sprintf("\n[parlab: %d bytes of output dropped here]\n", len(b)-tapeStreamLimit) + string(b[len(b)-half:])
}
