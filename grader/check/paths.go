package check

import (
	"path/filepath"
	"regexp"
	"strings"

	"parlab/grader/verdict"
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
	// CopyPattern, when set, matches the folder of any copy, an earlier
	// grade's too: go vet replays a finding from its cache with the path
	// of the workspace that first produced it.
	CopyPattern *regexp.Regexp
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
		// The go command names a file by its path relative to its
		// working folder (the project root) where that is shorter: a
		// checkout in /tmp sees "../parlab-grade-histogram-1/src/".
		if rel, err := filepath.Rel(p.Root, c); err == nil {
			s = strings.ReplaceAll(s, rel+"/", "")
		}
	}
	if p.CopyPattern != nil {
		s = p.CopyPattern.ReplaceAllString(s, "")
	}
	s = strings.ReplaceAll(s, "./"+p.PkgDir+"/", "")
	s = strings.ReplaceAll(s, p.PkgDir+"/", "")
	return s
}

// A Locator names the learner's files in messages as the learner's
// editor sees them: with folder "exercises/histogram",
// "histogram.go:37:2" becomes "exercises/histogram/histogram.go:37:2",
// in compiler and vet errors, race, leak, panic and deadlock reports,
// the timing run's messages, the diagnosis and the notes alike, so that
// a terminal or an editor can open the line. A file named by one of the
// folders the toolchain knows it by (an absolute path into the checkout,
// which a test binary built with -overlay prints in its stacks) is named
// the same way. A name inside any other path (the suite's, the
// runtime's) is left as it is. The zero Locator changes nothing.
type Locator struct {
	re     *regexp.Regexp
	prefix string
}

// NewLocator locates the files (base names of the learner's .go files)
// in folder; an empty folder or "." leaves the base names. dirs are the
// absolute folders the toolchain may name the files by (the package's
// folder in the checkout, a copy in the grader's workspace): a file named
// by one of them loses it for folder.
func NewLocator(folder string, files []string, dirs ...string) Locator {
	if folder == "." {
		folder = ""
	}
	if len(files) == 0 || (folder == "" && len(dirs) == 0) {
		return Locator{}
	}
	quoted := make([]string, len(files))
	for i, f := range files {
		quoted[i] = regexp.QuoteMeta(f)
	}
	var within []string
	for _, d := range dirs {
		if d = strings.TrimSuffix(filepath.ToSlash(filepath.Clean(d)), "/"); d != "" && d != "." {
			within = append(within, regexp.QuoteMeta(d)+"/")
		}
	}
	dir := ""
	if len(within) > 0 {
		dir = "(?:" + strings.Join(within, "|") + ")?"
	}
	prefix := ""
	if folder != "" {
		prefix = strings.TrimSuffix(filepath.ToSlash(folder), "/") + "/"
	}
	return Locator{
		re:     regexp.MustCompile(`(?m)(^|[\s(\[{"'=,;])` + dir + `(` + strings.Join(quoted, "|") + `):(\d+)`),
		prefix: strings.ReplaceAll(prefix, "$", "$$"),
	}
}

func (l Locator) fix(s *string) {
	if l.re != nil {
		*s = l.re.ReplaceAllString(*s, "${1}"+l.prefix+"${2}:${3}")
	}
}

// Check locates the files in c's message, hint and details.
func (l Locator) Check(c *verdict.Check) {
	l.fix(&c.Message)
	l.fix(&c.Hint)
	l.fix(&c.Details)
}

// Result locates the files in every check of res (Check), its notes and
// the speed diagnosis.
func (l Locator) Result(res *verdict.Result) {
	for i := range res.Checks {
		l.Check(&res.Checks[i])
	}
	for i := range res.Notes {
		l.fix(&res.Notes[i])
	}
	if sp := res.Speedup; sp != nil && sp.Diagnosis != nil {
		d := sp.Diagnosis
		l.fix(&d.Summary)
		l.fix(&d.Location)
		l.fix(&d.Hint)
	}
}
