package exercise

import "parlab/grader/verdict"

// course is every exercise, in course order: `grade list`, `grade all`,
// `grade verify`, the gradebook's columns and the exercises' numbers
// ("exercise 1" in exercises/histogram/doc.go) follow it. Adding an
// exercise is one entry here; TestEveryEntryIsComplete says what else it
// needs (docs/authoring.md walks through it).
var course = []Spec{
	{
		Name:      "histogram",
		Title:     "parallel histogram: per-worker partial histograms, summed",
		Reference: []string{"Histogram"},
		Imports:   concurrencyImports(),
		Points:    timedPoints(),
		Alpha:     0.5,
		AlphaWhy: "counting is embarrassingly parallel and the merge is 256 adds per worker; " +
			"the calibration (the serial count split over every core) already shows what memory " +
			"bandwidth allows, and half of that extra speed is a clear parallel win that serial, " +
			"atomic or locked code cannot reach",
	},
	{
		Name:      "mergesort",
		Title:     "parallel merge sort: sort halves concurrently, merge",
		Reference: []string{"MergeSort", "Merge"},
		Imports:   concurrencyImports(),
		Points:    timedPoints(),
		Alpha:     0.4,
		AlphaWhy: "the final merge touches all n elements on one core, a serial fraction of about " +
			"1/(log2 n + 1) of the work (5% at 1 Mi ints), and every level allocates, so the " +
			"memory system and the GC take their share; Amdahl bounds a perfect answer at about " +
			"1.9x on 2 cores. 0.4 of the machine's extra speed (1.4x on a quiet 2-core machine) " +
			"is reached by any answer that sorts the halves concurrently, and by no serial one",
	},
	{
		Name:      "scalability",
		Title:     "strong and weak scaling: a harness, the laws, and Monte Carlo pi",
		Reference: []string{"PiHits", "Amdahl", "Gustafson", "KarpFlatt"},
		Imports:   concurrencyImports("parlab/reference/points"),
		Points:    timedPoints(),
		Alpha:     0.6,
		Study:     true,
		AlphaWhy: "PiWorkload is embarrassingly parallel: each goroutine draws its own points from its own " +
			"source and only the final sum is serial, so a correct answer reaches nearly all of the " +
			"machine's calibrated extra speed. 0.6 still leaves room for goroutine start-up and an " +
			"uneven last chunk, and fails one shared source behind a lock or a single goroutine",
	},
	{
		Name:      "racefix",
		Title:     "find and fix the bugs: a racy counter, a shared map, a freezing bank, a leaky search",
		Reference: []string{"WordFreq", "FindFirst"},
		Imports:   concurrencyImports(),
		// Each story is scored as a whole (Story): the counter and the
		// search have two bugs each, the word count one that crashes the
		// program, the bank three (the lock order, the check before the
		// lock, Balance and Total unlocked). The checks themselves say
		// what is wrong and carry no points; the total is 11, as when the
		// checks carried them.
		Points: map[verdict.CheckName]int{
			verdict.Builds:     1,
			verdict.Honest:     1,
			verdict.Correct:    0,
			verdict.RaceFree:   0,
			verdict.LeakFree:   0,
			verdict.Terminates: 0,
			"counter":          2,
			"word-count":       2,
			"bank":             3,
			"search":           2,
		},
		Stories: []Story{
			{Name: "counter", About: "Counter and CountConcurrently: every Inc counted, by the goroutines asked for; Value never goes down",
				Tests:   []string{"TestCounter", "TestCounterValueWhileIncrementing", "TestCountConcurrently", "TestCountConcurrentlyWorks"},
				Unraced: []string{"TestUnracedCounter"}},
			{Name: "search", About: "FindFirst: the smallest index, found by every worker's share of the search, and no goroutine left behind",
				Tests: []string{"TestFindFirst", "TestFindFirstWorks"}, Unraced: []string{"TestUnracedSearch"}},
			{Name: "bank", About: "Bank: no money made or lost under concurrent transfers, no freeze, no balance below zero, Total at one instant",
				Tests:   []string{"TestBankRejectsInvalidTransfers", "TestBankConcurrentTransfers", "TestBankOppositeTransfers", "TestBankTotalWhileTransferring"},
				Unraced: []string{"TestUnracedBank"}},
			{Name: "word-count", About: "WordFreq: the counts of a serial count, each worker counting its share, no crash",
				Tests: []string{"TestWordFreq", "TestWordFreqWorks"}, Unraced: []string{"TestUnracedWordCount"}},
		},
		Starter: true,
		Bubbled: true,
	},
}

// timedPoints is the points table of an exercise whose parallel speed is
// judged: correctness weighs most, then speed, then each safety property.
func timedPoints() map[verdict.CheckName]int {
	return map[verdict.CheckName]int{
		verdict.Builds:     1,
		verdict.Started:    1,
		verdict.Honest:     1,
		verdict.Correct:    3,
		verdict.RaceFree:   1,
		verdict.LeakFree:   1,
		verdict.Terminates: 1,
		verdict.Faster:     2,
	}
}
