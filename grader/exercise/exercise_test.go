package exercise

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/suite"
	"parlab/grader/verdict"
)

// TestEveryEntryIsComplete checks what adding an exercise requires (see
// docs/authoring.md): the assignment, numbered by the entry's place in the
// table; a model answer (the stub is made from it: stubgen checks that); a
// reference kernel the hidden suite uses; the suite; a scenario with its
// expected verdicts; and points for the checks every exercise runs.
func TestEveryEntryIsComplete(t *testing.T) {
	root := filepath.Join("..", "..")
	if len(All()) == 0 {
		t.Fatal("the registry is empty")
	}
	kernels := referenceKernels(t, root)
	for i, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			for _, f := range []string{filepath.Join(s.StubDir(), "doc.go"), s.SolutionDir()} {
				if _, err := os.Stat(filepath.Join(root, f)); err != nil {
					t.Errorf("missing %s", f)
				}
			}
			doc, _ := os.ReadFile(filepath.Join(root, s.StubDir(), "doc.go"))
			if want := fmt.Sprintf("// Package %s is exercise %d: ", s.Name, i+1); !strings.HasPrefix(string(doc), want) {
				t.Errorf("%s/doc.go does not start %q: its number is its place in the registry", s.StubDir(), want)
			}
			suiteFiles, err := suite.Files(s.Name)
			if err != nil || len(suiteFiles) == 0 {
				t.Errorf("no hidden suite in grader/suite/%s: %v", s.Name, err)
			}
			checkReference(t, s, kernels, withBodies(t, root, suiteFiles))
			if found, _ := filepath.Glob(filepath.Join(root, "grader", "testdata", s.Name, "*", "expected.json")); len(found) == 0 {
				t.Errorf("no scenario: add grader/testdata/%s/good/expected.json", s.Name)
			}
			checkPoints(t, s)
			checkStories(t, s, suiteFiles)
			bubbled := false
			for _, src := range suiteFiles {
				bubbled = bubbled || strings.Contains(string(src), "kit.UseBubbles()")
			}
			if bubbled != s.Bubbled {
				t.Errorf("the suite calls kit.UseBubbles: %v; the entry's Bubbled: %v (the honest check's reason for refusing code run before the first call follows Bubbled)", bubbled, s.Bubbled)
			}
		})
	}
}

// TestEveryFolderHasAnEntry checks the other way round: an exercise's
// folder without an entry in the table is never graded nor listed.
func TestEveryFolderHasAnEntry(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, parent := range []string{"exercises", "solutions", "grader/suite", "grader/testdata", "grader/exercise/pristine"} {
		entries, err := os.ReadDir(filepath.Join(root, parent))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			// grader/suite/lib holds the packages the suites are written
			// with, not a suite.
			if !e.IsDir() || parent == "grader/testdata" && !holdsScenarios(filepath.Join(root, parent, e.Name())) ||
				parent == "grader/suite" && e.Name() == "lib" {
				continue
			}
			if _, err := Lookup(e.Name()); err != nil {
				t.Errorf("%s/%s has no entry in the registry (registry.go)", parent, e.Name())
			}
		}
	}
	seen := map[string]bool{}
	for _, s := range All() {
		if seen[s.Name] {
			t.Errorf("%s is in the registry twice", s.Name)
		}
		seen[s.Name] = true
	}
}

// holdsScenarios reports whether a folder of grader/testdata holds an
// exercise's scenarios (SCENARIO/expected.json): other folders there,
// such as the placement sweep's honest variants, are no exercise.
func holdsScenarios(dir string) bool {
	found, _ := filepath.Glob(filepath.Join(dir, "*", "expected.json"))
	return len(found) > 0
}

// referenceKernels lists the exported functions of package reference.
func referenceKernels(t *testing.T, root string) map[string]bool {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(root, "reference", "*.go"))
	out := map[string]bool{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.IsExported() {
				out[fn.Name.Name] = true
			}
		}
	}
	return out
}

// withBodies is a suite's files and those of the packages of test bodies
// they import (grader/suite/lib/NAMEtests, see docs/authoring.md), keyed
// by file name: together they are what the suite runs.
func withBodies(t *testing.T, root string, files map[string][]byte) map[string][]byte {
	t.Helper()
	out := maps.Clone(files)
	for name, src := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			dir, ok := strings.CutPrefix(path, "parlab/grader/suite/lib/")
			if !ok || !strings.HasSuffix(dir, "tests") {
				continue
			}
			bodies, err := filepath.Glob(filepath.Join(root, "grader", "suite", "lib", dir, "*.go"))
			if err != nil || len(bodies) == 0 {
				t.Fatalf("%s imports %s, which has no Go files (%v)", name, path, err)
			}
			for _, b := range bodies {
				if data, err := os.ReadFile(b); err == nil && !strings.HasSuffix(b, "_test.go") {
					out[dir+"/"+filepath.Base(b)] = data
				}
			}
		}
	}
	return out
}

// checkReference checks that the entry names serial kernels that exist
// and that its suite uses.
func checkReference(t *testing.T, s Spec, kernels map[string]bool, files map[string][]byte) {
	t.Helper()
	if len(s.Reference) == 0 {
		t.Error("no reference kernel named: write the serial kernel in reference/ and name it in Reference")
	}
	for _, k := range s.Reference {
		if !kernels[k] {
			t.Errorf("reference.%s does not exist: write it in reference/%s.go", k, s.Name)
		}
		used := false
		for _, src := range files {
			used = used || strings.Contains(string(src), "reference."+k)
		}
		if !used {
			t.Errorf("the hidden suite never uses reference.%s", k)
		}
	}
}

// checkPoints checks the points table against the checks every exercise
// runs, and the faster check against alpha.
func checkPoints(t *testing.T, s Spec) {
	t.Helper()
	scored := []verdict.CheckName{verdict.Builds, verdict.Honest, verdict.Correct, verdict.RaceFree, verdict.Terminates}
	if len(s.Stories) > 0 {
		// The stories carry the points of the checks their tests feed.
		scored = []verdict.CheckName{verdict.Builds, verdict.Honest}
		for _, st := range s.Stories {
			scored = append(scored, st.Name)
		}
	}
	for _, c := range scored {
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
}

// checkStories checks that an exercise's stories share out the hidden
// suite: every test the race run requires is in exactly one story, every
// story's test exists, and a story's name is no check's; and that every
// UnracedPrefix test is some story's Unraced, in the order the test
// binary runs them (the grader takes the first that did not report for
// the one that crashed it).
func checkStories(t *testing.T, s Spec, files map[string][]byte) {
	t.Helper()
	if len(s.Stories) == 0 {
		return
	}
	var tests, unraced []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := parser.ParseFile(token.NewFileSet(), name, files[name], parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			switch {
			case !ok || fn.Recv != nil:
			case contract.Graded(fn.Name.Name):
				tests = append(tests, fn.Name.Name)
			case strings.HasPrefix(fn.Name.Name, contract.UnracedPrefix):
				unraced = append(unraced, fn.Name.Name)
			}
		}
	}
	if got := s.UnracedTests(); !slices.Equal(got, unraced) {
		t.Errorf("the stories' Unraced tests are %v; the suite has %v, in that order", got, unraced)
	}
	in := map[string]verdict.CheckName{}
	for _, st := range s.Stories {
		if _, ok := verdict.About[st.Name]; ok {
			t.Errorf("story %s has a check's name", st.Name)
		}
		if st.About == "" {
			t.Errorf("story %s says nothing of itself (About)", st.Name)
		}
		for _, test := range st.Tests {
			if other, ok := in[test]; ok {
				t.Errorf("%s is in stories %s and %s", test, other, st.Name)
			}
			in[test] = st.Name
			if !slices.Contains(tests, test) {
				t.Errorf("story %s names %s, which the suite does not have", st.Name, test)
			}
		}
	}
	for _, test := range tests {
		if _, ok := in[test]; !ok {
			t.Errorf("%s is in no story: a failure of it would cost no points", test)
		}
	}
}

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		names, want []string
		err         bool
	}{
		{nil, Names(), false},
		{[]string{"racefix", "histogram"}, []string{"racefix", "histogram"}, false},
		{[]string{"histogram", "nosuch"}, nil, true},
	} {
		specs, err := Select(tc.names)
		var got []string
		for _, s := range specs {
			got = append(got, s.Name)
		}
		if (err != nil) != tc.err || !slices.Equal(got, tc.want) {
			t.Errorf("Select(%q) = %q, %v; want %q, error %v", tc.names, got, err, tc.want, tc.err)
		}
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
				if c := check.Honest(files, check.Rules{Imports: s.Imports, Timed: s.Timed(), Bubbled: s.Bubbled}); c.Status != verdict.Pass {
					t.Errorf("honest: %s", c.Message)
				}
			})
		}
	}
}
