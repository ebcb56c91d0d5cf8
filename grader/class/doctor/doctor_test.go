package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"parlab/internal/cpuinfo"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/internal/golden"
)

// machine is a fake machine: each field is what one probe finds.
type machine struct {
	env      map[string]string
	envErr   error
	race     RaceRun
	paths    map[string]string
	cores    Cores
	cal      float64
	readOnly map[string]bool
	sandbox  []Feature
}

// healthy is a Linux machine on which everything works.
func healthy() machine {
	return machine{
		env: map[string]string{"GOVERSION": "go1.26.8", "GOOS": "linux", "GOARCH": "amd64", "CC": "gcc", "CGO_ENABLED": "1",
			"GOCACHE": "/home/u/.cache/go-build", "GOMODCACHE": "/home/u/go/pkg/mod"},
		race:    RaceRun{Built: true, Reported: true},
		paths:   map[string]string{"gcc": "/usr/bin/gcc"},
		cores:   Cores{Affinity: 4, Usable: 4, CPU: cpuinfo.CPU{Vendor: "GenuineIntel", ModelName: "Intel(R) Xeon(R) Gold 6248", Family: "6", Model: "85", Arch: "linux/amd64", Threads: 4}},
		cal:     3.8,
		sandbox: []Feature{{Name: "landlock", OK: true, Detail: "ABI 4"}, {Name: "memory limit", OK: true}},
	}
}

func (m machine) probes() Probes {
	return Probes{
		GoEnv: func(_ context.Context, names ...string) (map[string]string, error) {
			if m.envErr != nil {
				return nil, m.envErr
			}
			return m.env, nil
		},
		Race: func(context.Context) RaceRun { return m.race },
		LookPath: func(name string) (string, error) {
			if p, ok := m.paths[name]; ok {
				return p, nil
			}
			return "", errors.New("not found")
		},
		Cores:     func() Cores { return m.cores },
		Calibrate: func(int) float64 { return m.cal },
		TempDir:   func() string { return "/tmp" },
		Writable: func(dir string) error {
			if m.readOnly[dir] {
				return os.ErrPermission
			}
			return nil
		},
		Sandbox: func() []Feature { return m.sandbox },
	}
}

func run(m machine) Report {
	return Run(context.Background(), Config{Root: "../../..", Exercises: exercise.All(), Measure: true, Probes: m.probes()})
}

func line(t *testing.T, r Report, name string) Line {
	t.Helper()
	for _, l := range r.Lines {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no %q line in %+v", name, r.Lines)
	return Line{}
}

// runCases are machines, each one change from a healthy one, and the
// lines the doctor must give for them.
var runCases = []struct {
	name   string
	change func(*machine)
	ok     bool
	// want: line name -> status and a piece of its detail or fix.
	want map[string][2]string
}{
	{"everything works", func(*machine) {}, true, map[string][2]string{
		"Go": {"ok", "go1.26.8 linux/amd64"}, "race detector": {"ok", "reports the data race"},
		"C compiler": {"ok", "/usr/bin/gcc"}, "cores": {"ok", "4 usable"}, "quiet machine": {"ok", "histogram >= "},
		"cache folders": {"ok", "GOCACHE, GOMODCACHE, temporary folder writable"}, "sandbox": {"ok", "landlock (ABI 4)"}}},
	{"no go command", func(m *machine) { m.envErr = errors.New(`exec: "go": executable file not found in $PATH`) }, false, map[string][2]string{
		"Go": {"fail", "https://go.dev/dl"}, "race detector": {"fail", "not checked"}}},
	{"Go older than go.mod", func(m *machine) { m.env["GOVERSION"] = "go1.21.4" }, false, map[string][2]string{
		"Go": {"fail", "install Go 1.26.0 or newer"}}},
	{"no C compiler on Linux", func(m *machine) {
		m.paths = nil
		m.race = RaceRun{BuildOutput: "go: -race requires cgo; enable cgo by setting CGO_ENABLED=1"}
		m.env["CGO_ENABLED"] = "0"
	}, false, map[string][2]string{
		"race detector": {"fail", "-race requires cgo"}, "C compiler": {"fail", "apt-get install gcc libc6-dev"}}},
	{"no C compiler on Windows", func(m *machine) {
		m.paths = nil
		m.env["GOOS"] = "windows"
		m.race = RaceRun{BuildOutput: "# runtime/cgo\ncgo: C compiler \"gcc\" not found: exec: \"gcc\": executable file not found in %PATH%"}
	}, false, map[string][2]string{
		"race detector": {"fail", `cgo: C compiler "gcc" not found`}, "C compiler": {"fail", "MSYS2"}}},
	{"no C compiler on macOS, none needed", func(m *machine) { m.paths = nil; m.env["GOOS"] = "darwin" }, true, map[string][2]string{
		"C compiler": {"ok", "none needed"}}},
	{"cgo switched off beside a compiler", func(m *machine) {
		m.env["CGO_ENABLED"] = "0"
		m.race = RaceRun{BuildOutput: "go: -race requires cgo"}
	}, false, map[string][2]string{"C compiler": {"fail", "CGO_ENABLED=1"}}},
	{"a race detector that reports nothing", func(m *machine) { m.race = RaceRun{Built: true, RunOutput: "2\n"} }, false, map[string][2]string{
		"race detector": {"fail", "did not report"}}},
	{"one core", func(m *machine) { m.cores = Cores{Affinity: 8, Quota: 1, Usable: 1} }, true, map[string][2]string{
		"cores": {"warn", "a cgroup CPU quota of 1"}, "quiet machine": {"warn", "not measured"}}},
	{"a busy machine", func(m *machine) { m.cal = 1.05 }, true, map[string][2]string{
		"quiet machine": {"warn", "too busy for the faster check of histogram"}}},
	{"a read-only build cache", func(m *machine) { m.readOnly = map[string]bool{"/home/u/.cache/go-build": true} }, false, map[string][2]string{
		"cache folders": {"fail", "GOCACHE /home/u/.cache/go-build is not writable"}}},
	{"the build cache off", func(m *machine) { m.env["GOCACHE"] = "off" }, false, map[string][2]string{
		"cache folders": {"fail", "go env -w GOCACHE="}}},
	{"a sandbox feature missing", func(m *machine) { m.sandbox[0] = Feature{Name: "landlock", Detail: "kernel 5.4"} }, true, map[string][2]string{
		"sandbox": {"warn", "missing: landlock (kernel 5.4)"}}},
	{"no sandbox report", func(m *machine) { m.sandbox = nil }, true, map[string][2]string{
		"sandbox": {"warn", "does not report"}}},
}

func TestRun(t *testing.T) {
	for _, tc := range runCases {
		t.Run(tc.name, func(t *testing.T) {
			m := healthy()
			tc.change(&m)
			r := run(m)
			if r.OK() != tc.ok {
				t.Errorf("OK() = %v, want %v: %+v", r.OK(), tc.ok, r.Lines)
			}
			for name, want := range tc.want {
				l := line(t, r, name)
				if string(l.Status) != want[0] || !strings.Contains(l.Detail+" "+l.Fix, want[1]) {
					t.Errorf("%s: %s %q (fix %q), want %s and %q", name, l.Status, l.Detail, l.Fix, want[0], want[1])
				}
			}
			for _, l := range r.Lines {
				if (l.Status == OK) != (l.Fix == "") {
					t.Errorf("%s: %s with fix %q: every line not OK says what to do, and only those", l.Name, l.Status, l.Fix)
				}
			}
		})
	}
}

func TestTextGolden(t *testing.T) {
	m := healthy()
	m.paths = nil
	m.race = RaceRun{BuildOutput: "go: -race requires cgo; enable cgo by setting CGO_ENABLED=1"}
	m.cal = 1.05
	var b bytes.Buffer
	if err := Text(&b, run(m)); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "doctor.golden", b.Bytes())
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, run(healthy())); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OK    bool
		Lines []Line
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || !doc.OK || len(doc.Lines) != 8 {
		t.Fatalf("%v: %s", err, b.Bytes())
	}
}

// TestRealMachine runs every probe on this machine: a race-enabled binary
// must build here and report the planted race (the machine the tests run
// on grades, so every line that decides must pass).
func TestRealMachine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a race-enabled binary and measures the machine")
	}
	r := Run(context.Background(), Config{Root: "../../..", Exercises: exercise.All(), Measure: true, Probes: DefaultProbes()})
	var b bytes.Buffer
	Text(&b, r)
	t.Logf("\n%s", b.String())
	for _, name := range []string{"Go", "race detector", "C compiler", "cache folders"} {
		if l := line(t, r, name); l.Status != OK {
			t.Errorf("%s: %s: %s", name, l.Status, l.Detail)
		}
	}
	if !r.OK() {
		t.Error("doctor says this machine cannot grade, but the tests grade on it")
	}
}
