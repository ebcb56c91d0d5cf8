package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// fakeGrades makes gradeFn score each student by their name's length, so
// that every grading of a student gives the same result, without
// building anything.
func fakeGrades(t *testing.T) {
	t.Helper()
	saved := gradeFn
	t.Cleanup(func() { gradeFn = saved })
	gradeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		student := filepath.Base(filepath.Dir(opts.Dir))
		r := &verdict.Result{Exercise: spec.Name, Checks: []verdict.Check{
			{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1},
			{Name: verdict.Correct, Status: verdict.Pass, MaxScore: 10},
		}}
		if len(student)%2 == 1 {
			r.Checks[1].Status, r.Checks[1].Message = verdict.Fail, "wrong at index 3"
		}
		r.Tally()
		return r, nil
	}
}

func fakeClass(t *testing.T, students ...string) string {
	t.Helper()
	class := t.TempDir()
	for _, s := range students {
		if err := os.MkdirAll(filepath.Join(class, s, "histogram"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return class
}

// TestShardsMergeIntoTheWholeClass: a class graded in two shards with
// one exercise and merged (no exercise given to the merge) has the
// gradebook of the class graded at once, byte for byte, with that one
// exercise's column; a shard merged with itself is refused, and an empty
// shard is noted.
func TestShardsMergeIntoTheWholeClass(t *testing.T) {
	fakeGrades(t)
	spec, _ := exercise.Lookup("histogram")
	specs := []exercise.Spec{spec}
	class, tmp := fakeClass(t, "alice", "bob", "carol", "dave", "eve"), t.TempDir()
	var shards []string
	for k := 1; k <= 2; k++ {
		out := filepath.Join(tmp, "shard", string(rune('0'+k)))
		if _, err := Run(context.Background(), Config{Root: class, Out: out, Exercises: specs, Shard: Shard{K: k, N: 2}}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, out)
	}
	merged := filepath.Join(tmp, "merged")
	book, notes, err := Merge(MergeConfig{Out: merged, Shards: shards})
	if err != nil || len(notes) != 0 || len(book.Students) != 5 {
		t.Fatalf("merge: %d students, notes %q, err %v", len(book.Students), notes, err)
	}
	whole := filepath.Join(tmp, "whole")
	if _, err := Run(context.Background(), Config{Root: class, Out: whole, Exercises: specs}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{GradesFile, ReportFile} {
		if a, b := mustRead(t, filepath.Join(merged, f)), mustRead(t, filepath.Join(whole, f)); !bytes.Equal(a, b) {
			t.Errorf("the merged shards' %s differs from the whole class's", f)
		}
	}
	if header, _, _ := strings.Cut(string(mustRead(t, filepath.Join(merged, GradesFile))), "\n"); header != "student,histogram,total,max,percent,note,max histogram" {
		t.Errorf("the merged book's columns are %q, want histogram's alone", header)
	}
	if _, _, err := Merge(MergeConfig{Out: filepath.Join(tmp, "x"), Shards: []string{shards[0], shards[0]}}); err == nil || !strings.Contains(err.Error(), "must not overlap") {
		t.Errorf("a shard merged with itself: err %v", err)
	}
	if _, notes, _ := Merge(MergeConfig{Out: filepath.Join(tmp, "y"), Shards: []string{t.TempDir()}, Partial: true}); len(notes) != 2 || !strings.Contains(notes[0], "holds no student records") {
		t.Errorf("an empty shard was not noted: %q", notes)
	}
}

// TestRecordsCarryTheirVersion: records are written with the schema
// version; one from a newer parlab stops a resume and a merge instead of
// being overwritten or passed over.
func TestRecordsCarryTheirVersion(t *testing.T) {
	fakeGrades(t)
	spec, _ := exercise.Lookup("histogram")
	cfg := Config{Root: fakeClass(t, "alice"), Out: t.TempDir(), Exercises: []exercise.Spec{spec}}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(cfg.Out, FileName("alice"))
	data := mustRead(t, file)
	if !bytes.Contains(data, []byte(`"version": 1,`)) {
		t.Fatalf("the record has no version:\n%s", data)
	}
	if err := os.WriteFile(file, bytes.Replace(data, []byte(`"version": 1,`), []byte(`"version": 2,`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "update parlab") {
		t.Errorf("resuming over a newer record: err %v, want one saying to update parlab", err)
	}
	if _, _, err := Merge(MergeConfig{Out: t.TempDir(), Shards: []string{cfg.Out}}); err == nil || !strings.Contains(err.Error(), "update parlab") {
		t.Errorf("merging a newer record: err %v, want one saying to update parlab", err)
	}
	// A record written before versions existed is version 1.
	if err := os.WriteFile(file, bytes.Replace(data, []byte(`"version": 1,`), nil, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if recs, err := LoadRecords(cfg.Out); err != nil || len(recs) != 1 {
		t.Errorf("a record without a version: %d records, err %v", len(recs), err)
	}
}

// gradeShards grades class in n shards with specs, into tmp/shard/K.
func gradeShards(t *testing.T, class, tmp string, n int, specs []exercise.Spec) []string {
	t.Helper()
	var shards []string
	for k := 1; k <= n; k++ {
		out := filepath.Join(tmp, "shard", string(rune('0'+k)))
		if _, err := Run(context.Background(), Config{Root: class, Out: out, Exercises: specs, Shard: Shard{K: k, N: n}}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, out)
	}
	return shards
}

func specsOf(t *testing.T, names ...string) []exercise.Spec {
	t.Helper()
	specs, err := exercise.Select(names)
	if err != nil {
		t.Fatal(err)
	}
	return specs
}

// TestMergeRefusesShardsGradedDifferently: shards graded with other
// exercises, or other points, are refused with their names; so is an
// --exercise other than what they graded.
func TestMergeRefusesShardsGradedDifferently(t *testing.T) {
	fakeGrades(t)
	class, tmp := fakeClass(t, "alice", "bob", "carol", "dave", "eve"), t.TempDir()
	for _, s := range []string{"alice", "bob", "carol", "dave", "eve"} {
		os.MkdirAll(filepath.Join(class, s, "mergesort"), 0o755)
	}
	one := gradeShards(t, class, filepath.Join(tmp, "a"), 2, specsOf(t, "histogram"))
	two := gradeShards(t, class, filepath.Join(tmp, "b"), 2, specsOf(t, "histogram", "mergesort"))
	_, _, err := Merge(MergeConfig{Out: filepath.Join(tmp, "x"), Shards: []string{one[0], two[1]}})
	if err == nil || !strings.Contains(err.Error(), "graded differently") || !strings.Contains(err.Error(), one[0]) || !strings.Contains(err.Error(), two[1]) {
		t.Errorf("shards graded with other exercises: err %v, want one naming both", err)
	}
	// The same exercise worth other points (an older parlab's table).
	m, err := ReadManifest(one[1])
	if err != nil {
		t.Fatal(err)
	}
	m.Points["histogram"][verdict.Correct] = 7
	if err := writeManifest(one[1], m); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Merge(MergeConfig{Out: filepath.Join(tmp, "y"), Shards: one}); err == nil || !strings.Contains(err.Error(), "correct 7") {
		t.Errorf("shards graded with other points: err %v", err)
	}
	if _, _, err := Merge(MergeConfig{Out: filepath.Join(tmp, "z"), Shards: two, Exercises: specsOf(t, "histogram")}); err == nil || !strings.Contains(err.Error(), "--exercise") {
		t.Errorf("--exercise other than the shards': err %v", err)
	}
}

// TestMergeRefusesAnIncompleteShard: a shard whose grading stopped half
// way (or is still running), a shard missing from its K/N set, and a
// shard that lost a record are refused; --partial merges them into a
// book that says it is partial, in grades.csv and report.html.
func TestMergeRefusesAnIncompleteShard(t *testing.T) {
	fakeGrades(t)
	students := []string{"alice", "bob", "carol", "dave", "eve", "frank", "grace"}
	class, tmp := fakeClass(t, students...), t.TempDir()
	specs := specsOf(t, "histogram")
	shards := gradeShards(t, class, tmp, 2, specs)
	// Shard 2 graded again, stopped after its first student.
	os.RemoveAll(shards[1])
	ctx, stop := context.WithCancel(context.Background())
	graded := gradeFn
	gradeFn = func(c context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		defer stop()
		return graded(c, spec, opts)
	}
	if _, err := Run(ctx, Config{Root: class, Out: shards[1], Exercises: specs, Shard: Shard{K: 2, N: 2}, Jobs: 1}); err == nil {
		t.Fatal("the stopped run did not say so")
	}
	gradeFn = graded
	out := filepath.Join(tmp, "merged")
	_, _, err := Merge(MergeConfig{Out: out, Shards: shards})
	if err == nil || !strings.Contains(err.Error(), "still being graded") || !strings.Contains(err.Error(), "--partial") {
		t.Fatalf("a shard still grading: err %v", err)
	}
	if _, _, err := Merge(MergeConfig{Out: out, Shards: shards[:1]}); err == nil || !strings.Contains(err.Error(), "shard 2/2 is not among") {
		t.Errorf("a missing shard: err %v", err)
	}
	book, notes, err := Merge(MergeConfig{Out: out, Shards: shards, Partial: true})
	if err != nil || book.Partial == "" || len(notes) == 0 {
		t.Fatalf("--partial: err %v, partial %q, notes %q", err, book.Partial, notes)
	}
	csv := string(mustRead(t, filepath.Join(out, GradesFile)))
	if lines := strings.Split(csv, "\n"); !strings.HasPrefix(lines[1], ",,,,,") || !strings.Contains(lines[1], "PARTIAL gradebook: merged from incomplete shards") {
		t.Errorf("the partial book's grades.csv does not say so first:\n%s", csv)
	}
	if page := string(mustRead(t, filepath.Join(out, ReportFile))); !strings.Contains(page, `id="partial"`) || !strings.Contains(page, "still being graded") {
		t.Error("the partial book's report.html does not say so")
	}
	// A complete shard that lost a record.
	gradeShards(t, class, tmp, 2, specs)
	recs, err := LoadRecords(shards[0])
	if err != nil || len(recs) == 0 {
		t.Fatalf("shard 1 has %d records: %v", len(recs), err)
	}
	os.Remove(filepath.Join(shards[0], FileName(recs[0].Student)))
	if _, _, err := Merge(MergeConfig{Out: filepath.Join(tmp, "m2"), Shards: shards}); err == nil || !strings.Contains(err.Error(), "lacks the records") {
		t.Errorf("a shard without one of its records: err %v", err)
	}
}

// TestAFolderKeepsItsExercises: a gradebook graded with one exercise is
// not resumed with others (its records would not fit the columns), and
// a remeasure without --exercise keeps its columns.
func TestAFolderKeepsItsExercises(t *testing.T) {
	fakeGrades(t)
	class, out := fakeClass(t, "alice", "bob"), t.TempDir()
	cfg := Config{Root: class, Out: out, Exercises: specsOf(t, "histogram")}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	other := cfg
	other.Exercises = specsOf(t, "histogram", "mergesort")
	if _, err := Run(context.Background(), other); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("resumed with other exercises: err %v", err)
	}
	if _, err := Remeasure(context.Background(), Config{Out: out}); err != nil {
		t.Fatal(err)
	}
	if header, _, _ := strings.Cut(string(mustRead(t, filepath.Join(out, GradesFile))), "\n"); header != "student,histogram,total,max,percent,note,max histogram" {
		t.Errorf("a remeasure without exercises rewrote the columns: %q", header)
	}
	other.Force = true
	if _, err := Run(context.Background(), other); err != nil {
		t.Errorf("--force: %v", err)
	}
}
