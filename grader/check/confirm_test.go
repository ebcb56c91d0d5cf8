package check

import (
	"errors"
	"strings"
	"testing"

	"parlab/grader/contract/speedup"
	"parlab/grader/verdict"
)

// TestFasterUnconfirmed: only a fail that rests on the timings against
// the bars waits for another measurement; a fail the measurement itself
// found, or the trace settled, stands at once.
func TestFasterUnconfirmed(t *testing.T) {
	onTimings := func(o speedup.Outcome, sp, self float64) *speedup.Judgement {
		j := judgement(o, sp, self)
		j.OnTimings = true
		return j
	}
	parallel, serial := traced(t, "histogram-good"), traced(t, "histogram-one-goroutine")
	noTrace := Trace{Err: errors.New("the timing run wrote no trace")}
	for _, tc := range []struct {
		name string
		in   FasterInput
		want bool
	}{
		{"a fail on the timings", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Fail, 1, 1), Trace: parallel}, true},
		{"a fail on the timings, explained by its trace", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Fail, 1, 1), Trace: serial}, true},
		{"a fail on the timings without a trace", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Fail, 1, 1), Trace: noTrace}, true},
		{"a fail on the work (a ratio no cores give)", FasterInput{Timing: ran(goodSamples), Judgement: judgement(speedup.Fail, 1, 3), Trace: parallel}, false},
		{"a wrong answer", FasterInput{Timing: ran(wrongSamples), Judgement: onTimings(speedup.Fail, 0, 0), Trace: serial}, false},
		{"a pass the trace turned into a fail", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Pass, 1.9, 1.95), Trace: serial}, false},
		{"a pass", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Pass, 1.9, 1.95), Trace: parallel}, false},
		{"a skip", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Skip, 1, 1), Trace: parallel}, false},
		{"a run stopped before the evidence settled", FasterInput{Timing: ran(goodSamples), Judgement: onTimings(speedup.Again, 1, 1), Trace: noTrace}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Built, tc.in.Points = true, 2
			if out := Faster(tc.in); out.Unconfirmed != tc.want {
				t.Errorf("%s %q: unconfirmed %v, want %v", out.Check.Status, out.Check.Message, out.Unconfirmed, tc.want)
			}
		})
	}
}

// TestConfirm: a fail on the timings stands when a second measurement
// agrees, a pass when two do; a skip is no vote; three measurements that
// leave it open are a skip the policy scores; anything else stands as
// the first measurement gave it.
func TestConfirm(t *testing.T) {
	const (
		F = "timings fail"
		W = "wrong answer" // a fail no measurement changes
		P = "pass"
		S = "skip"
	)
	outcome := func(kind string) FasterOutcome {
		switch kind {
		case F:
			return FasterOutcome{Check: verdict.Check{Status: verdict.Fail, Message: "short", MaxScore: 2}, Unconfirmed: true}
		case W:
			return FasterOutcome{Check: verdict.Check{Status: verdict.Fail, Message: "wrong", MaxScore: 2}}
		case P:
			return FasterOutcome{Check: verdict.Check{Status: verdict.Pass, Message: "fast", MaxScore: 2, Score: 2}}
		}
		return FasterOutcome{Check: verdict.Check{Status: verdict.Skip, Message: "busy", Unjudged: true, Pending: 2}}
	}
	exclude := verdict.SkipPolicy{Mode: verdict.SkipExclude}
	for _, tc := range []struct {
		outs    []string
		again   bool
		want    verdict.Status
		message string
		pending int
	}{
		{outs: []string{P}, want: verdict.Pass, message: "fast"},
		{outs: []string{S}, want: verdict.Skip, message: "busy", pending: 2},
		{outs: []string{W}, want: verdict.Fail, message: "wrong"},
		{outs: []string{F}, again: true},
		{outs: []string{F, F}, want: verdict.Fail, message: "short (measured 2 times, each in a fresh process: every one fell short)"},
		{outs: []string{F, W}, want: verdict.Fail, message: "wrong"},
		{outs: []string{F, P}, again: true},
		{outs: []string{F, S}, again: true},
		{outs: []string{F, P, P}, want: verdict.Pass, message: "fast (2 of 3 measurements, each in a fresh process, passed: the first fell short)"},
		{outs: []string{F, P, F}, want: verdict.Fail, message: "short (2 of 3 measurements, each in a fresh process, fell short)"},
		{outs: []string{F, S, F}, want: verdict.Fail, message: "short (2 of 3 measurements, each in a fresh process, fell short)"},
		{outs: []string{F, P, S}, want: verdict.Skip, message: "busy (of 3 measurements, each in a fresh process, 1 fell short and 1 passed)", pending: 2},
		{outs: []string{F, S, S}, want: verdict.Skip, message: "busy (of 3 measurements, each in a fresh process, 1 fell short and 0 passed)", pending: 2},
		{outs: []string{F, S, P}, want: verdict.Skip, message: "inconclusive: of 3 measurements, each in a fresh process, 1 fell short of the bars and 1 passed", pending: 2},
	} {
		t.Run(strings.Join(tc.outs, ", "), func(t *testing.T) {
			var outs []FasterOutcome
			for _, k := range tc.outs {
				outs = append(outs, outcome(k))
			}
			again, final := Confirm(outs, exclude)
			if again != tc.again {
				t.Fatalf("again %v, want %v", again, tc.again)
			}
			if tc.again {
				return
			}
			c := final.Check
			if c.Status != tc.want || !strings.HasPrefix(c.Message, tc.message) || c.Pending != tc.pending {
				t.Errorf("%s %q pending %d, want %s %q pending %d", c.Status, c.Message, c.Pending, tc.want, tc.message, tc.pending)
			}
			if c.Status == verdict.Skip && (!c.Unjudged || c.MaxScore != 0) {
				t.Errorf("a skip the machine caused is unjudged and out of the maximum: %+v", c)
			}
		})
	}
}
