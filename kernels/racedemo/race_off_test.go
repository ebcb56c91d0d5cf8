//go:build !race

package racedemo

const raceEnabled = false
