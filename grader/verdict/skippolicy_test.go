package verdict

import (
	"strings"
	"testing"
)

func TestParseSkipPolicy(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want SkipPolicy
		err  bool
	}{
		{"exclude", SkipPolicy{Mode: SkipExclude}, false},
		{"zero", SkipPolicy{Mode: SkipZero}, false},
		{"retry 3", SkipPolicy{Mode: SkipExclude, Retries: 3}, false},
		{"retry 0", SkipPolicy{}, true},
		{"retry", SkipPolicy{}, true},
		{"ignore", SkipPolicy{}, true},
	} {
		got, err := ParseSkipPolicy(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseSkipPolicy(%q) = %+v, %v", tc.in, got, err)
		}
		if err == nil && got.String() != tc.in {
			t.Errorf("%+v prints as %q, want %q", got, got.String(), tc.in)
		}
	}
}

// sample has a passing check and a faster check skipped as the judge of
// the busy machine (unjudged) or because correct failed (judged: lost).
func sample(unjudged bool) *Result {
	r := &Result{Checks: []Check{
		{Name: Correct, Status: Pass, MaxScore: 3},
		{Name: Faster, Status: Skip, MaxScore: 2, Unjudged: unjudged, Message: "too busy"},
	}}
	r.Tally()
	return r
}

func TestApplySkipPolicy(t *testing.T) {
	for _, tc := range []struct {
		name       string
		unjudged   bool
		policy     SkipPolicy
		score, max int
	}{
		{"exclude: an unjudged check leaves the maximum", true, SkipPolicy{Mode: SkipExclude}, 3, 3},
		{"the zero value is exclude", true, SkipPolicy{}, 3, 3},
		{"retry then exclude", true, SkipPolicy{Mode: SkipExclude, Retries: 2}, 3, 3},
		{"zero: an unjudged check scores 0", true, SkipPolicy{Mode: SkipZero}, 3, 5},
		{"a skip the code caused keeps its points in the maximum", false, SkipPolicy{Mode: SkipExclude}, 3, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sample(tc.unjudged)
			r.ApplySkipPolicy(tc.policy)
			before := *r.Check(Faster)
			r.ApplySkipPolicy(tc.policy) // applied twice: no more
			if after := *r.Check(Faster); after != before {
				t.Errorf("applied again: %+v, was %+v", after, before)
			}
			if r.Score != tc.score || r.MaxScore != tc.max {
				t.Fatalf("score %d/%d, want %d/%d", r.Score, r.MaxScore, tc.score, tc.max)
			}
			if c := r.Check(Faster); tc.max == 3 && !strings.Contains(c.Message, "leave the maximum") {
				t.Errorf("the message does not say the points were excluded: %q", c.Message)
			}
		})
	}
}
