// Package api lists the exported API of a Go package folder, so that a stub
// and its model answer can be proved to export the same names with the same
// types.
package api

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Exported type-checks the non-test .go files in dir and returns one line
// per exported declaration: constants with their values, variables,
// functions and methods with their signatures, and types with their
// exported fields. Unexported fields and names are left out: they are the
// implementation, which may differ.
func Exported(dir string) ([]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no .go files", dir)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check(files[0].Name.Name, fset, files, nil)
	if err != nil {
		return nil, fmt.Errorf("type-checking %s: %w", dir, err)
	}
	qualify := types.RelativeTo(pkg)
	var lines []string
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.TypeName:
			lines = append(lines, describeType(obj, qualify)...)
		case *types.Const:
			lines = append(lines, types.ObjectString(obj, qualify)+" = "+obj.Val().ExactString())
		default:
			lines = append(lines, types.ObjectString(obj, qualify))
		}
	}
	sort.Strings(lines)
	return lines, nil
}

// describeType is a type's line, with only the exported fields of a struct,
// followed by a line per exported method.
func describeType(obj *types.TypeName, qualify types.Qualifier) []string {
	var out []string
	if st, ok := obj.Type().Underlying().(*types.Struct); ok && !obj.IsAlias() {
		var fields []string
		for i := range st.NumFields() {
			if f := st.Field(i); f.Exported() {
				fields = append(fields, f.Name()+" "+types.TypeString(f.Type(), qualify))
			}
		}
		out = append(out, fmt.Sprintf("type %s struct{%s}", obj.Name(), strings.Join(fields, "; ")))
	} else {
		out = append(out, types.ObjectString(obj, qualify))
	}
	if named, ok := obj.Type().(*types.Named); ok {
		for i := range named.NumMethods() {
			if m := named.Method(i); m.Exported() {
				out = append(out, types.ObjectString(m, qualify))
			}
		}
	}
	return out
}

// Diff lists the lines only in want (missing) and only in got (extra).
func Diff(got, want []string) (missing, extra []string) {
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	return missing, extra
}
