package check

import (
	"fmt"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"parlab/grader/verdict"
)

// forbidden lists import paths (or prefixes ending in "/") a submission may
// not use, each with the reason a learner is told.
var forbidden = []struct{ path, why string }{
	{"parlab/reference", "it is the serial answer the grader compares against"},
	{"parlab/solutions/", "it is the model answer"},
	{"parlab/kernels/", "they are the course's worked examples; write your own"},
	{"parlab/grader", "it is the grader"},
	{"parlab/exercises/", "exercises must not call each other's code"},
	{"unsafe", "it can reach into the grader's memory"},
	{"reflect", "it can reach into the grader's internals; these exercises need none"},
	{"C", "cgo is not allowed: the exercises are about Go's own concurrency"},
	{"os/exec", "starting other programs is not allowed"},
	{"plugin", "loading code at run time is not allowed"},
}

// Honest judges whether the learner's files stay within the rules: no
// forbidden imports and no //go:linkname to reach into other packages.
// files maps file names to contents.
func Honest(files map[string][]byte) verdict.Check {
	chk := verdict.Check{Name: verdict.Honest, Status: verdict.Pass, Message: "imports nothing it should not"}
	var problems []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	fset := token.NewFileSet()
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			continue // the builds check reports syntax errors
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if why, bad := isForbidden(path); bad {
				problems = append(problems, fmt.Sprintf("%s: imports %q: %s", fset.Position(imp.Pos()), path, why))
			}
		}
		for i, line := range strings.Split(string(files[name]), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//go:linkname") {
				problems = append(problems, fmt.Sprintf("%s:%d: //go:linkname reaches into other packages' internals", name, i+1))
			}
		}
	}
	if len(problems) > 0 {
		chk.Status = verdict.Fail
		chk.Message = strings.Join(problems, "\n")
		chk.Hint = "Write the parallel code yourself with the standard library (sync, sync/atomic, runtime). The other checks are not graded until this passes."
	}
	return chk
}

func isForbidden(path string) (string, bool) {
	for _, f := range forbidden {
		if path == f.path || path == strings.TrimSuffix(f.path, "/") ||
			(strings.HasSuffix(f.path, "/") && strings.HasPrefix(path, f.path)) ||
			(!strings.HasSuffix(f.path, "/") && strings.HasPrefix(path, f.path+"/")) {
			return f.why, true
		}
	}
	return "", false
}
