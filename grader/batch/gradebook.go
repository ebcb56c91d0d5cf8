package batch

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"parlab/grader/atomicfile"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/textcut"
	"parlab/grader/verdict"
)

// GradesFile is the gradebook's CSV, in the output folder.
const GradesFile = "grades.csv"

// LoadRecords reads every student record in out, in student order.
func LoadRecords(out string) ([]*Record, error) {
	paths, err := filepath.Glob(filepath.Join(out, "*.json"))
	if err != nil {
		return nil, err
	}
	var recs []*Record
	for _, p := range paths {
		if rec, err := readRecord(p); err == nil {
			recs = append(recs, rec)
		}
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Student < recs[j].Student })
	return recs, nil
}

// GradesCSV is the gradebook: one row per student with a column per
// exercise's score, the total, the maximum, the percentage and a note
// (missing exercises, a submission that could not be graded).
func GradesCSV(recs []*Record, exercises []exercise.Spec) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := []string{"student"}
	for _, s := range exercises {
		header = append(header, s.Name)
	}
	w.Write(append(header, "total", "max", "percent", "note"))
	for _, r := range recs {
		row := []string{r.Student}
		for _, s := range exercises {
			score := 0
			if res := r.Exercises[s.Name]; res != nil {
				score = res.Score
			}
			row = append(row, strconv.Itoa(score))
		}
		total, max := r.Score(exercises)
		row = append(row, strconv.Itoa(total), strconv.Itoa(max), Percent(total, max), r.Note())
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// Percent is score out of max as a percentage with one decimal, as the
// gradebook writes it.
func Percent(score, max int) string {
	if max == 0 {
		return "0.0"
	}
	return strconv.FormatFloat(100*float64(score)/float64(max), 'f', 1, 64)
}

// Note says what is wrong with the record as a whole: a submission that
// could not be graded, missing exercises.
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

func writeGradebook(out string, exercises []exercise.Spec) error {
	recs, err := LoadRecords(out)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(out, GradesFile), GradesCSV(recs, exercises))
}

// Summary is the class at a glance, per exercise.
type Summary struct {
	Students  int
	Exercises []ExerciseSummary
}

// ExerciseSummary is one exercise across the class.
type ExerciseSummary struct {
	Name               string
	MaxScore           int
	Graded             int
	MeanScore, Median  float64
	PassRate           map[verdict.CheckName]float64 // share of graded submissions passing the check
	Checks             []verdict.CheckName
	CommonFailures     []Failure // most frequent first failures
	SpeedupsVsRequired []Speedup // each student's measured speedup
}

// Failure is a first-failure message and how many submissions had it.
type Failure struct {
	Check   verdict.CheckName
	Message string
	Count   int
}

// Speedup is what one student's code reached against the bar.
type Speedup struct {
	Student           string
	Speedup, Required float64
}

var digits = regexp.MustCompile(`[0-9]+`)

// Summarize computes the summary of the records.
func Summarize(recs []*Record, exercises []exercise.Spec) Summary {
	sum := Summary{Students: len(recs)}
	for _, s := range exercises {
		es := ExerciseSummary{Name: s.Name, MaxScore: s.MaxScore(), PassRate: map[verdict.CheckName]float64{}, Checks: s.Checks()}
		var scores []float64
		passes := map[verdict.CheckName]int{}
		failures := map[string]*Failure{}
		for _, r := range recs {
			res := r.Exercises[s.Name]
			score := 0.0
			if res != nil {
				score = float64(res.Score)
				es.Graded++
				for _, c := range res.Checks {
					if c.Status == verdict.Pass {
						passes[c.Name]++
					}
				}
				if f := res.FirstFailure(); f != nil {
					// Numbers (lines, seeds, sizes) differ between students
					// with the same mistake: group without them.
					key := string(f.Name) + "\x00" + digits.ReplaceAllString(textcut.FirstLine(f.Message), "N")
					if failures[key] == nil {
						failures[key] = &Failure{Check: f.Name, Message: digits.ReplaceAllString(textcut.FirstLine(f.Message), "N")}
					}
					failures[key].Count++
				}
				if res.Speedup != nil && res.Speedup.Speedup > 0 {
					es.SpeedupsVsRequired = append(es.SpeedupsVsRequired, Speedup{r.Student, res.Speedup.Speedup, res.Speedup.Required})
				}
			}
			scores = append(scores, score)
		}
		es.MeanScore, es.Median = meanMedian(scores)
		for _, c := range es.Checks {
			if es.Graded > 0 {
				es.PassRate[c] = float64(passes[c]) / float64(es.Graded)
			}
		}
		for _, f := range failures {
			es.CommonFailures = append(es.CommonFailures, *f)
		}
		sort.Slice(es.CommonFailures, func(i, j int) bool {
			a, b := es.CommonFailures[i], es.CommonFailures[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Message < b.Message
		})
		if len(es.CommonFailures) > 3 {
			es.CommonFailures = es.CommonFailures[:3]
		}
		sum.Exercises = append(sum.Exercises, es)
	}
	return sum
}

func meanMedian(xs []float64) (mean, median float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	total := 0.0
	for _, x := range s {
		total += x
	}
	mid := len(s) / 2
	median = s[mid]
	if len(s)%2 == 0 {
		median = (s[mid-1] + s[mid]) / 2
	}
	return total / float64(len(s)), median
}

// WriteSummary prints the summary for a terminal.
func WriteSummary(w io.Writer, sum Summary) {
	fmt.Fprintf(w, "%d students\n", sum.Students)
	for _, e := range sum.Exercises {
		fmt.Fprintf(w, "\n%s: graded %d, mean %.1f/%d, median %.1f/%d\n", e.Name, e.Graded, e.MeanScore, e.MaxScore, e.Median, e.MaxScore)
		var rates []string
		for _, c := range e.Checks {
			rates = append(rates, fmt.Sprintf("%s %.0f%%", c, 100*e.PassRate[c]))
		}
		fmt.Fprintf(w, "  pass rate: %s\n", strings.Join(rates, ", "))
		for _, f := range e.CommonFailures {
			fmt.Fprintf(w, "  %d× %s: %s\n", f.Count, f.Check, report.Quote(textcut.Truncate(f.Message, 100)))
		}
	}
}
