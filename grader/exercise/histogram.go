package exercise

import "parlab/grader/verdict"

func init() {
	register(Spec{
		Name:  "histogram",
		Title: "parallel histogram: per-worker partial histograms, summed",
		Points: map[verdict.CheckName]int{
			verdict.Builds:     1,
			verdict.Started:    1,
			verdict.Honest:     1,
			verdict.Correct:    3,
			verdict.RaceFree:   1,
			verdict.LeakFree:   1,
			verdict.Terminates: 1,
			verdict.Faster:     2,
		},
		Alpha: 0.5,
		AlphaWhy: "counting is embarrassingly parallel and the merge is 256 adds per worker, " +
			"but it streams memory at one byte per pixel, so it scales less than the " +
			"compute-bound calibration kernel; half of the machine's extra speed is a clear " +
			"parallel win that serial, atomic or locked code cannot reach",
	})
}
