package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"parlab/grader/verdict"
)

// gradescopeResults is Gradescope's autograder results.json: the total
// score, the run time in seconds, a text shown above the tests, and one
// test per check with its score, maximum, status ("passed" or "failed"),
// output and visibility.
type gradescopeResults struct {
	Score           float64          `json:"score"`
	MaxScore        float64          `json:"max_score"`
	ExecutionTime   float64          `json:"execution_time"`
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
	Status       string  `json:"status"`
	Output       string  `json:"output"`
	OutputFormat string  `json:"output_format"`
	Visibility   string  `json:"visibility"`
}

// Gradescope writes r as Gradescope's results.json. A skipped check is a
// failed test worth nothing, with the reason as its output.
func Gradescope(w io.Writer, r *verdict.Result) error {
	out := gradescopeResults{
		Score: float64(r.Score), MaxScore: float64(r.MaxScore), ExecutionTime: r.Duration.Seconds(),
		OutputFormat: "text", StdoutVisible: "hidden", Visibility: "visible",
		Output: summaryLine(r),
	}
	for i, c := range r.Checks {
		status := "failed"
		if c.Status == verdict.Pass {
			status = "passed"
		}
		text := fmt.Sprintf("%s: %s", c.Status, c.Message)
		if c.Hint != "" && c.Status != verdict.Pass {
			text += "\n\nHint: " + c.Hint
		}
		out.Tests = append(out.Tests, gradescopeTest{
			Name: fmt.Sprintf("%s: %s", r.Exercise, c.Name), Number: fmt.Sprintf("%d", i+1),
			Score: float64(c.Score), MaxScore: float64(c.MaxScore), Status: status,
			Output: text, OutputFormat: "text", Visibility: "visible",
		})
	}
	if r.Speedup != nil {
		out.GradescopeExtra = map[string]any{"speedup": r.Speedup}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// summaryLine is the one-line outcome shown above the tests.
func summaryLine(r *verdict.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "parlab %s: %d/%d", r.Exercise, r.Score, r.MaxScore)
	if f := r.FirstFailure(); f != nil {
		fmt.Fprintf(&b, ", first failing check: %s", f.Name)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\nnote: %s", n)
	}
	return b.String()
}
