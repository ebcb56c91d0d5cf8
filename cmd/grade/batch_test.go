package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"parlab/grader/class/batch"
)

// makeClass lays out three students: a good answer, a racy one and an
// untouched stub (the cheapest to grade).
func makeClass(t *testing.T) string {
	t.Helper()
	class := t.TempDir()
	for student, from := range map[string]string{
		"alice": "../../solutions/histogram", "bob": "../../grader/testdata/histogram/racy", "carol": "../../exercises/histogram",
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

var rowRE = regexp.MustCompile(`(?s)<tr data-student="([^"]+)">.*?<td class="total">(\d+)</td><td class="percent">([0-9.]+)</td>`)

// TestBatchShardMergeAndReport grades a class in two shards with the
// grade command, merges them, and checks that report.html says what
// grades.csv says, without fetching anything. (That merged shards equal
// one batch of the class is grader/class/batch's TestShardsMergeIntoTheWholeClass.)
func TestBatchShardMergeAndReport(t *testing.T) {
	if testing.Short() {
		t.Skip("grades submissions")
	}
	t.Parallel()
	class, tmp := makeClass(t), t.TempDir()
	// The shards run at once, as array tasks would.
	shards := []string{filepath.Join(tmp, "shard1"), filepath.Join(tmp, "shard2")}
	var wg sync.WaitGroup
	runs := make([]result, len(shards))
	for i, out := range shards {
		wg.Go(func() {
			runs[i] = runBinary(t, nil, "batch", class, "--out", out, "--exercise", "histogram", "--shard", fmt.Sprintf("%d/2", i+1), "--no-speedup")
		})
	}
	wg.Wait()
	for i, r := range runs {
		if r.code != 0 {
			t.Fatalf("shard %d/2: exit status %d\n%s", i+1, r.code, r.stderr)
		}
	}
	merged := filepath.Join(tmp, "all")
	// No --exercise: the merge takes the shards' own (issue 28: it added
	// every other exercise as 0 points).
	r := runBinary(t, nil, append([]string{"merge", "--out", merged}, shards...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "3 students") || !strings.Contains(r.stdout, "pass rate") {
		t.Errorf("merge: exit status %d, summary:\n%s%s", r.code, r.stdout, r.stderr)
	}
	rows := readCSV(t, filepath.Join(merged, "grades.csv"))
	if strings.Join(rows[0], ",") != "student,histogram,total,max,percent,note,max histogram" {
		t.Errorf("the merged columns are %q, want histogram's alone", rows[0])
	}
	if len(rows) != 4 {
		t.Fatalf("merged grades.csv has %d rows, want a header and 3 students: %q", len(rows), rows)
	}
	page, err := os.ReadFile(filepath.Join(merged, batch.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, string(page), rows)
	// Overlapping shards are refused.
	if r := runBinary(t, nil, "merge", "--out", filepath.Join(tmp, "x"), shards[0], shards[0]); r.code != 2 {
		t.Errorf("merging a shard with itself: exit status %d, want 2", r.code)
	}
}

// checkPage checks that report.html shows grades.csv's totals and is
// self-contained.
func checkPage(t *testing.T, html string, rows [][]string) {
	t.Helper()
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
}
