package exercise

func init() {
	register(Spec{
		Name:    "mergesort",
		Title:   "parallel merge sort: sort halves concurrently, merge",
		Imports: concurrencyImports(),
		Points:  timedPoints(),
		Alpha:   0.4,
		AlphaWhy: "the final merge touches all n elements on one core, a serial fraction of about " +
			"1/(log2 n + 1) of the work (5% at 1 Mi ints), and every level allocates, so the " +
			"memory system and the GC take their share; Amdahl bounds a perfect answer at about " +
			"1.9x on 2 cores. 0.4 of the machine's extra speed (1.4x on a quiet 2-core machine) " +
			"is reached by any answer that sorts the halves concurrently, and by no serial one",
	})
}
