package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"parlab/grader/verdict"
	"parlab/internal/golden"
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
		Speedup: &verdict.Speedup{Workers: 2, Speedup: 1.93, SpeedupLow: 1.85, SpeedupHigh: 2.01, Required: 1.49, SelfRequired: 1.25, Calibration: 1.97,
			SelfSpeedup: 2.01, SelfSpeedupLow: 1.9, SelfSpeedupHigh: 2.05, Reps: 5,
			Rows: []verdict.SpeedupRow{{Workers: 1, Median: 11620 * time.Microsecond, Speedup: 0.95, SpeedupLow: 0.9, SpeedupHigh: 0.97, Efficiency: 0.95},
				{Workers: 2, Median: 5620 * time.Microsecond, Speedup: 1.93, SpeedupLow: 1.85, SpeedupHigh: 2.01, Efficiency: 0.97, KarpFlatt: ptr(0.04)}}},
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
		{"line\u2028separator\u2029too", `line\u2028separator\u2029too`},
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

func ptr(x float64) *float64 { return &x }

// TestHeadlineSeparatesJudgedFromNotJudged: a faster check the machine
// left unjudged is not "all checks passed" (issue 29), and an untouched
// stub scores 0.
func TestHeadlineSeparatesJudgedFromNotJudged(t *testing.T) {
	passed := func() *verdict.Result {
		r := sample()
		r.Check(verdict.RaceFree).Status = verdict.Pass
		f := r.Check(verdict.Faster)
		f.Message, f.Unjudged = "this machine delivered only 1.10x on 2 cores: it is too busy to judge a speedup. Run again when it is quieter", true
		return r
	}
	excluded := passed()
	excluded.ApplySkipPolicy(verdict.SkipPolicy{Mode: verdict.SkipExclude})
	zero := passed()
	zero.ApplySkipPolicy(verdict.SkipPolicy{Mode: verdict.SkipZero})
	oneCore := passed()
	oneCore.Check(verdict.Faster).Message = "only one core is usable here, so no speedup can be measured"
	oneCore.ApplySkipPolicy(verdict.SkipPolicy{Mode: verdict.SkipExclude})
	stub := sample()
	for i := range stub.Checks {
		if c := &stub.Checks[i]; c.Name != verdict.Builds && c.Name != verdict.Honest {
			c.Status = verdict.Skip
		}
	}
	stub.Check(verdict.Started).Status = verdict.Fail
	stub.Tally()
	for _, tc := range []struct {
		name string
		r    *verdict.Result
		want string
	}{
		{"exclude", excluded, "score 9/9 judged (100%)  ·  faster not judged: 2 points pending, run again on a quieter machine"},
		{"zero", zero, "score 9/11 judged (82%)  ·  faster not judged: scored 0 under the skip policy, run again on a quieter machine"},
		{"one core", oneCore, "faster not judged: 2 points pending, this machine has one usable core"},
		{"stub", stub, "score 0/11 (0%)  ·  not started yet"},
	} {
		var b bytes.Buffer
		if err := Text(&b, tc.r, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		last := strings.TrimSpace(b.String()[strings.LastIndex(strings.TrimRight(b.String(), "\n"), "\n"):])
		if !strings.Contains(last, tc.want) || strings.Contains(last, "all checks passed") {
			t.Errorf("%s: headline %q, want it to hold %q", tc.name, last, tc.want)
		}
	}
}

// TestHeadlineNamesWhereThePointsWent: when the first failing check is
// worth nothing (racefix's race-free, whose points are its stories'), the
// headline names the failing checks that are worth points; otherwise the
// first failing check.
func TestHeadlineNamesWhereThePointsWent(t *testing.T) {
	r := &verdict.Result{Exercise: "racefix", Checks: []verdict.Check{
		{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1},
		{Name: verdict.RaceFree, Status: verdict.Fail, Message: "2 different data races"},
		{Name: "counter", Status: verdict.Fail, MaxScore: 2},
		{Name: "bank", Status: verdict.Pass, MaxScore: 3},
		{Name: "word-count", Status: verdict.Fail, MaxScore: 2},
	}}
	r.Tally()
	headline := func() string {
		var b bytes.Buffer
		if err := Text(&b, r, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(b.String()[strings.LastIndex(strings.TrimRight(b.String(), "\n"), "\n"):])
	}
	if got := headline(); !strings.Contains(got, "failing: counter, word-count  ") {
		t.Errorf("headline %q, want the failing stories named", got)
	}
	r.Checks[1].MaxScore = 1
	if got := headline(); !strings.Contains(got, "failing: race-free  ") {
		t.Errorf("headline %q, want the first failing check named", got)
	}
}

// TestReadTakesABatchRecord: grade report renders a student's record of
// a batch (gradebook/STUDENT.json), every exercise in it (issue 29).
func TestReadTakesABatchRecord(t *testing.T) {
	var one bytes.Buffer
	if err := JSON(&one, sample()); err != nil {
		t.Fatal(err)
	}
	rec := `{"version":1,"student":"alice","exercises":{"histogram":` + one.String() + `},"graded_at":"2026-12-07T07:00:00Z"}`
	results, set, err := Read([]byte(rec))
	if err != nil || set || len(results) != 1 || results[0].Exercise != "histogram" || results[0].Score != sample().Score {
		t.Fatalf("read %d results (set %v), err %v", len(results), set, err)
	}
	if _, _, err := Read([]byte(`{"student":"bob","exercises":{},"problem":"a damaged archive"}`)); err == nil || !strings.Contains(err.Error(), "bob's batch record holds no graded exercise") {
		t.Errorf("an empty record: %v", err)
	}
}

// TestNoMessageLineStartsALine: a message that quotes the learner's text
// with line breaks of its own ("PASS  faster", "score 11/11") starts no
// line of the text report or of Gradescope's output, and a carriage
// return is escaped.
func TestNoMessageLineStartsALine(t *testing.T) {
	r := sample()
	forged := "oops\n  PASS  faster       2/2\n\nscore 11/11 (100%)\r  PASS  leak-free"
	r.Checks[3].Status, r.Checks[3].Message, r.Checks[3].Details = verdict.Fail, forged, forged
	r.Notes = append(r.Notes, forged)
	var text bytes.Buffer
	Text(&text, r, TextOptions{Verbose: true})
	var gs bytes.Buffer
	if err := Gradescope(&gs, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Output string
		Tests  []struct{ Output string }
	}
	if err := json.Unmarshal(gs.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{"text": text.String(), "gradescope summary": doc.Output}
	for i, tc := range doc.Tests {
		outputs["gradescope test "+string(rune('0'+i))] = tc.Output
	}
	for name, out := range outputs {
		if strings.Contains(out, "\r") {
			t.Errorf("%s: a carriage return reached the output", name)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "score 11/11") || strings.HasPrefix(line, "  PASS  faster       2/2") {
				t.Errorf("%s: the learner's text starts a line: %q", name, line)
			}
		}
	}
}
