package verdict

import (
	"fmt"
	"strconv"
	"strings"
)

// SkipMode is what a check the machine could not judge is worth.
type SkipMode string

// The skip modes.
const (
	// SkipExclude: the check's points leave the maximum, so a correct
	// learner loses nothing to a busy machine and gains nothing either.
	SkipExclude SkipMode = "exclude"
	// SkipZero: the check scores 0 of its points, as a failure would.
	SkipZero SkipMode = "zero"
)

// SkipPolicy is the instructor's rule for checks that the machine, not the
// code, left unjudged (Check.Unjudged: one core, a busy or noisy machine):
// measure again up to Retries times, then apply Mode.
type SkipPolicy struct {
	Mode    SkipMode
	Retries int
}

// DefaultSkipPolicy excludes an unjudged check's points from the maximum.
var DefaultSkipPolicy = SkipPolicy{Mode: SkipExclude}

// ParseSkipPolicy reads "exclude", "zero" or "retry N" (measure again up
// to N times, then exclude).
func ParseSkipPolicy(s string) (SkipPolicy, error) {
	f := strings.Fields(s)
	switch {
	case len(f) == 1 && f[0] == string(SkipExclude):
		return SkipPolicy{Mode: SkipExclude}, nil
	case len(f) == 1 && f[0] == string(SkipZero):
		return SkipPolicy{Mode: SkipZero}, nil
	case len(f) == 2 && f[0] == "retry":
		if n, err := strconv.Atoi(f[1]); err == nil && n >= 1 {
			return SkipPolicy{Mode: SkipExclude, Retries: n}, nil
		}
	}
	return SkipPolicy{}, fmt.Errorf("unknown skip policy %q: use exclude (an unjudged check's points leave the maximum), zero (it scores 0) or \"retry N\" (measure again up to N times, then exclude)", s)
}

// String is the policy as ParseSkipPolicy reads it.
func (p SkipPolicy) String() string {
	if p.Retries > 0 {
		return fmt.Sprintf("retry %d", p.Retries)
	}
	if p.Mode == "" {
		return string(SkipExclude)
	}
	return string(p.Mode)
}

// ApplySkipPolicy applies the policy to every check (SkipPolicy.Apply)
// and tallies the result again.
func (r *Result) ApplySkipPolicy(p SkipPolicy) {
	for i := range r.Checks {
		p.Apply(&r.Checks[i])
	}
	r.Tally()
}

// Apply sets the maximum of an unjudged check by the policy: under
// exclude the check is worth 0 of 0, its points Pending. A check skipped
// because an earlier check failed keeps its points: they are lost to the
// code, not to the machine. Applying it twice changes nothing more.
func (p SkipPolicy) Apply(c *Check) {
	if c.Status != Skip || !c.Unjudged || p.Mode == SkipZero {
		return
	}
	if c.MaxScore > 0 {
		c.Message += fmt.Sprintf(" (not judged: its %d points leave the maximum under the skip policy %q)", c.MaxScore, p.String())
		c.Pending = c.MaxScore
	}
	c.MaxScore = 0
}
