// Package suite embeds the hidden test suites, one folder per exercise.
//
// A suite is a set of _test.go files in package NAME_test behind the
// parlabsuite build tag, so that an ordinary `go test ./...` never compiles
// them against the stubs. The grader lays them over exercises/NAME with
// `go test -overlay` and builds with -tags parlabsuite; they never appear in
// the learner's folder. `go vet -tags parlabsuite ./exercises/...` would
// type-check them against the stubs.
package suite

import (
	"embed"
	"io/fs"
)

// BuildTag is the tag the grader builds suites with.
const BuildTag = "parlabsuite"

// CompileCommand is the go command line that compiles the test binary of
// the package at pkg (a "./" path) with its suite into out, with the race
// detector for the race run and without it for the timing run. overlay is
// the -overlay file that lays the suite over the package; empty builds
// the package as it stands (a suite's own folder). With vet, the go
// command also runs every go vet check on the package and its tests, as
// `go vet` does, and writes no binary when one finds something: one go
// command instead of two, which on 2 cores slowed each other (a changed
// histogram's race build took 1.6-1.9 s beside go vet, 1.1 s alone).
func CompileCommand(pkg, out, overlay string, race, vet bool) []string {
	args := append([]string{"go", "test", "-c", "-o", out}, overlayFlag(overlay)...)
	// -w leaves out the DWARF tables, which nothing of the grader
	// reads (stacks, race reports and traces name files and lines from
	// the runtime's own tables): linking without them took 0.45 s less
	// of the 1.1 s a changed merge sort's race binary took to build,
	// and 0.35 s of the plain one's 0.9 s (quiet 2-vCPU machine).
	args = append(args, "-tags", BuildTag, "-ldflags=-w")
	if vet {
		args = append(args, "-vet=all")
	} else {
		args = append(args, "-vet=off")
	}
	if race {
		args = append(args, "-race")
	}
	return append(args, pkg)
}

// CompileEnv is the environment a CompileCommand (race set as there) or
// a VetCommand (race unset) runs with, besides the toolchain's: cgo off
// except in the race build, which keeps the toolchain's setting (the race
// detector needs cgo on Linux, for runtime/cgo; on macOS it needs none,
// and forcing it on would ask for a C compiler there), so that the other
// builds cannot hand anything to a C compiler. The build cache keys on
// it: builds that warm the cache must use it too.
func CompileEnv(race bool) []string {
	if race {
		return nil
	}
	return []string{"CGO_ENABLED=0"}
}

func overlayFlag(overlay string) []string {
	if overlay == "" {
		return nil
	}
	return []string{"-overlay", overlay}
}

// files holds every folder's suite: a new exercise's suite is built in
// as soon as its folder is here. The packages under lib/ are not suites:
// they hold no _test.go file at this depth, so the pattern leaves them out.
//
//go:embed */*_test.go
var files embed.FS

// Files returns the suite files of exercise name, keyed by file name, or an
// error when the exercise has no suite.
func Files(name string) (map[string][]byte, error) {
	entries, err := fs.ReadDir(files, name)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := fs.ReadFile(files, name+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out[e.Name()] = data
	}
	return out, nil
}
