package exercise

// concurrencyImports is the standard library a parallel-programming
// exercise needs: synchronisation, the scheduler's knobs, arithmetic,
// sorting, text for errors and time. Every package here is one that cannot
// name a file, a descriptor, a process or raw memory, so learner code that
// imports only these cannot write to the grader's report file, read its own
// binary, start programs or step around the race detector.
//
// Deliberately left out (a learner is told why when they import one):
// os, syscall, io/fs, net, os/exec, plugin (files, descriptors, processes,
// the network); unsafe, reflect, runtime/debug, runtime/pprof, runtime/trace
// (raw memory, heap dumps to a descriptor, the runtime's internals); embed
// (files built into the binary, including the grader's); testing and flag
// (code that behaves differently under test); log (it writes to a
// descriptor and log.Fatal ends the program); cgo ("C").
func concurrencyImports(extra ...string) []string {
	return append([]string{
		"bytes", "cmp", "container/heap", "container/list", "context", "errors", "fmt",
		"iter", "maps", "math", "math/bits", "math/rand/v2", "runtime", "slices", "sort",
		"strconv", "strings", "sync", "sync/atomic", "time", "unicode", "unicode/utf8",
	}, extra...)
}

// Allows reports whether learner code of this exercise may import path.
func (s Spec) Allows(path string) bool {
	for _, p := range s.Imports {
		if p == path {
			return true
		}
	}
	return false
}
