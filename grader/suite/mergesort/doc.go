// Package mergesort holds the hidden suite of the mergesort exercise in its
// _test.go files (build tag parlabsuite); see package suite.
package mergesort
