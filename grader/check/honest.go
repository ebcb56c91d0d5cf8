package check

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"parlab/grader/verdict"
	"parlab/internal/textcut"
)

// Rules are what an exercise allows its learner's code.
type Rules struct {
	// Imports is the allowlist of packages.
	Imports []string
	// Timed is set for an exercise whose speed is checked: its code may
	// not leave code of its own to run after a call has returned
	// (timedRefused), which would run while the grader times its serial
	// reference.
	Timed bool
	// Bubbled is set for an exercise whose calls each run in a bubble
	// with a clock of its own (kit.UseBubbles). In every exercise no
	// code of the learner's may run before the first call (initCode);
	// where calls run in bubbles, the reason given is that a timer made
	// then runs on the real clock, where no bubble sees it.
	Bubbled bool
	// OtherFiles are the names of the files in the learner's folder, beside
	// the .go ones, that the go command would build into the package (C,
	// assembly, objects: BuiltBeside); they are never read, and any of them
	// fails the check.
	OtherFiles []string
}

// builtBeside are the file-name extensions, other than .go, that the go
// command compiles or links into a package from its folder (go/build's
// CFiles, CXXFiles, MFiles, HFiles, FFiles, SFiles, SwigFiles and
// SysoFiles): every one is a way into cgo, the assembler or the linker.
var builtBeside = []string{".c", ".cc", ".cxx", ".cpp", ".m", ".h", ".hh", ".hpp", ".hxx",
	".f", ".F", ".for", ".f90", ".s", ".S", ".sx", ".swig", ".swigcxx", ".syso"}

// BuiltBeside reports whether the go command would build the file name,
// found in a package's folder, into the package beside its .go files.
func BuiltBeside(name string) bool {
	for _, ext := range builtBeside {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// cgoWhy is why anything of cgo is refused.
const cgoWhy = "cgo is not allowed: the exercises are about Go's own concurrency, and nothing but Go is compiled"

// Honest judges whether the learner's files stay within the rules: they
// import only the exercise's allowlist of packages, by name (no dot
// import), use of the packages allowed only in part no other members than
// they allow (memberRules, and timedRefused when the exercise is timed),
// run no code before the first call (initCode), and carry no compiler
// directive but //go:build. files maps file names to contents.
//
// The allowlist is the trust boundary of the test process: the packages on
// it cannot name a file, a descriptor or raw memory, so code that passes
// this check cannot write to the grader's report file even when it knows
// everything in its own process (see package contract, "The report file").
func Honest(files map[string][]byte, rules Rules) verdict.Check {
	allowed := rules.Imports
	chk := verdict.Check{Name: verdict.Honest, Status: verdict.Pass,
		Message: "imports only the exercise's allowed packages and uses no compiler directive"}
	var problems []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	others := slices.Sorted(slices.Values(rules.OtherFiles))
	for _, name := range others {
		problems = append(problems, fmt.Sprintf("%s: a C, assembly or object file: the go command would build it into your package; %s: delete it", name, cgoWhy))
	}
	parsed := parseForInit(files)
	own := ownNames(parsed)
	for _, name := range names {
		problems = append(problems, imports(name, files[name], allowed)...)
		problems = append(problems, initCode(name, parsed[name], own, rules.Bubbled)...)
		problems = append(problems, members(name, files[name], rules.Timed)...)
		problems = append(problems, directives(name, files[name])...)
	}
	if len(problems) > 0 {
		chk.Status = verdict.Fail
		chk.Message = strings.Join(problems, "\n")
		chk.Hint = "Write the parallel code yourself with the packages the exercise allows: " + strings.Join(allowed, ", ") +
			". The other checks are not graded until this passes."
	}
	return chk
}

// imports lists the file's imports that are not on the allowlist.
func imports(name string, src []byte, allowed []string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
	if err != nil {
		// The compiler will say more; the imports could not be read, so
		// nothing else may be graded.
		return []string{fmt.Sprintf("%s: its imports cannot be read (%v): fix the syntax first", name, textcut.FirstLine(err.Error()))}
	}
	var out []string
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil && imp.Name.Name == "." {
			// runtime.SetFinalizer passed as a bare SetFinalizer.
			out = append(out, fmt.Sprintf("%s:%d: imports %q with a dot: name the package at every use (%s.Name), so that the grader can tell which names you use",
				name, fset.Position(imp.Pos()).Line, path, path[strings.LastIndex(path, "/")+1:]))
			continue
		}
		if path == "C" {
			// Whatever the allowlist says: cgo hands the file's comment to
			// a C compiler.
			out = append(out, fmt.Sprintf("%s:%d: imports \"C\": %s", name, fset.Position(imp.Pos()).Line, cgoWhy))
			continue
		}
		if slices.Contains(allowed, path) {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d: imports %q: %s", name, fset.Position(imp.Pos()).Line, path, whyNot(path)))
	}
	return out
}

// A memberRule is what learner code may use of a package it may import.
type memberRule struct {
	// only, when set, lists the only members code may use: the rule for a
	// package most of which reaches the whole program (runtime), where a
	// denylist would let through whatever a new Go release adds or a
	// session did not think of. Other members are refused with otherWhy.
	only     map[string]bool
	otherWhy string
	// refused are members refused with a reason of their own, whether or
	// not only is set.
	refused map[string]string
}

// memberRules are the packages the exercises allow only in part, and
// what of them: names that let code tell how or where it runs (who called
// it, and so whether the grader did; which build it is in: sync.Pool drops
// objects on purpose under the race detector; which of the grader's calls
// is traced), or that change the whole process, the grader's timings
// included, so that code could behave one way when checked and another
// when timed.
var memberRules = map[string]memberRule{
	"runtime": {
		// What the exercises need: the cores (runtime.GOMAXPROCS(0) reads
		// them; any other argument sets them, see gomaxprocsWhy), a
		// yield, and the types a recover may see.
		only: set("GOMAXPROCS", "NumCPU", "Gosched", "KeepAlive", "GOOS", "GOARCH",
			"Error", "TypeAssertionError", "PanicNilError"),
		otherWhy: "of package runtime these exercises allow only runtime.GOMAXPROCS(0), NumCPU, Gosched, KeepAlive and its error types: " +
			"the rest reaches the whole program (its scheduler, memory, tracer and profiles), the grader's code included",
		refused: map[string]string{
			"Caller": whoCalled, "Callers": whoCalled, "CallersFrames": whoCalled, "FuncForPC": whoCalled,
			"Stack":            "it reads every goroutine's stack, the grader's included",
			"GoroutineProfile": "it reads every goroutine's stack, the grader's included, so code could tell the grader's calls apart",
			"NumGoroutine":     "it counts the grader's goroutines too, so code could tell the grader's calls apart; start and wait for your own instead",
			"StartTrace":       tracerWhy, "StopTrace": tracerWhy, "ReadTrace": tracerWhy,
			"Breakpoint":   "it stops the program",
			"SetFinalizer": "finalizers run at the garbage collector's whim, which differs between the grader's runs",
			"AddCleanup":   "cleanups run at the garbage collector's whim, which differs between the grader's runs",
			"GC":           "it stops the whole program, the grader's timings included; the grader collects garbage itself between calls",
			// The runtime's profiling rates are the whole process's: code that
			// set MemProfileRate slowed the allocating reference (a serial
			// merge sort passed), and set at random it made the reference's
			// times swing until the check was skipped as "machine unsteady".
			"MemProfileRate":          "it changes how the whole program allocates, the grader's reference included",
			"SetBlockProfileRate":     "it changes how the whole program blocks, the grader's code included",
			"SetMutexProfileFraction": "it changes how the whole program locks, the grader's code included",
			"SetCPUProfileRate":       "it interrupts the whole program, the grader's code included",
			"ReadMemStats":            "it stops the whole program and reads the grader's memory figures; these exercises need none",
		},
	},
	// The point source's total counts the grader's points too: reading
	// it around a call tells the reference's and the calibration's runs
	// apart from the learner's own.
	"parlab/reference/points": {
		only:     set("Stream"),
		otherWhy: "of the point source the exercise allows only points.Stream",
		refused:  map[string]string{"Drawn": "it counts every point the program drew, the grader's included, so code could tell its calls apart"},
	},
	"sync": {refused: map[string]string{"Pool": "it drops objects on purpose under the race detector, so code can tell the grader's runs apart; these exercises need none"}},
}

const (
	whoCalled = "it tells code who called it, and so whether the grader did"
	tracerWhy = "the runtime has one execution tracer, and the grader checks with it that your code works in parallel: code that took it switched that check off"
	// gomaxprocsWhy is why runtime.GOMAXPROCS with another argument than
	// 0 is refused.
	gomaxprocsWhy = "runtime.GOMAXPROCS(n) sets how many cores the whole program runs on, the grader's code included: read it with runtime.GOMAXPROCS(0) only, and start as many goroutines as the workers argument says"
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// timedRefused are names that leave code of the learner's to run after a
// call has returned, on a goroutine the runtime starts: while the grader
// times its serial reference, no goroutine of the learner's is there to
// see between calls. A submission that set a time.AfterFunc at the end of
// every call to spin through the reference's timing passed the faster
// check with serial code.
//
// A deadline is such code too: when it passes, the context's cancellation
// runs on a goroutine of the runtime's, and cancelling a tree of
// thousands of contexts hung under one skipped serial code as "machine
// unsteady".
var timedRefused = map[string]map[string]string{
	"time": {"AfterFunc": afterReturn},
	"context": {"AfterFunc": afterReturn, "WithTimeout": deadlineWhy, "WithDeadline": deadlineWhy,
		"WithTimeoutCause": deadlineWhy, "WithDeadlineCause": deadlineWhy},
}

const (
	afterReturn = "it runs your code after the call has returned, while the grader times its reference; start goroutines inside the call and wait for them"
	deadlineWhy = "its deadline can pass after the call has returned, and the cancellation then runs while the grader times its reference; these exercises need no deadline"
)

// refusedMember says why path.name is refused, or "" when it is not.
func refusedMember(path, name string, timed bool) string {
	rule := memberRules[path]
	if why := rule.refused[name]; why != "" {
		return why
	}
	if rule.only != nil && !rule.only[name] {
		return rule.otherWhy
	}
	if timed {
		return timedRefused[path][name]
	}
	return ""
}

// members lists the file's uses of refused members of allowed packages,
// wherever they are (a call, a method value, a type). A name is the
// package's only where the file does not declare it itself (a parameter
// named runtime is not the package).
func members(name string, src []byte, timed bool) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil // imports reports files that do not parse
	}
	local := map[string]string{} // the name a file uses for a package -> its path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if _, ok := memberRules[path]; !ok && timedRefused[path] == nil {
			continue
		}
		n := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			n = imp.Name.Name
		}
		local[n] = path
	}
	// runtime.GOMAXPROCS(0) reads the cores; any other use may set them.
	reads := map[*ast.SelectorExpr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.INT && lit.Value == "0" {
					reads[sel] = true
				}
			}
		}
		return true
	})
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || id.Obj != nil {
			return true
		}
		path, ok := local[id.Name]
		if !ok {
			return true
		}
		why := refusedMember(path, sel.Sel.Name, timed)
		if path == "runtime" && sel.Sel.Name == "GOMAXPROCS" && !reads[sel] {
			why = gomaxprocsWhy
		}
		if why != "" {
			out = append(out, fmt.Sprintf("%s:%d: uses %s.%s: %s", name, fset.Position(sel.Pos()).Line, path, sel.Sel.Name, why))
		}
		return true
	})
	return out
}

// refused gives the reason a learner is told for packages they are likely
// to reach for; a prefix ending in "/" covers the packages below it.
var refused = []struct{ path, why string }{
	{"parlab/reference", "it is the serial answer the grader compares against"},
	{"parlab/solutions/", "it is the model answer"},
	{"parlab/kernels/", "they are the course's worked examples; write your own"},
	{"parlab/grader", "it is the grader"},
	{"parlab/internal/", "it is the grader's own helper code"},
	{"parlab/cmd/", "it is the grade command"},
	{"parlab/exercises/", "exercises must not call each other's code"},
	{"unsafe", "it reads and writes any memory, the grader's included"},
	{"reflect", "it reaches into other packages' internals; these exercises need none"},
	{"runtime/debug", "it changes the runtime's settings the grader relies on and dumps memory to files"},
	{"runtime/pprof", "profiling writes files; profile with `go test -cpuprofile` on your own tests instead"},
	{"runtime/trace", "tracing writes files; trace with `go test -trace` on your own tests instead"},
	{"embed", "it builds files into your program, the grader's own included"},
	{"testing", "code that knows it is being tested can behave differently under the grader; put your own tests in _test.go files"},
	{"flag", "code that reads the command line can tell the grader's runs apart"},
	{"C", "cgo is not allowed: the exercises are about Go's own concurrency"},
	{"os/exec", "starting other programs is not allowed"},
	{"os", "the exercise works on the values it is given: no files, environment or exit; return results and errors instead"},
	{"syscall", "system calls reach files and processes outside the exercise"},
	{"io/fs", "the exercise needs no files"},
	{"io/ioutil", "the exercise needs no files"},
	{"path/filepath", "the exercise needs no files"},
	{"log", "log writes to a file descriptor and log.Fatal ends the program; return errors instead"},
	{"net", "the exercise needs no network"},
	{"plugin", "loading code at run time is not allowed"},
}

// whyNot says why path is not allowed.
func whyNot(path string) string {
	for _, r := range refused {
		if path == strings.TrimSuffix(r.path, "/") || strings.HasPrefix(path, strings.TrimSuffix(r.path, "/")+"/") {
			return r.why
		}
	}
	if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
		return "only the standard library is available to exercises, no other modules"
	}
	return "it is not on this exercise's list of allowed packages"
}

// directives lists every compiler directive in the file except //go:build:
// //go:linkname reaches into other packages, //go:norace hides races from
// the detector, //go:embed reads files, //line rewrites the positions the
// grader reports, and none of them is needed by the exercises. Comments are
// read with go/scanner, so a directive is found wherever it is.
func directives(name string, src []byte) []string {
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, scanner.ScanComments)
	var out []string
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok != token.COMMENT {
			continue
		}
		if d, ok := directive(lit); ok {
			out = append(out, fmt.Sprintf("%s:%d: the directive %s is not allowed: %s", name, fset.Position(pos).Line, d, directiveWhy(d)))
		}
		if n, ok := cgoLine(lit); ok {
			// The line itself is not quoted: what it names is not the
			// learner's to read through the grader.
			out = append(out, fmt.Sprintf("%s:%d: a #cgo line: %s", name, fset.Position(pos).Line+n, cgoWhy))
		}
	}
}

// cgoLine reports whether a comment holds a #cgo line (as cgo reads a
// preamble: a line that starts, after spaces, with #cgo), and which line
// of the comment it is, from 0.
func cgoLine(comment string) (int, bool) {
	for i, line := range strings.Split(comment, "\n") {
		if i == 0 {
			line = line[2:] // the comment's // or /*
		}
		if strings.HasPrefix(strings.TrimSpace(line), "#cgo") {
			return i, true
		}
	}
	return 0, false
}

// directive reports whether a comment is a directive other than //go:build,
// and names it.
func directive(comment string) (string, bool) {
	switch {
	case strings.HasPrefix(comment, "//go:"):
		d, _, _ := strings.Cut(comment, " ")
		d, _, _ = strings.Cut(d, "\t")
		return d, d != "//go:build"
	case strings.HasPrefix(comment, "//line "), strings.HasPrefix(comment, "/*line "):
		return "//line", true
	case strings.HasPrefix(comment, "//export "), strings.HasPrefix(comment, "//extern "):
		d, _, _ := strings.Cut(comment, " ")
		return d, true
	}
	return "", false
}

func directiveWhy(d string) string {
	switch d {
	case "//go:linkname":
		return "it reaches into other packages' internals"
	case "//go:norace":
		return "it hides data races from the race detector, and finding them is the point"
	case "//go:embed":
		return "it builds files into your program"
	case "//line":
		return "it changes the file:line the grader reports"
	}
	return "compiler directives change how the grader's checks see your code, and the exercises need none"
}
