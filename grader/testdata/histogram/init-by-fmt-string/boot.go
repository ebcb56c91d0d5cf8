// Package histogram: a correct answer whose package variable
// `var bootMsg = fmt.Sprint(boot{})` runs code of the learner's while the
// package is initialised: fmt calls boot's String, which starts 100
// goroutines that never end, inside the context package (a parent context
// of its own type), so that no stack shows this package. It passed honest,
// leak-free and terminates (found by an attack session, December 7);
// honest now refuses a value of the learner's own type handed to a
// package's function at package level.
package histogram

import (
	"context"
	"fmt"
	"time"
)

// parent is a Context of this package's own: context.WithCancel cannot
// see through it, so it starts a goroutine of the context package's to
// wait for it (created by context, with no frame of this package's).
type parent struct{ done chan struct{} }

func (parent) Deadline() (time.Time, bool) { return time.Time{}, false }
func (p parent) Done() <-chan struct{}     { return p.done }
func (parent) Err() error                  { return nil }
func (parent) Value(any) any               { return nil }

var cancels []context.CancelFunc

type boot struct{}

// String runs while the package is initialised (fmt.Sprint calls it):
// 100 goroutines that never end.
func (boot) String() string {
	for range 100 {
		_, cancel := context.WithCancel(parent{make(chan struct{})})
		cancels = append(cancels, cancel)
	}
	return "booted"
}

var bootMsg = fmt.Sprint(boot{})
