package grader

import (
	"context"

	"parlab/grader/gotest"
)

// A runner runs the processes of one grade (the builds, the race run, the
// timed runs), each a named step. A grade runs them itself (liveRunner);
// the scenario tests plug in a tape's recorder or player (tape.go)
// through Options.runner, so that a replayed grade goes through the same
// orchestration as a live one and the tape reads nothing of the grade.
type runner interface {
	// run runs one step and returns what the process did; the files the
	// step names are in the workspace once it returns.
	run(ctx context.Context, s step) (*gotest.Result, error)
	// live reports whether the steps really run. What a grade observes
	// besides its steps (the build cache, the module download, the phase
	// lock that keeps other grades off the machine) is only there when
	// they do.
	live() bool
	// leftOut reports whether the step that wrote path had that file but
	// the runner could not hand it back (a tape keeps no trace over its
	// size limit): a grade then does not take the file's absence for the
	// learner's doing.
	leftOut(path string) bool
}

// step is one process of a grade, as a runner is asked to run it.
type step struct {
	// name tells the step apart from the grade's others ("build race",
	// "race run", "timing"): its name on a tape.
	name string
	cmd  gotest.Command
	// work is the grade's workspace folder.
	work string
	// files are the workspace files (or glob patterns) the step leaves
	// that the grader reads afterwards: a report file, the race logs, the
	// traced call.
	files []string
}

// liveRunner runs each step as a child process.
type liveRunner struct{}

func (liveRunner) run(ctx context.Context, s step) (*gotest.Result, error) {
	return gotest.Run(ctx, s.cmd)
}

func (liveRunner) live() bool { return true }

func (liveRunner) leftOut(string) bool { return false }

// runner is the grade's runner: Options.runner, or the live one.
func (r *run) runner() runner {
	if r.opts.runner != nil {
		return r.opts.runner
	}
	return liveRunner{}
}

// exec runs one step of the grade (name is its name on a tape) through
// the grade's runner; files are the workspace files (or glob patterns)
// the step produces that the grader reads afterwards.
func (r *run) exec(name string, c gotest.Command, files ...string) (*gotest.Result, error) {
	return r.runner().run(r.ctx, step{name: name, cmd: c, work: r.ws.dir, files: files})
}
