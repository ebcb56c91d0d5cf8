package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeAnswer puts the corpus answer from (grader/class/similarity/testdata)
// in the class as student's histogram.
func writeAnswer(t *testing.T, class, student, from string) {
	t.Helper()
	data := mustRead(t, filepath.Join("..", "similarity", "testdata", "histogram", from, "histogram.go"))
	if err := os.WriteFile(filepath.Join(class, student, "histogram", "histogram.go"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBatchFlagsSimilarCode: a graded class's similarity.csv holds the
// copied pair (and the model answer's copy) and no independent pair, its
// report.html shows them, the grades are those of a batch without the
// comparison, and merged shards compare the same class to the same
// result, byte for byte.
func TestBatchFlagsSimilarCode(t *testing.T) {
	fakeGrades(t)
	class, tmp := fakeClass(t, "alice", "bob", "carol", "dave", "eve"), t.TempDir()
	writeAnswer(t, class, "alice", "indep-04")
	writeAnswer(t, class, "bob", "copy-04-renamed")
	writeAnswer(t, class, "carol", "indep-09")
	writeAnswer(t, class, "dave", "copy-model-renamed")
	writeAnswer(t, class, "eve", "indep-02")
	specs := specsOf(t, "histogram")
	project, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	sim := SimilarityConfig{Project: project}
	whole := filepath.Join(tmp, "whole")
	if _, err := Run(context.Background(), Config{Root: class, Out: whole, Exercises: specs, Similarity: sim}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(mustRead(t, filepath.Join(whole, SimilarityFile)))), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "histogram,alice,bob,") || !strings.HasPrefix(lines[2], "histogram,dave,solutions/histogram,") {
		t.Errorf("similarity.csv should hold alice~bob and dave~the model answer alone:\n%s", strings.Join(lines, "\n"))
	}
	page := string(mustRead(t, filepath.Join(whole, ReportFile)))
	if !strings.Contains(page, `id="similarity"`) || !strings.Contains(page, "alice ~ bob") {
		t.Error("report.html does not show the similar pair")
	}
	off := filepath.Join(tmp, "off")
	if _, err := Run(context.Background(), Config{Root: class, Out: off, Exercises: specs, Similarity: SimilarityConfig{Off: true}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(whole, GradesFile)), mustRead(t, filepath.Join(off, GradesFile))) {
		t.Error("comparing the code changed grades.csv")
	}
	shards := gradeShards(t, class, tmp, 2, specs)
	if _, err := os.Stat(filepath.Join(shards[0], SimilarityFile)); err == nil {
		t.Error("a shard compared its part of the class alone")
	}
	merged := filepath.Join(tmp, "merged")
	if _, _, err := Merge(MergeConfig{Out: merged, Shards: shards, Similarity: sim}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{GradesFile, ReportFile, SimilarityFile} {
		if !bytes.Equal(mustRead(t, filepath.Join(merged, f)), mustRead(t, filepath.Join(whole, f))) {
			t.Errorf("the merged shards' %s differs from the whole class's", f)
		}
	}
}

// TestSimilarLeavesOutWhatItCannotRead: a submission with more Go code
// than any answer needs, and a .go file that is a link, are left out of
// the comparison with a note; the others are still compared.
func TestSimilarLeavesOutWhatItCannotRead(t *testing.T) {
	class := fakeClass(t, "alice", "bob", "mallory", "trudy")
	writeAnswer(t, class, "alice", "indep-04")
	writeAnswer(t, class, "bob", "copy-04-renamed")
	big := bytes.Repeat([]byte("// padding\n"), 80_000) // under the 1 MiB a file, over the 4 MiB in all
	for i := range 5 {
		name := filepath.Join(class, "mallory", "histogram", string(rune('a'+i))+".go")
		if err := os.WriteFile(name, append([]byte("package histogram\n"), big...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	alice, _ := filepath.Abs(filepath.Join(class, "alice", "histogram", "histogram.go"))
	if err := os.Symlink(alice, filepath.Join(class, "trudy", "histogram", "histogram.go")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	sim, err := Similar(class, nil, specsOf(t, "histogram"), SimilarityConfig{})
	if err != nil {
		t.Fatal(err)
	}
	e := sim.Exercises[0]
	if e.Participants != 2 || len(e.Pairs) != 1 || e.Pairs[0].A != "alice" || e.Pairs[0].B != "bob" {
		t.Errorf("%d participants, pairs %+v; want alice and bob alone, as a pair", e.Participants, e.Pairs)
	}
	if len(sim.Notes) != 1 || !strings.Contains(sim.Notes[0], "mallory left out: more than 4 MiB") {
		t.Errorf("notes %q", sim.Notes)
	}
}
