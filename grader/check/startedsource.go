package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strings"

	"parlab/grader/verdict"
)

// StartedBySource decides the started check from the learner's files
// (name -> source) alone, before anything runs, where they settle it:
// when no file names anything that can panic with a value the code
// chooses (the builtin panic, or a name holding "panic" in any case, such
// as a library's Panicf), no call can panic with a TODO message, so the
// exercise is started. ok is false when the files leave it open (the
// stub's panic("TODO: ...") is still there, or any other panic, or a file
// does not parse): the race run decides it then.
//
// The grader streams a pass of builds and honest only once started is
// known (work not started scores nothing), so knowing it from the source
// lets those lines show as soon as the builds are done, not after the
// race run. The race run's started check agrees by construction:
// CannotPanic makes what only looks like a TODO panic in the output
// (text the code printed) count as no TODO panic.
func StartedBySource(files map[string][]byte) (c verdict.Check, ok bool) {
	if !CannotPanic(files) {
		return verdict.Check{}, false
	}
	return verdict.Check{Name: verdict.Started, Status: verdict.Pass, Message: noTODOLeft}, true
}

// noTODOLeft is the message of a started check that passes.
const noTODOLeft = "no TODO left"

// CannotPanic reports whether none of the learner's files (name ->
// source) names the builtin panic or anything else with "panic" in its
// name, every one of them parsing. Such code can still crash (an index
// out of range, a nil map), but only with a message of the runtime's or
// a library's, never one of its own choosing, such as "TODO: ...". A
// name is counted wherever it appears (a declaration that shadows panic
// too): the answer errs towards "can panic".
func CannotPanic(files map[string][]byte) bool {
	if len(files) == 0 {
		return false
	}
	fset := token.NewFileSet()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return false
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && strings.Contains(strings.ToLower(id.Name), "panic") {
				found = true
			}
			return !found
		})
		if found {
			return false
		}
	}
	return true
}
