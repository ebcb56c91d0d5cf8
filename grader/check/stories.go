package check

import (
	"fmt"
	"slices"
	"strings"

	"parlab/grader/contract"
	"parlab/grader/verdict"
)

// Story is a part of an exercise scored as a whole (see exercise.Story):
// its check's name and the hidden suite's top-level tests that make it up.
type Story struct {
	Name  verdict.CheckName
	Tests []string
}

// Stories judges an exercise's stories from the race
// run, one check each: a story passes when every one of its tests reported
// a pass to the grader and nothing was seen against them (a marker, a data
// race, a crash); it fails on what was seen against it, whatever the other
// stories did; it is not judged when its tests did not run because the run
// ended in another story's test.
//
// A pass rests on the report file alone, which only the suite writes.
// What the process printed (the race detector's reports, the runtime's
// crash, testing's "race detected") can only make a story fail.
func Stories(tr TestRun, stories []Story) []verdict.Check {
	if len(stories) == 0 {
		return nil
	}
	o := observe(tr)
	all := tr.RaceLog + tr.Run.AllOutput() + tr.Stderr
	races := DataRaces(all)
	crashed := crashedTest(tr)
	var out []verdict.Check
	for _, st := range stories {
		out = append(out, story(tr, o, races, crashed, st))
	}
	return out
}

// raceDetected is what package testing adds to the output of a test during
// which the race detector reported a race.
const raceDetected = "race detected during execution of test"

// story is the check of one story: its tests' problems, one line per
// check, or a pass.
func story(tr TestRun, o observations, races []DataRace, crashed string, st Story) verdict.Check {
	chk := verdict.Check{Name: st.Name}
	raceLines, raced := storyRaces(tr, races, st)
	if raced && len(raceLines) == 0 {
		raceLines = []string{"a data race during its tests (see race-free)"}
	}
	byCheck, marked := storyMarkers(tr, o, crashed, st)
	problems := storyProblems(byCheck, raceLines, raced)
	var missing []string
	for _, test := range st.Tests {
		switch status := tr.Report.Results[test]; {
		case status == contract.StatusFail && !marked[test] && !raced && test != crashed:
			problems = append(problems, fmt.Sprintf("%s failed: %s", test, firstLines(failureText(tr, test), 6)))
		case status != contract.StatusPass && status != contract.StatusFail && test != crashed:
			missing = append(missing, test)
		}
	}
	switch {
	case len(problems) > 0:
		chk.Status, chk.Message = verdict.Fail, strings.Join(problems, "\n")
	case len(missing) > 0:
		chk.Status = verdict.Skip
		chk.Message = fmt.Sprintf("not judged: its tests did not all run (%s did not)", strings.Join(missing, ", "))
		if crashed != "" {
			chk.Message = fmt.Sprintf("not judged: the run ended in %s, before %s ran", crashed, strings.Join(missing, ", "))
		}
	default:
		chk.Status = verdict.Pass
		tests := fmt.Sprintf("its %d tests", len(st.Tests))
		if len(st.Tests) == 1 {
			tests = "its test"
		}
		chk.Message = "fixed: correct, race-free, leak-free and terminating in " + tests
	}
	return chk
}

// storyMarkers gathers the markers of the story's tests by check, with
// the crash of the run when it ended in one of them, and which of its
// tests were marked.
func storyMarkers(tr TestRun, o observations, crashed string, st Story) (byCheck map[string][]string, marked map[string]bool) {
	mine := func(test string) bool { return slices.Contains(st.Tests, test) }
	byCheck, marked = map[string][]string{}, map[string]bool{}
	for _, m := range tr.Report.Markers {
		if mine(m.Test) {
			byCheck[m.Check] = append(byCheck[m.Check], m.Message)
			marked[m.Test] = true
		}
	}
	if crashed != "" && mine(crashed) && o.crash != nil {
		check := contract.CheckCorrect
		switch o.crash.kind {
		case crashMapWrites:
			check = raceFreeCheck
		case crashHang, crashDeadlock:
			check = contract.CheckTerminates
		case crashTODO:
			check = contract.CheckStarted
		}
		byCheck[check] = append(byCheck[check], o.crash.message)
	}
	return byCheck, marked
}

// storyProblems is one line per check, its first problem: the check's
// own row lists them all. Answers are not judged when the story raced.
func storyProblems(byCheck map[string][]string, raceLines []string, raced bool) []string {
	var problems []string
	add := func(check string, msgs []string) {
		msgs = dedupe(msgs)
		if len(msgs) == 0 {
			return
		}
		line := check + ": " + msgs[0]
		if len(msgs) > 1 {
			line += fmt.Sprintf(" (%d more: see %s)", len(msgs)-1, check)
		}
		problems = append(problems, line)
	}
	add(contract.CheckStarted, byCheck[contract.CheckStarted])
	add(raceFreeCheck, append(raceLines, byCheck[raceFreeCheck]...))
	if raced && len(byCheck[contract.CheckCorrect]) > 0 {
		problems = append(problems, "correct: "+notJudgedRacy)
	} else {
		add(contract.CheckCorrect, byCheck[contract.CheckCorrect])
	}
	add(contract.CheckLeakFree, byCheck[contract.CheckLeakFree])
	add(contract.CheckTerminates, byCheck[contract.CheckTerminates])
	return problems
}

// storyRaces lists the races whose reports name one of the story's tests,
// and says whether it raced: one of those, or any race during one of its
// tests.
func storyRaces(tr TestRun, races []DataRace, st Story) (lines []string, raced bool) {
	for _, r := range races {
		for _, fn := range r.Funcs {
			if test, ok := suiteTest(fn); ok && slices.Contains(st.Tests, test) {
				lines = append(lines, r.Summary)
				break
			}
		}
	}
	raced = len(lines) > 0
	for _, test := range st.Tests {
		if t := tr.Run.Test(test); t != nil && strings.Contains(t.Output, raceDetected) {
			raced = true
		}
	}
	return lines, raced
}

// CorrectByStory judges the correct check of an exercise with stories
// story by story, as the stories' rows do: the race-free check's race
// withholds the answers of the stories that raced only. correct is the
// check Suite judged; it is returned as it is when it was not withheld
// for a race, or when no story that did not race saw a wrong answer.
func CorrectByStory(tr TestRun, correct verdict.Check, stories []Story) verdict.Check {
	if len(stories) == 0 || correct.Status != verdict.Skip || correct.Message != notJudgedRacy {
		return correct
	}
	races := DataRaces(tr.RaceLog + tr.Run.AllOutput() + tr.Stderr)
	var wrong, withheld []string
	for _, st := range stories {
		_, raced := storyRaces(tr, races, st)
		for _, m := range tr.Report.Markers {
			if m.Check != contract.CheckCorrect || !slices.Contains(st.Tests, m.Test) {
				continue
			}
			if raced {
				withheld = append(withheld, string(st.Name))
			} else {
				wrong = append(wrong, m.Message)
			}
		}
	}
	if len(wrong) == 0 {
		return correct
	}
	wrong = dedupe(wrong)
	correct.Status, correct.Hint = verdict.Fail, hintFor(wrong[0])
	correct.Message = strings.Join(firstN(wrong, 3), "\n")
	if withheld = dedupe(withheld); len(withheld) > 0 {
		correct.Message += fmt.Sprintf("\n(not judged where a story races: %s)", strings.Join(withheld, ", "))
	}
	return correct
}

// suiteTest returns the top-level test a function of the hidden suite
// belongs to: "parlab/exercises/racefix_test.TestCounter.func1" is in
// TestCounter.
func suiteTest(fn string) (string, bool) {
	_, after, ok := strings.Cut(fn, "_test.Test")
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(after, ".")
	return "Test" + name, true
}

// crashedTest is the top-level test that started and never ended when the
// run did not complete, or "".
func crashedTest(tr TestRun) string {
	if tr.Complete() || tr.Run == nil {
		return ""
	}
	for _, t := range tr.Run.Tests {
		if !strings.Contains(t.Name, "/") && t.Action == "" {
			return t.Name
		}
	}
	return ""
}

// raceFreeCheck is the race-free check's name where markers' names are
// used (no marker names it: the race detector reports races).
const raceFreeCheck = string(verdict.RaceFree)
