// Package stubgen makes each exercise's stub from its model answer, so an
// exercise has one source: solutions/NAME. Every .go file there becomes
// the file of the same name in exercises/NAME with the regions its markers
// name cut out (markers.go): the code only the answer has becomes
// panic("TODO: hint"), as nbgrader and Otter do for notebooks, or the
// starter code the marker holds; the file's package comment goes (the
// assignment, exercises/NAME/doc.go, is the package's comment and stays
// hand-written) and so do the imports the stub no longer uses. The stub
// and its assignment are also copied into grader/exercise/pristine, the
// copy built into the grader that `grade reset` restores and
// `grade verify` grades.
//
// `go generate ./grader/exercise` runs it (gen.go); TestStubsAreCurrent
// fails while a committed stub or pristine copy differs from what it would
// write.
package stubgen

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Make returns the stub file made from the model-answer file name (a base
// name, for messages) holding src.
func Make(name string, src []byte) ([]byte, error) {
	lines, err := cut(name, src)
	if err != nil {
		return nil, err
	}
	out, err := dropPackageDoc(name, []byte(strings.Join(lines, "\n")))
	if err != nil {
		return nil, err
	}
	if out, err = tidy(name, out); err != nil {
		return nil, err
	}
	if bytes.Contains(out, []byte(markerPrefix)) {
		return nil, fmt.Errorf("%s: a marker would reach the stub (one inside a stub region?): the learner must not see them", name)
	}
	return out, nil
}

// dropPackageDoc cuts the package comment out of src: the model answer's
// says what the answer does, and the stub's package comment is its
// assignment, in doc.go.
func dropPackageDoc(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return nil, fmt.Errorf("%s: the stub it makes does not parse (%w): check the markers' regions", name, err)
	}
	if f.Doc == nil {
		return src, nil
	}
	from, to := fset.Position(f.Doc.Pos()).Offset, fset.Position(f.Doc.End()).Offset
	return bytes.Join([][]byte{src[:from], bytes.TrimLeft(src[to:], "\n")}, nil), nil
}
