package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// Version is the schema version of the result JSON that JSON and JSONAll
// write, in its "version" field. It counts incompatible changes: a reader
// refuses a newer version instead of misreading it. Version 1 is the
// format as it was before the field existed, so a saved result without a
// "version" is read as version 1.
const Version = 1

// jsonResult is a result as written: the schema version first, then the
// result's own fields, then how long grading took (the text and JUnit
// reports show it; verdict.Result keeps it out of its own JSON).
type jsonResult struct {
	Version *int `json:"version"`
	*verdict.Result
	Seconds float64 `json:"duration_seconds,omitempty"`
}

func versioned(r *verdict.Result) jsonResult {
	v := Version
	return jsonResult{Version: &v, Result: r, Seconds: r.Duration.Seconds()}
}

// JSON writes the result as JSON (see cmd/grade's manual for the schema),
// one object and a newline.
func JSON(w io.Writer, r *verdict.Result) error {
	return encode(w, versioned(r))
}

// JSONAll writes several results as one JSON array.
func JSONAll(w io.Writer, results []*verdict.Result) error {
	out := make([]jsonResult, len(results))
	for i, r := range results {
		out[i] = versioned(r)
	}
	return encode(w, out)
}

func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Read reads back what JSON or JSONAll wrote: one result, or a set of
// them (set is true for an array), or the results of a batch record
// (gradebook/STUDENT.json, a set). Every result's version is checked
// with CheckVersion.
func Read(data []byte) (results []*verdict.Result, set bool, err error) {
	if rec, ok, err := batchRecord(data); ok {
		// One exercise reads as the student saw it; several as a set.
		return rec, len(rec) > 1, err
	}
	var many []jsonResult
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '[' {
		set = true
		err = json.Unmarshal(trimmed, &many)
	} else {
		var one jsonResult
		err = json.Unmarshal(data, &one)
		many = append(many, one)
	}
	if err != nil {
		return nil, false, fmt.Errorf("not a grading result (the JSON `grade exercise --json` writes): %w", err)
	}
	for _, jr := range many {
		if jr.Result == nil || jr.Exercise == "" {
			return nil, false, fmt.Errorf("not a grading result (the JSON `grade exercise --json` writes): no exercise named")
		}
		if err := CheckVersion(jr.Version); err != nil {
			return nil, false, fmt.Errorf("%s: %w", jr.Exercise, err)
		}
		jr.Duration = time.Duration(jr.Seconds * float64(time.Second))
		results = append(results, jr.Result)
	}
	return results, set, nil
}

// record is the part of a batch record (gradebook/STUDENT.json, package
// batch) that holds results: one per exercise graded.
type record struct {
	Version   *int                       `json:"version"`
	Student   *string                    `json:"student"`
	Exercises map[string]*verdict.Result `json:"exercises"`
}

// batchRecord reads data as a batch record, and returns its results in
// exercise order (the registry's), when it is one (ok); the record's
// version covers the results in it.
func batchRecord(data []byte) (results []*verdict.Result, ok bool, err error) {
	var rec record
	if json.Unmarshal(data, &rec) != nil || rec.Student == nil {
		return nil, false, nil
	}
	if err := CheckVersion(rec.Version); err != nil {
		return nil, true, fmt.Errorf("%s's batch record: %w", *rec.Student, err)
	}
	for _, name := range slices.Sorted(maps.Keys(rec.Exercises)) {
		if r := rec.Exercises[name]; r != nil {
			if r.Exercise == "" {
				r.Exercise = name
			}
			results = append(results, r)
		}
	}
	if len(results) == 0 {
		return nil, true, fmt.Errorf("%s's batch record holds no graded exercise", *rec.Student)
	}
	slices.SortStableFunc(results, func(a, b *verdict.Result) int { return exerciseOrder(a.Exercise) - exerciseOrder(b.Exercise) })
	return results, true, nil
}

// exerciseOrder is an exercise's place in the registry, for reports that list
// several.
func exerciseOrder(name string) int {
	for i, s := range exercise.All() {
		if s.Name == name {
			return i
		}
	}
	return len(exercise.All())
}

// CheckVersion accepts a saved record's schema version: absent (nil) is
// version 1, the format before the field existed; a version this parlab
// does not know is an error that says what to do.
func CheckVersion(v *int) error {
	switch {
	case v == nil || *v == Version:
		return nil
	case *v > Version:
		return fmt.Errorf("written by a newer parlab (schema version %d; this one reads version %d): update parlab (git pull) and run the command again", *v, Version)
	default:
		return fmt.Errorf("schema version %d is not one parlab ever wrote (the first is 1): the file is damaged, grade again", *v)
	}
}
