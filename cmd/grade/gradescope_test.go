package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGradescopeBundleEndToEnd writes the bundle, lays it out as
// Gradescope does (/autograder with source/, submission/ and results/,
// moved to a temporary folder), builds the grader from the bundled source
// as setup.sh does, runs run_autograder and reads results.json.
func TestGradescopeBundleEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled grader and grades a submission")
	}
	tmp := t.TempDir()
	bundle := filepath.Join(tmp, "autograder.zip")
	if _, stderr, err := runGrade(t, "gradescope-bundle", "--out", bundle, "--exercise", "histogram"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	ag := filepath.Join(tmp, "autograder")
	unzipTo(t, bundle, ag)
	for _, f := range []string{"setup.sh", "run_autograder"} {
		info, err := os.Stat(filepath.Join(ag, f))
		if err != nil || info.Mode()&0o100 == 0 {
			t.Fatalf("%s missing or not executable: %v", f, err)
		}
	}
	for _, f := range []string{"source/go.mod", "source/cmd/grade/main.go", "source/exercises/histogram/doc.go"} {
		if _, err := os.Stat(filepath.Join(ag, f)); err != nil {
			t.Errorf("the bundle lacks %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(ag, "source", ".git")); err == nil {
		t.Error("the bundle carries .git")
	}
	// setup.sh's build step, into the test's folder instead of /usr/local/bin.
	bin := filepath.Join(tmp, "parlab-grade")
	build := exec.Command("go", "build", "-o", bin, "./cmd/grade")
	build.Dir = filepath.Join(ag, "source")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the bundled grader: %v\n%s", err, out)
	}
	sub := filepath.Join(ag, "submission", "histogram")
	os.MkdirAll(sub, 0o755)
	src, _ := os.ReadFile(filepath.Join("..", "..", "solutions", "histogram", "histogram.go"))
	os.WriteFile(filepath.Join(sub, "histogram.go"), src, 0o644)

	run := exec.Command("bash", filepath.Join(ag, "run_autograder"))
	run.Env = append(os.Environ(), AutograderRootEnv+"="+ag, "PARLAB_GRADE="+bin, "PARLAB_ROOT=")
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("run_autograder: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(ag, "results", "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Score    float64 `json:"score"`
		MaxScore float64 `json:"max_score"`
		Tests    []struct {
			Name, Status string
		}
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("results.json: %v\n%s", err, data)
	}
	if score := res.Score; len(res.Tests) != 8 || score < 9 || res.MaxScore != 11 || !strings.HasPrefix(res.Tests[0].Name, "histogram: ") {
		t.Errorf("results.json: score %v/%v, %d tests: %s", res.Score, res.MaxScore, len(res.Tests), data)
	}
}

func unzipTo(t *testing.T, archive, dest string) {
	t.Helper()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dest, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, f.Mode())
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(out, rc)
		out.Close()
		rc.Close()
	}
}
