package stubgen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// tidy removes the imports that src no longer uses and formats it as
// gofmt does.
//
// golang.org/x/tools/imports does this, but the x/tools that this module's
// other requirements select needs a golang.org/x/sys newer than the one
// the sandbox is written against; a stub imports only the standard library,
// whose package names are the last element of their paths (less a major
// version: math/rand/v2 is rand), which is all this needs to know.
func tidy(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("%s: the stub it makes is not Go (%w): check the markers' regions", name, err)
	}
	used := map[string]bool{}
	for _, id := range f.Unresolved {
		used[id.Name] = true
	}
	var decls []ast.Decl
	for _, d := range f.Decls {
		if gen, ok := d.(*ast.GenDecl); ok && gen.Tok == token.IMPORT {
			gen.Specs = usedImports(gen.Specs, used)
			if len(gen.Specs) == 0 {
				continue
			}
			if len(gen.Specs) == 1 {
				gen.Lparen, gen.Rparen = token.NoPos, token.NoPos // import "x", as gofmt leaves one import
			}
		}
		decls = append(decls, d)
	}
	f.Decls = decls
	var out bytes.Buffer
	if err := format.Node(&out, fset, f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out.Bytes(), nil
}

// usedImports keeps the import specs whose package name is used, and
// every blank or dot import.
func usedImports(specs []ast.Spec, used map[string]bool) []ast.Spec {
	var out []ast.Spec
	for _, s := range specs {
		imp := s.(*ast.ImportSpec)
		p, _ := strconv.Unquote(imp.Path.Value)
		local := path.Base(p)
		if strings.HasPrefix(local, "v") && p != local {
			if _, err := strconv.Atoi(local[1:]); err == nil {
				local = path.Base(path.Dir(p))
			}
		}
		if imp.Name != nil {
			local = imp.Name.Name
		}
		if used[local] || local == "_" || local == "." {
			out = append(out, s)
		}
	}
	return out
}
