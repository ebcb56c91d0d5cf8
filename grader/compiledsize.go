package grader

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"parlab/grader/gotest"
	"parlab/grader/suite"
	"parlab/grader/verdict"
)

// MaxCompiledSize bounds the compiled package (its archive, code and data)
// of a submission, in each variant the builds make (with the race
// detector and without). A model answer compiles to under 100 KiB; the
// standard library's largest package to about 13 MiB. The go command
// keeps every package it compiles in the shared build cache, beyond any
// workspace: a 200-byte file (`var pad = [1<<24]int{1<<24 - 1: 1}`)
// compiles to 128 MiB per variant, 257 MiB left in the cache by every
// grade, and a constant changed per grade defeats its deduplication.
const MaxCompiledSize = 8 << 20

// cacheFile is the name of an output in the go command's build cache
// (GOCACHE/xx/HASH-d); nothing else is ever removed.
var cacheFile = regexp.MustCompile(`^[0-9a-f]{64}-d$`)

// compiledVariant finds the learner's compiled package in the build
// cache, in one variant (with the race detector or without), once the
// builds of that lane are done; build calls it at the end of each lane,
// so that it overlaps the other lane's work. It returns nil when the
// package did not compile or when replaying a tape (it observes the
// cache, not the learner's code).
//
// go list -export names the cache file; it compiles the variant only if
// the builds did not (a plain variant that vet did not reach).
func (r *run) compiledVariant(race bool) *cachedPackage {
	if !r.runner().live() {
		return nil
	}
	args := []string{"go", "list", "-export", "-f", "{{.Export}}", "-overlay", r.ws.overlay, "-tags", suite.BuildTag}
	if race {
		args = append(args, "-race")
	}
	// The builds' own environment and sandbox: another environment
	// (CGO_ENABLED) would name, and compile, another cache entry than the
	// builds'.
	cmd, err := r.buildCommand(append(args, "./"+r.spec.StubDir()), race)
	if err != nil {
		return nil
	}
	res, err := gotest.Run(r.ctx, cmd)
	if err != nil || res.ExitCode != 0 {
		return nil // it does not compile: nothing of it is cached
	}
	path := strings.TrimSpace(string(res.Stdout))
	info, err := os.Stat(path)
	if err != nil || !cacheFile.MatchString(filepath.Base(path)) {
		return nil
	}
	return &cachedPackage{path: path, size: info.Size()}
}

// judgeCompiledSize removes from the cache every variant larger than
// MaxCompiledSize (the go command compiles it again if it is ever asked
// for it) and fails the builds check for it: what one grade adds to the
// shared cache is then bounded by twice MaxCompiledSize and the small
// outputs of vet and of the suite's own packages.
func (r *run) judgeCompiledSize(variants ...*cachedPackage) *verdict.Check {
	var largest int64
	for _, c := range variants {
		if c != nil && c.size > MaxCompiledSize {
			if c.path != "" {
				_ = os.Remove(c.path)
			}
			largest = max(largest, c.size)
		}
	}
	if largest == 0 {
		return nil
	}
	cause := "A large array or composite literal with a value set in it (var pad = [1<<24]int{1<<24 - 1: 1}) is stored whole in the compiled package; build large data at run time (make and a loop)"
	if declaresGenerics(r.sub.files) {
		cause = "Generic code is compiled once for each set of type arguments it is used with: a generic function that calls itself, or another, with a new type argument at each level (F[T] calling F[pair[T]]) makes the compiler write a copy per level, twice as many at each; " +
			"or a large array or composite literal with a value set in it is stored whole. Keep generic code to the types you use, and build large data at run time (make and a loop)"
	}
	return &verdict.Check{Name: verdict.Builds, Status: verdict.Fail, Message: fmt.Sprintf(
		"your package compiles to %d MiB from %s of source: more than the %d MiB any exercise needs. %s",
		largest>>20, sourceSize(r.sub), MaxCompiledSize>>20, cause)}
}

// declaresGenerics reports whether any of files declares a generic
// function or type (one with type parameters).
func declaresGenerics(files map[string][]byte) bool {
	for name, src := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Type.TypeParams != nil {
					return true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && ts.TypeParams != nil {
						return true
					}
				}
			}
		}
	}
	return false
}

// cachedPackage is one variant of the learner's compiled package in the cache.
type cachedPackage struct {
	path string // the cache file; "" when not known, and nothing is removed
	size int64
}

// sourceSize is the size of the learner's files, for a message.
func sourceSize(sub *submission) string {
	n := 0
	for _, data := range sub.files {
		n += len(data)
	}
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// keepWork adds -work to a go command's args (before the package, the
// last): the command keeps its work folder, in the workspace's GOTMPDIR,
// where compiledByRaceBuilds finds what it compiled.
func keepWork(args []string) []string {
	return slices.Insert(slices.Clone(args), len(args)-1, "-work")
}

// dropWorkLine removes the "WORK=folder" line that -work prints from a
// build's output, which the builds check shows.
func dropWorkLine(out []byte) []byte {
	if !bytes.HasPrefix(out, []byte("WORK=")) {
		return out
	}
	if i := bytes.IndexByte(out, '\n'); i >= 0 {
		return out[i+1:]
	}
	return nil
}

// compiledByRaceBuilds judges the size of what the race builds compiled
// (keepWork), read from their work folders, which it then removes: each
// package a build compiles is an archive there (bNNN/_pkg_.a) as well as
// in the cache, the learner's among them unless the cache held it
// already, as it does when an earlier grade compiled the same files and
// this check passed them. Asking the go command (go list -export, as
// compiledVariant does) took 0.3 s, on the way to the first line a
// learner reads; this is a look at a few folders. Only an archive larger
// than MaxCompiledSize goes on to the go command, to find the cache's copy
// and remove it. It runs before the race run starts, which could change
// nothing in the workspace's GOTMPDIR anyway (its sandbox writes only the
// work and temporary folders). It returns nil when replaying a tape.
func (r *run) compiledByRaceBuilds() []*cachedPackage {
	if !r.runner().live() {
		return nil
	}
	works, _ := filepath.Glob(filepath.Join(r.ws.goTmp(), "go-build*"))
	var largest int64
	for _, work := range works {
		archives, _ := filepath.Glob(filepath.Join(work, "b*", "_pkg_.a"))
		for _, a := range archives {
			if info, err := os.Lstat(a); err == nil && info.Mode().IsRegular() {
				largest = max(largest, info.Size())
			}
		}
		_ = os.RemoveAll(work)
	}
	if largest <= MaxCompiledSize {
		return nil
	}
	if c := r.compiledVariant(true); c != nil && c.size > MaxCompiledSize {
		return []*cachedPackage{c}
	}
	// The go command found no large archive in the cache (the suite's
	// own packages are small): the build's own is judged, nothing removed.
	return []*cachedPackage{{size: largest}}
}
