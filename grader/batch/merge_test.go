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
	if header, _, _ := strings.Cut(string(mustRead(t, filepath.Join(merged, GradesFile))), "\n"); header != "student,histogram,total,max,percent,note" {
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
