package exercise

func init() {
	register(Spec{
		Name:    "histogram",
		Title:   "parallel histogram: per-worker partial histograms, summed",
		Imports: concurrencyImports(),
		Points:  timedPoints(),
		Alpha:   0.5,
		AlphaWhy: "counting is embarrassingly parallel and the merge is 256 adds per worker; " +
			"the calibration (the serial count on every core at once) already shows what memory " +
			"bandwidth allows, and half of that extra speed is a clear parallel win that serial, " +
			"atomic or locked code cannot reach",
	})
}
