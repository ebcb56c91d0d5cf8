package exercise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/check"
	"parlab/grader/suites"
	"parlab/grader/verdict"
)

// TestEveryEntryIsComplete checks what adding an exercise requires: a stub
// with its assignment, a model answer, a hidden suite, and points for the
// checks every exercise runs.
func TestEveryEntryIsComplete(t *testing.T) {
	root := filepath.Join("..", "..")
	if len(All()) == 0 {
		t.Fatal("the registry is empty")
	}
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			for _, f := range []string{filepath.Join(s.StubDir(), "doc.go"), s.StubDir(), s.SolutionDir()} {
				if _, err := os.Stat(filepath.Join(root, f)); err != nil {
					t.Errorf("missing %s", f)
				}
			}
			if files, err := suites.Files(s.Name); err != nil || len(files) == 0 {
				t.Errorf("no hidden suite: %v", err)
			}
			for _, c := range []verdict.CheckName{verdict.Builds, verdict.Honest, verdict.Correct, verdict.RaceFree, verdict.Terminates} {
				if s.Points[c] <= 0 {
					t.Errorf("check %s is worth no points", c)
				}
			}
			if _, timed := s.Points[verdict.Faster]; timed != (s.Alpha > 0) {
				t.Errorf("faster check and alpha disagree: points %v, alpha %v", timed, s.Alpha)
			}
			if s.Alpha > 0 && s.AlphaWhy == "" {
				t.Error("alpha without a reason")
			}
		})
	}
}

func TestLookupUnknownListsTheKnown(t *testing.T) {
	_, err := Lookup("nosuch")
	if err == nil {
		t.Fatal("no error")
	}
	for _, n := range Names() {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not list %s", err, n)
		}
	}
}

// TestModelAnswersKeepTheRules checks that every model answer and every
// stub imports only its exercise's allowlist and carries no directive and
// no build constraint: the rules a learner is held to must let the model
// answer pass.
func TestModelAnswersKeepTheRules(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, s := range All() {
		for _, dir := range []string{s.StubDir(), s.SolutionDir()} {
			t.Run(dir, func(t *testing.T) {
				files := map[string][]byte{}
				paths, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
				for _, p := range paths {
					if strings.HasSuffix(p, "_test.go") {
						continue
					}
					data, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					files[filepath.Base(p)] = data
					if why := check.LeftOut(filepath.Base(p), data); why != "" {
						t.Error(why)
					}
				}
				if len(files) == 0 {
					t.Fatalf("no .go files in %s", dir)
				}
				if c := check.Honest(files, s.Imports); c.Status != verdict.Pass {
					t.Errorf("honest: %s", c.Message)
				}
			})
		}
	}
}
