package grader

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"parlab/grader/verdict"
)

// TestPassingBuildsHeardBeforeTheRaceRun: where the learner's files settle
// the started check (no panic in them), builds, started and honest are
// heard as soon as the builds are done, before the race run, so a
// terminal shows its first line then (issue 30, goal 2); racefix, which
// has no started check, too. The stub's panic("TODO") leaves started to
// the race run, and a pass of builds waits for it: work not started
// scores nothing, and the line must not say 1/1 first.
func TestPassingBuildsHeardBeforeTheRaceRun(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	const raceRun = "progress: running tests under the race detector"
	for _, tc := range []struct {
		scenario string
		early    []verdict.CheckName
	}{
		{"histogram/good", []verdict.CheckName{verdict.Started, verdict.Builds, verdict.Honest}},
		{"racefix/good", []verdict.CheckName{verdict.Builds, verdict.Honest}},
		{"histogram/stub", nil},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			i := slices.IndexFunc(scenarios(t), func(sc scenario) bool { return sc.name == tc.scenario })
			if i < 0 {
				t.Skipf("-scenario leaves %s out", tc.scenario)
			}
			sc := scenarios(t)[i]
			tp, err := loadTape(sc.dir)
			if err != nil {
				t.Fatal(err)
			}
			opts := replaying(sc.options(root, sc.folder(t, root)), tp, root)
			var events []string
			opts.Progress = func(phase string) { events = append(events, "progress: "+phase) }
			opts.Decided = func(c verdict.Check) { events = append(events, string(c.Name)) }
			if _, err := Grade(context.Background(), sc.spec, opts); err != nil {
				t.Fatal(err)
			}
			at := slices.Index(events, raceRun)
			if at < 0 {
				t.Fatalf("no race run in %q", events)
			}
			got := slices.DeleteFunc(slices.Clone(events[:at]), func(e string) bool { return strings.HasPrefix(e, "progress: ") })
			if !slices.Equal(got, names(tc.early)) {
				t.Errorf("heard before the race run: %q, want %q (all: %q)", got, names(tc.early), events)
			}
		})
	}
}

func names(cs []verdict.CheckName) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, string(c))
	}
	return out
}
