package grader

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestVetStoppedByALimitIsNoFinding replays the model histogram's tape
// with its race build, which runs go vet too, stopped by the time limit,
// as a cold cache on a slow machine did to go vet (it printed the
// compiler's SIGQUIT dump), and the build without vet succeeding: the
// builds check must pass, with a note, and must not quote the dump as
// vet's findings about the learner's code.
func TestVetStoppedByALimitIsNoFinding(t *testing.T) {
	root, _ := filepath.Abs("..")
	tp, err := loadTape(filepath.Join("testdata", "histogram", "good"))
	if err != nil {
		t.Fatal(err)
	}
	// The race build, which runs vet too, stopped by the limit; the
	// same build without vet, which the grader runs then, built.
	found := false
	for i, s := range tp.Steps {
		if s.Name == "build race" {
			again := s
			again.Name = "build race without vet"
			tp.Steps[i].TimedOut, tp.Steps[i].ExitCode = true, 2
			tp.Steps[i].Stderr = "SIGQUIT: quit\nPC=0x416426 m=0 sigcode=0\n\ngoroutine 42 [running]:\ncmd/compile/internal/ssa.numberLines(0x1ce906f37880)\n"
			tp.Steps = append(tp.Steps, again)
			found = true
			break
		}
	}
	if !found {
		t.Fatal("the tape has no race build step")
	}
	spec, _ := exercise.Lookup("histogram")
	res, err := Grade(context.Background(), spec, replaying(Options{Root: root, Dir: filepath.Join(root, spec.SolutionDir()), NoSpeedup: true}, tp, root))
	if err != nil {
		t.Fatal(err)
	}
	b := res.Check(verdict.Builds)
	if b.Status != verdict.Pass || strings.Contains(b.Message, "SIGQUIT") {
		t.Errorf("builds %s: %s", b.Status, b.Message)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "go vet did not finish") {
		t.Errorf("no note says vet was stopped: %q", res.Notes)
	}
}
