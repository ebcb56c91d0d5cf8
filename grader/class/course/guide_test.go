package course

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestGuideTestsExist checks, without running them, that every go test
// command of docs/authoring.md names packages that exist and, with -run,
// tests that exist in them: a step whose -run names tests since renamed
// passes and checks nothing (TestAuthoringGuide, which runs the steps,
// catches that too, but only outside -short).
func TestGuideTestsExist(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	guide, err := os.ReadFile(filepath.Join(root, "docs", "authoring.md"))
	if err != nil {
		t.Fatal(err)
	}
	commands, err := guideCommands(guide)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range commands {
		if len(args) < 2 || args[0] != "go" || args[1] != "test" {
			continue
		}
		run, pkgs := testRunAndPackages(args[2:])
		for _, pkg := range pkgs {
			names, err := testNames(filepath.Join(root, filepath.FromSlash(pkg)))
			if err != nil {
				t.Errorf("%s: %v", strings.Join(args, " "), err)
				continue
			}
			if run == "" {
				continue
			}
			for _, alt := range strings.Split(run, "|") {
				re, err := regexp.Compile(alt)
				if err != nil {
					t.Errorf("%s: -run %q: %v", strings.Join(args, " "), run, err)
					continue
				}
				if !slices.ContainsFunc(names, re.MatchString) {
					t.Errorf("%s: no test of %s matches %q (its tests: %s)", strings.Join(args, " "), pkg, alt, strings.Join(names, " "))
				}
			}
		}
	}
}

// testRunAndPackages returns a go test command's -run pattern and the
// packages it names, less those named with /... (the guide's -run
// patterns go with single packages).
func testRunAndPackages(args []string) (run string, pkgs []string) {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-run" && i+1 < len(args):
			run = args[i+1]
			i++
		case strings.HasPrefix(a, "-run="):
			run = strings.TrimPrefix(a, "-run=")
		case strings.HasPrefix(a, "./") && !strings.HasSuffix(a, "..."):
			pkgs = append(pkgs, a)
		case strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && !strings.HasPrefix(args[i+1], "./"):
			i++ // a flag's value, such as -scenario's
		}
	}
	return run, pkgs
}

// testNames returns the names of the Test functions of the package in
// dir, with any build tag.
func testNames(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil || len(files) == 0 {
		return nil, &os.PathError{Op: "find tests", Path: dir, Err: os.ErrNotExist}
	}
	var names []string
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range file.Decls {
			if name, ok := testFunc(d); ok {
				names = append(names, name)
			}
		}
	}
	return names, nil
}

func TestSplitWords(t *testing.T) {
	for _, c := range []struct {
		line string
		want []string
		bad  bool
	}{
		{line: "go generate ./...", want: []string{"go", "generate", "./..."}},
		{line: "go test ./grader/report -run 'TestA|TestB' -update", want: []string{"go", "test", "./grader/report", "-run", "TestA|TestB", "-update"}},
		{line: "go test  -scenario '^prefixsum/'  ./grader", want: []string{"go", "test", "-scenario", "^prefixsum/", "./grader"}},
		{line: "go test -run \"TestA\" ./x", bad: true},
		{line: "go test ./x | tee log", bad: true},
		{line: "go test -run $RUN ./x", bad: true},
		{line: "go test -run 'TestA ./x", bad: true},
	} {
		got, err := splitWords(c.line)
		if c.bad != (err != nil) || !slices.Equal(got, c.want) {
			t.Errorf("splitWords(%q) = %q, %v", c.line, got, err)
		}
	}
}

func TestGuideCommands(t *testing.T) {
	guide := "text\n\n```sh\ngo generate ./...   # makes the stub\n\n# a comment line\ngo test ./x -run 'TestA'\n```\n\n```go a.go\npackage a\n```\n"
	got, err := guideCommands([]byte(guide))
	want := [][]string{{"go", "generate", "./..."}, {"go", "test", "./x", "-run", "TestA"}}
	if err != nil || !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("guideCommands = %q, %v; want %q", got, err, want)
	}
}

func TestGuideGenerated(t *testing.T) {
	guide := "| generated | by |\n|---|---|\n| `a/b.go` (the stub) | `go generate` |\n| `c/*.stub` | x |\n\n| `not/this` | y |\n"
	if got, want := guideGenerated([]byte(guide)), []string{"a/b.go", "c/*.stub"}; !slices.Equal(got, want) {
		t.Errorf("guideGenerated = %q, want %q", got, want)
	}
}

func TestGeneratedMismatch(t *testing.T) {
	patterns := []string{"a/b.go", "c/*.stub"}
	if p := generatedMismatch(patterns, []string{"a/b.go", "c/x.stub", "c/y.stub"}); len(p) != 0 {
		t.Errorf("the files the table lists: %q", p)
	}
	p := generatedMismatch(patterns, []string{"a/b.go", "d/golden"})
	if len(p) != 2 || !strings.Contains(p[0], "wrote d/golden") || !strings.Contains(p[1], "lists c/*.stub") {
		t.Errorf("a file the table misses and a row nothing wrote: %q", p)
	}
}

func TestRanNoTest(t *testing.T) {
	out := "ok  \tparlab/grader/report\t0.012s [no tests to run]\n"
	if !ranNoTest([]string{"go", "test", "./grader/report", "-run", "TestGone"}, out) {
		t.Error("a go test that ran no test was not noticed")
	}
	if ranNoTest([]string{"go", "test", "./grader/report"}, "ok  \tparlab/grader/report\t0.012s\n") {
		t.Error("a go test that ran its tests was taken for one that ran none")
	}
}

// testFunc returns the name of a top-level func TestXxx(t *testing.T).
func testFunc(d ast.Decl) (string, bool) {
	fn, ok := d.(*ast.FuncDecl)
	if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Name.Name == "TestMain" {
		return "", false
	}
	return fn.Name.Name, true
}
