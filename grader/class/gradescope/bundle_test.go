package gradescope

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// TestBundleTakesWhatGitWouldTrack: in a git checkout the bundle holds the
// files git tracks and the new ones it would track, never one it ignores
// (a test binary an instructor built once went into every bundle: 4.8 MB
// of measure.test), a hidden one or a test's testdata; in a copy that is
// not a git checkout, every file but those.
func TestBundleTakesWhatGitWouldTrack(t *testing.T) {
	files := map[string]string{
		".gitignore":            "*.test\n",
		"go.mod":                "module parlab\n",
		"cmd/grade/main.go":     "package main\n",
		"new/new.go":            "package new\n",
		"measure.test":          "a built binary",
		"grader/testdata/tape":  "a tape",
		".github/workflows/x":   "ci",
		"setup.sh":              "the checkout's own, not the bundle's",
		"old/autograder.zip":    "an earlier bundle",
		"node_modules/x/x.js":   "npm",
		"exercises/a/a_test.go": "package a\n",
	}
	for _, tc := range []struct {
		name string
		git  bool
		want []string
	}{
		{"a git checkout", true, []string{"cmd/grade/main.go", "exercises/a/a_test.go", "go.mod", "new/new.go"}},
		{"a copy without git", false, []string{"cmd/grade/main.go", "exercises/a/a_test.go", "go.mod", "measure.test", "new/new.go"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range files {
				p := filepath.Join(root, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tc.git {
				if _, err := exec.LookPath("git"); err != nil {
					t.Skip("git is not installed")
				}
				for _, args := range [][]string{{"init", "-q"}, {"add", "go.mod", "cmd", "exercises", ".gitignore"}} {
					cmd := exec.Command("git", args...)
					cmd.Dir = root
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Fatalf("git %v: %v\n%s", args, err, out)
					}
				}
			}
			var b bytes.Buffer
			if err := writeZip(&b, root, Config{}, ""); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range zr.File {
				if f.Name != "setup.sh" && f.Name != "run_autograder" {
					got = append(got, f.Name)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("the bundle holds %q, want %q", got, tc.want)
			}
		})
	}
}
