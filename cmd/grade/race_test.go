//go:build race

package main

// raceBuild: this test binary was built with -race, so the grade command
// the tests run is built with it too. It then reuses the race-built
// packages this test binary was made from (on a cold cache, building
// them a second time without -race cost about a minute of the suite's
// five) and its own code runs under the race detector as well.
func init() { raceBuild = true }
