package exercise

import "parlab/grader/verdict"

func init() {
	register(Spec{
		Name:    "racefix",
		Title:   "find and fix the bugs: a racy counter, a shared map, a freezing bank, a leaky search",
		Imports: concurrencyImports(),
		// The exercise is about safety, so the safety checks weigh most;
		// there is no speed check and nothing to start.
		Points: map[verdict.CheckName]int{
			verdict.Builds:     1,
			verdict.Honest:     1,
			verdict.Correct:    2,
			verdict.RaceFree:   3,
			verdict.LeakFree:   2,
			verdict.Terminates: 2,
		},
		Starter: true,
	})
}
