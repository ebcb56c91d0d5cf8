//go:build race

package racetest

// raceEnabled: this binary is built with the race detector.
const raceEnabled = true
