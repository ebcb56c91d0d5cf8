// Package scalability holds the hidden suite of the scalability exercise in
// its _test.go files (build tag parlabsuite); see package suite.
package scalability
