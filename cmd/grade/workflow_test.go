package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	Env  map[string]string
	Jobs map[string]struct {
		Steps []step
	}
}

type step struct {
	Name             string
	Uses             string
	With             map[string]string
	Run              string
	WorkingDirectory string `yaml:"working-directory"`
}

var (
	commitSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)
	envRef    = regexp.MustCompile(`^\$\{\{\s*env\.(\w+)\s*\}\}$`)
	goCommand = regexp.MustCompile(`(^|[\s;&|(])go (build|run|install|test|vet|generate)\b`)
)

// TestClassroomWorkflowNeverBuildsTheLearnersGrader: the Classroom
// workflow ran `go build ./cmd/grade` in the learner's checkout, so a
// one-line change to the learner's copy of the grader made a stub score
// 11/11. The workflow must check the grader out of a named repository at
// a full commit into a folder of its own, run every go command and the
// grade itself there, and take nothing from the learner's checkout but
// exercises/.
func TestClassroomWorkflowNeverBuildsTheLearnersGrader(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", "grade.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("grade.yml: %v", err)
	}
	steps := wf.Jobs["grade"].Steps
	if len(steps) == 0 {
		t.Fatal("grade.yml has no grade job with steps")
	}
	resolve := func(v string) string {
		if m := envRef.FindStringSubmatch(v); m != nil {
			return wf.Env[m[1]]
		}
		return v
	}
	var learner, grader string
	for _, s := range steps {
		if !strings.HasPrefix(s.Uses, "actions/checkout@") {
			continue
		}
		if s.With["persist-credentials"] != "false" {
			t.Errorf("checkout %q keeps its token in the git config, where the learner's code could read it", s.Name)
		}
		if s.With["repository"] == "" {
			learner = clean(s.With["path"])
			continue
		}
		grader = clean(s.With["path"])
		if repo := resolve(s.With["repository"]); !strings.Contains(repo, "/") || strings.Contains(repo, "github.repository") {
			t.Errorf("the grader's repository %q is not a named owner/name", repo)
		}
		if ref := resolve(s.With["ref"]); !commitSHA.MatchString(ref) {
			t.Errorf("the grader's ref %q is not a full commit", ref)
		}
	}
	if grader == "" || learner == "" || grader == "." || learner == "." || grader == learner ||
		strings.HasPrefix(grader+"/", learner+"/") || strings.HasPrefix(learner+"/", grader+"/") {
		t.Fatalf("the grader (%q) and the learner's work (%q) must be checked out to separate folders", grader, learner)
	}
	for _, s := range steps {
		if s.Uses != "" && strings.HasPrefix(s.Uses, "actions/setup-go@") {
			if f := s.With["go-version-file"]; !strings.HasPrefix(clean(f), grader+"/") {
				t.Errorf("setup-go reads %q, not the grader's go.mod", f)
			}
		}
		if s.Run == "" {
			continue
		}
		dir := clean(s.WorkingDirectory)
		if goCommand.MatchString(s.Run) && dir != grader {
			t.Errorf("step %q runs a go command in %q, not in the grader's checkout %q", s.Name, dir, grader)
		}
		if strings.Contains(s.Run, "grade\" all") || strings.Contains(s.Run, "grade all") {
			if dir != grader {
				t.Errorf("step %q grades in %q, not in the grader's checkout %q", s.Name, dir, grader)
			}
		}
		if strings.Contains(s.Run, "cp ") && len(learnerPaths(s.Run, learner)) > 0 && !regexp.MustCompile(`cp -\w*P`).MatchString(s.Run) {
			t.Errorf("step %q copies from the learner's checkout without -P: a symbolic link (exercises -> ../grader/solutions) would be followed", s.Name)
		}
		for _, use := range learnerPaths(s.Run, learner) {
			if use != learner+"/exercises" {
				t.Errorf("step %q uses %q of the learner's checkout: only %s/exercises may be taken", s.Name, use, learner)
			}
		}
	}
}

// clean is a workflow path, relative to the workspace, cleaned.
func clean(p string) string {
	if p == "" {
		return "."
	}
	return path.Clean(strings.TrimPrefix(strings.TrimPrefix(p, "$GITHUB_WORKSPACE/"), "./"))
}

// learnerPaths lists the paths under learner that the script names.
func learnerPaths(script, learner string) []string {
	var out []string
	re := regexp.MustCompile(`(?:^|[\s"'=])(?:\./)?(` + regexp.QuoteMeta(learner) + `(?:/[^\s"';&|)]*)?)`)
	for _, m := range re.FindAllStringSubmatch(script, -1) {
		out = append(out, strings.TrimSuffix(m[1], "/"))
	}
	return out
}
