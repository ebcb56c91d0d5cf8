// Package stack reads Go goroutine dumps (panics, runtime.Stack, test
// timeouts, goleak reports) and finds the frames that belong to the
// learner's code, so that feedback can point at their file and line instead
// of pasting a wall of runtime frames.
package stack

import (
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// LearnerPackage is the import path prefix of the code under test: the
// grader always lays the learner's files over parlab/exercises/NAME.
const LearnerPackage = "parlab/exercises/"

// All is every goroutine's stack, as runtime.Stack dumps them. The buffer
// starts small and doubles until the dump fits: the kit takes one before
// every call, and a megabyte allocated and cleared each time (its shadow
// memory too, under the race detector) was a tenth of the merge sort
// suite's time. A dump of more than MaxDump is cut short.
func All() string {
	for size := 64 << 10; ; size *= 2 {
		buf := make([]byte, size)
		if n := runtime.Stack(buf, true); n < size || size >= MaxDump {
			return string(buf[:n])
		}
	}
}

// MaxDump caps All's buffer.
const MaxDump = 64 << 20

// A Frame is one call in a goroutine's stack.
type Frame struct {
	Func string // fully qualified function, e.g. parlab/exercises/histogram.Parallel.func1
	File string // absolute path as the binary recorded it
	Line int
}

// Learner reports whether the frame is in the learner's package (and not in
// the hidden suite, which is compiled as that package's external test).
func (f Frame) Learner() bool {
	return strings.HasPrefix(f.Func, LearnerPackage) && !strings.Contains(f.Func, "_test.") &&
		!strings.HasSuffix(f.File, "_test.go")
}

// ShortFunc is the function name without its package path: Parallel.func1.
func (f Frame) ShortFunc() string {
	name := f.Func[strings.LastIndex(f.Func, "/")+1:]
	if i := strings.Index(name, "."); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// Location is "file.go:LINE" with the file's base name.
func (f Frame) Location() string {
	return f.File[strings.LastIndex(f.File, "/")+1:] + ":" + strconv.Itoa(f.Line)
}

// A Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID     int
	State  string // e.g. "running", "chan send", "semacquire"
	Frames []Frame
	// CreatedBy is the function whose go statement started the
	// goroutine, e.g. "time.goFunc" for a time.AfterFunc callback.
	CreatedBy string
	// CreatedAt is that go statement: CreatedBy with its file and line
	// (zero when the dump does not say).
	CreatedAt Frame
}

// FirstLearnerFrame returns the innermost frame in the learner's code.
func (g Goroutine) FirstLearnerFrame() (Frame, bool) {
	return firstLearner(g.Frames)
}

func firstLearner(frames []Frame) (Frame, bool) {
	for _, f := range frames {
		if f.Learner() {
			return f, true
		}
	}
	return Frame{}, false
}

var (
	headerRE = regexp.MustCompile(`^goroutine (\d+)(?: gp=\S+ m=\S+(?: mp=\S+)?)? \[([^\]]*)\]:`)
	// goleak writes "[Goroutine 7 in state chan send, with f on top of the stack:"
	leakRE = regexp.MustCompile(`^\[?Goroutine (\d+) in state ([^,]+),`)
)

// Parse reads every goroutine in a dump. Lines it does not understand are
// skipped, so it can be given a whole test log.
func Parse(dump string) []Goroutine {
	var gs []Goroutine
	var cur *Goroutine
	var pendingFunc string
	// creator is set after a "created by" line: the next file line is
	// where the go statement is.
	var creator string
	// Each regular expression runs only on the lines that begin as its
	// matches do: a test binary's suite parses a dump of every goroutine
	// around each call of the learner's code, under the race detector,
	// and running all three on every line took a third of its time.
	for _, line := range strings.Split(dump, "\n") {
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		if m := matchPrefixed(headerRE, trimmed, "goroutine "); m != nil {
			id, _ := strconv.Atoi(m[1])
			// In a synctest bubble the state says "(durable)" and names
			// the bubble: "chan send (durable), synctest bubble 3".
			state := strings.TrimSuffix(strings.SplitN(m[2], ",", 2)[0], " (durable)")
			gs = append(gs, Goroutine{ID: id, State: state})
			cur, pendingFunc, creator = &gs[len(gs)-1], "", ""
			continue
		}
		if m := matchPrefixed(leakRE, strings.TrimPrefix(trimmed, "["), "Goroutine "); m != nil {
			id, _ := strconv.Atoi(m[1])
			gs = append(gs, Goroutine{ID: id, State: m[2]})
			cur, pendingFunc, creator = &gs[len(gs)-1], "", ""
			continue
		}
		if cur == nil {
			continue
		}
		if file, n, ok := fileLine(line); ok && (pendingFunc != "" || creator != "") {
			if creator != "" {
				cur.CreatedAt = Frame{Func: creator, File: file, Line: n}
			} else {
				cur.Frames = append(cur.Frames, Frame{Func: pendingFunc, File: file, Line: n})
			}
			pendingFunc, creator = "", ""
			continue
		}
		switch {
		case trimmed == "":
			cur, pendingFunc, creator = nil, "", ""
		case strings.HasPrefix(trimmed, "created by "):
			pendingFunc = "" // the creator is not part of this stack
			by, _, _ := strings.Cut(strings.TrimPrefix(trimmed, "created by "), " in goroutine ")
			cur.CreatedBy, creator = by, by
		default:
			pendingFunc, creator = funcName(trimmed), ""
		}
	}
	return gs
}

// matchPrefixed is re's submatches in line, when line begins with
// prefix (every match of re does), or nil.
func matchPrefixed(re *regexp.Regexp, line, prefix string) []string {
	if !strings.HasPrefix(line, prefix) {
		return nil
	}
	return re.FindStringSubmatch(line)
}

// fileLine reads a frame's file line, "\t/path/file.go:42 +0x1d": an
// indented line whose first word ends in .go, a colon and a line number
// (the longest such prefix of the word, as `^\s+(\S+\.go):(\d+)` would
// match it). A suite parses a dump of every goroutine around each call
// of the learner's code, under the race detector, which instruments the
// regexp package too: matching that expression took 11% of a histogram
// race run's CPU (perf), the string functions here next to nothing.
func fileLine(line string) (file string, n int, ok bool) {
	const space = " \t\n\f\r" // \s in a regular expression
	if line == "" || (line[0] != ' ' && line[0] != '\t') {
		return "", 0, false
	}
	word := strings.TrimLeft(line, space)
	if i := strings.IndexAny(word, space); i >= 0 {
		word = word[:i]
	}
	for end := len(word); ; {
		i := strings.LastIndex(word[:end], ".go:")
		if i <= 0 {
			return "", 0, false
		}
		digits := word[i+len(".go:"):]
		k := 0
		for k < len(digits) && '0' <= digits[k] && digits[k] <= '9' {
			k++
		}
		if k > 0 {
			n, _ := strconv.Atoi(digits[:k])
			return word[:i+len(".go")], n, true
		}
		end = i
	}
}

// funcName strips the argument list from a frame's function line:
// "pkg.F(0xc000, ...)" becomes "pkg.F".
func funcName(line string) string {
	if i := strings.LastIndex(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		return line[:i]
	}
	return line
}

// LearnerGoroutines returns the goroutines that are running the learner's
// code, each with its innermost learner frame.
func LearnerGoroutines(gs []Goroutine) []Blocked {
	var out []Blocked
	for _, g := range gs {
		if f, ok := g.FirstLearnerFrame(); ok {
			out = append(out, Blocked{Goroutine: g, At: f})
		}
	}
	return out
}

// Blocked is a goroutine together with where it is in the learner's code.
type Blocked struct {
	Goroutine
	At Frame
}

// Describe summarises where learner goroutines are, one phrase each,
// merging goroutines stuck at the same place: "3 goroutines in chan send at
// histogram.go:15 (Parallel.func1)".
func Describe(bs []Blocked, limit int) string {
	type key struct{ state, at, fn string }
	var order []key
	count := map[key]int{}
	for _, b := range bs {
		k := key{b.State, b.At.Location(), b.At.ShortFunc()}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	var parts []string
	for i, k := range order {
		if i == limit {
			parts = append(parts, "...")
			break
		}
		n := "1 goroutine"
		if count[k] > 1 {
			n = strconv.Itoa(count[k]) + " goroutines"
		}
		switch k.state {
		case "running", "runnable":
			// Not waiting for anything: busy, as in an endless loop.
			parts = append(parts, n+" busy running at "+k.at+" ("+k.fn+")")
		default:
			parts = append(parts, n+" in "+k.state+" at "+k.at+" ("+k.fn+")")
		}
	}
	return strings.Join(parts, "; ")
}

// GoStatements lists the learner's go statements that started the
// goroutines of gs, as "file.go:LINE (Func)", the one that started the
// most first (ties in the order they are first seen), with how many of
// gs each started: where a crowd of goroutines comes from, a loop or a
// recursion alike.
func GoStatements(gs []Goroutine) (where []string, count []int) {
	index := map[string]int{}
	for _, g := range gs {
		f := g.CreatedAt
		if f.File == "" || !f.Learner() {
			continue
		}
		at := f.Location() + " (" + f.ShortFunc() + ")"
		i, ok := index[at]
		if !ok {
			i = len(where)
			index[at] = i
			where, count = append(where, at), append(count, 0)
		}
		count[i]++
	}
	order := make([]int, len(where))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return count[b] - count[a] })
	sortedWhere, sortedCount := make([]string, len(order)), make([]int, len(order))
	for k, i := range order {
		sortedWhere[k], sortedCount[k] = where[i], count[i]
	}
	return sortedWhere, sortedCount
}
