package check

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"iter"
	"maps"
	"slices"
)

// GoInLoops lists the go statements of the learner's files (name ->
// source) that sit inside a loop, as "file.go:LINE": where a goroutine
// per element is started. A file that does not parse is skipped.
func GoInLoops(files map[string][]byte) []string {
	var out []string
	fset := token.NewFileSet()
	for name, f := range parsedGoFiles(fset, files) {
		var loops []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				loops = loops[:len(loops)-1]
				return true
			}
			if g, ok := n.(*ast.GoStmt); ok && inLoop(loops) {
				p := fset.Position(g.Pos())
				out = append(out, fmt.Sprintf("%s:%d", name, p.Line))
			}
			loops = append(loops, n)
			return true
		})
	}
	return out
}

// parsedGoFiles parses the learner's files (name -> source) into fset in
// name order, leaving out any that does not parse.
func parsedGoFiles(fset *token.FileSet, files map[string][]byte) iter.Seq2[string, *ast.File] {
	return func(yield func(string, *ast.File) bool) {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
			if err == nil && !yield(name, f) {
				return
			}
		}
	}
}

// inLoop reports whether the path of nodes holds a for or range loop
// that is not cut off by a function literal: a go statement in a closure
// that a loop starts is counted where the loop is, not twice.
func inLoop(path []ast.Node) bool {
	for i := len(path) - 1; i >= 0; i-- {
		switch path[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// GoroutineLocks lists the sync.Mutex and sync.RWMutex variables of the
// learner's files (name -> source) that are declared inside the function
// literal a go statement starts, as "file.go:LINE": each goroutine makes
// and locks a lock of its own, so none ever waits for another and the
// lock protects nothing. A file that does not parse is skipped.
func GoroutineLocks(files map[string][]byte) []string {
	var out []string
	fset := token.NewFileSet()
	for name, f := range parsedGoFiles(fset, files) {
		ast.Inspect(f, func(n ast.Node) bool {
			g, ok := n.(*ast.GoStmt)
			if !ok {
				return true
			}
			lit, ok := g.Call.Fun.(*ast.FuncLit)
			if !ok {
				return true
			}
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if declaresLock(n) {
					out = append(out, fmt.Sprintf("%s:%d", name, fset.Position(n.Pos()).Line))
				}
				return true
			})
			return false // its go statements were searched with it
		})
	}
	return out
}

// declaresLock reports whether n declares a variable holding a new
// sync.Mutex or sync.RWMutex (var mu sync.Mutex, mu := sync.Mutex{},
// mu := &sync.Mutex{}, mu := new(sync.Mutex)).
func declaresLock(n ast.Node) bool {
	switch d := n.(type) {
	case *ast.ValueSpec:
		if isLockType(d.Type) {
			return true
		}
		return slices.ContainsFunc(d.Values, newLock)
	case *ast.AssignStmt:
		return d.Tok == token.DEFINE && slices.ContainsFunc(d.Rhs, newLock)
	}
	return false
}

// newLock reports whether e makes a new lock: sync.Mutex{}, &sync.Mutex{}
// or new(sync.Mutex).
func newLock(e ast.Expr) bool {
	switch v := e.(type) {
	case *ast.UnaryExpr:
		return v.Op == token.AND && newLock(v.X)
	case *ast.CompositeLit:
		return isLockType(v.Type)
	case *ast.CallExpr:
		id, ok := v.Fun.(*ast.Ident)
		return ok && id.Name == "new" && len(v.Args) == 1 && isLockType(v.Args[0])
	}
	return false
}

// isLockType reports whether e is sync.Mutex or sync.RWMutex.
func isLockType(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "sync" && (sel.Sel.Name == "Mutex" || sel.Sel.Name == "RWMutex")
}
