// Package doctor checks whether this machine can grade parlab's exercises,
// and says for each thing it looks at what is fine and what to do about
// what is not: the Go toolchain, a race-enabled build that reports a
// planted data race, the C compiler the race detector needs, the usable
// cores, how quiet the machine is now (and so which speedup each exercise
// would need), writable cache folders, and the sandbox's features.
//
// Everything it looks at goes through Probes, so tests inject the
// machine; DefaultProbes looks at the real one. Run decides, Text and JSON
// render: `grade doctor` only routes.
package doctor

import (
	"context"
	"fmt"
	"go/version"
	"strings"

	"parlab/grader/exercise"
	"parlab/internal/checkout"
	"parlab/internal/textcut"
)

// Status is a line's outcome, serialised verbatim.
type Status string

// The statuses of a line.
const (
	// OK: nothing to do.
	OK Status = "ok"
	// Warn: grading works, but a check will be skipped or less reliable.
	Warn Status = "warn"
	// Fail: grading cannot work until this is fixed.
	Fail Status = "fail"
)

// Line is one finding.
type Line struct {
	// Name is what was looked at, e.g. "race detector".
	Name   string `json:"name"`
	Status Status `json:"status"`
	// Detail is what was found.
	Detail string `json:"detail"`
	// Fix says what to do; empty on OK.
	Fix string `json:"fix,omitempty"`
}

// Report is every line, in the order they are shown.
type Report struct {
	Lines []Line `json:"lines"`
}

// OK reports whether grading can work: no line failed (warnings allowed).
func (r Report) OK() bool {
	for _, l := range r.Lines {
		if l.Status == Fail {
			return false
		}
	}
	return true
}

// Config says what to check against.
type Config struct {
	// Root is the parlab checkout; its go.mod gives the oldest usable Go.
	Root string
	// Exercises are those whose speedup bar the quiet line reports.
	Exercises []exercise.Spec
	// Measure runs the calibration (about a second); false leaves the
	// quiet line out of the judgement.
	Measure bool
	// Probes look at the machine.
	Probes Probes
}

// Run looks at the machine through cfg.Probes and reports.
func Run(ctx context.Context, cfg Config) Report {
	p := cfg.Probes
	var r Report
	env, goLine := checkGo(ctx, p, cfg.Root)
	r.Lines = append(r.Lines, goLine)
	var race RaceRun
	if goLine.Status != Fail {
		race = p.Race(ctx)
	} else {
		race = RaceRun{NotRun: "not checked: no usable go command"}
	}
	r.Lines = append(r.Lines, checkRace(race, env), checkCompiler(race, env, p.LookPath))
	cores := p.Cores()
	r.Lines = append(r.Lines, checkCPU(cores), checkCores(cores))
	r.Lines = append(r.Lines, checkQuiet(cores.Usable, cfg, p.Calibrate))
	r.Lines = append(r.Lines, checkCaches(env, p))
	r.Lines = append(r.Lines, SandboxLine(p.Sandbox()))
	return r
}

// goVars are the `go env` variables the lines need.
var goVars = []string{"GOVERSION", "GOOS", "GOARCH", "CC", "CGO_ENABLED", "GOCACHE", "GOMODCACHE"}

func checkGo(ctx context.Context, p Probes, root string) (map[string]string, Line) {
	l := Line{Name: "Go"}
	need, _ := checkout.GoVersion(root)
	env, err := p.GoEnv(ctx, goVars...)
	if err != nil {
		l.Status, l.Detail = Fail, "no go command runs: "+textcut.FirstLine(strings.TrimSpace(err.Error()))
		l.Fix = fmt.Sprintf("install Go %s or newer from https://go.dev/dl and put its bin folder on PATH", orAny(need))
		return map[string]string{}, l
	}
	have := env["GOVERSION"]
	l.Detail = fmt.Sprintf("%s %s/%s", have, env["GOOS"], env["GOARCH"])
	if need != "" {
		l.Detail += fmt.Sprintf(" (go.mod asks for go%s or newer)", need)
		if version.IsValid(have) && version.Compare(have, "go"+need) < 0 {
			l.Status = Fail
			l.Fix = fmt.Sprintf("install Go %s or newer from https://go.dev/dl (the go on PATH is %s)", need, have)
			return env, l
		}
	}
	l.Status = OK
	return env, l
}

func orAny(v string) string {
	if v == "" {
		return "1.25"
	}
	return v
}

// RaceRun is what building and running the planted data race did.
type RaceRun struct {
	// NotRun, when set, says why nothing was tried.
	NotRun string
	// Built is whether `go build -race` succeeded; BuildOutput is what it
	// printed.
	Built       bool
	BuildOutput string
	// Reported is whether the run printed the race detector's warning;
	// RunOutput is what it printed.
	Reported  bool
	RunOutput string
}

func checkRace(run RaceRun, env map[string]string) Line {
	l := Line{Name: "race detector"}
	switch {
	case run.NotRun != "":
		l.Status, l.Detail = Fail, run.NotRun
		l.Fix = "fix the Go line first"
	case !run.Built:
		l.Status = Fail
		l.Detail = "a race-enabled binary does not build: " + firstMessage(run.BuildOutput)
		l.Fix = "the race detector needs cgo: see the C compiler line"
		if env["CGO_ENABLED"] != "0" && strings.Contains(run.BuildOutput, "not supported") {
			l.Fix = fmt.Sprintf("the race detector does not support %s/%s: grade on linux, macOS or windows on amd64 or arm64", env["GOOS"], env["GOARCH"])
		}
	case !run.Reported:
		l.Status = Fail
		l.Detail = "a race-enabled binary builds, but it did not report the data race planted in it"
		l.Fix = "reinstall Go from https://go.dev/dl: this installation's race detector does not work, so racy code would pass"
	default:
		l.Status, l.Detail = OK, "a race-enabled binary builds and reports the data race planted in it"
	}
	return l
}

func checkCompiler(run RaceRun, env map[string]string, lookPath func(string) (string, error)) Line {
	l := Line{Name: "C compiler"}
	cc := strings.Fields(env["CC"])
	var found string
	if len(cc) > 0 {
		found, _ = lookPath(cc[0])
	}
	cgo := env["CGO_ENABLED"]
	raceOK := run.NotRun == "" && run.Built
	switch {
	case found != "" && cgo != "0":
		l.Status, l.Detail = OK, fmt.Sprintf("%s (%s), cgo enabled", cc[0], found)
	case raceOK:
		l.Status, l.Detail = OK, "none in use, and none needed: race-enabled binaries build without one here"
	case found != "":
		l.Status = Fail
		l.Detail = fmt.Sprintf("%s (%s) is installed, but cgo is disabled (CGO_ENABLED=0), and the race detector needs cgo", cc[0], found)
		l.Fix = "set CGO_ENABLED=1 (in the environment, or go env -w CGO_ENABLED=1)"
	case len(cc) == 0:
		l.Status, l.Detail = Fail, "go env CC names no C compiler, and the race detector needs one"
		l.Fix = installCompiler(env["GOOS"])
	default:
		l.Status = Fail
		l.Detail = fmt.Sprintf("%s is not on PATH, and the race detector needs a C compiler", cc[0])
		l.Fix = installCompiler(env["GOOS"])
		if cgo == "0" {
			l.Fix += ", then go env -w CGO_ENABLED=1"
		}
	}
	return l
}

// installCompiler says how to install a C compiler on goos.
func installCompiler(goos string) string {
	switch goos {
	case "darwin":
		return "install Apple's command line tools: xcode-select --install"
	case "windows":
		return "install gcc from MSYS2 (https://www.msys2.org: pacman -S mingw-w64-ucrt-x86_64-gcc) and put its ucrt64\\bin folder on PATH"
	default:
		return "install gcc and the C library headers (Debian/Ubuntu: sudo apt-get install gcc libc6-dev; Fedora: sudo dnf install gcc glibc-devel)"
	}
}

// firstMessage is the first line of the go command's output that is not a
// "# package" header.
func firstMessage(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "# ") {
			return line
		}
	}
	return "(no output)"
}
