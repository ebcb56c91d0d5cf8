package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"parlab/grader/verdict"
)

// gradescopeResults is Gradescope's autograder results.json, with only
// the fields its specification documents (see CheckGradescope): the total
// score (the maximum is the assignment's points, set on Gradescope), the
// run time in whole seconds as in the specification's example, a text
// shown above the tests, and one test per check with its score, maximum,
// status ("passed" or "failed"), output and visibility.
type gradescopeResults struct {
	Score           float64          `json:"score"`
	ExecutionTime   int64            `json:"execution_time"`
	Output          string           `json:"output"`
	OutputFormat    string           `json:"output_format"`
	StdoutVisible   string           `json:"stdout_visibility"`
	Visibility      string           `json:"visibility"`
	Tests           []gradescopeTest `json:"tests"`
	GradescopeExtra map[string]any   `json:"extra_data,omitempty"`
}

type gradescopeTest struct {
	Name         string  `json:"name"`
	Number       string  `json:"number"`
	Score        float64 `json:"score"`
	MaxScore     float64 `json:"max_score"`
	Status       string  `json:"status,omitempty"`
	Output       string  `json:"output"`
	OutputFormat string  `json:"output_format"`
	Visibility   string  `json:"visibility"`
}

// Gradescope writes r as Gradescope's results.json. A skipped check is a
// failed test worth nothing, with the reason as its output; a check the
// machine could not judge whose points the skip policy excluded is a test
// worth 0 of 0 with no status (neither passed nor failed).
func Gradescope(w io.Writer, r *verdict.Result) error { return GradescopeAll(w, []*verdict.Result{r}) }

// GradescopeAll writes the results of several exercises (one assignment)
// as one results.json: the scores add up, the tests follow each other.
func GradescopeAll(w io.Writer, results []*verdict.Result) error {
	out := gradescopeResults{OutputFormat: "text", StdoutVisible: "hidden", Visibility: "visible"}
	var lines []string
	var took time.Duration
	for _, r := range results {
		out.Score += float64(r.Score)
		took += r.Duration
		lines = append(lines, summaryLine(r))
		addTests(&out, r)
	}
	out.ExecutionTime = int64(math.Ceil(took.Seconds()))
	out.Output = strings.Join(lines, "\n")
	if len(results) == 1 && results[0].Speedup != nil {
		out.GradescopeExtra = map[string]any{"speedup": results[0].Speedup}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func addTests(out *gradescopeResults, r *verdict.Result) {
	for _, c := range r.Checks {
		status := "failed"
		switch {
		case c.Status == verdict.Pass:
			status = "passed"
		case c.Unjudged && c.MaxScore == 0:
			status = "" // excluded: not a failure the learner caused
		}
		// A message can quote the learner's text: every line after its
		// first is indented, and control characters are escaped, so that
		// none passes for a line of the grader's own ("PASS  faster").
		text := fmt.Sprintf("%s: %s", c.Status, indent(Quote(c.Message), 4))
		if c.Hint != "" && c.Status != verdict.Pass {
			text += "\n\nHint: " + indent(Quote(c.Hint), 4)
		}
		out.Tests = append(out.Tests, gradescopeTest{
			Name: fmt.Sprintf("%s: %s", r.Exercise, c.Name), Number: fmt.Sprintf("%d", len(out.Tests)+1),
			Score: float64(c.Score), MaxScore: float64(c.MaxScore), Status: status,
			Output: text, OutputFormat: "text", Visibility: "visible",
		})
	}
}

// summaryLine is the one-line outcome shown above the tests.
func summaryLine(r *verdict.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "parlab %s: %d/%d", r.Exercise, r.Score, r.MaxScore)
	if f := r.FirstFailure(); f != nil {
		fmt.Fprintf(&b, ", first failing check: %s", f.Name)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\nnote: %s", indent(Quote(n), 6))
	}
	return b.String()
}
