package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestDiscoverAndExerciseDir(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"alice/histogram", "bob/exercises/mergesort", "carol/carol-work/histogram", ".git"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "dave.zip"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "erin.tar.gz"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "notes.txt"), nil, 0o644)
	subs, err := Discover(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range subs {
		got = append(got, fmt.Sprintf("%s:%v", s.Student, s.Archive))
	}
	if fmt.Sprint(got) != "[alice:false bob:false carol:false dave:true erin:true]" {
		t.Errorf("Discover = %v", got)
	}
	for _, tc := range []struct {
		student, exercise string
		found             bool
	}{
		{"alice", "histogram", true}, {"bob", "mergesort", true}, {"carol", "histogram", true}, {"alice", "mergesort", false},
	} {
		if _, ok := ExerciseDir(filepath.Join(root, tc.student), tc.exercise); ok != tc.found {
			t.Errorf("ExerciseDir(%s, %s) found %v, want %v", tc.student, tc.exercise, ok, tc.found)
		}
	}
	os.MkdirAll(filepath.Join(root, "alice.zip"), 0o755) // a folder named like an archive
	os.WriteFile(filepath.Join(root, "frank.zip"), nil, 0o644)
	os.MkdirAll(filepath.Join(root, "frank"), 0o755)
	if _, err := Discover(root); err == nil {
		t.Error("two submissions of one student were accepted")
	}
}

func TestShardsSplitTheClassExactly(t *testing.T) {
	for _, bad := range []string{"0/3", "4/3", "x", "1/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
	counts := map[string]int{}
	for k := 1; k <= 4; k++ {
		sh, err := ParseShard(fmt.Sprintf("%d/4", k))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 200 {
			if sh.Holds(fmt.Sprintf("student%03d", i)) {
				counts[fmt.Sprintf("student%03d", i)]++
			}
		}
	}
	if len(counts) != 200 {
		t.Errorf("%d of 200 students in some shard", len(counts))
	}
	for s, n := range counts {
		if n != 1 {
			t.Errorf("%s is in %d shards", s, n)
		}
	}
}

// TestDiscoverRefusesNamesThatShareARecord: students whose names differ
// only in characters the record file name replaces, or only in case (one
// file on macOS and Windows), would share one record: one student's grade
// would silently stand for the other's.
func TestDiscoverRefusesNamesThatShareARecord(t *testing.T) {
	for _, pair := range [][2]string{{"al ice", "al_ice"}, {"Alice", "alice"}, {"bob/", "bob"}} {
		root := t.TempDir()
		for _, name := range pair {
			if err := os.MkdirAll(filepath.Join(root, name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		subs, err := Discover(root)
		if pair[0] == "bob/" { // the same folder twice: one student
			if err != nil || len(subs) != 1 {
				t.Errorf("one folder: %v, %d submissions", err, len(subs))
			}
			continue
		}
		if err == nil {
			t.Errorf("%q and %q share the record %s and were both accepted", pair[0], pair[1], FileName(pair[1]))
		}
	}
}
