package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"parlab/grader/exercise"
)

// TestShelf: the shelf keeps the binaries of the digests it was given,
// one per exercise and kind, hands a kept one to the next build of the
// same files, and keeps nothing of other files or other steps.
func TestShelf(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	shared := &submission{files: map[string][]byte{"histogram.go": []byte("package histogram\n")}}
	other := &submission{files: map[string][]byte{"histogram.go": []byte("package histogram // mine\n")}}
	shelf := NewShelf(t.TempDir(), map[string][]string{"histogram": {shared.digest()}})
	ws := t.TempDir()
	bin := filepath.Join(ws, "race.test")
	if err := os.WriteFile(bin, []byte("built"), 0o700); err != nil {
		t.Fatal(err)
	}
	shelf.put(spec, shared, "race", bin, nil)
	shelf.put(spec, other, "race", bin, nil)
	shelf.put(spec, shared, "vet", bin, nil)
	if kept, _ := os.ReadDir(shelf.dir); len(kept) != 1 {
		t.Fatalf("the shelf holds %d files, want the shared files' race binary alone", len(kept))
	}
	next := filepath.Join(t.TempDir(), "race.test")
	shelf.take(spec, shared, "plain", next)
	if _, err := os.Stat(next); err == nil {
		t.Fatal("the shelf handed a race binary to a plain build")
	}
	shelf.take(spec, other, "race", next)
	if _, err := os.Stat(next); err == nil {
		t.Fatal("the shelf handed a binary to other files")
	}
	shelf.take(spec, shared, "race", next)
	if data, err := os.ReadFile(next); err != nil || string(data) != "built" {
		t.Fatalf("the next build of the same files found %q, %v", data, err)
	}
	var none *Shelf // no shelf: nothing kept, nothing handed
	none.put(spec, shared, "race", bin, nil)
	none.take(spec, shared, "race", next)
}

// TestRecentShelf: a learner's shelf keeps any files' binaries, the n
// used last; it replaces a kept binary that a build linked anew (the
// grader or the toolchain changed since), and keeps one the build left
// alone as it was.
func TestRecentShelf(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	subs := make([]*submission, 4)
	for i := range subs {
		subs[i] = &submission{files: map[string][]byte{"histogram.go": fmt.Appendf(nil, "package histogram // %d\n", i)}}
	}
	shelf := NewRecentShelf(filepath.Join(t.TempDir(), "shelf"), 3)
	ws := t.TempDir()
	build := func(sub *submission, content string) string {
		t.Helper()
		bin := filepath.Join(ws, "race.test")
		_ = os.Remove(bin)
		taken := shelf.take(spec, sub, "race", bin)
		if content != "" { // the build links: a new file
			if err := os.WriteFile(bin+".tmp", []byte(content), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(bin+".tmp", bin); err != nil {
				t.Fatal(err)
			}
		}
		shelf.put(spec, sub, "race", bin, taken)
		data, _ := os.ReadFile(bin)
		return string(data)
	}
	for i, sub := range subs {
		build(sub, fmt.Sprint("built ", i))
		time.Sleep(10 * time.Millisecond) // distinct times of use
	}
	if kept, _ := os.ReadDir(shelf.dir); len(kept) != 3 {
		t.Fatalf("the shelf holds %d files, want the 3 used last", len(kept))
	}
	if got := build(subs[0], "built 0 again"); got != "built 0 again" {
		t.Fatalf("the first files' binary was kept beyond the 3 used last: the build found %q", got)
	}
	if got := build(subs[3], ""); got != "built 3" {
		t.Fatalf("a build of files graded before found %q, want their binary", got)
	}
	if got := build(subs[3], "relinked 3"); got != "relinked 3" {
		t.Fatalf("build wrote %q", got)
	}
	if got := build(subs[3], ""); got != "relinked 3" {
		t.Fatalf("after a build that linked anew, the next found %q, want the new binary", got)
	}
}
