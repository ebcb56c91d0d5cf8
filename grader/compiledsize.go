package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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
			_ = os.Remove(c.path)
			largest = max(largest, c.size)
		}
	}
	if largest == 0 {
		return nil
	}
	return &verdict.Check{Name: verdict.Builds, Status: verdict.Fail, Message: fmt.Sprintf(
		"your package compiles to %d MiB from %s of source: more than the %d MiB any exercise needs. A large array or composite literal with a value set in it (var pad = [1<<24]int{1<<24 - 1: 1}) is stored whole in the compiled package; build large data at run time (make and a loop)",
		largest>>20, sourceSize(r.sub), MaxCompiledSize>>20)}
}

// cachedPackage is one variant of the learner's compiled package in the cache.
type cachedPackage struct {
	path string
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
