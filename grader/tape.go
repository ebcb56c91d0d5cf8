package grader

import (
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
// read. Recorded once from a live grade, it is replayed through the same
// checks, diagnoses and speed judge without building or running anything,
// so the verdicts of every scenario are tested in milliseconds and the
// timing-based ones on fixed samples.
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
	// Steps holds the steps in the order the grader asked for them;
	// concurrent steps (the builds) are told apart by name.
	Steps []tapeStep `json:"steps"`

	replay bool
	mu     sync.Mutex
	used   map[int]bool
	// leftOut are the workspace paths of the files the replayed steps'
	// TooLarge named.
	leftOut map[string]bool
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

// loadTape reads a recorded tape for replay.
func loadTape(path string) (*tape, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t := &tape{replay: true, used: map[int]bool{}}
	if err := json.Unmarshal(data, t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// save writes a recorded tape.
func (t *tape) save(path string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	data, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// exec runs one step of a grade: for real (recording it when t is a
// recorder), or from the tape. files are the workspace files (or glob
// patterns) the step produces that the grader reads afterwards.
func (t *tape) exec(r *run, name string, c gotest.Command, files ...string) (*gotest.Result, error) {
	if t == nil {
		return gotest.Run(r.ctx, c)
	}
	if t.replay {
		return t.play(r, name, files)
	}
	res, err := gotest.Run(r.ctx, c)
	if err != nil {
		return res, err
	}
	t.record(r, name, res, files)
	return res, nil
}

func (t *tape) record(r *run, name string, res *gotest.Result, files []string) {
	norm := strings.NewReplacer(r.ws.dir, tapeWork, r.opts.Root, tapeRoot)
	step := tapeStep{
		Name: name, Stdout: norm.Replace(capStream(res.Stdout)), Stderr: norm.Replace(capStream(res.Stderr)),
		ExitCode: res.ExitCode, TimedOut: res.TimedOut, OutOfMemory: res.OutOfMemory,
		PeakMemory: res.PeakMemory, Dropped: res.Dropped + int64(max(0, len(res.Stdout)-tapeStreamLimit)+max(0, len(res.Stderr)-tapeStreamLimit)),
	}
	var paths []string
	for _, pattern := range files {
		matches, _ := filepath.Glob(pattern)
		paths = append(paths, matches...)
	}
	for _, f := range paths {
		data, err := os.ReadFile(f)
		switch {
		case err != nil:
		case !utf8.Valid(data):
			if len(data) > tapeBinaryLimit {
				step.TooLarge = append(step.TooLarge, norm.Replace(f))
				break
			}
			if step.Binary == nil {
				step.Binary = map[string][]byte{}
			}
			step.Binary[norm.Replace(f)] = data
		default:
			if step.Files == nil {
				step.Files = map[string]string{}
			}
			step.Files[norm.Replace(f)] = norm.Replace(string(data))
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Steps = append(t.Steps, step)
}

// play returns the first unused recorded step of that name and lays its
// files back into the workspace.
func (t *tape) play(r *run, name string, files []string) (*gotest.Result, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, s := range t.Steps {
		if s.Name != name || t.used[i] {
			continue
		}
		t.used[i] = true
		denorm := strings.NewReplacer(tapeWork, r.ws.dir, tapeRoot, r.opts.Root)
		current := reportsByKind(files)
		lay := func(f string, data []byte) error {
			p := denorm.Replace(f)
			if now, ok := current[reportKind(p)]; ok {
				p = now // the report file this run named, whatever its number then
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				return err
			}
			return os.WriteFile(p, data, 0o600)
		}
		for f, content := range s.Files {
			if err := lay(f, []byte(denorm.Replace(content))); err != nil {
				return nil, err
			}
		}
		for f, data := range s.Binary {
			if err := lay(f, data); err != nil {
				return nil, err
			}
		}
		for _, f := range s.TooLarge {
			if t.leftOut == nil {
				t.leftOut = map[string]bool{}
			}
			t.leftOut[denorm.Replace(f)] = true
		}
		return &gotest.Result{
			Stdout: []byte(denorm.Replace(s.Stdout)), Stderr: []byte(denorm.Replace(s.Stderr)),
			ExitCode: s.ExitCode, TimedOut: s.TimedOut, OutOfMemory: s.OutOfMemory,
			PeakMemory: s.PeakMemory, Dropped: s.Dropped,
		}, nil
	}
	return nil, fmt.Errorf("the tape has no step %q left (recorded: %s): the grader changed, record again with -update", name, strings.Join(t.names(), ", "))
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

// tooLarge reports whether path is a file the replayed tape left out for
// its size: the grade that recorded it had the file.
func (t *tape) tooLarge(path string) bool {
	if t == nil || !t.replay {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.leftOut[path]
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
