package report

import (
	"io"
	"reflect"
	"strings"

	"parlab/grader/verdict"
)

// A Stream writes the human report of one grade while the grade runs: the
// header at once, each check's lines as soon as the check is decided and
// every check before it in the report's order has been written, and the
// rest (notes, the speedup table, the summary) at the end. A grade that
// goes as planned streams, byte for byte, what Text writes of its result.
//
// Checks come from grader.Options.Decided; a Stream is not safe for
// concurrent use.
type Stream struct {
	w     io.Writer
	o     TextOptions
	p     palette
	order []verdict.CheckName
	// next indexes order: the first check not written yet.
	next int
	// held are the checks decided before one that precedes them.
	held map[verdict.CheckName]verdict.Check
	// written are the checks as written.
	written []verdict.Check
	err     error
}

// NewStream starts the human report of a grade of exercise (whose checks
// are order, in the report's order) on target, writing its header to w.
func NewStream(w io.Writer, exercise, target string, order []verdict.CheckName, o TextOptions) *Stream {
	s := &Stream{w: w, o: o, p: newPalette(o.Color), order: order, held: map[verdict.CheckName]verdict.Check{}}
	var b strings.Builder
	header(&b, s.p, exercise, target)
	s.write(b.String())
	return s
}

// Check takes a decided check and writes the lines that can be written
// now: its own, once every check before it has been written, and those of
// the held checks that follow it.
func (s *Stream) Check(c verdict.Check) {
	s.held[c.Name] = c
	var b strings.Builder
	for s.next < len(s.order) {
		c, ok := s.held[s.order[s.next]]
		if !ok {
			break
		}
		delete(s.held, c.Name)
		checkLines(&b, s.p, c, s.o)
		s.written = append(s.written, c)
		s.next++
	}
	s.write(b.String())
}

// Finish writes what follows the checks of the finished result r: the
// lines of the checks not written yet, then the notes, the speedup table
// and the summary. Should a written check differ from r's (the grader
// crashed after writing it), the whole report of r follows, so that what
// is read last is the result. It returns the first error writing met.
func (s *Stream) Finish(r *verdict.Result) error {
	var b strings.Builder
	for _, c := range r.Checks {
		if s.wrote(c.Name) {
			continue
		}
		checkLines(&b, s.p, c, s.o)
	}
	for _, c := range s.written {
		if now := r.Check(c.Name); now == nil || !reflect.DeepEqual(*now, c) {
			b.WriteString("\n  the grade ended otherwise than the lines above say; its whole report:\n\n")
			s.write(b.String())
			if s.err == nil {
				s.err = Text(s.w, r, s.o)
			}
			return s.err
		}
	}
	tail(&b, s.p, r, s.o)
	s.write(b.String())
	return s.err
}

func (s *Stream) wrote(name verdict.CheckName) bool {
	for _, c := range s.written {
		if c.Name == name {
			return true
		}
	}
	return false
}

// write writes text, keeping the first error.
func (s *Stream) write(text string) {
	if s.err != nil || text == "" {
		return
	}
	_, s.err = io.WriteString(s.w, text)
}
