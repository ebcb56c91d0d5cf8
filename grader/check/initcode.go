package check

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
)

// initWhy is why code of the learner's may not run before the first call:
// the grader checks each call for what it started and left behind, and a
// goroutine started while the package is initialised belongs to no call.
// A goroutine spinning forever from an init function passed leak-free (no
// call had started it) while it stole cores from everything timed.
const initWhy = "code run while the package is initialised runs outside every call the grader checks: a goroutine started there belongs to no call, " +
	"runs beside every check and every timing, and nothing waits for it to end. " +
	"Do the work, and start goroutines, inside the functions that use them, and let the goroutines end before the function returns"

// initBubbleWhy is why, in an exercise whose calls run in bubbles, with
// a clock of their own.
const initBubbleWhy = "in this exercise each call runs with a clock of its own, which the grader runs forward once the call returns to find the timers it left; " +
	"a timer or goroutine made while the package is initialised runs on the real clock, outside every call's, where nothing can find it. " +
	"Make timers and goroutines inside the calls that use them"

// initCode lists what in a file runs code of the learner's before the first
// call: an init function, and package-level variables initialised by calls
// other than conversions, builtins (make, new, len, ...) and functions of
// imported packages that start nothing (anything but time's, context's
// and iter's), with no function of the learner's among their arguments (a
// literal, one of own's functions, a method value) and, handed to an
// imported package's function, no value of the learner's own types. own
// is ownNames of all the package's files. bubbled says the exercise runs
// each call in a bubble (the reason given is then its clock).
func initCode(name string, file parsedFile, own ownCode, bubbled bool) []string {
	f, fset := file.f, file.fset
	if f == nil {
		return nil // imports already says the file cannot be read
	}
	packages := map[string]string{} // local name -> import path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		local := path[lastSlash(path)+1:]
		if imp.Name != nil {
			local = imp.Name.Name
		}
		packages[local] = path
	}
	why := initWhy
	if bubbled {
		why = initBubbleWhy
	}
	var out []string
	at := func(n ast.Node) string { return fmt.Sprintf("%s:%d", name, fset.Position(n.Pos()).Line) }
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				out = append(out, fmt.Sprintf("%s: an init function runs before any call: %s", at(d), why))
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			for _, spec := range d.Specs {
				for _, v := range spec.(*ast.ValueSpec).Values {
					if bad := initCall(v, packages, own); bad != nil {
						out = append(out, fmt.Sprintf("%s: a package-level variable is initialised by running code (%s): %s", at(bad), describeCall(bad), why))
					}
				}
			}
		}
	}
	return out
}

// initCall returns the first call in a package-level initialiser that runs
// code of the learner's or may start a timer or goroutine, or nil.
func initCall(e ast.Expr, packages map[string]string, own ownCode) (bad ast.Node) {
	ast.Inspect(e, func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false // its body runs when it is called, not now
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if !harmlessCall(call, packages, own) {
			bad = call
			return false
		}
		_, imported := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		for _, arg := range call.Args {
			if passesCode(arg, packages, own.funcs) || imported && mentions(arg, own.values) {
				bad = call // code of the learner's, which the call may run
				return false
			}
		}
		return true
	})
	return bad
}

// harmlessCall reports whether a call at package level runs nothing of the
// learner's and starts nothing: a conversion to a type written out, a
// builtin (not shadowed by a name of the package's own), or a function of
// an imported package other than time and context.
func harmlessCall(call *ast.CallExpr, packages map[string]string, own ownCode) bool {
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		// A package may declare its own function, or variable, under a
		// builtin's name (func real(complex128) float64 { go spin(); ... }),
		// and its calls are then the learner's code.
		return builtinCallable[fn.Name] && !own.funcs[fn.Name] && !own.values[fn.Name]
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType, *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		pkg, ok := fn.X.(*ast.Ident)
		if !ok {
			return false
		}
		path, imported := packages[pkg.Name]
		return imported && path != "time" && path != "context" && path != "iter"
	}
	return false
}

// passesCode reports whether an argument holds a function of the
// learner's: a literal, one of funcs by name, or a selector on anything
// but an imported package (a method value).
func passesCode(e ast.Expr, packages map[string]string, funcs map[string]bool) (found bool) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			found = true
		case *ast.Ident:
			found = found || funcs[n.Name]
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); !ok || packages[x.Name] == "" {
				found = true
			}
			return false
		}
		return !found
	})
	return found
}

// ownCode names files' package-level declarations that are, or may hold,
// code of the learner's.
type ownCode struct {
	// funcs are its functions.
	funcs map[string]bool
	// values are its types, and its package-level variables and constants
	// that may hold a value of them or a function of the learner's (see
	// holdsOwn): an imported package's function handed such a value may
	// call its methods (fmt.Sprint(boot{}) calls boot's String, sort.Sort
	// its Less) or the function, and a method is code.
	values map[string]bool
}

// parsedFile is a file as initCode and ownNames read it; f is nil when
// the file does not parse.
type parsedFile struct {
	f    *ast.File
	fset *token.FileSet
}

// parseForInit parses files once for ownNames and initCode.
func parseForInit(files map[string][]byte) map[string]parsedFile {
	parsed := map[string]parsedFile{}
	for name, src := range files {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			f = nil
		}
		parsed[name] = parsedFile{f: f, fset: fset}
	}
	return parsed
}

// ownNames lists the ownCode of the parsed files.
func ownNames(parsed map[string]parsedFile) ownCode {
	own := ownCode{funcs: map[string]bool{}, values: map[string]bool{}}
	for _, file := range parsed {
		if file.f == nil {
			continue
		}
		for _, d := range file.f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					own.funcs[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok {
						own.values[ts.Name.Name] = true
					}
				}
			}
		}
	}
	// A variable or constant may hold the learner's code when its type or
	// its initialiser names anything of the learner's, in any way (an
	// element, a field, a slice of them, a function): a value read out of
	// a slice of the learner's type (holders[0]) reached fmt.Sprint, which
	// called its String, and started goroutines before any call. Declared
	// in any order, so until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, file := range parsed {
			if file.f == nil {
				continue
			}
			for _, d := range file.f.Decls {
				d, ok := d.(*ast.GenDecl)
				if !ok || (d.Tok != token.VAR && d.Tok != token.CONST) {
					continue
				}
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					held := vs.Type != nil && mentions(vs.Type, own.values)
					for _, v := range vs.Values {
						held = held || holdsOwn(v, own)
					}
					for _, n := range vs.Names {
						if held && !own.values[n.Name] {
							own.values[n.Name], changed = true, true
						}
					}
				}
			}
		}
	}
	return own
}

// holdsOwn reports whether a value may hold something of the learner's: it
// names one of their types, values or functions, or is a function
// literal.
func holdsOwn(e ast.Expr, own ownCode) (found bool) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			found = true
		case *ast.Ident:
			found = own.values[n.Name] || own.funcs[n.Name]
		}
		return !found
	})
	return found
}

// mentions reports whether an expression names one of names.
func mentions(e ast.Expr, names map[string]bool) (found bool) {
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && names[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// describeCall words a refused call for the message: "time.AfterFunc".
func describeCall(n ast.Node) string {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return "a call"
	}
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok {
			return x.Name + "." + fn.Sel.Name
		}
		return "a method " + fn.Sel.Name
	case *ast.FuncLit:
		return "a function literal, called"
	}
	return "a call"
}

// builtinCallable are the predeclared names a call may use at package
// level: builtins that run no user code, and conversions to basic types.
var builtinCallable = map[string]bool{
	"make": true, "new": true, "len": true, "cap": true, "min": true, "max": true,
	"complex": true, "real": true, "imag": true, "append": true,
	"bool": true, "string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true, "any": true,
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
