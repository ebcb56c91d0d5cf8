package main

import (
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"parlab/internal/golden"
)

// documents are the project's documents a reader follows by hand, by
// their path from the module's root.
func documents(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	names, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, filepath.Join(root, "README.md"), filepath.Join(root, "CONTRIBUTING.md"), filepath.Join(root, "kernels", "README.md"))
	docs := map[string]string{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, name)
		docs[filepath.ToSlash(rel)] = string(data)
	}
	return docs
}

var (
	// codeSpan is an inline `code` span, which may go on over a line
	// break.
	codeSpan   = regexp.MustCompile("`([^`]+)`")
	fenced     = regexp.MustCompile("(?ms)^```sh\n(.*?)^```$")
	docLink    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	gradeWords = regexp.MustCompile(`^(?:go run \./cmd/grade|\./grade|grade) ([a-z-]+)(.*)$`)
)

// commandLines returns the shell lines and code spans of a document,
// less comments.
func commandLines(doc string) []string {
	var lines []string
	for _, m := range fenced.FindAllStringSubmatch(doc, -1) {
		for _, line := range strings.Split(m[1], "\n") {
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				lines = append(lines, line)
			}
		}
	}
	for _, m := range codeSpan.FindAllStringSubmatch(fenced.ReplaceAllString(doc, ""), -1) {
		lines = append(lines, strings.Join(strings.Fields(m[1]), " "))
	}
	return lines
}

// TestReadmeAndDocsCommandsExist checks every grade command the READMEs,
// CONTRIBUTING.md and docs/ show, in a block or inline: the subcommand
// must exist and take every --flag written after it, so that no
// document tells a reader to run what the command no longer has.
func TestReadmeAndDocsCommandsExist(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	for name, doc := range documents(t) {
		for _, line := range commandLines(doc) {
			m := gradeWords.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			cmd := app.Command(m[1])
			if cmd == nil {
				if strings.Contains(line, "go run") {
					t.Errorf("%s: %q: grade has no command %q", name, line, m[1])
				}
				continue // prose such as "grade all of them"
			}
			var flags []string
			for _, f := range cmd.Flags {
				flags = append(flags, f.Names()...)
			}
			for _, w := range strings.Fields(strings.NewReplacer("[", " ", "]", " ").Replace(m[2])) {
				if !strings.HasPrefix(w, "-") || w == "-" {
					continue
				}
				flag, _, _ := strings.Cut(strings.TrimLeft(w, "-"), "=")
				if flag != "help" && flag != "h" && !slices.Contains(flags, flag) {
					t.Errorf("%s: %q: grade %s has no flag --%s", name, line, m[1], flag)
				}
			}
		}
	}
}

// TestReadmeAndDocsPathsExist checks that every folder or file a go
// command of the documents names (./PATH), and every relative link,
// exists, and that a link's #anchor is a heading of its target.
func TestReadmeAndDocsPathsExist(t *testing.T) {
	root := filepath.Join("..", "..")
	docs := documents(t)
	for name, doc := range docs {
		for _, line := range commandLines(doc) {
			// The go command's own words: what follows && runs what it built.
			line, _, _ = strings.Cut(line, "&&")
			if !strings.HasPrefix(line, "go ") {
				continue
			}
			for _, w := range strings.Fields(line) {
				w = strings.Trim(w, "'\"")
				if !strings.HasPrefix(w, "./") {
					continue
				}
				p := strings.TrimSuffix(strings.TrimSuffix(w, "..."), "/")
				if dir, last := path.Split(p); strings.HasPrefix(line, "go doc ") {
					p = dir + strings.SplitN(last, ".", 2)[0] // go doc ./pkg.Name
				}
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
					t.Errorf("%s: %q names %s, which does not exist", name, line, w)
				}
			}
		}
		for _, m := range docLink.FindAllStringSubmatch(doc, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			rel := name
			if file != "" {
				rel = filepath.ToSlash(filepath.Join(filepath.Dir(name), file))
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
					t.Errorf("%s: the link %s leads nowhere", name, target)
					continue
				}
			}
			if anchor == "" {
				continue
			}
			if text, ok := docs[rel]; !ok || !slices.Contains(anchors(text), anchor) {
				t.Errorf("%s: the link %s names no heading of %s", name, target, rel)
			}
		}
	}
}

// anchors returns the anchors GitHub makes of a document's headings:
// lower case, punctuation dropped, spaces as hyphens.
func anchors(doc string) []string {
	var out []string
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(title) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// listBlock is the README's block that shows `grade list`: the command
// line, then its output.
var listBlock = regexp.MustCompile("(?ms)^```text\n\\$ go run \\./cmd/grade list\n(.*?)^```$")

// TestReadmeListsTheExercises checks that the README's list of the
// exercises is what `grade list` prints: the registry is its one source.
// With -update it rewrites the block (docs/authoring.md, step 9).
func TestReadmeListsTheExercises(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := listBlock.FindSubmatchIndex(data)
	if m == nil {
		t.Fatal("README.md has no block showing `$ go run ./cmd/grade list` and its output")
	}
	out, _, err := runGrade(t, "list")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(data[m[2]:m[3]]); got != out {
		if !*golden.Update {
			t.Fatalf("README.md's list of the exercises is not what grade list prints (go test ./cmd/grade -run TestReadmeListsTheExercises -update rewrites it):\n--- README\n%s--- grade list\n%s", got, out)
		}
		data = slices.Concat(data[:m[2]], []byte(out), data[m[3]:])
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestContributingNamesEveryPackage: CONTRIBUTING.md's "Where things are"
// names every package under grader/ and internal/ (as a `code` span of its
// last path element), so a package added or moved without saying where it
// belongs fails here.
func TestContributingNamesEveryPackage(t *testing.T) {
	doc := documents(t)["CONTRIBUTING.md"]
	start := strings.Index(doc, "## Where things are")
	end := strings.Index(doc, "## Run the tests")
	if start < 0 || end < start {
		t.Fatal(`CONTRIBUTING.md has no "## Where things are" section before "## Run the tests"`)
	}
	named := map[string]bool{}
	for _, m := range codeSpan.FindAllStringSubmatch(doc[start:end], -1) {
		named[strings.TrimSuffix(path.Base(m[1]), "/")] = true
	}
	cmd := exec.Command("go", "list", "./grader/...", "./internal/...")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		suite := path.Dir(pkg) == "parlab/grader/suite" // grader/suite/NAME/, one row for all
		if name := path.Base(pkg); !named[name] && pkg != "parlab/grader" && !suite {
			t.Errorf("CONTRIBUTING.md's \"Where things are\" does not name %s: say in its table what `%s` is for", pkg, name)
		}
	}
}
