package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/report"
	"parlab/grader/verdict"
)

// savedResult writes a failing histogram result as `grade exercise --json`
// would, or a set of them as `grade all --format json`, and returns the
// file.
func savedResult(t *testing.T, set bool) string {
	t.Helper()
	r := &verdict.Result{Exercise: "histogram", Target: "exercises/histogram", Checks: []verdict.Check{
		{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1, Message: "the package compiles"},
		{Name: verdict.Started, Status: verdict.Fail, MaxScore: 1, Message: "TODO left"},
	}}
	r.Tally()
	var b bytes.Buffer
	if err := report.Write(&b, []*verdict.Result{r}, report.Options{Format: report.FormatJSON, Set: set}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "result.json")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestReportRendersASavedResult: grade report renders a saved result, one
// or a set, in every format, with the exit status of the grade.
func TestReportRendersASavedResult(t *testing.T) {
	for _, tc := range []struct {
		format string
		set    bool
		want   string
	}{
		{"text", false, "not started yet"},
		{"human", true, "EXERCISE"},
		{"json", false, `"version": 1`},
		{"json", true, "[\n"},
		{"junit", false, "<testsuites"},
		{"gradescope", true, `"tests"`},
	} {
		out, _, err := runGrade(t, "report", savedResult(t, tc.set), "--format", tc.format)
		var o outcome
		if !errors.As(err, &o) || o.code != 1 || !strings.Contains(out, tc.want) {
			t.Errorf("--format %s (set %v): err %v, want exit status 1 and %q in:\n%s", tc.format, tc.set, err, tc.want, out)
		}
	}
}

// TestReportRefusesWhatItCannotRead: an unknown format names the valid
// ones; a result of a newer schema says to update parlab.
func TestReportRefusesWhatItCannotRead(t *testing.T) {
	file := savedResult(t, false)
	_, _, err := runGrade(t, "report", file, "--format", "yaml")
	if err == nil || !strings.Contains(err.Error(), "junit, gradescope") {
		t.Errorf("--format yaml: err %v, want one naming the formats", err)
	}
	data, _ := os.ReadFile(file)
	if err := os.WriteFile(file, bytes.Replace(data, []byte(`"version": 1`), []byte(`"version": 9`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runGrade(t, "report", file)
	var o outcome
	if err == nil || errors.As(err, &o) || !strings.Contains(err.Error(), "update parlab") {
		t.Errorf("a newer version: err %v, want a grader error saying to update parlab", err)
	}
	if _, _, err := runGrade(t, "report"); err == nil {
		t.Error("report without a file did not fail")
	}
}
