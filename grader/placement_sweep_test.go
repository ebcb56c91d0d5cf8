package grader

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"parlab/grader/contract"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

var (
	sweep         = flag.Int("sweep", 0, "grade every model answer and honest variant this many times at every perturbation of the placement sweep")
	sweepExercise = flag.String("sweep-exercise", "", "sweep only the exercises matching this regular expression")
	sweepOnly     = flag.String("sweep-only", "", "sweep only the submissions (solution, or an honest variant's name) matching this regular expression")
	sweepFixed    = flag.Bool("sweep-fixed", false, "add the perturbations with the random placement turned off (the old single placement), for comparison; their verdicts are shown, not asserted")
)

// perturbation is one way the timing binary is perturbed: an environment
// for the timing run (contract.PlacementEnv) and filler code, in bytes of
// machine code roughly, compiled before the learner's own.
type perturbation struct {
	name   string
	env    string
	filler int
	// asserted: every honest submission must pass it (the fixed ones
	// show the old behaviour and are not).
	asserted bool
}

var perturbations = []perturbation{
	{"random (as graded)", "", 0, true},
	{"stack +72 B", "stack=72", 0, true},
	{"stack +1032 B", "stack=1032", 0, true},
	{"stack +2056 B", "stack=2056", 0, true},
	{"input +64 B", "input=64", 0, true},
	{"input +2048 B", "input=2048", 0, true},
	{"input +4000 B", "input=4000", 0, true},
	{"filler ~100 B", "", 8, true},
	{"filler ~1 KiB", "", 80, true},
}

var fixedPerturbations = []perturbation{
	{"fixed (old), no offset", "fixed", 0, false},
	{"fixed (old), stack +1032 B", "fixed,stack=1032", 0, false},
	{"fixed (old), input +2048 B", "fixed,input=2048", 0, false},
}

// TestPlacementSweep is the faster check's placement sweep. It runs only
// when asked:
//
//	go test ./grader -run TestPlacementSweep -sweep 1 -v [-sweep-exercise histogram] [-sweep-only 'solution|scratch'] [-sweep-fixed]
//
// It grades the model answer and the honest variants under
// testdata/honest/EXERCISE of every timed exercise with the timing binary
// perturbed in each way of perturbations: extra stack padding in the
// suite's caller of both the reference and the learner's code, the input
// moved within its page, filler code compiled before the learner's
// package. It prints a table (perturbation x submission: pass/skip/fail
// and the binding margin) and fails if an honest submission fails at any
// asserted perturbation. A speed verdict that holds only at one
// placement is not a verdict: on an AMD EPYC (Zen 3) the same histogram
// loop ran 2x faster or slower depending on where its array landed.
func TestPlacementSweep(t *testing.T) {
	if *sweep <= 0 {
		t.Skip("pass -sweep N to run")
	}
	root, _ := filepath.Abs("..")
	exRE, onlyRE := regexp.MustCompile(*sweepExercise), regexp.MustCompile(*sweepOnly)
	perts := perturbations
	if *sweepFixed {
		perts = append(append([]perturbation{}, perts...), fixedPerturbations...)
	}
	t.Logf("load average before: %s", loadAverage())
	for _, spec := range exercise.All() {
		if !spec.Timed() || !exRE.MatchString(spec.Name) {
			continue
		}
		subs := honestSubmissions(t, root, spec)
		var table strings.Builder
		fmt.Fprintf(&table, "%s\n%-28s", spec.Name, "perturbation")
		for _, sub := range subs {
			if onlyRE.MatchString(sub.name) {
				fmt.Fprintf(&table, " %-16s", sub.name)
			}
		}
		table.WriteString("\n")
		for _, pt := range perts {
			fmt.Fprintf(&table, "%-28s", pt.name)
			for _, sub := range subs {
				if !onlyRE.MatchString(sub.name) {
					continue
				}
				var cells []string
				for range *sweep {
					status, margin, msg := gradePerturbed(t, root, spec, sub.dir, pt)
					cells = append(cells, fmt.Sprintf("%s %+.0f%%", status, 100*margin))
					if pt.asserted && status == verdict.Fail {
						t.Errorf("%s %s at %q: faster failed: %s", spec.Name, sub.name, pt.name, msg)
					}
				}
				fmt.Fprintf(&table, " %-16s", strings.Join(cells, ","))
			}
			table.WriteString("\n")
		}
		t.Logf("\n%s", table.String())
	}
	t.Logf("load average after: %s", loadAverage())
}

type honestSubmission struct{ name, dir string }

// honestSubmissions are an exercise's model answer and its honest
// variants.
func honestSubmissions(t *testing.T, root string, spec exercise.Spec) []honestSubmission {
	subs := []honestSubmission{{"solution", filepath.Join(root, spec.SolutionDir())}}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "honest", spec.Name, "*"))
	for _, d := range dirs {
		abs, _ := filepath.Abs(d)
		subs = append(subs, honestSubmission{filepath.Base(d), abs})
	}
	if len(subs) < 4 {
		t.Errorf("%s has %d honest variants under testdata/honest; the sweep wants at least 3", spec.Name, len(subs)-1)
	}
	return subs
}

// gradePerturbed grades dir with the perturbation and returns the faster
// check's status, binding margin and message.
func gradePerturbed(t *testing.T, root string, spec exercise.Spec, dir string, pt perturbation) (verdict.Status, float64, string) {
	t.Helper()
	if pt.filler > 0 {
		dir = withFiller(t, dir, pt.filler)
	}
	opts := Options{Root: root, Dir: dir}
	if pt.env != "" {
		opts.timingEnv = []string{contract.PlacementEnv + "=" + pt.env}
	}
	res, err := Grade(context.Background(), spec, opts)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Check(verdict.Faster)
	if c == nil {
		t.Fatalf("%s: no faster check", dir)
	}
	return c.Status, res.Speedup.Margin(), c.Message
}

// withFiller copies the .go files of dir into a temporary folder with one
// more file, sorted first, holding a function of cases switch cases (about
// 12 bytes of machine code each), kept by the linker through a package
// variable: everything the package compiles after it moves.
func withFiller(t *testing.T, dir string, cases int) string {
	t.Helper()
	out := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	pkg := ""
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if pkg == "" {
			for _, line := range strings.Split(string(data), "\n") {
				if name, ok := strings.CutPrefix(line, "package "); ok {
					pkg = strings.TrimSpace(name)
					break
				}
			}
		}
		if err := os.WriteFile(filepath.Join(out, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n// sweepFiller moves the code compiled after it (the placement sweep).\nvar sweepFiller = []func(int) int{sweepFill}\n\nfunc sweepFill(x int) int {\n\tswitch x {\n", pkg)
	for i := range cases {
		fmt.Fprintf(&b, "\tcase %d:\n\t\tx = x*%d + %d\n", i, 3+i, rand.IntN(1000))
	}
	b.WriteString("\t}\n\treturn x\n}\n")
	if err := os.WriteFile(filepath.Join(out, "aaa_sweep_filler.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}
