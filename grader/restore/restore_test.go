package restore

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"parlab/grader/exercise"
)

// TestStubKeepsABackup: the learner's .go files go to the backup, the
// pristine stub takes their place, and other files stay.
func TestStubKeepsABackup(t *testing.T) {
	root := t.TempDir()
	dir := t.TempDir()
	for name, body := range map[string]string{"histogram.go": "package histogram // mine\n", "extra.go": "package histogram\n", "notes.txt": "notes\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spec, _ := exercise.Lookup("histogram")
	backup, moved, err := Stub(root, dir, spec)
	if err != nil || moved != 2 {
		t.Fatalf("moved %d, err %v; want 2 files", moved, err)
	}
	if data, err := os.ReadFile(filepath.Join(backup, "histogram.go")); err != nil || string(data) != "package histogram // mine\n" {
		t.Errorf("backup of histogram.go: %q, %v", data, err)
	}
	pristine, _ := spec.Pristine()
	for name, want := range pristine {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s was not restored: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "extra.go")); !os.IsNotExist(err) {
		t.Error("the extra .go file is still there")
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("notes.txt was removed")
	}
}
