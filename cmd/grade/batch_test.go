package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"parlab/grader/batch"
)

// makeClass lays out three students: two good answers and a racy one.
func makeClass(t *testing.T) string {
	t.Helper()
	class := t.TempDir()
	for student, from := range map[string]string{
		"alice": "../../solutions/histogram", "bob": "../../grader/testdata/histogram/racy", "carol": "../../solutions/histogram",
	} {
		dir := filepath.Join(class, student, "histogram")
		os.MkdirAll(dir, 0o755)
		data, err := os.ReadFile(filepath.Join(from, "histogram.go"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "histogram.go"), data, 0o644)
	}
	return class
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

var rowRE = regexp.MustCompile(`<tr data-student="([^"]+)">.*?<td class="total">(\d+)</td><td class="percent">([0-9.]+)</td>`)

// TestBatchShardMergeAndReport grades a class in two shards, merges them,
// and checks that report.html says what grades.csv says, without fetching
// anything.
func TestBatchShardMergeAndReport(t *testing.T) {
	if testing.Short() {
		t.Skip("grades submissions")
	}
	class, tmp := makeClass(t), t.TempDir()
	var shards []string
	for _, k := range []string{"1/2", "2/2"} {
		out := filepath.Join(tmp, "shard"+k[:1])
		shards = append(shards, out)
		if _, stderr, err := runGrade(t, "batch", class, "--out", out, "--exercise", "histogram", "--shard", k, "--no-speedup"); err != nil {
			t.Fatalf("shard %s: %v\n%s", k, err, stderr)
		}
	}
	merged := filepath.Join(tmp, "all")
	out, _, err := runGrade(t, append([]string{"merge", "--out", merged, "--exercise", "histogram"}, shards...)...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "3 students") || !strings.Contains(out, "pass rate") {
		t.Errorf("merge summary:\n%s", out)
	}
	rows := readCSV(t, filepath.Join(merged, "grades.csv"))
	if len(rows) != 4 {
		t.Fatalf("merged grades.csv has %d rows, want a header and 3 students: %q", len(rows), rows)
	}
	// The same class in one batch gets the same grades, bob's racy
	// submission included (issue 16: a race withholds correct's points
	// whatever the scheduling did to the answers).
	whole := filepath.Join(tmp, "whole")
	if _, stderr, err := runGrade(t, "batch", class, "--out", whole, "--exercise", "histogram", "--no-speedup"); err != nil {
		t.Fatalf("one batch: %v\n%s", err, stderr)
	}
	for i, r := range readCSV(t, filepath.Join(whole, "grades.csv")) {
		if i >= len(rows) || !slices.Equal(r[:5], rows[i][:5]) {
			t.Errorf("one batch's grades.csv row %d is %q; the merged shards' is %q", i, r, rows[min(i, len(rows)-1)])
		}
	}
	page, err := os.ReadFile(filepath.Join(merged, batch.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	found := map[string][2]string{}
	for _, m := range rowRE.FindAllStringSubmatch(html, -1) {
		found[m[1]] = [2]string{m[2], m[3]}
	}
	for _, r := range rows[1:] { // student, histogram, total, max, percent, note
		if got := found[r[0]]; got != [2]string{r[2], r[4]} {
			t.Errorf("the page shows %s with total %s, percent %s; grades.csv says %s, %s", r[0], got[0], got[1], r[2], r[4])
		}
	}
	for _, banned := range []string{"<link", "src=", "@import", "url("} {
		if strings.Contains(html, banned) {
			t.Errorf("report.html refers to an outside file (%q): it must be self-contained", banned)
		}
	}
	for _, want := range []string{`id="chart-distribution"`, `id="chart-passrates"`, "<svg", `href="bob.json"`} {
		if !strings.Contains(html, want) {
			t.Errorf("report.html lacks %s", want)
		}
	}
	// Overlapping shards are refused.
	if _, _, err := runGrade(t, "merge", "--out", filepath.Join(tmp, "x"), shards[0], shards[0]); err == nil {
		t.Error("merging a shard with itself was accepted")
	}
}
