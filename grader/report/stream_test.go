package report

import (
	"bytes"
	"strings"
	"testing"

	"parlab/grader/verdict"
)

// checkOrder is the report order of sample()'s checks.
func checkOrder(r *verdict.Result) []verdict.CheckName {
	var out []verdict.CheckName
	for _, c := range r.Checks {
		out = append(out, c.Name)
	}
	return out
}

// TestStreamWritesEachCheckWhenDecided feeds a Stream the checks in the
// order a grade decides them (builds and honest after the builds, then the
// race run's checks, then faster): builds is on screen before anything
// else is decided, honest waits for started (the report's order), and the
// whole stream is what Text writes of the result.
func TestStreamWritesEachCheckWhenDecided(t *testing.T) {
	for _, o := range []TextOptions{{}, {Verbose: true}, {Color: true}} {
		r := sample()
		var out bytes.Buffer
		s := NewStream(&out, r.Exercise, r.Target, checkOrder(r), o)
		if !strings.Contains(out.String(), "parlab · histogram") {
			t.Fatalf("no header before the first check: %q", out.String())
		}
		s.Check(*r.Check(verdict.Builds))
		if !strings.Contains(out.String(), "builds") {
			t.Fatalf("builds not written once decided: %q", out.String())
		}
		s.Check(*r.Check(verdict.Honest))
		if strings.Contains(out.String(), "honest") {
			t.Fatalf("honest written before started: %q", out.String())
		}
		for _, name := range []verdict.CheckName{verdict.Started, verdict.Correct, verdict.RaceFree, verdict.LeakFree, verdict.Terminates} {
			s.Check(*r.Check(name))
			if !strings.Contains(out.String(), string(name)) {
				t.Fatalf("%s not written once decided: %q", name, out.String())
			}
		}
		if !strings.Contains(out.String(), "honest") {
			t.Fatalf("honest still held after started: %q", out.String())
		}
		before := out.Len()
		s.Check(*r.Check(verdict.Faster))
		if out.Len() == before {
			t.Fatal("faster not written once decided")
		}
		if err := s.Finish(r); err != nil {
			t.Fatal(err)
		}
		var whole bytes.Buffer
		if err := Text(&whole, r, o); err != nil {
			t.Fatal(err)
		}
		if out.String() != whole.String() {
			t.Errorf("streamed:\n%s\nText:\n%s", out.String(), whole.String())
		}
	}
}

// TestStreamFinishWritesTheUnheard: checks decided only at the end (not
// run) come from the result, in order.
func TestStreamFinishWritesTheUnheard(t *testing.T) {
	r := sample()
	var out, whole bytes.Buffer
	s := NewStream(&out, r.Exercise, r.Target, checkOrder(r), TextOptions{})
	s.Check(*r.Check(verdict.Builds))
	if err := s.Finish(r); err != nil {
		t.Fatal(err)
	}
	_ = Text(&whole, r, TextOptions{})
	if out.String() != whole.String() {
		t.Errorf("streamed:\n%s\nText:\n%s", out.String(), whole.String())
	}
}

// TestStreamThatEndedOtherwise: when a written line is not what the result
// holds (the grader crashed and every check became an error), the whole
// report of the result follows, so the last word is the result's.
func TestStreamThatEndedOtherwise(t *testing.T) {
	r := sample()
	var out bytes.Buffer
	s := NewStream(&out, r.Exercise, r.Target, checkOrder(r), TextOptions{})
	s.Check(*r.Check(verdict.Builds))
	crashed := sample()
	for i := range crashed.Checks {
		crashed.Checks[i].Status, crashed.Checks[i].Message = verdict.Error, "the grader crashed"
	}
	crashed.Tally()
	if err := s.Finish(crashed); err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	_ = Text(&whole, crashed, TextOptions{})
	if !strings.HasSuffix(out.String(), whole.String()) || !strings.Contains(out.String(), "ended otherwise") {
		t.Errorf("streamed:\n%s", out.String())
	}
}
