package grader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestSymlinkOnTheWay: a symbolic link on any folder of the way from the
// submission down to the exercise is refused before anything is read,
// wherever it leads (into the model answers, a classmate's folder, or
// elsewhere in the submission), and the refusal says which link.
func TestSymlinkOnTheWay(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := exercise.Lookup("histogram")
	if err != nil {
		t.Fatal(err)
	}
	solutions := filepath.Join(root, "solutions")
	for _, tc := range []struct {
		name string
		// make lays out the submission in sub and returns the folder to
		// grade.
		make func(t *testing.T, sub string) string
		link string
	}{
		{"gradescope exercises to the model answers", func(t *testing.T, sub string) string {
			symlink(t, solutions, filepath.Join(sub, "exercises"))
			return filepath.Join(sub, "exercises", "histogram")
		}, "exercises"},
		{"a classmate's exercises", func(t *testing.T, sub string) string {
			bob := filepath.Join(filepath.Dir(sub), "bob", "exercises")
			copyDir(t, filepath.Join(solutions, "histogram"), filepath.Join(bob, "histogram"))
			symlink(t, "../bob/exercises", filepath.Join(sub, "exercises"))
			return filepath.Join(sub, "exercises", "histogram")
		}, "exercises"},
		{"the exercise folder itself", func(t *testing.T, sub string) string {
			mkdir(t, filepath.Join(sub, "exercises"))
			symlink(t, filepath.Join(solutions, "histogram"), filepath.Join(sub, "exercises", "histogram"))
			return filepath.Join(sub, "exercises", "histogram")
		}, "histogram"},
		{"a link that stays in the submission", func(t *testing.T, sub string) string {
			copyDir(t, filepath.Join(solutions, "histogram"), filepath.Join(sub, "copy", "histogram"))
			symlink(t, "copy", filepath.Join(sub, "exercises"))
			return filepath.Join(sub, "exercises", "histogram")
		}, "exercises"},
		{"a wrapping folder", func(t *testing.T, sub string) string {
			symlink(t, root, filepath.Join(sub, "wrap"))
			return filepath.Join(sub, "wrap", "solutions", "histogram")
		}, "wrap"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := filepath.Join(t.TempDir(), "alice")
			mkdir(t, sub)
			dir := tc.make(t, sub)
			res, err := Grade(context.Background(), spec, Options{Root: root, Dir: dir, Within: sub})
			if err != nil {
				t.Fatal(err)
			}
			refused(t, res, tc.link)
		})
	}
}

// TestSymlinkInCheckout: `grade exercise NAME` grades exercises/NAME of
// the checkout; a link there (exercises -> solutions, or the exercise's
// folder to the model answer) is refused, though it stays in the
// checkout: the learner's work is what exercises/ really holds (the
// Classroom workflow copies only exercises/ into the instructor's).
func TestSymlinkInCheckout(t *testing.T) {
	real, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := exercise.Lookup("histogram")
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"exercises", "histogram"} {
		t.Run(link, func(t *testing.T) {
			root := t.TempDir()
			if link == "exercises" {
				symlink(t, "solutions", filepath.Join(root, "exercises"))
			} else {
				mkdir(t, filepath.Join(root, "exercises"))
				symlink(t, "../solutions/histogram", filepath.Join(root, "exercises", "histogram"))
			}
			copyDir(t, filepath.Join(real, "solutions", "histogram"), filepath.Join(root, "solutions", "histogram"))
			res, err := Grade(context.Background(), spec, Options{Root: root})
			if err != nil {
				t.Fatal(err)
			}
			refused(t, res, link)
		})
	}
}

// TestDirNotUnderWithin: a folder to grade outside its submission is
// refused, not read.
func TestDirNotUnderWithin(t *testing.T) {
	root, _ := filepath.Abs("..")
	spec, _ := exercise.Lookup("histogram")
	res, err := Grade(context.Background(), spec, Options{Root: root, Dir: filepath.Join(root, "solutions", "histogram"), Within: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Check(verdict.Builds); c.Status != verdict.Fail || !strings.Contains(c.Message, "outside the submission") {
		t.Errorf("builds: %s %q, want a fail saying the folder is outside the submission", c.Status, c.Message)
	}
}

// refused requires res to be a builds fail naming link as a symbolic link.
func refused(t *testing.T, res *verdict.Result, link string) {
	t.Helper()
	c := res.Check(verdict.Builds)
	if c.Status != verdict.Fail || !strings.Contains(c.Message, "symbolic link") || !strings.Contains(c.Message, link) {
		t.Errorf("builds: %s %q, want a fail naming the symbolic link %s", c.Status, c.Message, link)
	}
	if res.Score != 0 {
		t.Errorf("score %d, want 0", res.Score)
	}
}

func symlink(t *testing.T, to, at string) {
	t.Helper()
	if err := os.Symlink(to, at); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies the regular files of from into a new folder to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	mkdir(t, to)
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
