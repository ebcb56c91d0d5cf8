package exercise

func init() {
	register(Spec{
		Name:    "scalability",
		Title:   "strong and weak scaling: a harness, the laws, and Monte Carlo pi",
		Imports: concurrencyImports(),
		Points:  timedPoints(),
		Alpha:   0.6,
		Study:   true,
		AlphaWhy: "PiWorkload is embarrassingly parallel: each goroutine draws its own points from its own " +
			"source and only the final sum is serial, so a correct answer reaches nearly all of the " +
			"machine's calibrated extra speed. 0.6 still leaves room for goroutine start-up and an " +
			"uneven last chunk, and fails one shared source behind a lock or a single goroutine",
	})
}
