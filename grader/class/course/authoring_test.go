package course

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// guideBlock is a fenced block of docs/authoring.md: its language, the
// file it names (none for an illustration) and its text.
var guideBlock = regexp.MustCompile("(?ms)^```(\\w+)(?: (\\S+))?\\n(.*?)^```$")

// registryFile is the one file the guide adds to rather than writes: its
// block is an entry for the end of the course table.
const registryFile = "grader/exercise/registry.go"

// insteadOf are the guide's commands the test cannot run as written, and
// what it runs in their place. Every other command of the guide runs as
// written, and the guide says the same of these.
var insteadOf = map[string][]string{
	// A new reference kernel changes what every hidden suite links, so
	// every other scenario's tape is stale until the whole set is
	// recorded again, live, on a quiet machine: minutes, and timings a
	// test cannot trust. The test records the new scenario's tape only.
	"go test ./grader -run TestScenarios -update": nil,
	// The whole suite, less the replays of the tapes left stale above;
	// the new scenario's replay runs on its own below.
	"go test -short ./...": {"go", "test", "-short", "-skip", "^TestReplayScenarios$", "./..."},
}

// newTapeReplays replays the one tape the test recorded, in place of the
// replays the whole suite would make.
var newTapeReplays = []string{"go", "test", "-short", "./grader", "-run", "^TestReplayScenarios$", "-scenario", "^prefixsum/"}

// TestAuthoringGuide follows docs/authoring.md in a copy of the module:
// it writes every file the guide names (and counts them: the guide
// promises six), then runs every command of its sh blocks in order (but
// for the two in insteadOf), each of which must succeed, and a go test
// among them must run some test. It then checks that the stub is the one
// the guide shows, that `grade verify` finds the exercise consistent,
// and that the files the commands wrote or changed are exactly those the
// guide's table of generated files lists.
func TestAuthoringGuide(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades a new exercise in a copy of the module")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
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
	commands, err := guideCommands(guide)
	if err != nil {
		t.Fatal(err)
	}
	generated := guideGenerated(guide)
	if len(generated) == 0 {
		t.Fatal("the guide has no table of the files generated for it (| generated | by |)")
	}
	dir := guideCopy(t, root)
	for path, text := range files {
		writeGuideFile(t, dir, path, text)
	}
	before := hashFiles(t, dir)
	verified := false
	for _, args := range commands {
		line := strings.Join(args, " ")
		run, replaced := insteadOf[line]
		if replaced {
			if run == nil {
				t.Logf("not run: %s", line)
				continue
			}
			t.Logf("%s: running %s instead", line, strings.Join(run, " "))
			args = run
		}
		out := guideRun(t, dir, args)
		if slices.Contains(args, "verify") {
			verified = true
			if !regexp.MustCompile(`(?m)^prefixsum .*identical\s+consistent$`).MatchString(out) {
				t.Errorf("grade verify did not find the new exercise consistent:\n%s", out)
			}
		}
	}
	guideRun(t, dir, newTapeReplays)
	if !verified {
		t.Error("the guide never runs grade verify on the new exercise")
	}
	if stub, err := os.ReadFile(filepath.Join(dir, "exercises", "prefixsum", "prefixsum.go")); err != nil || string(stub) != shownStub {
		t.Errorf("go generate made the stub\n%s\nand the guide shows\n%s", stub, shownStub)
	}
	for _, p := range generatedMismatch(generated, changedFiles(before, hashFiles(t, dir))) {
		t.Error(p)
	}
}

// guideRun runs one of the guide's go commands in dir and returns its
// output. A failure fails the test with it, and so does a go test that
// ran no test: a -run pattern naming tests that no longer exist would
// make the step pass and check nothing.
func guideRun(t *testing.T, dir string, args []string) string {
	t.Helper()
	if len(args) < 2 || args[0] != "go" {
		t.Fatalf("the guide's command %q is not a go command", strings.Join(args, " "))
	}
	start := time.Now()
	out := goCmd(t, dir, args[1:]...)
	t.Logf("%s: %.1fs", strings.Join(args, " "), time.Since(start).Seconds())
	if ranNoTest(args, out) {
		t.Errorf("%s ran no test in some package:\n%s", strings.Join(args, " "), out)
	}
	return out
}

// ranNoTest reports whether a go command is a go test that ran no test
// in some package, as its output says.
func ranNoTest(args []string, out string) bool {
	return len(args) > 1 && args[1] == "test" && strings.Contains(out, "no tests to run")
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

// guideCommands returns the commands of the guide's sh blocks, in order,
// each split into words; a comment (from " #") is not part of it.
func guideCommands(guide []byte) ([][]string, error) {
	var commands [][]string
	for _, m := range guideBlock.FindAllSubmatch(guide, -1) {
		if string(m[1]) != "sh" {
			continue
		}
		for _, line := range strings.Split(string(m[3]), "\n") {
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			words, err := splitWords(line)
			if err != nil {
				return nil, err
			}
			commands = append(commands, words)
		}
	}
	return commands, nil
}

// splitWords splits a command line of the guide as a POSIX shell would,
// for the little the guide uses: words between spaces, and 'quoted'
// words. Anything else a shell would interpret is refused, so that the
// test never runs a command other than the one a reader would.
func splitWords(line string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			word.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case strings.ContainsRune("\"\\$`|&;<>()*?[]{}~!", r):
			return nil, fmt.Errorf("the guide's command %q uses %q, which this test does not interpret as a shell would: keep to words and 'quoted' words", line, r)
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("the guide's command %q has an unclosed quote", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}

// guideGenerated returns the path patterns of the guide's table of
// generated files: the first `code` of each row's first cell.
func guideGenerated(guide []byte) []string {
	var patterns []string
	in := false
	for _, line := range strings.Split(string(guide), "\n") {
		switch {
		case strings.HasPrefix(line, "| generated |"):
			in = true
		case !in || strings.HasPrefix(line, "|---"):
		case !strings.HasPrefix(line, "|"):
			in = false
		default:
			cell, _, _ := strings.Cut(strings.TrimPrefix(line, "|"), "|")
			if _, rest, ok := strings.Cut(cell, "`"); ok {
				pattern, _, _ := strings.Cut(rest, "`")
				patterns = append(patterns, pattern)
			}
		}
	}
	return patterns
}

// generatedMismatch returns what differs between the guide's table of
// generated files (path patterns) and the files its commands wrote or
// changed: a file the table does not list, a row that names no such file.
func generatedMismatch(patterns, changed []string) []string {
	var problems []string
	used := map[string]bool{}
	for _, f := range changed {
		i := slices.IndexFunc(patterns, func(p string) bool { ok, _ := path.Match(p, f); return ok })
		if i < 0 {
			problems = append(problems, fmt.Sprintf("the guide's commands wrote %s, which its table of generated files does not list", f))
			continue
		}
		used[patterns[i]] = true
	}
	for _, p := range patterns {
		if !used[p] {
			problems = append(problems, fmt.Sprintf("the guide's table of generated files lists %s, which its commands did not write", p))
		}
	}
	return problems
}

// hashFiles hashes every regular file under dir, by its slash path
// relative to dir.
func hashFiles(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	sums := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sums[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// changedFiles lists, sorted, the files of after that are not in before
// or differ from it.
func changedFiles(before, after map[string][sha256.Size]byte) []string {
	var changed []string
	for f, sum := range after {
		if old, ok := before[f]; !ok || old != sum {
			changed = append(changed, f)
		}
	}
	slices.Sort(changed)
	return changed
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
