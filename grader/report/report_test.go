package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
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
		Speedup: &verdict.Speedup{Workers: 2, Speedup: 1.93, SpeedupLow: 1.85, SpeedupHigh: 2.01, Required: 1.49, Calibration: 1.97,
			SelfSpeedup: 2.01, SelfSpeedupLow: 1.9, SelfSpeedupHigh: 2.05, Reps: 5,
			Rows: []verdict.SpeedupRow{{Workers: 1, Median: 11620 * time.Microsecond, Speedup: 0.95, SpeedupLow: 0.9, SpeedupHigh: 0.97, Efficiency: 0.95},
				{Workers: 2, Median: 5620 * time.Microsecond, Speedup: 1.93, SpeedupLow: 1.85, SpeedupHigh: 2.01, Efficiency: 0.97}}},
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
