/*
package histogram */
//go:build race

// Package histogram: under the race detector, safe serial code...
package histogram

func Parallel(pixels []uint8, workers int) [Bins]int { return Chunk(pixels) }
