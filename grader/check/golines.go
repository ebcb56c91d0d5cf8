package check

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
)

// GoInLoops lists the go statements of the learner's files (name ->
// source) that sit inside a loop, as "file.go:LINE": where a goroutine
// per element is started. A file that does not parse is skipped.
func GoInLoops(files map[string][]byte) []string {
	var out []string
	fset := token.NewFileSet()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			continue
		}
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
