package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/internal/cliargs"
)

// fakeCheckout makes a parlab root whose exercises/histogram holds the
// learner's work: an edited file, an extra file and a note.
func fakeCheckout(t *testing.T) (root, dir string) {
	t.Helper()
	root = t.TempDir()
	dir = filepath.Join(root, "exercises", "histogram")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"../../go.mod": "module parlab\n\ngo 1.25.0\n",
		"histogram.go": "package histogram\n\n// my work\n",
		"helpers.go":   "package histogram\n",
		"notes.txt":    "my notes\n",
		"doc.go":       "// Package histogram is mine now.\npackage histogram\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PARLAB_ROOT", root)
	return root, dir
}

func runWithInput(t *testing.T, input string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	app := newApp(&out, &errb)
	app.Reader = strings.NewReader(input)
	err := app.RunContext(context.Background(), cliargs.HoistCommand(app, append([]string{"grade"}, args...)))
	return out.String(), errb.String(), err
}

func TestResetRestoresThePristineStub(t *testing.T) {
	root, dir := fakeCheckout(t)
	out, _, err := runWithInput(t, "y\n", "reset", "histogram")
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := exercise.Lookup("histogram")
	pristine, _ := spec.Pristine()
	for name, want := range pristine {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s was not restored: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "helpers.go")); !os.IsNotExist(err) {
		t.Error("the learner's extra .go file is still in the folder, where it would be compiled with the stub")
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("a file that is not Go was removed")
	}
	// The backup is in the checkout, where the learner sees it, under a
	// folder the go command ignores, and the output says how to get the
	// files back.
	first, _, _ := strings.Cut(out, "\n")
	i := strings.Index(first, "are in ")
	if i < 0 || !strings.Contains(first, "your 3 file(s)") || !strings.Contains(out, "to get them back: cp _backups/histogram-") {
		t.Fatalf("no backup folder or way back named: %q", out)
	}
	backup := filepath.Join(root, strings.TrimSpace(first[i+len("are in "):]))
	for name, want := range map[string]string{"histogram.go": "package histogram\n\n// my work\n", "helpers.go": "package histogram\n", "doc.go": "// Package histogram is mine now.\npackage histogram\n"} {
		got, err := os.ReadFile(filepath.Join(backup, name))
		if err != nil || string(got) != want {
			t.Errorf("backup of %s = %q, %v", name, got, err)
		}
	}
	// Reset again: every file is as shipped, so nothing is the learner's
	// (doc.go included).
	if out, _, err := runWithInput(t, "y\n", "reset", "histogram"); err != nil || !strings.Contains(out, "held nothing of yours") {
		t.Errorf("a second reset: %q, %v", out, err)
	}
}

func TestResetAsksFirst(t *testing.T) {
	_, dir := fakeCheckout(t)
	_, stderr, err := runWithInput(t, "\n", "reset", "histogram")
	if err == nil || !strings.Contains(stderr, "Continue? [y/N]") || !strings.Contains(stderr, "nothing changed") {
		t.Fatalf("err = %v, stderr = %q", err, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "histogram.go"))
	if string(got) != "package histogram\n\n// my work\n" {
		t.Error("the learner's file changed without confirmation")
	}
	if _, _, err := runWithInput(t, "", "reset", "histogram", "--yes"); err != nil {
		t.Fatalf("--yes: %v", err)
	}
}
