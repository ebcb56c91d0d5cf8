package suitekit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// MaxDiffs is how many differing values a mismatch report lists.
const MaxDiffs = 3

// Equal reports, with a marker for the correct check, when got differs from
// want: which call on which input (what), and the first differing values as
// go-cmp finds them ("[17]: got 3, want 4"). It returns whether they were
// equal.
func Equal[T any](t testing.TB, what string, got, want T) bool {
	t.Helper()
	diffs, total := Diffs(got, want)
	if total == 0 {
		return true
	}
	more := ""
	if total > len(diffs) {
		more = fmt.Sprintf(" (%d differences in all)", total)
	}
	Report(t, CheckCorrect, "%s is wrong: %s%s", what, strings.Join(diffs, "; "), more)
	return false
}

// Diffs lists up to MaxDiffs differences between got and want, each as
// "PATH: got X, want Y", and counts them all.
func Diffs(got, want any) (first []string, total int) {
	var r diffReporter
	cmp.Equal(got, want, cmp.Reporter(&r))
	return r.diffs, r.total
}

// diffReporter is a cmp.Reporter that keeps the first differences.
type diffReporter struct {
	path  cmp.Path
	diffs []string
	total int
}

func (r *diffReporter) PushStep(ps cmp.PathStep) { r.path = append(r.path, ps) }
func (r *diffReporter) PopStep()                 { r.path = r.path[:len(r.path)-1] }

func (r *diffReporter) Report(rs cmp.Result) {
	if rs.Equal() {
		return
	}
	r.total++
	if len(r.diffs) >= MaxDiffs {
		return
	}
	got, want := r.path.Last().Values()
	r.diffs = append(r.diffs, fmt.Sprintf("%s: got %s, want %s", pathString(r.path), show(got), show(want)))
}

func pathString(p cmp.Path) string {
	s := p.GoString()
	if s == "" || s == "{}" {
		return "value"
	}
	// cmp writes paths like "{[256]int}[17]" or "root[17]"; keep the steps.
	if i := strings.Index(s, "}"); strings.HasPrefix(s, "{") && i >= 0 {
		s = s[i+1:]
	}
	if s == "" {
		return "value"
	}
	return s
}

func show(v interface{ IsValid() bool }) string {
	if !v.IsValid() {
		return "nothing"
	}
	return fmt.Sprintf("%v", v)
}
