//go:build parlabsuite

package scalability_test

import (
	"testing"

	"parlab/exercises/scalability"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/scalabilitytests"
)

// The bodies of the tests of the laws and of PiWorkload are in
// scalabilitytests, compiled once; these lines bind the learner's
// functions to them.
var funcs = scalabilitytests.Funcs{Amdahl: scalability.Amdahl, Gustafson: scalability.Gustafson,
	KarpFlatt: scalability.KarpFlatt, PiWorkload: scalability.PiWorkload}

func TestAmdahl(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.Amdahl(t, funcs)
}

func TestGustafson(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.Gustafson(t, funcs)
}

func TestKarpFlatt(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.KarpFlatt(t, funcs)
}
