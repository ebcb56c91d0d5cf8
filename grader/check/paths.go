package check

import (
	"path/filepath"
	"strings"
)

// Paths rewrites the paths the toolchain prints for the package under test
// (absolute, or relative to the project root) to the learner's own file
// names: "/work/parlab/exercises/histogram/histogram.go:15" becomes
// "histogram.go:15". The learner's folder is flat, so the base name is
// their path relative to it.
type Paths struct {
	// Root is the project root (absolute).
	Root string
	// PkgDir is the package's folder relative to Root: exercises/NAME.
	PkgDir string
	// Copies are other folders holding copies of the learner's files (the
	// grader's workspace), which the compiler names in its errors.
	Copies []string
}

// Rewrite applies the mapping to every occurrence in s.
func (p Paths) Rewrite(s string) string {
	if p.PkgDir == "" {
		return s
	}
	abs := filepath.Join(p.Root, p.PkgDir) + "/"
	s = strings.ReplaceAll(s, abs, "")
	for _, c := range p.Copies {
		s = strings.ReplaceAll(s, filepath.Clean(c)+"/", "")
	}
	s = strings.ReplaceAll(s, "./"+p.PkgDir+"/", "")
	s = strings.ReplaceAll(s, p.PkgDir+"/", "")
	return s
}
