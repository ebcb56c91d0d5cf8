package exercise

func init() {
	register(Spec{
		Name:   "histogram",
		Title:  "parallel histogram: per-worker partial histograms, summed",
		Points: timedPoints(),
		Alpha:  0.5,
		AlphaWhy: "counting is embarrassingly parallel and the merge is 256 adds per worker, " +
			"but it streams memory at one byte per pixel, so it scales less than the " +
			"compute-bound calibration kernel; half of the machine's extra speed is a clear " +
			"parallel win that serial, atomic or locked code cannot reach",
	})
}
