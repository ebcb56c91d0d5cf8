package check

import (
	"strings"
	"testing"

	"parlab/grader/testjson"
	"parlab/grader/verdict"
)

// storyRace is a race report whose creation stack runs through TestB, a
// test of story "two".
var storyRace = strings.Replace(raceReport, "Goroutine 10 (running) created at:\n", `Goroutine 10 (running) created at:
  parlab/exercises/histogram_test.TestB.func1()
      histogram_test.go:40 +0x8c
`, 1)

// TestStories: each story is judged on its own tests, a pass rests on the
// report file, and what the process printed can only fail a story.
func TestStories(t *testing.T) {
	stories := []Story{{Name: "one", Tests: []string{"TestA"}}, {Name: "two", Tests: []string{"TestB", "TestC"}}}
	pass := func(name string) *testjson.Test { return &testjson.Test{Name: name, Action: testjson.ActionPass} }
	fail := func(name, out string) *testjson.Test {
		return &testjson.Test{Name: name, Action: testjson.ActionFail, Output: out}
	}
	started := func(name, out string) *testjson.Test { return &testjson.Test{Name: name, Output: out} }
	type want struct {
		one, two verdict.Status
		sub      string // a substring of story two's message
	}
	for _, tc := range []struct {
		name string
		tr   TestRun
		want want
	}{
		{"both fixed", TestRun{Run: run(pass("TestA"), pass("TestB"), pass("TestC")), Report: report(true, "TestA:pass", "TestB:pass", "TestC:pass")},
			want{verdict.Pass, verdict.Pass, "fixed"}},
		{"a wrong value costs its story only", TestRun{Run: run(pass("TestA"), fail("TestB", ""), pass("TestC")),
			Report: report(true, "TestA:pass", "TestB:correct:Sum = 3, want 4", "TestB:fail", "TestC:pass")},
			want{verdict.Pass, verdict.Fail, "correct: Sum = 3, want 4"}},
		{"a race names its story's test", TestRun{Run: run(pass("TestA"), fail("TestB", ""), pass("TestC")), RaceLog: storyRace,
			Report: report(true, "TestA:pass", "TestB:correct:Sum = 3, want 4", "TestB:fail", "TestC:pass")},
			want{verdict.Pass, verdict.Fail, "race-free: one goroutine reads at histogram.go:15 (Parallel.func1)"}},
		{"a race's wrong values are not judged", TestRun{Run: run(pass("TestA"), fail("TestB", ""), pass("TestC")), RaceLog: storyRace,
			Report: report(true, "TestA:pass", "TestB:correct:Sum = 3, want 4", "TestB:fail", "TestC:pass")},
			want{verdict.Pass, verdict.Fail, "correct: not judged"}},
		{"a race during a test, by testing's word", TestRun{Run: run(pass("TestA"), fail("TestB", "testing.go:1712: "+raceDetected+"\n"), pass("TestC")),
			Report: report(true, "TestA:pass", "TestB:fail", "TestC:pass")},
			want{verdict.Pass, verdict.Fail, "a data race during its tests"}},
		{"a leak and a deadlock", TestRun{Run: run(pass("TestA"), fail("TestB", ""), fail("TestC", "")),
			Report: report(true, "TestA:pass", "TestB:leak-free:left goroutines", "TestB:fail", "TestC:terminates:did not return", "TestC:fail")},
			want{verdict.Pass, verdict.Fail, "leak-free: left goroutines\nterminates: did not return"}},
		{"a crash in one story leaves the next unjudged", TestRun{Run: run(started("TestA", "fatal error: concurrent map writes\n")), Report: report(false)},
			want{verdict.Fail, verdict.Skip, "not judged: the run ended in TestA, before TestB, TestC ran"}},
		{"a crash in the story", TestRun{Run: run(pass("TestA"), pass("TestB"), started("TestC", "fatal error: concurrent map writes\n")), Report: report(false, "TestA:pass", "TestB:pass")},
			want{verdict.Pass, verdict.Fail, "race-free: the program crashed"}},
		{"a pass printed on stdout is not a pass", TestRun{Run: run(pass("TestA"), pass("TestB"), pass("TestC")), Report: report(true, "TestA:pass", "TestB:fail", "TestC:pass")},
			want{verdict.Pass, verdict.Fail, "TestB failed"}},
		{"a test that never reported", TestRun{Run: run(pass("TestA"), pass("TestB"), pass("TestC")), Report: report(true, "TestA:pass", "TestB:pass")},
			want{verdict.Pass, verdict.Skip, "TestC did not"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Stories(tc.tr, stories)
			if len(got) != 2 || got[0].Name != "one" || got[1].Name != "two" {
				t.Fatalf("Stories gave %+v, want one check per story, in order", got)
			}
			if got[0].Status != tc.want.one || got[1].Status != tc.want.two {
				t.Errorf("one %s (%s), two %s (%s); want %s, %s", got[0].Status, got[0].Message, got[1].Status, got[1].Message, tc.want.one, tc.want.two)
			}
			if !strings.Contains(got[1].Message, tc.want.sub) {
				t.Errorf("story two's message %q does not hold %q", got[1].Message, tc.want.sub)
			}
		})
	}
}

// TestCorrectByStory: a race withholds the answers of the story that
// raced, not those of the others.
func TestCorrectByStory(t *testing.T) {
	stories := []Story{{Name: "one", Tests: []string{"TestA"}}, {Name: "two", Tests: []string{"TestB"}}}
	fail := func(name string) *testjson.Test { return &testjson.Test{Name: name, Action: testjson.ActionFail} }
	for _, tc := range []struct {
		name   string
		report []string
		status verdict.Status
		want   []string
	}{
		{"a wrong answer where nothing raced", []string{"TestA:correct:Find = 9, want 3", "TestA:fail", "TestB:correct:Sum = 1, want 2", "TestB:fail"},
			verdict.Fail, []string{"Find = 9, want 3", "(not judged where a story races: two)"}},
		{"wrong answers only where it raced", []string{"TestA:pass", "TestB:correct:Sum = 1, want 2", "TestB:fail"},
			verdict.Skip, []string{notJudgedRacy}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := TestRun{Run: run(fail("TestA"), fail("TestB")), RaceLog: storyRace, Report: report(true, tc.report...)}
			var correct verdict.Check
			for _, c := range Suite(tr, true) {
				if c.Name == verdict.Correct {
					correct = c
				}
			}
			if correct.Status != verdict.Skip {
				t.Fatalf("Suite's correct is %s (%s), want it withheld for the race", correct.Status, correct.Message)
			}
			got := CorrectByStory(tr, correct, stories)
			if got.Status != tc.status {
				t.Errorf("%s (%s), want %s", got.Status, got.Message, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(got.Message, w) {
					t.Errorf("message %q does not hold %q", got.Message, w)
				}
			}
		})
	}
}
