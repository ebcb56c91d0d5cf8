package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"parlab/grader/class/similarity"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// hostileSimilarity is a comparison whose names and code try to break
// out of the page and into a spreadsheet.
func hostileSimilarity() *Similarity {
	code := []string{`	s := "</pre><script>alert(1)</script>"`, `	x := a < b && c > d`}
	return &Similarity{Exercises: []ExerciseSimilarity{{Exercise: "histogram", Above: 1, Result: similarity.Result{
		Participants: 3, Threshold: 0.35, Pairs: []similarity.Pair{{
			A: `<img src=x onerror=alert(2)>`, B: "=HYPERLINK(\"http://evil\")", Score: 0.9, ShareA: 0.8, ShareB: 1, Shared: 12,
			Regions: []similarity.Region{{A: similarity.Span{File: "histogram.go", Start: 3, End: 4, Lines: code},
				B: similarity.Span{File: "h.go", Start: 7, End: 8, Lines: code}, Tokens: 20}},
		}},
	}}}}
}

// TestSimilaritySectionIsEscaped: the similarity section shows the top
// pairs and their matched code side by side, every name and line
// HTML-escaped, and says that it is a flag, not a verdict.
func TestSimilaritySectionIsEscaped(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	var page bytes.Buffer
	if err := HTML(&page, Gradebook{Exercises: []exercise.Spec{spec}, Similarity: hostileSimilarity()}); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	for _, bad := range []string{"<script>alert", "<img src=x", "</pre><script>"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{`id="similarity"`, "&lt;script&gt;alert(1)&lt;/script&gt;", "a &lt; b &amp;&amp; c &gt; d", "never a verdict",
		`<mark class="m0">`, "histogram.go:3–4", "h.go:7–8", "90%"} {
		if !strings.Contains(html, want) {
			t.Errorf("the similarity section lacks %q", want)
		}
	}
}

// TestSimilarityCSVKeepsFormulasOut: a student folder named like a
// formula is written so that a spreadsheet shows it as text.
func TestSimilarityCSVKeepsFormulasOut(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(SimilarityCSV(*hostileSimilarity()))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, err %v", len(rows), err)
	}
	if got := strings.Join(rows[1][:7], ","); got != `histogram,<img src=x onerror=alert(2)>,'=HYPERLINK("http://evil"),0.900,0.800,1.000,12` {
		t.Errorf("row %q", got)
	}
	if rows[1][7] != "histogram.go:3-4 ~ h.go:7-8" {
		t.Errorf("regions %q", rows[1][7])
	}
}

// TestPendingAndPartialAreVisible: students whose faster check is
// pending are marked in the page and counted in both summaries with the
// command that finishes them; a partial book says so first in
// grades.csv, the page's header and the summary.
func TestPendingAndPartialAreVisible(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	res := &verdict.Result{Exercise: "histogram", Score: 9, MaxScore: 9}
	book := Gradebook{Exercises: []exercise.Spec{spec}, Partial: "shard 2/2 is not among the folders merged", Students: []Student{
		{Name: "alice", File: "alice.json", Results: map[string]*verdict.Result{"histogram": res}, Total: 9, Max: 9, Pending: []string{"histogram"}},
		{Name: "bob", File: "bob.json", Results: map[string]*verdict.Result{"histogram": res}, Total: 9, Max: 9},
	}}
	var page, text bytes.Buffer
	if err := HTML(&page, book); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	for _, want := range []string{`<tr data-student="alice" class="pending" title="speed check pending: histogram">`, `<tr data-student="bob">`,
		"Speed check pending for 1 students", RemeasureCommand, `id="partial"`, "shard 2/2 is not among", "(partial)</h1>"} {
		if !strings.Contains(html, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	ClassSummary(&text, book)
	for _, want := range []string{"speed check pending for 1 students", RemeasureCommand, PartialMark + "shard 2/2"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, text.String())
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(GradesCSV(book))).ReadAll()
	if err != nil || len(rows) != 4 || rows[1][0] != "" || rows[1][5] != PartialMark+book.Partial || rows[2][0] != "alice" {
		t.Errorf("grades.csv of a partial book: %q, err %v", rows, err)
	}
	book.Partial = ""
	if rows, _ := csv.NewReader(bytes.NewReader(GradesCSV(book))).ReadAll(); len(rows) != 3 {
		t.Errorf("a whole book has %d rows, want a header and 2 students", len(rows))
	}
}
