package kit

import (
	"go.uber.org/goleak"

	"parlab/internal/stack"
)

// goleak panics when it cannot parse the goroutines' stacks, and the
// runtime cuts a stack deeper than 100 frames short with a line of its own
// ("...401 frames elided..."): a goroutine blocked deep in a recursion, or
// cancelling a chain of thousands of contexts, made the grader's leak
// check panic and the grade blame the learner's call. These wrappers
// recover instead.

// ignoreCurrent is goleak.IgnoreCurrent, or nil when the stacks cannot be
// read.
func ignoreCurrent() (opt goleak.Option) {
	defer func() {
		if recover() != nil {
			opt = nil
		}
	}()
	return goleak.IgnoreCurrent()
}

// leaked reports whether goroutines beyond those opts ignore (nil ones
// are left out) are running, and describes the learner's among them: ""
// when none is the learner's, unreadableStacks when the stacks cannot be
// read.
func leaked(opts ...goleak.Option) (where string, found bool) {
	defer func() {
		if recover() != nil {
			where, found = unreadableStacks, true
		}
	}()
	var keep []goleak.Option
	for _, o := range opts {
		if o != nil {
			keep = append(keep, o)
		}
	}
	err := goleak.Find(keep...)
	if err == nil {
		return "", false
	}
	return stack.Describe(stack.LearnerGoroutines(stack.Parse(err.Error())), 3), true
}

// unreadableStacks is what a leak report says when the stacks could not be
// read.
const unreadableStacks = "a goroutine with a stack too deep for the runtime to print whole (over 100 frames: a deep recursion, or a long chain of contexts being cancelled)"
