// Package histogram holds the hidden suite of the histogram exercise in its
// _test.go files (build tag parlabsuite); see package suite.
package histogram
