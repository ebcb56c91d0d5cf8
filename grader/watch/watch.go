// Package watch runs a function again whenever a Go file of a folder
// changes (`grade watch`).
package watch

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long a burst of changes lasts after its last
// change: an editor's save is a burst of events (write, chmod, rename of
// a backup) a few milliseconds apart, and one grade is enough for all of
// them. Without Config.Settled it is on the way from a save to the first
// verdict line; a change that arrives later only restarts the grade.
const DefaultDebounce = 100 * time.Millisecond

// LeadTime is how long after a burst's first change Run starts the call
// when Config.Settled is set. An editor writes a file within a few
// milliseconds of truncating it, or of creating it anew: a call started
// at the very first event read an empty file now and then, and its
// failing report stood until the burst was over.
const LeadTime = 15 * time.Millisecond

// Config says what to watch and what to run.
type Config struct {
	// Dir is the folder watched.
	Dir string
	// Debounce is the quiet time after a change before running
	// (DefaultDebounce when 0).
	Debounce time.Duration
	// Run is called once at the start and after every burst of changes;
	// its ctx ends when a newer change arrives or the watch ends.
	Run func(ctx context.Context)
	// Warn hears the watcher's own errors, which do not end the watch.
	Warn func(error)
	// Settled, when set, lets Run start a call LeadTime after the first
	// change of a burst instead of after it, so that the quiet time is
	// not on the way from a save to the first verdict: when the burst is
	// over, Run asks Settled whether the call started read the files as
	// they are now, and starts it again when not (a save caught
	// half-written).
	Settled func() bool
}

// Run calls cfg.Run now and after every burst of changes to a .go file of
// cfg.Dir (LeadTime after its first change when cfg.Settled is set, and
// again after it when Settled says so), until ctx ends. A call still
// running when a newer call starts is cancelled, and waited for, before
// the next starts.
func Run(ctx context.Context, cfg Config) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch files: %w", err)
	}
	defer w.Close()
	if err := w.Add(cfg.Dir); err != nil {
		return fmt.Errorf("cannot watch %s: %w", cfg.Dir, err)
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	var r runner
	defer r.stop()
	r.start(ctx, cfg.Run)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	lead := time.NewTimer(time.Hour)
	lead.Stop()
	inBurst := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !relevant(ev) {
				continue
			}
			if cfg.Settled != nil && !inBurst {
				lead.Reset(LeadTime)
			}
			inBurst = true
			timer.Reset(cfg.Debounce)
		case <-lead.C:
			if inBurst {
				r.start(ctx, cfg.Run)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if cfg.Warn != nil {
				cfg.Warn(err)
			}
		case <-timer.C:
			inBurst = false
			if cfg.Settled == nil || !cfg.Settled() {
				r.start(ctx, cfg.Run)
			}
		}
	}
}

// runner runs one call at a time, cancelling the one before.
type runner struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// start cancels the running call, waits until it has stopped and cleaned
// up, and starts f.
func (r *runner) start(ctx context.Context, f func(context.Context)) {
	r.stop()
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	r.cancel, r.done = cancel, done
	go func() {
		defer close(done)
		f(runCtx)
	}()
}

// stop cancels the running call, if any, and waits for it.
func (r *runner) stop() {
	if r.cancel != nil {
		r.cancel()
		<-r.done
	}
}

// relevant is true for a change to a .go file that grading reads.
func relevant(ev fsnotify.Event) bool {
	name := filepath.Base(ev.Name)
	if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") {
		return false
	}
	return ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0
}
