package check

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"parlab/grader/contract"
	"parlab/grader/testjson"
	"parlab/grader/verdict"
)

// A race report as the race detector prints it, paths already rewritten.
const raceReport = `==================
WARNING: DATA RACE
Read at 0x00c00007a000 by goroutine 10:
  parlab/exercises/histogram.Parallel.func1()
      histogram.go:15 +0x84

Previous write at 0x00c00007a000 by goroutine 9:
  parlab/exercises/histogram.Parallel.func1()
      histogram.go:16 +0xa4

Goroutine 10 (running) created at:
  parlab/exercises/histogram.Parallel()
      histogram.go:13 +0x8c
==================
`

func TestRacesNamesBothAccesses(t *testing.T) {
	got := Races(raceReport + raceReport)
	if len(got) != 1 {
		t.Fatalf("%d races, want the duplicate merged into 1: %q", len(got), got)
	}
	want := "one goroutine reads at histogram.go:15 (Parallel.func1), while another writes at histogram.go:16 (Parallel.func1)"
	if got[0] != want {
		t.Errorf("got  %q\nwant %q", got[0], want)
	}
}

// TestRacesAreDistinctPairs: the same two lines reported for other
// goroutines, in the other order, or as two writes, are one race; a race
// between other lines is another, and the check lists each.
func TestRacesAreDistinctPairs(t *testing.T) {
	other := strings.NewReplacer("goroutine 10", "goroutine 31", "goroutine 9", "goroutine 30").Replace(raceReport)
	swapped := strings.NewReplacer("Read at", "Previous write at", "Previous write at", "Read at",
		"histogram.go:15 +0x84", "histogram.go:16 +0x84", "histogram.go:16 +0xa4", "histogram.go:15 +0xa4").Replace(raceReport)
	writes := strings.Replace(raceReport, "Read at", "Write at", 1)
	third := strings.ReplaceAll(raceReport, "histogram.go:16", "histogram.go:20")
	races := DataRaces(raceReport + other + swapped + writes + third)
	if len(races) != 2 || races[0].Reports != 4 || races[1].Reports != 1 {
		t.Fatalf("races %+v, want 2: the first reported 4 times", races)
	}
	if !slices.Contains(races[0].Funcs, "parlab/exercises/histogram.Parallel") {
		t.Errorf("the race's functions %q do not hold the creation stack's Parallel", races[0].Funcs)
	}
	chk := Race(TestRun{}, observations{races: Races(raceReport + third)})
	for _, want := range []string{"2 different data races:", "\n1. one goroutine reads at histogram.go:15 (Parallel.func1), while another writes at histogram.go:16", "\n2. one goroutine reads at histogram.go:15 (Parallel.func1), while another writes at histogram.go:20"} {
		if !strings.Contains(chk.Message, want) {
			t.Errorf("race-free's message %q does not hold %q", chk.Message, want)
		}
	}
}

// allowed is an exercise's allowlist, as the registry gives it.
var allowed = []string{"context", "errors", "fmt", "runtime", "sync", "sync/atomic", "time", "parlab/reference/points"}

func TestHonest(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		pass      bool
		mention   []string
	}{
		{"plain", "package h\nimport \"sync\"\nvar _ sync.Mutex\n", true, nil},
		{"grouped allowed", "package h\nimport (\n\t\"fmt\"\n\tat \"sync/atomic\"\n)\nvar _ = fmt.Sprint\nvar _ at.Int64\n", true, nil},
		{"go:build is no directive", "//go:build !windows || windows\n\npackage h\n", true, nil},
		{"reference", "package h\nimport \"parlab/reference\"\nvar _ = reference.Bins\n", false, []string{"h.go:2:", "parlab/reference", "serial answer"}},
		{"solutions", "package h\nimport s \"parlab/solutions/histogram\"\nvar _ = s.Bins\n", false, []string{"model answer"}},
		{"unsafe", "package h\nimport \"unsafe\"\nvar _ = unsafe.Sizeof(0)\n", false, []string{`"unsafe"`, "memory"}},
		{"os", "package h\n\nimport \"os\"\nvar _ = os.Exit\n", false, []string{"h.go:3:", `"os"`}},
		{"syscall", "package h\nimport \"syscall\"\n", false, []string{"syscall"}},
		{"embed", "package h\nimport _ \"embed\"\n", false, []string{"embed"}},
		{"testing", "package h\nimport \"testing\"\nvar _ = testing.Testing\n", false, []string{"testing", "behave differently"}},
		{"runtime/debug", "package h\nimport \"runtime/debug\"\n", false, []string{"runtime/debug"}},
		{"cgo", "package h\n// int x;\nimport \"C\"\n", false, []string{"cgo"}},
		{"another module", "package h\nimport \"golang.org/x/sync/errgroup\"\n", false, []string{"standard library"}},
		{"unlisted std", "package h\nimport \"encoding/json\"\n", false, []string{"encoding/json", "allowed packages"}},
		{"similar name", "package h\nimport \"syncx\"\n", false, []string{"syncx"}},
		{"linkname", "package h\nimport \"sync\"\n//go:linkname x runtime.x\nvar x sync.Mutex\n", false, []string{"h.go:3:", "//go:linkname"}},
		{"norace in a body", "package h\nfunc f() {\n\tx := 0\n\t//go:norace\n\t_ = x\n}\n", false, []string{"h.go:4:", "//go:norace", "race detector"}},
		{"norace after code", "package h\nvar x int //go:norace\n", false, []string{"//go:norace"}},
		{"embed directive", "package h\n//go:embed h.go\nvar s string\n", false, []string{"//go:embed"}},
		{"noinline", "package h\n//go:noinline\nfunc f() {}\n", false, []string{"//go:noinline"}},
		{"line directive", "package h\n//line other.go:1\nfunc f() {}\n", false, []string{"//line"}},
		{"block line directive", "package h\nfunc f() { /*line other.go:1:1*/ }\n", false, []string{"//line"}},
		{"directive in a string is text", "package h\nvar s = \"//go:norace\"\n", true, nil},
		{"unparsable imports", "package h\nimport os\n", false, []string{"cannot be read"}},
		{"who called me", "package h\nimport \"runtime\"\nfunc f() { pcs := make([]uintptr, 9); runtime.Callers(1, pcs) }\n", false, []string{"h.go:3:", "runtime.Callers", "grader"}},
		{"renamed runtime", "package h\nimport rt \"runtime\"\nvar _ = rt.CallersFrames\n", false, []string{"runtime.CallersFrames"}},
		{"sync.Pool", "package h\nimport \"sync\"\nvar p sync.Pool\n", false, []string{"sync.Pool", "race detector"}},
		{"the process's profiling rate", "package h\nimport \"runtime\"\nfunc f() { runtime.MemProfileRate = 2048 }\n", false, []string{"h.go:3:", "runtime.MemProfileRate", "reference"}},
		{"a dot import", "package h\nimport . \"runtime\"\nfunc f() { SetFinalizer(new(int), nil) }\n", false, []string{"h.go:2:", `"runtime" with a dot`}},
		{"a dot import of an allowed package", "package h\nimport . \"sync\"\nvar m Mutex\n", false, []string{`"sync" with a dot`}},
		{"a timer's function", "package h\nimport \"time\"\nfunc f() { time.AfterFunc(time.Millisecond, func() {}) }\n", false, []string{"h.go:3:", "time.AfterFunc", "reference"}},
		{"a context's function", "package h\nimport \"context\"\nvar _ = context.AfterFunc\n", false, []string{"context.AfterFunc"}},
		{"a context's deadline", "package h\nimport (\n\t\"context\"\n\t\"time\"\n)\nvar _, _ = context.WithTimeout(context.Background(), time.Millisecond)\n", false, []string{"h.go:6:", "context.WithTimeout", "deadline"}},
		{"a context's cancel is fine", "package h\nimport \"context\"\nfunc f() { _, cancel := context.WithCancel(context.Background()); cancel() }\n", true, nil},
		{"a timer is fine", "package h\nimport \"time\"\nfunc f() { time.NewTimer(time.Second).Stop() }\n", true, nil},
		{"the point source is fine", "package h\nimport \"parlab/reference/points\"\nvar _ = points.Stream\n", true, nil},
		{"the point source's total", "package h\nimport \"parlab/reference/points\"\nvar n = points.Drawn()\n", false, []string{"h.go:3:", "points.Drawn", "grader's"}},
		{"runtime for cores is fine", "package h\nimport \"runtime\"\nvar n = runtime.GOMAXPROCS(0) + runtime.NumCPU()\n", true, nil},
		{"the tracer", "package h\nimport \"runtime\"\nfunc f() { runtime.StartTrace() }\n", false, []string{"h.go:3:", "runtime.StartTrace", "tracer"}},
		{"every goroutine's stack", "package h\nimport \"runtime\"\nvar _, _ = runtime.GoroutineProfile(nil)\n", false, []string{"runtime.GoroutineProfile", "grader's calls apart"}},
		{"the goroutine count", "package h\nimport \"runtime\"\nvar n = runtime.NumGoroutine()\n", false, []string{"runtime.NumGoroutine"}},
		{"a member on no list", "package h\nimport \"runtime\"\nfunc f() { runtime.LockOSThread() }\n", false, []string{"runtime.LockOSThread", "allow only runtime.GOMAXPROCS(0)"}},
		{"a member a later Go adds", "package h\nimport \"runtime\"\nfunc f() { runtime.SetDefaultGOMAXPROCS() }\n", false, []string{"runtime.SetDefaultGOMAXPROCS", "allow only"}},
		{"setting the cores", "package h\nimport \"runtime\"\nfunc f(n int) { runtime.GOMAXPROCS(n) }\n", false, []string{"h.go:3:", "runtime.GOMAXPROCS", "GOMAXPROCS(0) only"}},
		{"setting the cores to one", "package h\nimport \"runtime\"\nvar _ = runtime.GOMAXPROCS(1)\n", false, []string{"GOMAXPROCS(0) only"}},
		{"the cores' setter as a value", "package h\nimport \"runtime\"\nvar set = runtime.GOMAXPROCS\n", false, []string{"GOMAXPROCS(0) only"}},
		{"a yield and a recovered runtime error are fine", "package h\nimport \"runtime\"\nfunc f(x any) bool { runtime.Gosched(); runtime.KeepAlive(x); _, ok := x.(runtime.Error); return ok }\n", true, nil},
		{"another member of the point source", "package h\nimport \"parlab/reference/points\"\nvar _ = points.Seed\n", false, []string{"points.Seed", "only points.Stream"}},
		{"a local value named runtime is not the package", "package h\nfunc f(runtime struct{ Stack int }) int { return runtime.Stack }\n", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Honest(map[string][]byte{"h.go": []byte(tc.src)}, Rules{Imports: allowed, Timed: true})
			if (c.Status == verdict.Pass) != tc.pass {
				t.Errorf("status %s, want pass %v; message %q", c.Status, tc.pass, c.Message)
			}
			for _, m := range tc.mention {
				if !strings.Contains(c.Message, m) {
					t.Errorf("message %q does not mention %q", c.Message, m)
				}
			}
		})
	}
}

// TestHonestRefusesCgoEveryWay: cgo is reached by import "C" in any file
// (even where an allowlist named "C"), by a #cgo line, and by C, assembly
// or object files beside the .go ones; the message names the place, never
// what a #cgo line or preamble says.
func TestHonestRefusesCgoEveryWay(t *testing.T) {
	ok := []byte("package h\nimport \"sync\"\nvar _ sync.Mutex\n")
	preamble := "package h\n\n// #cgo CFLAGS: -I${SRCDIR}/../..\n// #include \"/etc/passwd\"\nimport \"C\"\n"
	for _, tc := range []struct {
		name    string
		files   map[string][]byte
		others  []string
		imports []string
		mention []string
	}{
		{"import C in a second file", map[string][]byte{"a.go": ok, "b.go": []byte(preamble)}, nil, allowed, []string{"b.go:5:", `imports "C"`, "b.go:3: a #cgo line"}},
		{"import C on the allowlist", map[string][]byte{"a.go": []byte(preamble)}, nil, append([]string{"C"}, allowed...), []string{`a.go:5: imports "C"`}},
		{"a #cgo line alone", map[string][]byte{"a.go": []byte("package h\n\n/*\n#cgo LDFLAGS: -lm\n*/\nvar x int\n")}, nil, allowed, []string{"a.go:4: a #cgo line"}},
		{"a #cgo line in a line comment", map[string][]byte{"a.go": []byte("package h\n//#cgo CFLAGS: -DX\nvar x int\n")}, nil, allowed, []string{"a.go:2: a #cgo line"}},
		{"files built beside", map[string][]byte{"a.go": ok}, []string{"x.c", "y.syso", "z.S", "w.h"}, allowed, []string{"x.c: a C, assembly or object file", "y.syso:", "z.S:", "w.h:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Honest(tc.files, Rules{Imports: tc.imports, Timed: true, OtherFiles: tc.others})
			if c.Status != verdict.Fail {
				t.Fatalf("status %s, want fail; message %q", c.Status, c.Message)
			}
			for _, m := range tc.mention {
				if !strings.Contains(c.Message, m) {
					t.Errorf("message %q does not mention %q", c.Message, m)
				}
			}
			for _, secret := range []string{"passwd", "SRCDIR", "CFLAGS", "LDFLAGS", "-lm", "include"} {
				if strings.Contains(c.Message+c.Hint, secret) {
					t.Errorf("the message quotes what the cgo lines say (%q): %q", secret, c.Message)
				}
			}
		})
	}
	for _, name := range []string{"a.go", "notes.txt", "data.csv", "README.md", "x.go.orig"} {
		if BuiltBeside(name) {
			t.Errorf("BuiltBeside(%q): the go command does not build it", name)
		}
	}
}

// TestHonestUntimed: an exercise without a faster check may leave code to
// run after a call (racefix's late leak is a time.AfterFunc).
func TestHonestUntimed(t *testing.T) {
	src := "package h\nimport \"time\"\nfunc f() { time.AfterFunc(time.Millisecond, func() {}) }\n"
	if c := Honest(map[string][]byte{"h.go": []byte(src)}, Rules{Imports: allowed}); c.Status != verdict.Pass {
		t.Errorf("untimed: %s %q", c.Status, c.Message)
	}
	if c := Honest(map[string][]byte{"h.go": []byte(src)}, Rules{Imports: allowed, Timed: true}); c.Status != verdict.Fail {
		t.Errorf("timed: %s %q", c.Status, c.Message)
	}
}

func TestLeftOut(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		leftOut         bool
	}{
		{"plain", "h.go", "package h\n", false},
		{"always true", "h.go", "//go:build linux || !linux\n\npackage h\n", false},
		{"not race", "h.go", "//go:build !race\n\npackage h\n", true},
		{"race only", "h.go", "//go:build race\n\npackage h\n", true},
		{"after a block comment", "h.go", "/* package x */\n//go:build !race\n\npackage h\n", true},
		{"old syntax", "h.go", "// +build !race\n\npackage h\n", true},
		{"hides from the suite", "h.go", "//go:build !parlabsuite\n\npackage h\n", true},
		{"only with the suite", "h.go", "//go:build parlabsuite\n\npackage h\n", true},
		{"ignore", "h.go", "//go:build ignore\n\npackage h\n", true},
		{"future release", "h.go", "//go:build go1.999\n\npackage h\n", true},
		{"GOOS suffix", "h_linux.go", "package h\n", true},
		{"GOARCH suffix", "h_amd64.go", "package h\n", true},
		{"GOOS_GOARCH suffix", "h_linux_amd64.go", "package h\n", true},
		{"underscore prefix", "_h.go", "package h\n", true},
		{"after the package clause is a comment", "h.go", "package h\n\n//go:build !race\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			why := LeftOut(tc.file, []byte(tc.src))
			if (why != "") != tc.leftOut {
				t.Errorf("LeftOut = %q, want left out: %v", why, tc.leftOut)
			}
			if why != "" && !strings.Contains(why, tc.file) {
				t.Errorf("the reason %q does not name the file", why)
			}
		})
	}
}

func TestBuildsSeparatesApiMismatch(t *testing.T) {
	out := "# parlab/exercises/histogram_test\nparlab_suite_histogram_test.go:12:3: undefined: histogram.Parallel\n"
	c := Builds(Compiler{Output: out, SuiteFiles: []string{"parlab_suite_histogram_test.go"}})
	if c.Status != verdict.Fail || !strings.Contains(c.Message, "API") || strings.Contains(c.Message, "parlab_suite") {
		t.Errorf("got %s: %q", c.Status, c.Message)
	}
	c = Builds(Compiler{Output: "histogram.go:3:1: syntax error: unexpected }\n"})
	if c.Status != verdict.Fail || !strings.Contains(c.Message, "histogram.go:3:1: syntax error") {
		t.Errorf("got %s: %q", c.Status, c.Message)
	}
	c = Builds(Compiler{OK: true, Vet: "histogram.go:9:2: call of f copies lock value: sync.Mutex\n"})
	if c.Status != verdict.Fail || !strings.Contains(c.Message, "copies lock") {
		t.Errorf("vet finding: got %s: %q", c.Status, c.Message)
	}
}

// TestBuildsKeepsErrorsWhole: an error keeps its column and the indented
// lines under it (issue 29: a multi-line message was cut to its first
// line).
func TestBuildsKeepsErrorsWhole(t *testing.T) {
	out := "# parlab/exercises/histogram\n" +
		"histogram.go:21:14: not enough arguments in call to worker\n\thave (sync.WaitGroup)\n\twant (sync.WaitGroup, []uint8)\n" +
		"histogram.go:37:2: declared and not used: x\n"
	c := Builds(Compiler{Output: out})
	want := "does not compile:\n  histogram.go:21:14: not enough arguments in call to worker\n      have (sync.WaitGroup)\n      want (sync.WaitGroup, []uint8)\n" +
		"  histogram.go:37:2: declared and not used: x"
	if c.Message != want {
		t.Errorf("got\n%s\nwant\n%s", c.Message, want)
	}
	vet := "vet: histogram.go:15:16: worker passes lock by value: sync.WaitGroup contains sync.noCopy\n"
	if c := Builds(Compiler{OK: true, Vet: vet}); !strings.Contains(c.Message, "histogram.go:15:16: worker passes lock by value: sync.WaitGroup contains sync.noCopy") {
		t.Errorf("vet: %q", c.Message)
	}
}

func TestPathsRewrite(t *testing.T) {
	p := Paths{Root: "/w/parlab", PkgDir: "exercises/histogram", Copies: []string{"/tmp/ws/src"}}
	in := "/w/parlab/exercises/histogram/h.go:3 ./exercises/histogram/h.go:4 exercises/histogram/h.go:5 /tmp/ws/src/h.go:6"
	if got, want := p.Rewrite(in), "h.go:3 h.go:4 h.go:5 h.go:6"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A checkout under /tmp: the go command names the workspace's copy
	// relative to the root, where that is shorter (issue 29).
	p = Paths{Root: "/tmp/parlab", PkgDir: "exercises/histogram", Copies: []string{"/tmp/parlab-grade-histogram-948019663/src"}}
	if got, want := p.Rewrite("../parlab-grade-histogram-948019663/src/histogram.go:37:2: declared and not used: x"), "histogram.go:37:2: declared and not used: x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// go vet replays a cached finding with the path of the grade that
	// first found it.
	p.CopyPattern = regexp.MustCompile(`[^\s:"'()]*-grade-histogram-\d+/src/`)
	if got, want := p.Rewrite("vet: /tmp/parlab-grade-histogram-1/src/histogram.go:15:16: worker passes lock by value"), "vet: histogram.go:15:16: worker passes lock by value"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// The go command's own shortening, with the root /tmp/parlab.
	if got, want := p.Rewrite(".-grade-histogram-1621447892/src/histogram.go:17:2: declared and not used: x"), "histogram.go:17:2: declared and not used: x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLocator: every message names the learner's files as their editor
// sees them, and leaves other paths alone.
func TestLocator(t *testing.T) {
	res := &verdict.Result{Checks: []verdict.Check{
		{Name: verdict.Builds, Message: "does not compile:\n  histogram.go:37:2: declared and not used: x"},
		{Name: verdict.RaceFree, Message: "goroutine 7 writes at histogram.go:25 (Parallel.func1), and concurrently goroutine 8 reads at helper.go:3 (add)"},
		{Name: verdict.Terminates, Message: "1 goroutine in chan send at histogram.go:15 (Parallel.func1); /usr/lib/go/src/sync/histogram.go:9 mylib_histogram.go:4"},
	}, Speedup: &verdict.Speedup{Diagnosis: &verdict.Diagnosis{Location: "histogram.go:29"}}}
	NewLocator("exercises/histogram", []string{"helper.go", "histogram.go"}).Result(res)
	want := []string{
		"does not compile:\n  exercises/histogram/histogram.go:37:2: declared and not used: x",
		"goroutine 7 writes at exercises/histogram/histogram.go:25 (Parallel.func1), and concurrently goroutine 8 reads at exercises/histogram/helper.go:3 (add)",
		"1 goroutine in chan send at exercises/histogram/histogram.go:15 (Parallel.func1); /usr/lib/go/src/sync/histogram.go:9 mylib_histogram.go:4",
	}
	for i, w := range want {
		if res.Checks[i].Message != w {
			t.Errorf("got  %q\nwant %q", res.Checks[i].Message, w)
		}
	}
	if got := res.Speedup.Diagnosis.Location; got != "exercises/histogram/histogram.go:29" {
		t.Errorf("diagnosis location %q", got)
	}
}

// TestLocatorAbsolute: the timing run's stacks name the learner's file by
// its path in the checkout (the test binary is built with -overlay); the
// message names it as every other does, with the --dir path or with none,
// and locating twice changes nothing.
func TestLocatorAbsolute(t *testing.T) {
	const msg = "goroutines still there (a goroutine [runnable] in histogram.burner at /home/ann/parlab/exercises/histogram/histogram.go:61; " +
		"a goroutine in /tmp/parlab-grade-histogram-1/src/helper.go:3; /home/ann/parlab/exercises/histogram/other.go:2 /home/ann/parlab/grader/histogram.go:5)"
	dirs := []string{"/home/ann/parlab/exercises/histogram", "/tmp/parlab-grade-histogram-1/src/"}
	for _, tc := range []struct{ folder, want string }{
		{"exercises/histogram", "goroutines still there (a goroutine [runnable] in histogram.burner at exercises/histogram/histogram.go:61; " +
			"a goroutine in exercises/histogram/helper.go:3; /home/ann/parlab/exercises/histogram/other.go:2 /home/ann/parlab/grader/histogram.go:5)"},
		{"/home/ann/copy", "goroutines still there (a goroutine [runnable] in histogram.burner at /home/ann/copy/histogram.go:61; " +
			"a goroutine in /home/ann/copy/helper.go:3; /home/ann/parlab/exercises/histogram/other.go:2 /home/ann/parlab/grader/histogram.go:5)"},
		{".", "goroutines still there (a goroutine [runnable] in histogram.burner at histogram.go:61; " +
			"a goroutine in helper.go:3; /home/ann/parlab/exercises/histogram/other.go:2 /home/ann/parlab/grader/histogram.go:5)"},
	} {
		l := NewLocator(tc.folder, []string{"helper.go", "histogram.go"}, dirs...)
		c := verdict.Check{Message: msg}
		l.Check(&c)
		if c.Message != tc.want {
			t.Errorf("folder %q:\ngot  %q\nwant %q", tc.folder, c.Message, tc.want)
		}
		l.Check(&c)
		if c.Message != tc.want {
			t.Errorf("folder %q, located twice:\ngot  %q\nwant %q", tc.folder, c.Message, tc.want)
		}
	}
}

func run(tests ...*testjson.Test) *testjson.Run {
	return &testjson.Run{Tests: tests, Action: testjson.ActionPass}
}

// report builds what a suite writes to its report file: each argument is
// "TestName:status", or "TestName:check:message" for a marker; complete
// adds the completion record.
func report(complete bool, entries ...string) contract.Log {
	var b strings.Builder
	for _, e := range entries {
		parts := strings.SplitN(e, ":", 3)
		var rec contract.Record
		if len(parts) == 2 {
			rec = contract.Record{Kind: contract.KindResult, Test: parts[0], Status: parts[1]}
		} else {
			rec = contract.Record{Kind: contract.KindMarker, Test: parts[0], Check: parts[1], Message: parts[2]}
		}
		line, _ := json.Marshal(rec)
		b.Write(append(line, '\n'))
	}
	if complete {
		b.WriteString(`{"kind":"complete","code":1}` + "\n")
	}
	return contract.ReadLog(strings.NewReader(b.String()), 1<<20)
}

func TestSuiteVerdicts(t *testing.T) {
	pass := func(name string) *testjson.Test { return &testjson.Test{Name: name, Action: testjson.ActionPass} }
	fail := func(name, out string) *testjson.Test {
		return &testjson.Test{Name: name, Action: testjson.ActionFail, Output: out}
	}
	// forged is what learner code printing a fake test2json stream
	// produces: every test "passes" on stdout, with a completion line.
	forged := run(pass("TestA"), pass("TestB"), &testjson.Test{Name: "PARLAB-COMPLETE 0123", Action: testjson.ActionPass})
	type want = map[verdict.CheckName]verdict.Status
	for _, tc := range []struct {
		name string
		tr   TestRun
		want want
	}{
		{"all pass", TestRun{Run: run(pass("TestA"), pass("TestB")), Report: report(true, "TestA:pass", "TestB:pass"), Required: []string{"TestA", "TestB"}},
			want{verdict.Correct: verdict.Pass, verdict.RaceFree: verdict.Pass, verdict.LeakFree: verdict.Pass, verdict.Terminates: verdict.Pass}},
		{"not complete never passes", TestRun{Run: run(pass("TestA"), pass("TestB")), Report: report(false, "TestA:pass", "TestB:pass"), Required: []string{"TestA", "TestB"}},
			want{verdict.Correct: verdict.Fail, verdict.RaceFree: verdict.Skip, verdict.LeakFree: verdict.Skip}},
		{"a forged stream with no report", TestRun{Run: forged, Required: []string{"TestA", "TestB"}},
			want{verdict.Correct: verdict.Fail, verdict.RaceFree: verdict.Skip, verdict.LeakFree: verdict.Skip}},
		{"a forged stream over a failing report", TestRun{Run: forged, Report: report(true, "TestA:pass", "TestB:fail"), Required: []string{"TestA", "TestB"}},
			want{verdict.Correct: verdict.Fail}},
		{"a required test is missing", TestRun{Run: run(pass("TestA"), pass("TestB")), Report: report(true, "TestA:pass"), Required: []string{"TestA", "TestB"}},
			want{verdict.Correct: verdict.Fail}},
		{"a required test skipped", TestRun{Run: run(pass("TestA")), Report: report(true, "TestA:skip"), Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Fail}},
		{"race only", TestRun{Run: run(fail("TestA", raceReport+"testing.go:1712: race detected during execution of test\n")), Report: report(true, "TestA:fail"), Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Skip, verdict.RaceFree: verdict.Fail}},
		{"a race hides wrong values too", TestRun{Run: run(fail("TestA", raceReport)), Report: report(true, "TestA:correct:Parallel = 3, want 4", "TestA:fail"), Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Skip, verdict.RaceFree: verdict.Fail}},
		{"leak only", TestRun{Run: run(fail("TestA", "")), Report: report(true, "TestA:leak-free:left goroutines", "TestA:fail"), Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Pass, verdict.LeakFree: verdict.Fail}},
		{"markers on stdout decide nothing", TestRun{Run: run(fail("TestA", `PARLAB {"check":"leak-free","message":"x"}`)), Report: report(true, "TestA:fail"), Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Fail, verdict.LeakFree: verdict.Pass}},
		{"TODO", TestRun{Run: run(fail("TestA", "")), Report: report(true, "TestA:started:Chunk still panics", "TestA:fail"), Required: []string{"TestA"}},
			want{verdict.Started: verdict.Fail, verdict.Correct: verdict.Skip}},
		{"a goroutine's TODO panic crashed the run", TestRun{Run: run(&testjson.Test{Name: "TestA"}), Stderr: "panic: TODO: write Parallel\n\ngoroutine 7 [running]:\n", ExitCode: 2, Required: []string{"TestA"}},
			want{verdict.Started: verdict.Fail, verdict.Correct: verdict.Skip}},
		// Code that names no panic cannot panic with TODO: the line was
		// printed (println("panic: TODO")) before a crash of its own, and
		// started agrees with StartedBySource, which the stream showed.
		{"a printed TODO panic from code that cannot panic", TestRun{Run: run(&testjson.Test{Name: "TestA"}), Stderr: "panic: TODO: write Parallel\n\ngoroutine 7 [running]:\n", ExitCode: 2, Required: []string{"TestA"}, CannotPanic: true},
			want{verdict.Started: verdict.Pass, verdict.Correct: verdict.Fail}},
		{"hang", TestRun{Run: run(&testjson.Test{Name: "TestA"}), TimedOut: true, Timeout: "60s", Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Skip, verdict.Terminates: verdict.Fail}},
		{"unexplained failure", TestRun{Run: run(fail("TestA", "panic: boom [recovered]\n")), Report: report(true, "TestA:fail"), Required: []string{"TestA"}},
			want{verdict.Correct: verdict.Fail}},
		// TestTimedSize gives up on a call too slow under the race
		// detector and skips: a mutex per pixel on a busy machine read
		// "did not run to the end" under correct.
		{"a required test the suite skipped", TestRun{Run: run(&testjson.Test{Name: "TestA"}, &testjson.Test{Name: "TestTimedSize"}), Report: report(true, "TestA:pass", "TestTimedSize:skip"), Required: []string{"TestA", "TestTimedSize"}},
			want{verdict.Correct: verdict.Pass}},
		{"a required test that never reported", TestRun{Run: run(&testjson.Test{Name: "TestA"}), Report: report(true, "TestA:pass"), Required: []string{"TestA", "TestTimedSize"}},
			want{verdict.Correct: verdict.Fail}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[verdict.CheckName]verdict.Check{}
			for _, c := range Suite(tc.tr, false) {
				got[c.Name] = c
			}
			for name, status := range tc.want {
				if got[name].Status != status {
					t.Errorf("%s: %s (%s), want %s", name, got[name].Status, got[name].Message, status)
				}
			}
		})
	}
}

// TestHangInACrowdIsTooManyGoroutines: a run stopped with hundreds of the
// learner's goroutines alive is a goroutine per element, far too slow
// under the race detector, not a deadlock (issue 29), and the hint says
// so; a few blocked goroutines keep the deadlock hint.
func TestHangInACrowdIsTooManyGoroutines(t *testing.T) {
	dump := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "goroutine %d [runnable]:\nparlab/exercises/histogram.Parallel.func1()\n\t/w/exercises/histogram/histogram.go:25 +0x3c\ncreated by parlab/exercises/histogram.Parallel in goroutine 7\n\t/w/exercises/histogram/histogram.go:23 +0x5d\n\n", i+10)
		}
		return b.String()
	}
	for _, tc := range []struct {
		n        int
		crowd    bool
		contains string
	}{{900, true, "did not finish in 1m0s: far too slow rather than stuck, by the look of it. Too many goroutines: the tests had started about 909 goroutines by then (the highest goroutine number), 900 of yours were alive, most at histogram.go:25 (Parallel.func1)"}, {2, false, "likely a deadlock"}} {
		tr := TestRun{Run: run(&testjson.Test{Name: "TestA"}), TimedOut: true, Timeout: "1m0s", Required: []string{"TestA"}, Stderr: dump(tc.n)}
		c := Terminates(tr, observe(tr))
		if c.Status != verdict.Fail || !strings.Contains(c.Message, tc.contains) || (c.Hint == crowdHint) != tc.crowd {
			t.Errorf("%d goroutines: %s %q, hint %q", tc.n, c.Status, c.Message, c.Hint)
		}
	}
	// Three alive, but goroutine 2345678 among them: millions started.
	tr := TestRun{Run: run(&testjson.Test{Name: "TestA"}), TimedOut: true, Timeout: "1m0s", Required: []string{"TestA"},
		Stderr: strings.Replace(dump(3), "goroutine 12 [", "goroutine 2345678 [", 1)}
	if c := Terminates(tr, observe(tr)); c.Hint != crowdHint || !strings.Contains(c.Message, "about 2345678 goroutines") {
		t.Errorf("millions started: %q, hint %q", c.Message, c.Hint)
	}
}

// TestStoppedCrowdIsTooManyGoroutines: a run the suite stopped at a call
// that started more goroutines than any answer needs fails terminates
// with the suite's message and the crowd hint, in seconds rather than at
// the time limit, and leaves correct not judged; a deadlock marker keeps
// its own words and hint.
func TestStoppedCrowdIsTooManyGoroutines(t *testing.T) {
	msg := contract.TooManyGoroutines + "Parallel(pixels, 1) had started more than 50000 goroutines on an input of 100003 elements and had not returned"
	tr := TestRun{Run: run(&testjson.Test{Name: "TestA"}), Required: []string{"TestA"}, ExitCode: 1,
		Report: report(false, "TestA:"+contract.CheckTerminates+":"+msg)}
	got := map[verdict.CheckName]verdict.Check{}
	for _, c := range Suite(tr, false) {
		got[c.Name] = c
	}
	if c := got[verdict.Terminates]; c.Status != verdict.Fail || c.Message != msg || c.Hint != crowdHint {
		t.Errorf("terminates: %s %q, hint %q", c.Status, c.Message, c.Hint)
	}
	if c := got[verdict.Correct]; c.Status != verdict.Skip || !strings.Contains(c.Message, "too many goroutines") {
		t.Errorf("correct: %s %q", c.Status, c.Message)
	}
	tr.Report = report(false, "TestA:"+contract.CheckTerminates+":Parallel(pixels, 1) did not return within 10s: likely a deadlock or an endless loop")
	if c := Terminates(tr, observe(tr)); c.Status != verdict.Fail || c.Hint == crowdHint {
		t.Errorf("a deadlock: %s %q, hint %q", c.Status, c.Message, c.Hint)
	}
}

// TestCorrectHintsFitTheFailure: each kind of wrong answer gets its own
// hint, not the off-by-one hint after an aliasing or a median message
// (issue 29).
func TestCorrectHintsFitTheFailure(t *testing.T) {
	for _, tc := range []struct{ msg, hint string }{
		{"Merge([1 3], [2]) (left has spare capacity) returned a slice that shares memory with left: Merge must return a new slice", "new slice"},
		{"Sort(xs, 2) on 100 random ints modified xs: Sort must return a sorted copy", "Only read it"},
		{"Strong(w, 1000, [1 2], 5): point 0 (workers = 1) has Time = 12ms, want 10ms: the median of the 5 durations w returned", "median"},
		{"Total from 2 goroutines: Total returned 7 (3 times in all), but the bank always holds 8: Total must see every balance at one instant, not some before a transfer and some after", "locks of every account"},
		{"4 goroutines each called Inc 1000 times on one Counter, then Value returned 3998, want 4000: increments were lost", "atomic.Int64"},
		{"FindFirst(xs, 7, 4) = 90, want 3: the smallest index holding the target", "smallest of those"},
		{"Parallel(pixels, 2) started no goroutine, want at least 2: split the work", "start goroutines"},
		{"Chunk on 10000 random pixels (seed 1) is wrong: [200]: got 0, want 1", "off-by-one"},
		{"Parallel(pixels, 3) panicked at histogram.go:18 (Parallel): runtime error: index out of range", "chunk edges"},
	} {
		if got := hintFor(tc.msg); !strings.Contains(got, tc.hint) {
			t.Errorf("%q: hint %q, want one about %q", tc.msg, got, tc.hint)
		}
	}
}

// TestGoInLoops finds the go statement that starts a goroutine per
// element, not one outside a loop or in a function a loop calls.
func TestGoInLoops(t *testing.T) {
	src := `package histogram

func Parallel(pixels []uint8, workers int) {
	for _, p := range pixels {
		go func() { _ = p }()
	}
	go func() {}()
	for i := 0; i < workers; i++ {
		f := func() { go work() }
		f()
	}
}

func work() {}
`
	got := GoInLoops(map[string][]byte{"histogram.go": []byte(src), "broken.go": []byte("package")})
	if want := []string{"histogram.go:5"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestStartedBySource: the files settle started only when nothing in them
// can panic with a message of the code's choosing; the stub, any panic,
// a shadowed or library panic and a file that does not parse leave it to
// the race run.
func TestStartedBySource(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		known bool
	}{
		{"no panic", "package p\nfunc F(xs []int) int { return xs[0] }\n", true},
		{"a comment or string saying panic", "package p\n// panic(\"TODO\") was here\nconst S = \"panic: TODO\"\n", true},
		{"the stub", "package p\nfunc F() { panic(\"TODO: write F\") }\n", false},
		{"a panic of the learner's", "package p\nfunc F(n int) { if n < 0 { panic(\"negative\") } }\n", false},
		{"panic as a value's name", "package p\nvar boom = func(v any) { println(v) }\nfunc F() { p := panic; _ = p }\n", false},
		{"a library's Panicf", "package p\nimport \"log\"\nfunc F() { log.Panicf(\"TODO\") }\n", false},
		{"does not parse", "package p\nfunc F( {\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{"a.go": []byte("package p\n"), "b.go": []byte(tc.src)}
			c, known := StartedBySource(files)
			if known != tc.known {
				t.Fatalf("known = %v, want %v", known, tc.known)
			}
			if known && (c.Name != verdict.Started || c.Status != verdict.Pass || c.Message != noTODOLeft) {
				t.Errorf("got %+v, want started passing as the race run says it", c)
			}
		})
	}
	if _, known := StartedBySource(nil); known {
		t.Error("no files settle nothing")
	}
}

// TestRaceHintForAnUnwaitedGoroutine: a race between a function and the
// goroutine it started (reading the results before Wait, or with no Wait)
// gets a hint that says so, naming both; a race between two goroutines
// keeps the general hint.
func TestRaceHintForAnUnwaitedGoroutine(t *testing.T) {
	unwaited := strings.NewReplacer("Read at 0x00c00007a000 by goroutine 10:\n  parlab/exercises/histogram.Parallel.func1()\n      histogram.go:15",
		"Read at 0x00c00007a000 by goroutine 7:\n  parlab/exercises/histogram.Parallel()\n      histogram.go:32").Replace(raceReport)
	tr := TestRun{RaceLog: unwaited, Run: run()}
	got := Race(tr, observe(tr))
	if got.Status != verdict.Fail || got.Message != "data race: one goroutine reads at histogram.go:32 (Parallel), while another writes at histogram.go:16 (Parallel.func1)" {
		t.Fatalf("race-free: %s %q", got.Status, got.Message)
	}
	if !strings.HasPrefix(got.Hint, "Parallel and the goroutine it started (Parallel.func1) touched the same memory") || !strings.Contains(got.Hint, "Wait before reading the results") {
		t.Errorf("hint %q", got.Hint)
	}
	tr = TestRun{RaceLog: raceReport, Run: run()}
	if got := Race(tr, observe(tr)); got.Hint != raceHint {
		t.Errorf("two goroutines of Parallel.func1: hint %q, want the general one", got.Hint)
	}
}

// TestGoroutineLocks: a lock declared inside the function literal a go
// statement starts, in any of its forms, is found; one declared outside
// the goroutines, or in a function a goroutine calls, is not.
func TestGoroutineLocks(t *testing.T) {
	src := `package racefix

import "sync"

func WordFreq(docs []string, workers int) {
	var shared sync.Mutex
	for w := range workers {
		go func() {
			var mu sync.Mutex
			rw := &sync.RWMutex{}
			m2 := new(sync.Mutex)
			m3 := sync.Mutex{}
			var n int
			shared.Lock()
			_, _, _, _, _ = mu, rw, m2, m3, n
			shared.Unlock()
			_ = w
		}()
		go helper()
	}
}

func helper() { var mu sync.Mutex; mu.Lock() }
`
	got := GoroutineLocks(map[string][]byte{"racefix.go": []byte(src), "broken.go": []byte("package")})
	if want := []string{"racefix.go:9", "racefix.go:10", "racefix.go:11", "racefix.go:12"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDeadlockHintForLockOrder: goroutines of one function waiting to take
// locks at two of its lines are a lock-order deadlock, and the hint says
// so and how to cure it; waiting at one line, or on channels, keeps the
// general hint.
func TestDeadlockHintForLockOrder(t *testing.T) {
	const general = "general"
	for _, tc := range []struct {
		msg       string
		lockOrder bool
	}{
		{"8 goroutines did not return within 5s: a deadlock. Where your goroutines were blocked: 3 goroutines in sync.Mutex.Lock at racefix.go:99 ((*Bank).Transfer); " +
			"5 goroutines in sync.Mutex.Lock at racefix.go:101 ((*Bank).Transfer)", true},
		{"a deadlock. Where your goroutines were blocked: 2 goroutines in sync.Mutex.Lock at racefix.go:99 ((*Bank).Transfer)", false},
		{"a deadlock. Where your goroutines were blocked: 2 goroutines in sync.Mutex.Lock at racefix.go:122 ((*Bank).Total); 5 goroutines in sync.Mutex.Lock at racefix.go:99 ((*Bank).Transfer)", true},
		{"a deadlock. Where your goroutines were blocked: 1 goroutine in chan send at histogram.go:15 (Parallel.func1); 1 goroutine in chan receive at histogram.go:20 (Parallel)", false},
	} {
		got := deadlockHint(tc.msg, general)
		if want := strings.Contains(got, "blocked taking locks in ") && strings.Contains(got, "(*Bank).Transfer. Two of them took"); want != tc.lockOrder || (!tc.lockOrder && got != general) {
			t.Errorf("%q: hint %q", tc.msg, got)
		}
	}
}
