package course

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// guideBlock is a fenced block of docs/authoring.md: its language, the
// file it names (none for an illustration) and its text.
var guideBlock = regexp.MustCompile("(?ms)^```(\\w+)(?: (\\S+))?\\n(.*?)^```$")

// registryFile is the one file the guide adds to rather than writes: its
// block is an entry for the end of the course table.
const registryFile = "grader/exercise/registry.go"

// TestAuthoringGuide follows docs/authoring.md in a copy of the module:
// it writes every file the guide names (and counts them: the guide
// promises six), runs go generate, checks that the stub it makes is the
// one the guide shows, that the registry's and the generator's tests
// pass with the new exercise, and that `grade verify` finds it
// consistent.
func TestAuthoringGuide(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades a new exercise in a copy of the module")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile(filepath.Join(root, "docs", "authoring.md"))
	if err != nil {
		t.Fatal(err)
	}
	files, shownStub := guideFiles(guide)
	if len(files) != 6 {
		t.Errorf("the guide names %d files to write by hand, and promises six: %q", len(files), slices.Sorted(maps.Keys(files)))
	}
	dir := t.TempDir()
	copyModule(t, root, dir)
	for path, text := range files {
		writeGuideFile(t, dir, path, text)
	}
	goCmd(t, dir, "generate", "./...")
	if stub, err := os.ReadFile(filepath.Join(dir, "exercises", "prefixsum", "prefixsum.go")); err != nil || string(stub) != shownStub {
		t.Errorf("go generate made the stub\n%s\nand the guide shows\n%s", stub, shownStub)
	}
	goCmd(t, dir, "test", "-count=1", "./grader/exercise/...", "./grader/suites")
	out := goCmd(t, dir, "run", "./cmd/grade", "verify", "--no-speedup", "--exercise", "prefixsum")
	if !regexp.MustCompile(`(?m)^prefixsum .*identical\s+consistent$`).MatchString(out) {
		t.Errorf("grade verify did not find the new exercise consistent:\n%s", out)
	}
}

// guideFiles returns the guide's blocks that name a file, keyed by the
// file, and the first illustration in Go (the stub it shows).
func guideFiles(guide []byte) (files map[string]string, stub string) {
	files = map[string]string{}
	for _, m := range guideBlock.FindAllSubmatch(guide, -1) {
		lang, path, text := string(m[1]), string(m[2]), string(m[3])
		switch {
		case path != "":
			files[path] = text
		case lang == "go" && stub == "":
			stub = text
		}
	}
	return files, stub
}

// writeGuideFile writes one of the guide's files into the module at dir;
// the registry's block goes at the end of the course table.
func writeGuideFile(t *testing.T, dir, path, text string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	if path == registryFile {
		old, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		start := bytes.Index(old, []byte("var course = []Spec{"))
		if start < 0 {
			t.Fatalf("%s has no course table to add to", path)
		}
		end := start + bytes.Index(old[start:], []byte("\n}\n")) + 1
		text = string(old[:end]) + text + string(old[end:])
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyModule copies the module's regular files from root to dir, less
// version control and the recorded tapes, which nothing here replays.
func copyModule(t *testing.T, root, dir string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case !d.Type().IsRegular() || d.Name() == "tape.json":
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go command in dir and returns its output; a failure
// fails the test with it.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
