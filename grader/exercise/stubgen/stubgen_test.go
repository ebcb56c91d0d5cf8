package stubgen

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
)

// strictStubs makes TestStubsAreCurrent hold exercises/ to the model
// answers too; .ci/run sets it. Without it, a stub that differs while its
// pristine copy is current is only logged: in a learner's checkout,
// exercises/ is their work, and `go test ./...` must not fail on it.
var strictStubs = flag.Bool("strict-stubs", false, "fail when exercises/NAME differs from what the model answer makes (the project's CI), not only when the pristine copy does")

// TestStubsAreCurrent fails while an exercise's pristine copy (built into
// the grader) is not what the model answer makes: a model answer was
// changed and the stubs were not made again. exercises/NAME is checked
// too, strictly with -strict-stubs (a stub edited by hand instead of the
// model answer).
func TestStubsAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	for _, spec := range exercise.All() {
		t.Run(spec.Name, func(t *testing.T) {
			stale, err := Stale(root, spec)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range stale {
				if strings.HasPrefix(s, spec.StubDir()+"/") && !*strictStubs {
					t.Logf("%s (your work, in a learner's checkout; the project's CI runs this test with -strict-stubs)", s)
					continue
				}
				t.Errorf("%s: run `go generate ./...` (edit the model answer in %s, not the stub)", s, spec.SolutionDir())
			}
		})
	}
}

func TestMake(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"a body becomes a TODO panic, the package comment and unused imports go",
			"// Package p is the answer.\npackage p\n\nimport (\n\t\"math/rand/v2\"\n\t\"sync\"\n\t\"time\"\n)\n\n" +
				"// F does it.\nfunc F() time.Duration {\n\t//parlab:begin-solution do it\n\tvar mu sync.Mutex\n\tmu.Lock()\n\treturn time.Duration(rand.IntN(2))\n\t//parlab:end-solution\n}\n",
			"package p\n\nimport \"time\"\n\n// F does it.\nfunc F() time.Duration {\n\tpanic(\"TODO: do it\")\n}\n"},
		{"a helper only the answer has goes whole",
			"package p\n\n// F does it.\nfunc F() int {\n\t//parlab:begin-solution\n\treturn g()\n\t//parlab:end-solution\n\t//parlab:begin-stub\n\t// return 0\n\t//parlab:end-stub\n}\n\n" +
				"//parlab:begin-solution\n\n// g helps.\nfunc g() int { return 1 }\n\n//parlab:end-solution\n",
			"package p\n\n// F does it.\nfunc F() int {\n\treturn 0\n}\n"},
		{"a line says what it reads in the stub, or that the stub lacks it",
			"package p\n\nimport \"sync\"\n\nfunc F(n int) int {\n\tvar wg sync.WaitGroup //parlab:stub\n\tx := n + 1 //parlab:stub x := n\n\twg.Wait() //parlab:stub\n\treturn x\n}\n",
			"package p\n\nfunc F(n int) int {\n\tx := n\n\treturn x\n}\n"},
		{"starter code with its comments",
			"package p\n\nfunc F() {\n\t//parlab:begin-stub\n\t// // a bug:\n\t// for {\n\t// }\n\t//parlab:end-stub\n}\n",
			"package p\n\nfunc F() {\n\t// a bug:\n\tfor {\n\t}\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Make("p.go", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestMakeRefusesBadMarkers(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"never closed", "package p\n\n//parlab:begin-solution\nfunc f() {}\n", "p.go:3: the region opened here is never closed"},
		{"nested", "package p\n\n//parlab:begin-solution\n//parlab:begin-stub\n", "p.go:4: //parlab:begin-stub inside the region opened at line 3"},
		{"closes the other kind", "package p\n\n//parlab:begin-stub\n//parlab:end-solution\n", "p.go:4: //parlab:end-solution closes no region"},
		{"a stray end", "package p\n\n//parlab:end-stub\n", "p.go:3: //parlab:end-stub closes no region"},
		{"code in a stub region", "package p\n\n//parlab:begin-stub\nfunc f() {}\n//parlab:end-stub\n", "p.go:4: a stub region holds // comments only"},
		{"a typo", "package p\n\nvar x = 1 //parlab:stubb\n", `p.go:3: unknown marker "//parlab:stubb"`},
		{"a marker that would reach the stub", "package p\n\n//parlab:begin-stub\n// //parlab:stub\n//parlab:end-stub\n", "a marker would reach the stub"},
		{"a cut that leaves no Go", "package p\n\nfunc f() {\n\t//parlab:begin-solution\n}\n\t//parlab:end-solution\n", "the stub it makes is not Go"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Make("p.go", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one that says %q", err, tc.want)
			}
		})
	}
}

// TestGenerateLeavesEditedStubs checks that a stub someone edited (a
// learner, in their checkout) is not overwritten without -force.
func TestGenerateLeavesEditedStubs(t *testing.T) {
	root := t.TempDir()
	spec := exercise.Spec{Name: "toy"}
	writeFile(t, root, "solutions/toy/toy.go", "package toy\n\n// F is.\nfunc F() int {\n\t//parlab:begin-solution return 1\n\treturn 1\n\t//parlab:end-solution\n}\n")
	writeFile(t, root, "exercises/toy/doc.go", "// Package toy is exercise 5.\npackage toy\n")
	writeFile(t, root, "exercises/toy/toy.go", "package toy\n\n// F is.\nfunc F() int { return 2 } // my work\n")
	if err := Generate(root, spec, false); err == nil || !strings.Contains(err.Error(), "toy.go differs from the stub shipped so far") {
		t.Fatalf("error %v, want one that says the stub was edited", err)
	}
	if got := readFile(t, root, "exercises/toy/toy.go"); !strings.Contains(got, "my work") {
		t.Fatalf("the edited stub was overwritten:\n%s", got)
	}
	if err := Generate(root, spec, true); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, root, "exercises/toy/toy.go"); !strings.Contains(got, `panic("TODO: return 1")`) {
		t.Errorf("with force, the stub is\n%s", got)
	}
	if got := readFile(t, root, PristineDir+"/toy/doc.go"+exercise.PristineSuffix); !strings.Contains(got, "exercise 5") {
		t.Errorf("the pristine assignment is\n%s", got)
	}
	if stale, err := Stale(root, spec); err != nil || len(stale) > 0 {
		t.Errorf("after Generate: stale %q, error %v", stale, err)
	}
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
