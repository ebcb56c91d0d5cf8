package batch

import (
	"bytes"
	"errors"
	"path/filepath"
	"sort"
	"strings"

	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/internal/atomicfile"
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
			Results: r.Exercises, Total: total, Max: max, Note: r.Note(), Pending: r.Pending()})
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
// gradebook. A book whose manifest says it is not whole (still grading,
// or merged from incomplete shards) is marked partial in both files.
func WriteGradebook(out string, exercises []exercise.Spec) (report.Gradebook, error) {
	recs, err := LoadRecords(out)
	if err != nil {
		return report.Gradebook{}, err
	}
	book := Book(recs, exercises)
	book.Partial = partialNote(out, len(recs))
	book.Similarity = loadSimilarity(out)
	if err := atomicfile.WriteFile(filepath.Join(out, GradesFile), report.GradesCSV(book)); err != nil {
		return book, err
	}
	var page bytes.Buffer
	if err := report.HTML(&page, book); err != nil {
		return book, err
	}
	return book, atomicfile.WriteFile(filepath.Join(out, ReportFile), page.Bytes())
}
