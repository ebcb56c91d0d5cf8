// Package statusline shows what a long command is doing on a terminal:
// one redrawn status line while an exercise is graded, a progress bar
// while a class is, and plain lines when stderr is not a terminal.
package statusline

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"parlab/grader/class/batch"
	"parlab/grader/report"
)

// IsTerminal is true when w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// Line returns a Progress callback that keeps one status line on
// stderr when it is a terminal: a spinner, the exercise, the phase and how
// long it has run ("⠹ histogram: running tests under the race detector...
// 1.4s"), redrawn ten times a second; and a function that stops it and
// clears the line. Both do nothing when stderr is not a terminal.
func Line(stderr io.Writer, name string) (progress func(string), done func()) {
	s := New(stderr, name)
	return s.Progress, s.Done
}

// A Status is the status line of Line, with Print for the lines of a
// report streamed while it is shown.
type Status struct {
	stderr  io.Writer
	name    string
	mu      sync.Mutex
	phase   string
	since   time.Time
	stop    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

// New starts the status line of Line on stderr; it does nothing when
// stderr is not a terminal.
func New(stderr io.Writer, name string) *Status {
	s := &Status{stderr: stderr, name: name}
	if !IsTerminal(stderr) {
		return s
	}
	s.stop, s.stopped = make(chan struct{}), make(chan struct{})
	go s.draw()
	return s
}

func (s *Status) draw() {
	defer close(s.stopped)
	frames := []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-s.stop:
			fmt.Fprint(s.stderr, "\r\033[K")
			return
		case <-tick.C:
			s.mu.Lock()
			if s.phase != "" {
				fmt.Fprintf(s.stderr, "\r\033[K%c %s: %s... %.1fs", frames[i%len(frames)], s.name, s.phase, time.Since(s.since).Seconds())
			}
			s.mu.Unlock()
		}
	}
}

// Progress shows phase from now on.
func (s *Status) Progress(phase string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.phase, s.since = phase, time.Now()
}

// Print runs write, which writes lines of a report (to stdout, on the
// same terminal), with the status line cleared: it is drawn again below
// them at its next tick.
func (s *Status) Print(write func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil && s.phase != "" {
		fmt.Fprint(s.stderr, "\r\033[K")
	}
	write()
}

// Done stops the status line and clears it.
func (s *Status) Done() {
	s.once.Do(func() {
		if s.stop != nil {
			close(s.stop)
			<-s.stopped
		}
	})
}

// Batch is a progress bar on a terminal (done/total, failing so
// far, ETA), and one plain line per student otherwise.
func Batch(stderr io.Writer) (func(batch.Event), func()) {
	if !IsTerminal(stderr) {
		return func(ev batch.Event) {
			state := "graded"
			if ev.Resumed {
				state = "kept from an earlier run"
			}
			// A student names their own folder: ESC sequences in it
			// would drive the instructor's terminal.
			fmt.Fprintf(stderr, "[%d/%d] %s %s (%d failing so far)\n", ev.Done, ev.Total, report.Quote(ev.Student), state, ev.Failing)
		}, func() {}
	}
	var bar *progressbar.ProgressBar
	return func(ev batch.Event) {
			if bar == nil {
				bar = progressbar.NewOptions(ev.Total,
					progressbar.OptionSetWriter(stderr),
					progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true),
					progressbar.OptionSetElapsedTime(true),
					progressbar.OptionSetWidth(30),
					progressbar.OptionClearOnFinish(),
				)
			}
			bar.Describe(fmt.Sprintf("grading (%d failing)", ev.Failing))
			_ = bar.Add(1)
		}, func() {
			if bar != nil {
				_ = bar.Finish()
			}
		}
}
