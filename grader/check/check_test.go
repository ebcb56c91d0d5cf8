package check

import (
	"strings"
	"testing"

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
	want := "goroutine 10 reads at histogram.go:15 (Parallel.func1), and concurrently goroutine 9 writes at histogram.go:16 (Parallel.func1)"
	if got[0] != want {
		t.Errorf("got  %q\nwant %q", got[0], want)
	}
}

func TestHonest(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		pass      bool
		mention   string
	}{
		{"plain", "package h\nimport \"sync\"\nvar _ sync.Mutex\n", true, ""},
		{"reference", "package h\nimport \"parlab/reference\"\nvar _ = reference.Bins\n", false, "parlab/reference"},
		{"solutions", "package h\nimport s \"parlab/solutions/histogram\"\nvar _ = s.Bins\n", false, "model answer"},
		{"unsafe", "package h\nimport \"unsafe\"\nvar _ = unsafe.Sizeof(0)\n", false, "unsafe"},
		{"linkname", "package h\nimport _ \"unsafe\"\n//go:linkname x runtime.x\nvar x int\n", false, "linkname"},
		{"similar name", "package h\nimport \"reflectx\"\n", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Honest(map[string][]byte{"h.go": []byte(tc.src)})
			if (c.Status == verdict.Pass) != tc.pass || !strings.Contains(c.Message, tc.mention) {
				t.Errorf("status %s, message %q", c.Status, c.Message)
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
	if c.Status != verdict.Fail || !strings.Contains(c.Message, "histogram.go:3: syntax error") {
		t.Errorf("got %s: %q", c.Status, c.Message)
	}
	c = Builds(Compiler{OK: true, Vet: "histogram.go:9:2: call of f copies lock value: sync.Mutex\n"})
	if c.Status != verdict.Fail || !strings.Contains(c.Message, "copies lock") {
		t.Errorf("vet finding: got %s: %q", c.Status, c.Message)
	}
}

func TestPathsRewrite(t *testing.T) {
	p := Paths{Root: "/w/parlab", PkgDir: "exercises/histogram", Copies: []string{"/tmp/ws/src"}}
	in := "/w/parlab/exercises/histogram/h.go:3 ./exercises/histogram/h.go:4 exercises/histogram/h.go:5 /tmp/ws/src/h.go:6"
	if got, want := p.Rewrite(in), "h.go:3 h.go:4 h.go:5 h.go:6"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func run(tests ...*testjson.Test) *testjson.Run {
	return &testjson.Run{Tests: tests, Action: testjson.ActionPass}
}

func TestSuiteVerdicts(t *testing.T) {
	pass := func(name string) *testjson.Test { return &testjson.Test{Name: name, Action: testjson.ActionPass} }
	fail := func(name, out string) *testjson.Test {
		return &testjson.Test{Name: name, Action: testjson.ActionFail, Output: out}
	}
	marker := func(check, msg string) string {
		return `    x_test.go:1: PARLAB {"check":"` + check + `","message":"` + msg + `"}` + "\n"
	}
	for _, tc := range []struct {
		name string
		tr   TestRun
		want map[verdict.CheckName]verdict.Status
	}{
		{"all pass", TestRun{Run: run(pass("TestA"), pass("TestB")), Complete: true, Required: []string{"TestA", "TestB"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Pass, verdict.RaceFree: verdict.Pass, verdict.LeakFree: verdict.Pass, verdict.Terminates: verdict.Pass}},
		{"not complete never passes", TestRun{Run: run(pass("TestA"), pass("TestB")), Complete: false, Required: []string{"TestA", "TestB"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Fail, verdict.RaceFree: verdict.Skip, verdict.LeakFree: verdict.Skip}},
		{"a required test is missing", TestRun{Run: run(pass("TestA")), Complete: true, Required: []string{"TestA", "TestB"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Fail}},
		{"race only", TestRun{Run: run(fail("TestA", raceReport+"testing.go:1712: race detected during execution of test\n")), Complete: true, Required: []string{"TestA"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Pass, verdict.RaceFree: verdict.Fail}},
		{"leak only", TestRun{Run: run(fail("TestA", marker("leak-free", "left goroutines"))), Complete: true, Required: []string{"TestA"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Pass, verdict.LeakFree: verdict.Fail}},
		{"TODO", TestRun{Run: run(fail("TestA", marker("started", "Chunk still panics"))), Complete: true, Required: []string{"TestA"}},
			map[verdict.CheckName]verdict.Status{verdict.Started: verdict.Fail, verdict.Correct: verdict.Skip}},
		{"hang", TestRun{Run: run(&testjson.Test{Name: "TestA"}), TimedOut: true, Timeout: "60s", Required: []string{"TestA"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Skip, verdict.Terminates: verdict.Fail}},
		{"unexplained failure", TestRun{Run: run(fail("TestA", "panic: boom [recovered]\n")), Complete: true, Required: []string{"TestA"}},
			map[verdict.CheckName]verdict.Status{verdict.Correct: verdict.Fail}},
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

func TestMarkersSurviveGarbage(t *testing.T) {
	ms := Markers(`x PARLAB {"check":"correct","message":"a"} y PARLAB {broken PARLAB {"check":"leak-free","message":"b"}`)
	if len(ms) != 2 || ms[0].Message != "a" || ms[1].Check != "leak-free" {
		t.Fatalf("got %+v", ms)
	}
}
