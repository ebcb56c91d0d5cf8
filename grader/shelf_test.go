package grader

import (
	"os"
	"path/filepath"
	"testing"

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
	shelf.put(spec, shared, "race", bin)
	shelf.put(spec, other, "race", bin)
	shelf.put(spec, shared, "vet", bin)
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
	none.put(spec, shared, "race", bin)
	none.take(spec, shared, "race", next)
}
