package report

import (
	"strings"
	"testing"
)

func TestCheckGradescope(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []string // substrings of the error; none: valid
	}{
		{"the specification's example", `{"score": 44.0, "execution_time": 136, "output": "Text", "output_format": "simple_format",
			"test_output_format": "text", "test_name_format": "text", "visibility": "after_due_date", "stdout_visibility": "visible",
			"extra_data": {}, "tests": [{"score": 2.0, "max_score": 2.0, "status": "passed", "name": "Your name here",
			"name_format": "text", "number": "1.1", "output": "Giant", "output_format": "text", "tags": ["tag1", "tag2"],
			"visibility": "visible", "extra_data": {}}],
			"leaderboard": [{"name": "Accuracy", "value": 0.926}, {"name": "Time", "value": 15.1, "order": "asc"}, {"name": "Stars", "value": "*****"}]}`, nil},
		{"scores on the tests only", `{"tests": [{"name": "Compilation check", "status": "passed", "score": 0}]}`, nil},
		{"not an object", `[1, 2]`, []string{"not a JSON object"}},
		{"no score, no tests", `{"output": "x"}`, []string{"neither a top-level score nor tests"}},
		{"a field the specification lacks", `{"score": 1, "max_score": 2}`, []string{"max_score is not a field"}},
		{"a score as a string", `{"score": "8"}`, []string{`score is "8", want a number`}},
		{"a negative run time", `{"score": 1, "execution_time": -1}`, []string{"execution_time is -1"}},
		{"an unknown status", `{"score": 1, "tests": [{"score": 0, "status": "skipped"}]}`, []string{`tests[0].status is "skipped"`}},
		{"an unknown visibility", `{"score": 1, "visibility": "public"}`, []string{`visibility is "public"`}},
		{"an unknown format", `{"score": 1, "tests": [{"score": 1, "output_format": "markdown"}]}`, []string{`tests[0].output_format is "markdown"`}},
		{"a number as a number", `{"score": 1, "tests": [{"score": 1, "number": 1}]}`, []string{"tests[0].number is 1, want a string"}},
		{"tags not strings", `{"score": 1, "tests": [{"score": 1, "tags": [1]}]}`, []string{"tests[0].tags"}},
		{"a test without a score", `{"tests": [{"name": "a", "score": 1}, {"name": "b"}]}`, []string{"tests[1].score is missing"}},
		{"a test that is not an object", `{"score": 1, "tests": ["a"]}`, []string{"tests[0] is not an object"}},
		{"a leaderboard entry without value", `{"score": 1, "leaderboard": [{"name": "x", "order": "up"}]}`,
			[]string{"leaderboard[0].value is missing", `leaderboard[0].order is "up"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckGradescope([]byte(tc.doc))
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("valid results.json rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted, want an error saying %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
