package histogram

const Bins = 256

func Chunk(pixels []uint8) [Bins]int { return [Bins]int{} }

// ParallelHistogram is not the name the assignment asks for.
func ParallelHistogram(pixels []uint8, workers int) [Bins]int { return [Bins]int{} }
