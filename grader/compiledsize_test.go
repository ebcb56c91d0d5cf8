package grader

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestCompiledSizeBounded grades, for real, a model answer with one line
// added, `var pad = [1 << 21]int{1<<21 - 1: N}`: before, the builds
// passed and left its two variants of 16 MiB in the shared build cache
// (another N, another 32 MiB; `[1 << 24]int` left 257 MiB). Now the
// builds check fails saying why, and no cache file larger than
// MaxCompiledSize is left by it. 16 MiB is twice the limit: the test
// compiled 128 MiB twice before, 21 s of the suite on a busy machine.
func TestCompiledSizeBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a 16 MiB package twice")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := exercise.Lookup("histogram")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	cache := strings.TrimSpace(string(out))
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(root, spec.SolutionDir(), "histogram.go"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "histogram.go"), src, 0o644)
	// A value of its own, so that no earlier run's cache entry serves it.
	pad := "package histogram\n\nvar pad = [1 << 21]int{1<<21 - 1: 1" + time.Now().Format("150405") + "}\n"
	os.WriteFile(filepath.Join(dir, "pad.go"), []byte(pad), 0o644)
	start := time.Now().Add(-time.Second)
	res, err := Grade(context.Background(), spec, Options{Root: root, Dir: dir, NoSpeedup: true})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Check(verdict.Builds); c.Status != verdict.Fail || !strings.Contains(c.Message, "compiles to 16 MiB") || !strings.Contains(c.Message, "A large array or composite literal") {
		t.Errorf("builds: %s %q, want a fail naming the compiled size", c.Status, c.Message)
	}
	dirs, _ := filepath.Glob(filepath.Join(cache, "[0-9a-f][0-9a-f]"))
	for _, d := range dirs {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !cacheFile.MatchString(e.Name()) || info.ModTime().Before(start) {
				continue
			}
			// The suite's other packages run beside this test and may
			// compile a large package of their own (the race runtime is
			// 13 MiB): only the learner's package counts.
			if info.Size() > MaxCompiledSize && compiledFrom(t, filepath.Join(d, e.Name()), "parlab/"+spec.StubDir()) {
				t.Errorf("the grade left %s (%d MiB) in the build cache", filepath.Join(d, e.Name()), info.Size()>>20)
			}
		}
	}
}

// compiledFrom reports whether the cache file at path is a compiled
// package that names pkg (its own path is in its export data).
func compiledFrom(t *testing.T, path, pkg string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false // removed meanwhile: it is not left
	}
	return bytes.HasPrefix(data, []byte("!<arch>\n")) && bytes.Contains(data, []byte(pkg))
}

// TestKeepWork: -work goes before the package, and its WORK= line is
// dropped from what a build printed, and nothing else is.
func TestKeepWork(t *testing.T) {
	if got, want := strings.Join(keepWork([]string{"go", "test", "-c", "./exercises/histogram"}), " "), "go test -c -work ./exercises/histogram"; got != want {
		t.Errorf("keepWork: %q, want %q", got, want)
	}
	for _, tc := range []struct{ in, want string }{
		{"WORK=/tmp/x/go-build1\n", ""},
		{"WORK=/tmp/x/go-build1\n# parlab/exercises/histogram\nhistogram.go:3:1: syntax error\n", "# parlab/exercises/histogram\nhistogram.go:3:1: syntax error\n"},
		{"histogram.go:3:1: WORK=x\n", "histogram.go:3:1: WORK=x\n"},
		{"WORK=/tmp/x", ""},
		{"", ""},
	} {
		if got := string(dropWorkLine([]byte(tc.in))); got != tc.want {
			t.Errorf("dropWorkLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDeclaresGenerics: the compiled-size message names generic code as
// the likely cause where the files declare any (an attack session's 20
// lines made the compiler write 2^14 instantiations, 256 MiB, and were
// told about large arrays).
func TestDeclaresGenerics(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"package p\nvar pad = [1 << 21]int{1<<21 - 1: 1}\n", false},
		{"package p\nfunc F[T any](x T) T { return x }\n", true},
		{"package p\ntype pair[T any] struct{ a, b T }\n", true},
		{"package p\nfunc (s set) Has(x int) bool { return s[x] }\ntype set map[int]bool\n", false},
		{"package p\nfunc broken( {\n", false},
	} {
		if got := declaresGenerics(map[string][]byte{"p.go": []byte(tc.src)}); got != tc.want {
			t.Errorf("declaresGenerics(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
