package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"parlab/grader/golden"
	"parlab/grader/verdict"
)

func sample() *verdict.Result {
	r := &verdict.Result{
		Exercise: "histogram", Target: "exercises/histogram", Duration: 3200 * time.Millisecond,
		Checks: []verdict.Check{
			{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1, Message: "the package compiles and go vet finds nothing"},
			{Name: verdict.Started, Status: verdict.Pass, MaxScore: 1, Message: "no TODO left"},
			{Name: verdict.Honest, Status: verdict.Pass, MaxScore: 1, Message: "imports nothing it should not"},
			{Name: verdict.Correct, Status: verdict.Pass, MaxScore: 3, Message: "agrees with the serial reference on every case (5 tests)"},
			{Name: verdict.RaceFree, Status: verdict.Fail, MaxScore: 1, Message: "data race: goroutine 10 reads at histogram.go:15 (Parallel.func1), and concurrently goroutine 9 writes at histogram.go:15 (Parallel.func1)",
				Hint: "Give each goroutine its own data.", Details: "WARNING: DATA RACE\n..."},
			{Name: verdict.LeakFree, Status: verdict.Pass, MaxScore: 1, Message: "no goroutine outlives the call that started it"},
			{Name: verdict.Terminates, Status: verdict.Pass, MaxScore: 1, Message: "every call returned"},
			{Name: verdict.Faster, Status: verdict.Skip, MaxScore: 2, Message: "not judged: race-free must pass first"},
		},
		Speedup: &verdict.Speedup{Workers: 2, Speedup: 1.93, Required: 1.49, Calibration: 1.97, SelfSpeedup: 2.01, Rounds: 1,
			Rows: []verdict.SpeedupRow{{Workers: 1, Median: 11620 * time.Microsecond, Speedup: 0.95, Efficiency: 0.95},
				{Workers: 2, Median: 5620 * time.Microsecond, Speedup: 1.96, Efficiency: 0.98}}},
	}
	r.Tally()
	return r
}

func TestTextGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		opts TextOptions
	}{{"text.golden", TextOptions{}}, {"text-verbose.golden", TextOptions{Verbose: true}}, {"text-color.golden", TextOptions{Color: true}}} {
		var b bytes.Buffer
		if err := Text(&b, sample(), tc.opts); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, tc.file, b.Bytes())
	}
}

func TestJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "result.json.golden", b.Bytes())
}

func TestTextWithoutColorHasNoEscapes(t *testing.T) {
	var b bytes.Buffer
	Text(&b, sample(), TextOptions{})
	if bytes.Contains(b.Bytes(), []byte("\x1b[")) {
		t.Fatal("escape codes in a report that asked for no colour")
	}
}

func TestGradescopeGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Gradescope(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "gradescope.json.golden", b.Bytes())
	// The fields Gradescope's autograder specification lists for the top
	// level and for each test.
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"score", "execution_time", "output", "tests", "visibility", "stdout_visibility"} {
		if _, ok := doc[f]; !ok {
			t.Errorf("results.json lacks %q", f)
		}
	}
	tests := doc["tests"].([]any)
	if len(tests) != 8 {
		t.Fatalf("%d tests, want one per check (8)", len(tests))
	}
	sum := 0.0
	for _, tc := range tests {
		m := tc.(map[string]any)
		for _, f := range []string{"name", "score", "max_score", "status", "output", "visibility"} {
			if _, ok := m[f]; !ok {
				t.Errorf("test %v lacks %q", m["name"], f)
			}
		}
		if s := m["status"]; s != "passed" && s != "failed" {
			t.Errorf("status %v: Gradescope knows passed and failed", s)
		}
		sum += m["score"].(float64)
	}
	if sum != doc["score"].(float64) {
		t.Errorf("the tests' scores add up to %v, the total is %v", sum, doc["score"])
	}
}

func TestJUnitGolden(t *testing.T) {
	var b bytes.Buffer
	if err := JUnit(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "junit.xml.golden", b.Bytes())
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.Tests != 8 || doc.Failures != 1 || doc.Skipped != 1 || len(doc.Suites) != 1 {
		t.Errorf("tests %d failures %d skipped %d suites %d; want 8, 1, 1, 1", doc.Tests, doc.Failures, doc.Skipped, len(doc.Suites))
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, ünïcode · 1.93x", "plain text, ünïcode · 1.93x"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b[2J\x1b[Hall checks passed", `\x1b[2J\x1b[Hall checks passed`},
		{"FAIL\rPASS", `FAIL\rPASS`},
		{"bell\a and backspace\b", `bell\a and backspace\b`},
		{"C1 \u009b31m", `C1 \u009b31m`},
		{"evil\u202eexe.go", `evil\u202eexe.go`},
		{"bad \xff byte", `bad \xff byte`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestLearnerTextCannotDriveTheTerminal: a panic message with escape
// sequences (clear the screen, print a fake verdict) is shown quoted in
// the human report, and kept exactly in the JSON.
func TestLearnerTextCannotDriveTheTerminal(t *testing.T) {
	r := sample()
	evil := "a goroutine panicked: \x1b[2J\x1b[H\x1b[32mPASS\x1b[0m all checks passed\r"
	r.Checks[3] = verdict.Check{Name: verdict.Correct, Status: verdict.Fail, MaxScore: 3, Message: evil, Details: "output \x1b]0;title\x07"}
	r.Notes = []string{"set aside \x1b[8mhidden.go"}
	r.Target = "students/\x1b[31mmallory/histogram"
	for _, o := range []TextOptions{{}, {Verbose: true}, {Color: true, Verbose: true}} {
		var b bytes.Buffer
		if err := Text(&b, r, o); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !o.Color && strings.ContainsAny(out, "\x1b\r\x07") {
			t.Errorf("%+v: control characters reached the terminal: %q", o, out)
		}
		if !strings.Contains(out, `\x1b[2J`) || !strings.Contains(out, `\r`) {
			t.Errorf("%+v: the message is not shown quoted: %q", o, out)
		}
		if o.Color && strings.Contains(out, "\x1b[2J") {
			t.Errorf("a learner's escape sequence survived in the coloured report")
		}
	}
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back verdict.Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Check(verdict.Correct).Message != evil {
		t.Errorf("JSON changed the exact text: %q", back.Check(verdict.Correct).Message)
	}
}
