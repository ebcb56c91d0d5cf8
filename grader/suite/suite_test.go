package suite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"testing"
)

// TestEveryTestBegins checks that every top-level Test function of every
// suite calls kit.Begin(t) as its first statement: the grader takes
// a test's pass or fail only from the record Begin writes, so a test
// without it would count as never having run.
func TestEveryTestBegins(t *testing.T) {
	dirs, err := fs.ReadDir(files, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		ex := dir.Name()
		files, err := Files(ex)
		if err != nil {
			t.Fatalf("%s: %v", ex, err)
		}
		for name, src := range files {
			f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
			if err != nil {
				t.Fatalf("%s/%s: %v", ex, name, err)
			}
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Name.Name == "TestMain" {
					continue
				}
				if !beginsWithBegin(fn) {
					t.Errorf("%s/%s: %s does not start with kit.Begin(t)", ex, name, fn.Name.Name)
				}
			}
		}
	}
}

func beginsWithBegin(fn *ast.FuncDecl) bool {
	if fn.Body == nil || len(fn.Body.List) == 0 {
		return false
	}
	stmt, ok := fn.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := stmt.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Begin" {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	arg, argOK := call.Args[0].(*ast.Ident)
	return ok && pkg.Name == "kit" && argOK && fn.Type.Params.NumFields() == 1 &&
		len(fn.Type.Params.List[0].Names) == 1 && arg.Name == fn.Type.Params.List[0].Names[0].Name
}
