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

	"parlab/grader/batch"
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
	if !IsTerminal(stderr) {
		return func(string) {}, func() {}
	}
	var (
		mu    sync.Mutex
		phase string
		since time.Time
	)
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		frames := []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				fmt.Fprint(stderr, "\r\033[K")
				return
			case <-tick.C:
				mu.Lock()
				if phase != "" {
					fmt.Fprintf(stderr, "\r\033[K%c %s: %s... %.1fs", frames[i%len(frames)], name, phase, time.Since(since).Seconds())
				}
				mu.Unlock()
			}
		}
	}()
	var once sync.Once
	return func(p string) {
			mu.Lock()
			phase, since = p, time.Now()
			mu.Unlock()
		}, func() {
			once.Do(func() { close(stop); <-stopped })
		}
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
