package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	subs, err = Discover(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if strings.HasPrefix(s.Student, "frank") != (s.Refused != "") {
			t.Errorf("%s: refused %q", s.Student, s.Refused)
		}
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
// would silently stand for the other's. Each of them is refused, saying
// with whom it collides, with a record file of its own; the others are
// not touched.
func TestDiscoverRefusesNamesThatShareARecord(t *testing.T) {
	for _, pair := range [][2]string{{"al ice", "al_ice"}, {"Alice", "alice"}, {"Zoë Lee", "Zoé Lee"}, {"Alice.zip", "alice"}, {"bob/", "bob"}} {
		root := t.TempDir()
		for _, name := range pair {
			if strings.HasSuffix(name, ".zip") {
				os.WriteFile(filepath.Join(root, name), nil, 0o644)
			} else if err := os.MkdirAll(filepath.Join(root, name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		os.MkdirAll(filepath.Join(root, "carol"), 0o755)
		subs, err := Discover(root)
		if err != nil {
			t.Fatalf("%q: %v", pair, err)
		}
		if pair[0] == "bob/" { // the same folder twice: one student
			if len(subs) != 2 || subs[0].Refused != "" {
				t.Errorf("one folder: %+v", subs)
			}
			continue
		}
		if len(subs) != 3 {
			t.Fatalf("%q: %d submissions, want 3", pair, len(subs))
		}
		files := map[string]bool{}
		for _, s := range subs {
			files[strings.ToLower(s.File)] = true
			if s.Student == "carol" {
				if s.Refused != "" || s.File != "carol.json" {
					t.Errorf("carol was touched: %+v", s)
				}
				continue
			}
			if !strings.Contains(s.Refused, "collides with") {
				t.Errorf("%q: refused %q, want a collision named", s.Student, s.Refused)
			}
		}
		if len(files) != 3 {
			t.Errorf("%q: record files %v are not one per submission", pair, files)
		}
	}
}

// TestDiscoverRefusesLinks: a student entry that is a symbolic link (to
// another student, to the model answers) is listed refused, not graded
// and not silently left out.
func TestDiscoverRefusesLinks(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "bob", "histogram"), 0o755)
	os.Symlink("bob", filepath.Join(root, "mallory"))
	os.Symlink("/etc/hostname", filepath.Join(root, "notes.txt"))
	subs, err := Discover(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 || subs[1].Student != "mallory" || !strings.Contains(subs[1].Refused, "symbolic link") || subs[0].Refused != "" {
		t.Errorf("Discover = %+v, want bob and mallory refused as a link", subs)
	}
}
