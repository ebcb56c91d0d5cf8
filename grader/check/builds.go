package check

import (
	"fmt"
	"regexp"
	"strings"

	"parlab/grader/verdict"
)

// Compiler is what building the package and its hidden suite printed.
type Compiler struct {
	// OK is whether the build succeeded.
	OK bool
	// Output is the compiler's output (already path-rewritten).
	Output string
	// Vet is go vet's output when it found problems (path-rewritten).
	Vet string
	// SuiteFiles are the file names of the hidden suite, so that errors in
	// them can be told apart from errors in the learner's code.
	SuiteFiles []string
}

// errLineRE is the first line of one compiler or vet error:
// "file.go:LINE:COL: message" (vet's type-checking errors start "vet: ").
var errLineRE = regexp.MustCompile(`^(?:vet: )?([^\s:]+\.go):(\d+)(:\d+)?: (.*)$`)

// Builds judges whether the package compiles with the hidden suite, and
// whether go vet is content with it.
func Builds(c Compiler) verdict.Check {
	chk := verdict.Check{Name: verdict.Builds, Status: verdict.Pass, Message: "the package compiles and go vet finds nothing"}
	if !c.OK {
		chk.Status = verdict.Fail
		chk.Details = c.Output
		own, suite := splitErrors(c.Output, c.SuiteFiles)
		switch {
		case len(own) > 0:
			chk.Message = "does not compile:\n" + strings.Join(own, "\n")
			chk.Hint = "Fix the first error first: later ones are often caused by it."
		case len(suite) > 0:
			chk.Message = "compiles, but not with the API the assignment asks for (the grader's tests call it):\n" + strings.Join(suite, "\n")
			chk.Hint = "Keep every name and signature of the stub: the grader calls them. Compare with the assignment (go run ./cmd/grade show NAME)."
		default:
			chk.Message = "does not compile:\n" + firstLines(c.Output, 20)
			chk.Hint = "Check that every file starts with the right package clause and that the folder holds the exercise's .go files."
		}
		return chk
	}
	if strings.TrimSpace(c.Vet) != "" {
		chk.Status = verdict.Fail
		own, _ := splitErrors(c.Vet, c.SuiteFiles)
		if len(own) == 0 {
			own = []string{firstLines(c.Vet, 10)}
		}
		chk.Message = "compiles, but go vet reports:\n" + strings.Join(own, "\n")
		chk.Hint = "go vet finds real bugs (a copied sync.Mutex, a wrong Printf verb). Fix what it says; the other checks still ran."
		if strings.Contains(c.Vet, "sync.WaitGroup contains sync.noCopy") {
			chk.Hint = "A sync.WaitGroup passed by value is a copy: Done on the copy never reaches the WaitGroup that Wait waits on, so Wait can block forever. " +
				"Pass a pointer (wg *sync.WaitGroup), or let the goroutine's closure use the WaitGroup it shares with its caller (wg.Go(func() { ... }) does both). The other checks still ran."
		}
		chk.Details = c.Vet
	}
	return chk
}

// splitErrors sorts "file.go:L:C: msg" errors into the learner's and the
// suite's; the suite's have their file names replaced by a neutral word.
// An error is kept whole: its column, and the indented lines that follow
// it (a call's "have (...)" and "want (...)", a vet finding's second
// line).
func splitErrors(out string, suiteFiles []string) (own, suite []string) {
	isSuite := map[string]bool{}
	for _, f := range suiteFiles {
		isSuite[f] = true
	}
	var cur *[]string // the list the current error went to
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimRight(line, "\r")
		m := errLineRE.FindStringSubmatch(line)
		switch {
		case m != nil:
			file := m[1][strings.LastIndex(m[1], "/")+1:]
			if isSuite[file] {
				suite = append(suite, "  grader's test: "+m[4])
				cur = &suite
				continue
			}
			own = append(own, fmt.Sprintf("  %s:%s%s: %s", m[1], m[2], m[3], m[4]))
			cur = &own
		case cur != nil && line != "" && (line[0] == '\t' || line[0] == ' '):
			last := &(*cur)[len(*cur)-1]
			*last += "\n      " + strings.TrimSpace(line)
		default:
			cur = nil
		}
	}
	return own, suite
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines; --verbose shows them)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}
