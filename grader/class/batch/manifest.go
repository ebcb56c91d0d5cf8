package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// ManifestFile is where a gradebook folder says what it holds and
// whether it is whole: OUT/meta/manifest.json. It lives in a folder of
// its own so that no student's record (OUT/STUDENT.json) can be it.
const ManifestFile = "meta/manifest.json"

// State is how far the grading of a gradebook folder went.
type State string

const (
	// Grading: `grade batch` has started and not yet finished (it is
	// still running, or it stopped); the folder holds some of its
	// students.
	Grading State = "grading"
	// Complete: every student of the folder's shard has a record.
	Complete State = "complete"
	// Partial: a merge of shards some of which were incomplete
	// (`grade merge --partial`); Manifest.Partial says which.
	Partial State = "partial"
)

// Manifest describes a gradebook folder. `grade batch` writes it, state
// Grading, before it grades anyone, and again, state Complete, once every
// student of its shard has a record, each time atomically: a folder whose
// manifest says Complete holds a finished shard, and a folder without one
// was not written by a finished `grade batch`. `grade merge` reads the
// shards' manifests to refuse incomplete or inconsistent shards and
// writes one for the merged book.
type Manifest struct {
	// Version is the manifest's schema version (1).
	Version int `json:"version"`
	// State is Grading, Complete or Partial.
	State State `json:"state"`
	// Exercises are the exercises graded, in gradebook order: exactly the
	// gradebook's columns.
	Exercises []string `json:"exercises"`
	// Points is each exercise's point table as graded.
	Points map[string]map[verdict.CheckName]int `json:"points"`
	// Shard is "K/N" for a shard of a class; empty for a whole class.
	Shard string `json:"shard,omitempty"`
	// Root is the submissions folder graded (absolute), which `grade
	// merge` reads again for the class's code similarity.
	Root string `json:"root,omitempty"`
	// Students are the students the folder grades (its shard of the
	// class): each has a record once the state is Complete.
	Students []string `json:"students"`
	// Partial says why a merged book is partial (state Partial).
	Partial string `json:"partial,omitempty"`
	// Updated is when the manifest was written.
	Updated time.Time `json:"updated"`
}

// newManifest is the manifest of a folder grading exercises.
func newManifest(state State, exercises []exercise.Spec) *Manifest {
	m := &Manifest{Version: 1, State: state, Points: map[string]map[verdict.CheckName]int{}}
	for _, s := range exercises {
		m.Exercises = append(m.Exercises, s.Name)
		m.Points[s.Name] = maps.Clone(s.Points)
	}
	return m
}

// ReadManifest reads out's manifest; an error wrapping os.ErrNotExist
// means it has none.
func ReadManifest(out string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(out, ManifestFile))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil || m.Version == 0 {
		return nil, fmt.Errorf("%s is not a parlab manifest", filepath.Join(out, ManifestFile))
	}
	if m.Version > 1 {
		return nil, fmt.Errorf("%s is of manifest version %d, newer than this parlab's (1): update parlab", filepath.Join(out, ManifestFile), m.Version)
	}
	return &m, nil
}

// writeManifest writes m as out's manifest, atomically.
func writeManifest(out string, m *Manifest) error {
	m.Updated = time.Now().UTC()
	return writeJSON(filepath.Join(out, ManifestFile), m)
}

// Specs are the manifest's exercises, with the point tables they were
// graded with (which a later parlab may have changed).
func (m *Manifest) Specs() ([]exercise.Spec, error) {
	var out []exercise.Spec
	for _, name := range m.Exercises {
		s, err := exercise.Lookup(name)
		if err != nil {
			return nil, err
		}
		if p := m.Points[name]; p != nil {
			s.Points = maps.Clone(p)
		}
		out = append(out, s)
	}
	return out, nil
}

// Grades describes what the manifest's folder graded, to compare
// folders: the exercises and each one's points.
func (m *Manifest) Grades() string {
	var parts []string
	for _, name := range m.Exercises {
		var pts []string
		for _, c := range verdict.Order {
			if p, ok := m.Points[name][c]; ok {
				pts = append(pts, fmt.Sprintf("%s %d", c, p))
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", name, strings.Join(pts, ", ")))
	}
	return strings.Join(parts, "; ")
}

// sameGrades reports whether two exercise lists grade the same columns
// with the same points.
func sameGrades(a, b []exercise.Spec) bool {
	return slices.EqualFunc(a, b, func(x, y exercise.Spec) bool { return x.Name == y.Name && maps.Equal(x.Points, y.Points) })
}

// BookExercises are the exercises of the gradebook in out: its
// manifest's, or given when it has none (a folder of an older parlab).
// Given exercises that differ from the manifest's are an error: the
// gradebook's columns would not be what its students were graded on.
func BookExercises(out string, given []exercise.Spec) ([]exercise.Spec, error) {
	m, err := ReadManifest(out)
	if errors.Is(err, os.ErrNotExist) {
		if given == nil {
			return exercise.All(), nil
		}
		return given, nil
	}
	if err != nil {
		return nil, err
	}
	specs, err := m.Specs()
	if err != nil {
		return nil, err
	}
	if given != nil && !sameGrades(given, specs) {
		return nil, fmt.Errorf("%s was graded with %s: give the same --exercise (or none)", out, m.Grades())
	}
	return specs, nil
}

// partialNote says why the book in out is not whole, from its manifest:
// "" for a complete book or one without a manifest.
func partialNote(out string, students int) string {
	m, err := ReadManifest(out)
	if err != nil {
		return ""
	}
	switch m.State {
	case Grading:
		shard := ""
		if m.Shard != "" {
			shard = " of shard " + m.Shard
		}
		return fmt.Sprintf("grading in progress or stopped: %d of the %d students%s so far", students, len(m.Students), shard)
	case Partial:
		return m.Partial
	}
	return ""
}
