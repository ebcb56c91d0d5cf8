package report

import (
	"bytes"
	"encoding/json"
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
		Phases: []verdict.Phase{{Name: verdict.PhaseBuild, Duration: 1800 * time.Millisecond},
			{Name: verdict.PhaseRace, Duration: 1250 * time.Millisecond}, {Name: verdict.PhaseTiming, Duration: 4 * time.Millisecond}},
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
	if err := CheckGradescope(b.Bytes()); err != nil {
		t.Errorf("results.json departs from Gradescope's specification:\n%v", err)
	}
	var doc struct {
		Score float64
		Tests []struct{ Score float64 }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tests) != 8 {
		t.Fatalf("%d tests, want one per check (8)", len(doc.Tests))
	}
	sum := 0.0
	for _, tc := range doc.Tests {
		sum += tc.Score
	}
	if sum != doc.Score {
		t.Errorf("the tests' scores add up to %v, the total is %v", sum, doc.Score)
	}
}
