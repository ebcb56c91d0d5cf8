package batch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"parlab/grader/atomicfile"
	"parlab/grader/exercise"
	"parlab/grader/report"
)

// The gradebook's files in the output folder, beside one STUDENT.json
// per student (FileName).
const (
	// GradesFile is the gradebook's CSV (report.GradesCSV).
	GradesFile = "grades.csv"
	// ReportFile is the instructor's page (report.HTML).
	ReportFile = "report.html"
)

// LoadRecords reads every student record in out, in student order. A
// JSON file that is not a record is passed over; a record of a schema
// version this parlab does not read is an error (see report.CheckVersion).
func LoadRecords(out string) ([]*Record, error) {
	paths, err := filepath.Glob(filepath.Join(out, "*.json"))
	if err != nil {
		return nil, err
	}
	var recs []*Record
	for _, p := range paths {
		rec, err := readRecord(p)
		if errors.Is(err, errVersion) {
			return nil, err
		}
		if err == nil {
			recs = append(recs, rec)
		}
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Student < recs[j].Student })
	return recs, nil
}

// Book is the records as a gradebook of the exercises.
func Book(recs []*Record, exercises []exercise.Spec) report.Gradebook {
	b := report.Gradebook{Exercises: exercises}
	for _, r := range recs {
		total, max := r.Score(exercises)
		b.Students = append(b.Students, report.Student{Name: r.Student, File: r.fileName(),
			Results: r.Exercises, Total: total, Max: max, Note: r.Note()})
	}
	return b
}

// Note says what is wrong with the record as a whole: a submission that
// could not be graded, missing exercises, pending checks.
func (r *Record) Note() string {
	var parts []string
	if r.Problem != "" {
		parts = append(parts, r.Problem)
	}
	if len(r.Missing) > 0 {
		parts = append(parts, "missing: "+strings.Join(r.Missing, ", "))
	}
	if n := pendingNote(r.Pending()); n != "" {
		parts = append(parts, n)
	}
	return strings.Join(parts, "; ")
}

// WriteGradebook writes grades.csv and report.html in out from the
// records there, the one place either file is written, and returns the
// gradebook.
func WriteGradebook(out string, exercises []exercise.Spec) (report.Gradebook, error) {
	recs, err := LoadRecords(out)
	if err != nil {
		return report.Gradebook{}, err
	}
	book := Book(recs, exercises)
	if err := atomicfile.WriteFile(filepath.Join(out, GradesFile), report.GradesCSV(book)); err != nil {
		return book, err
	}
	var page bytes.Buffer
	if err := report.HTML(&page, book); err != nil {
		return book, err
	}
	return book, atomicfile.WriteFile(filepath.Join(out, ReportFile), page.Bytes())
}

// Merge copies the student records of the shards' output folders into
// out and writes its gradebook. A student in two shards is an error
// (shards must not overlap); notes name the shards without records.
func Merge(out string, shards []string, exercises []exercise.Spec) (book report.Gradebook, notes []string, err error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return book, nil, err
	}
	seen := map[string]string{}
	for _, dir := range shards {
		recs, err := LoadRecords(dir)
		if err != nil {
			return book, nil, err
		}
		if len(recs) == 0 {
			notes = append(notes, fmt.Sprintf("%s holds no student records", dir))
		}
		for _, r := range recs {
			if prev, ok := seen[r.Student]; ok {
				return book, nil, fmt.Errorf("student %s is in both %s and %s: shards must not overlap", r.Student, prev, dir)
			}
			seen[r.Student] = dir
			if err := copyRecord(dir, out, r.fileName()); err != nil {
				return book, nil, err
			}
		}
	}
	book, err = WriteGradebook(out, exercises)
	return book, notes, err
}

// copyRecord copies a student's record file as it is.
func copyRecord(from, to, file string) error {
	data, err := os.ReadFile(filepath.Join(from, file))
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(to, file), data)
}
