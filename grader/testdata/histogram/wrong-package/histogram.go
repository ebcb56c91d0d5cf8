package main

const Bins = 256

func Chunk(pixels []uint8) [Bins]int { return [Bins]int{} }

func Parallel(pixels []uint8, workers int) [Bins]int { return [Bins]int{} }
