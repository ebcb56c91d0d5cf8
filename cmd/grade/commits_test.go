package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// subjectsCheckedSince is the last commit before the subject rule was
// checked: older history keeps its longer subjects.
const subjectsCheckedSince = "508ce6f"

// maxSubject is the longest commit subject CONTRIBUTING.md allows.
const maxSubject = 72

// TestCommitSubjects: every commit since subjectsCheckedSince has a
// subject of the form "pkg: what changed" in at most 72 characters
// (CONTRIBUTING.md, "Commits"). Outside a git checkout, or in one too
// shallow to hold that commit, there is nothing to check.
func TestCommitSubjects(t *testing.T) {
	root := filepath.Join("..", "..")
	if err := exec.Command("git", "-C", root, "cat-file", "-e", subjectsCheckedSince+"^{commit}").Run(); err != nil {
		t.Skipf("no git history holding %s here: %v", subjectsCheckedSince, err)
	}
	out, err := exec.Command("git", "-C", root, "log", "--no-merges", "--format=%h %s", subjectsCheckedSince+"..HEAD").Output()
	if err != nil {
		t.Fatalf("git log: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		hash, subject, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		if n := utf8.RuneCountInString(subject); n > maxSubject {
			t.Errorf("commit %s: its subject is %d characters, over %d: %q (say what changed in fewer words; the why goes in the body)", hash, n, maxSubject, subject)
		}
		if pkg, _, ok := strings.Cut(subject, ": "); !ok || pkg == "" || strings.ContainsAny(pkg, " ") && !strings.Contains(pkg, ", ") {
			t.Errorf("commit %s: its subject %q does not start with the package or folder changed (\"pkg: what changed\")", hash, subject)
		}
	}
}
