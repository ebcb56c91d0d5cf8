package grader

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"parlab/grader/suite"
)

// judgingOnly are files of packages the test binaries link that only the
// grader runs to judge recorded samples (package measure links the judge
// as its stopping rule, but a replay judges the recorded samples afresh):
// changing them does not make a tape stale, which is the point of
// replaying tapes through them.
var judgingOnly = map[string]bool{
	"grader/contract/speedup/judge.go":    true,
	"grader/contract/speedup/estimate.go": true,
	// Only the package's documentation: no code.
	"grader/contract/speedup/doc.go": true,
}

var (
	suiteHashes   = map[string]string{}
	suiteHashesMu sync.Mutex
)

// fingerprint hashes what a live grade of the scenario is built from,
// besides the grader's judging code: the submission's .go files, and the
// source of the hidden suite and of every parlab package its test binary
// links (contract, kit, measure, the reference kernels), as
// `go list -deps -test` finds them, plus go.mod and go.sum.
func (sc scenario) fingerprint(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	fmt.Fprintf(h, "suite %s\n", sc.suiteHash(t, root))
	dir := sc.folder(t, root)
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(names)
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(name), len(data))
		h.Write(data)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// suiteHash hashes an exercise's hidden suite and what it links, once per
// test binary.
func (sc scenario) suiteHash(t *testing.T, root string) string {
	t.Helper()
	suiteHashesMu.Lock()
	defer suiteHashesMu.Unlock()
	if h, ok := suiteHashes[sc.spec.Name]; ok {
		return h
	}
	cmd := exec.Command("go", "list", "-deps", "-test", "-tags", suite.BuildTag,
		"-f", `{{if not .Standard}}{{.ImportPath}}|{{.Dir}}|{{join .GoFiles ","}},{{join .XTestGoFiles ","}}{{end}}`,
		"./grader/suite/"+sc.spec.Name)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	files := map[string]bool{"go.mod": true, "go.sum": true}
	for _, line := range strings.Split(string(out), "\n") {
		parts := strings.Split(line, "|")
		// The test main package (IMPORT.test) holds a file the go command
		// generates in its cache: not a source.
		if len(parts) != 3 || !strings.HasPrefix(parts[0], "parlab/") || strings.HasPrefix(parts[0], "parlab/exercises/") ||
			strings.HasSuffix(parts[0], ".test") {
			continue
		}
		rel, err := filepath.Rel(root, parts[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range strings.Split(parts[2], ",") {
			if p := filepath.ToSlash(filepath.Join(rel, f)); f != "" && !filepath.IsAbs(f) && !judgingOnly[p] {
				files[p] = true
			}
		}
	}
	sorted := make([]string, 0, len(files))
	for f := range files {
		sorted = append(sorted, f)
	}
	sort.Strings(sorted)
	h := sha256.New()
	for _, f := range sorted {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s %d\n", f, len(data))
		h.Write(data)
	}
	suiteHashes[sc.spec.Name] = fmt.Sprintf("%x", h.Sum(nil))
	return suiteHashes[sc.spec.Name]
}
