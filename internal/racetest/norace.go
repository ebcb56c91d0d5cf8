//go:build !race

package racetest

// raceEnabled: this binary is built without the race detector.
const raceEnabled = false
