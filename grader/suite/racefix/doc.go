// Package racefix holds the hidden suite of the racefix exercise in its
// _test.go files (build tag parlabsuite); see package suite.
package racefix
