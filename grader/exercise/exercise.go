// Package exercise is the registry of parlab's exercises: one Go table that
// says, per exercise, where its stub and model answer live, what each check
// is worth, and how its speed is judged. Adding an exercise is a stub
// package, a solution package, a reference kernel, a hidden suite and one
// entry here.
package exercise

import (
	"fmt"
	"sort"
	"strings"

	"parlab/grader/verdict"
)

// Spec describes one exercise.
type Spec struct {
	// Name is the folder name under exercises/ and solutions/.
	Name string
	// Title is a one-line description for listings.
	Title string
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
	// Imports is the allowlist of standard-library packages the learner's
	// files may import; anything else fails the honest check. It holds what
	// the model answer and a reasonable learner need, and nothing that can
	// reach a file, a descriptor or raw memory (see concurrencyImports).
	Imports []string
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

// Checks lists the checks this exercise runs, in report order.
func (s Spec) Checks() []verdict.CheckName {
	var out []verdict.CheckName
	for _, c := range verdict.Order {
		if _, ok := s.Points[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

var registry = map[string]Spec{}

func register(s Spec) { registry[s.Name] = s }

// Lookup returns the named exercise, or an error that lists the known ones.
func Lookup(name string) (Spec, error) {
	if s, ok := registry[name]; ok {
		return s, nil
	}
	return Spec{}, fmt.Errorf("unknown exercise %q: choose one of %s (see `grade list`)", name, strings.Join(Names(), ", "))
}

// Names lists the exercises in course order.
func Names() []string {
	var names []string
	for n := range registry {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return courseOrder(names[i]) < courseOrder(names[j]) })
	return names
}

// All returns every exercise in course order.
func All() []Spec {
	var out []Spec
	for _, n := range Names() {
		out = append(out, registry[n])
	}
	return out
}

func courseOrder(name string) int {
	for i, n := range []string{"histogram", "mergesort", "scalability", "racefix"} {
		if n == name {
			return i
		}
	}
	return 100
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
