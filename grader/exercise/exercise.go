// Package exercise is the registry of parlab's exercises: one ordered Go
// table (registry.go) that says, per exercise, where its stub and model
// answer live, what each check is worth, which packages the learner may
// import and how its speed is judged, and the stubs as shipped (pristine/),
// which `go generate` makes from the model answers (package stubgen).
// Adding an exercise is a reference kernel, a model answer with marked
// regions, the assignment, a hidden suite, scenarios and one entry in the
// table: docs/authoring.md walks through it.
package exercise

import (
	"fmt"
	"slices"
	"strings"

	"parlab/grader/verdict"
)

// Spec describes one exercise.
type Spec struct {
	// Name is the folder name under exercises/ and solutions/.
	Name string
	// Title is a one-line description for listings.
	Title string
	// Reference names the serial kernels in package parlab/reference that
	// the hidden suite checks the learner's answers against (and times
	// them against, when the exercise has a faster check).
	Reference []string
	// Points is what each check is worth; a check absent here is not run.
	Points map[verdict.CheckName]int
	// Alpha is the share of this machine's calibrated extra speed
	// (S_cal - 1) the learner's code must reach: the faster check requires
	// S >= 1 + Alpha*(S_cal-1). Zero means the exercise has no faster
	// check.
	Alpha float64
	// AlphaWhy says why Alpha has its value, for instructors.
	AlphaWhy string
	// Study is true when the suite has a TestStudy that runs the learner's
	// own scaling study, which the report prints as tables.
	Study bool
	// Starter is true when the stub is working-but-buggy code rather than
	// TODO panics, so "started" cannot fail on it.
	Starter bool
	// Bubbled is set when the hidden suite runs each call of learner code
	// in a testing/synctest bubble (kit.UseBubbles), whose clock the
	// grader runs forward once the call returns: the honest check, which
	// refuses code of the learner's that runs before the first call (an
	// init function, a package-level variable made by a call) in every
	// exercise, then says such code would run on the real clock, outside
	// every bubble.
	Bubbled bool
	// Stories, when set, are the parts of the exercise scored one by one
	// (see Story); each is worth Points[story.Name].
	Stories []Story
	// Imports is the allowlist of standard-library packages the learner's
	// files may import; anything else fails the honest check. It holds what
	// the model answer and a reasonable learner need, and nothing that can
	// reach a file, a descriptor or raw memory (see concurrencyImports).
	Imports []string
}

// Story is a part of an exercise scored as a whole: its points (Points
// under its Name) are earned once every test of the hidden suite that
// belongs to it passes, with no data race, leak or deadlock seen in them,
// whatever state the other stories are in. In an exercise with stories the
// checks their tests feed (correct, race-free, leak-free, terminates) are
// worth nothing themselves and say what is wrong; the stories carry the
// points, so fixing one story earns its points at once.
type Story struct {
	// Name is the story's row in the report, e.g. "counter".
	Name verdict.CheckName
	// About says in a line what the story asks.
	About string
	// Tests are the hidden suite's top-level tests that make it up.
	Tests []string
	// Unraced are its tests that the grader runs again in the plain
	// binary, without the race detector and on the real clock
	// (contract.UnracedPrefix): what they report counts as the race
	// run's tests' does, so code that behaves one way under the race
	// detector and another outside it fails the story.
	Unraced []string
}

// UnracedTests lists every story's Unraced tests.
func (s Spec) UnracedTests() []string {
	var out []string
	for _, st := range s.Stories {
		out = append(out, st.Unraced...)
	}
	return out
}

// About says in a line what a check (or one of the exercise's stories)
// asks of the code.
func (s Spec) About(c verdict.CheckName) string {
	for _, st := range s.Stories {
		if st.Name == c {
			return st.About
		}
	}
	return verdict.About[c]
}

// Package is the import path of the package the learner edits.
func (s Spec) Package() string { return "parlab/exercises/" + s.Name }

// StubDir is the stub's folder relative to the project root.
func (s Spec) StubDir() string { return "exercises/" + s.Name }

// SolutionDir is the model answer's folder relative to the project root.
func (s Spec) SolutionDir() string { return "solutions/" + s.Name }

// MaxScore is the sum of every check's points.
func (s Spec) MaxScore() int {
	total := 0
	for _, p := range s.Points {
		total += p
	}
	return total
}

// Timed reports whether the exercise's speed is checked (it has a faster
// check).
func (s Spec) Timed() bool {
	_, timed := s.Points[verdict.Faster]
	return timed
}

// Checks lists the checks this exercise runs, in report order, its
// stories last.
func (s Spec) Checks() []verdict.CheckName {
	var out []verdict.CheckName
	for _, c := range verdict.Order {
		if _, ok := s.Points[c]; ok {
			out = append(out, c)
		}
	}
	for _, st := range s.Stories {
		out = append(out, st.Name)
	}
	return out
}

// Lookup returns the named exercise, or an error that lists the known ones.
func Lookup(name string) (Spec, error) {
	if i := slices.IndexFunc(course, func(s Spec) bool { return s.Name == name }); i >= 0 {
		return course[i], nil
	}
	return Spec{}, fmt.Errorf("unknown exercise %q: choose one of %s (see `go run ./cmd/grade list`)", name, strings.Join(Names(), ", "))
}

// Select returns the named exercises, in the order given, or every
// exercise in course order when names is empty.
func Select(names []string) ([]Spec, error) {
	if len(names) == 0 {
		return All(), nil
	}
	out := make([]Spec, 0, len(names))
	for _, n := range names {
		s, err := Lookup(n)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Names lists the exercises in course order.
func Names() []string {
	names := make([]string, len(course))
	for i, s := range course {
		names[i] = s.Name
	}
	return names
}

// All returns every exercise in course order.
func All() []Spec { return slices.Clone(course) }
