package check

import (
	"bytes"
	"fmt"
	"go/build"
	"io"
	"strings"
)

// buildVariant is one way the go command may be asked to build a package:
// the grader's race run and timing run differ only by the race tag, and a
// file that some GOOS/GOARCH or tag set leaves out is one whose inclusion
// the learner controls.
type buildVariant struct {
	goos, goarch string
	cgo          bool
	tags         []string
}

func (v buildVariant) String() string {
	s := v.goos + "/" + v.goarch
	if len(v.tags) > 0 {
		s += " with tags " + strings.Join(v.tags, ",")
	}
	if !v.cgo {
		s += " without cgo"
	}
	return s
}

// variants are the builds every learner file must be part of.
func variants() []buildVariant {
	platforms := [][2]string{{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "arm64"}, {"darwin", "amd64"},
		{"windows", "amd64"}, {"freebsd", "amd64"}, {"linux", "386"}}
	tagSets := [][]string{nil, {"race"}, {"parlabsuite"}, {"parlabsuite", "race"}}
	var out []buildVariant
	for _, p := range platforms {
		for _, tags := range tagSets {
			for _, cgo := range []bool{true, false} {
				out = append(out, buildVariant{goos: p[0], goarch: p[1], cgo: cgo, tags: tags})
			}
		}
	}
	return out
}

// LeftOut says why the go command would leave the file name (holding src)
// out of some build of the package, or returns "" when every build the
// grader makes, on every platform, compiles it. The answer comes from
// go/build's MatchFile, which reads build constraints exactly where the go
// command does (the header before the package clause, block comments
// included) and applies the _GOOS/_GOARCH file-name rules; so the race run
// and the timing run always compile the same files.
func LeftOut(name string, src []byte) string {
	if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
		return fmt.Sprintf("%s: the go command ignores files whose names start with _ or .: rename it", name)
	}
	for _, v := range variants() {
		ctxt := build.Default
		ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled, ctxt.BuildTags = v.goos, v.goarch, v.cgo, v.tags
		ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(src)), nil }
		ok, err := ctxt.MatchFile(".", name)
		if err != nil {
			return "" // a header the go command cannot read fails the build, which says why
		}
		if !ok {
			return fmt.Sprintf("%s is left out when building for %s: a build constraint (//go:build or // +build) "+
				"or a file-name suffix such as _linux.go or _amd64.go decides whether it is compiled, so the grader's "+
				"race run and timing run could see different code; delete the constraint or rename the file", name, v)
		}
	}
	return ""
}
