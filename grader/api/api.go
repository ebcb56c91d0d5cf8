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

	"golang.org/x/mod/modfile"
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
	files, err := parseDir(fset, dir, entries)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: newImporter(fset, dir)}
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

// parseDir parses the non-test .go files among a folder's entries.
func parseDir(fset *token.FileSet, dir string, entries []os.DirEntry) ([]*ast.File, error) {
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
	return files, nil
}

// moduleImporter imports the standard library from its export data and
// the packages of the module around the folder (or around the working
// directory, for a folder outside it, such as a stub written to a
// temporary folder) from their source: an exercise may import one of
// the module's packages (scalability draws its points with
// parlab/reference/points). Only those packages' declarations matter to
// an API, so their own type errors are not the folder's.
type moduleImporter struct {
	fset   *token.FileSet
	std    types.Importer
	root   string // the module's folder; "" when none was found
	module string // its path
	done   map[string]*types.Package
}

func newImporter(fset *token.FileSet, dir string) *moduleImporter {
	m := &moduleImporter{fset: fset, std: importer.Default(), done: map[string]*types.Package{}}
	m.root, m.module = moduleAround(dir)
	if m.root == "" {
		if wd, err := os.Getwd(); err == nil {
			m.root, m.module = moduleAround(wd)
		}
	}
	return m
}

// Import imports path.
func (m *moduleImporter) Import(path string) (*types.Package, error) {
	rel, inModule := strings.CutPrefix(path, m.module+"/")
	if m.root == "" || !inModule {
		return m.std.Import(path)
	}
	if p := m.done[path]; p != nil {
		return p, nil
	}
	dir := filepath.Join(m.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files, err := parseDir(m.fset, dir, entries)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: m, Error: func(error) {}}
	p, _ := conf.Check(path, m.fset, files, nil)
	m.done[path] = p
	return p, nil
}

// moduleAround finds the go.mod at or above dir and returns its folder and
// module path.
func moduleAround(dir string) (root, module string) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", ""
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if module = modfile.ModulePath(data); module == "" {
				return "", ""
			}
			return dir, module
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ""
		}
		dir = parent
	}
}
