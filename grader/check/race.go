package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"parlab/grader/verdict"
	"parlab/internal/stack"
)

var accessRE = regexp.MustCompile(`^(Previous )?(read|write|Read|Write|atomic read|atomic write|Atomic read|Atomic write)(?: of size \d+)? at 0x[0-9a-f]+ by (goroutine \d+|main goroutine):`)

// Races summarises every data race report in a log: for each distinct
// race, the two conflicting accesses at the learner's file:line. Reports
// of the same pair of accesses (by any goroutines) are one race.
func Races(log string) []string { return summaries(DataRaces(log)) }

// summaries are the races' summaries.
func summaries(races []DataRace) []string {
	var out []string
	for _, r := range races {
		out = append(out, r.Summary)
	}
	return out
}

// DataRace is one distinct data race of a log: a pair of conflicting
// accesses (their learner lines), however many times, by however many
// goroutines and as whichever reads and writes the race detector reported
// it.
type DataRace struct {
	// Summary names the two accesses: "one goroutine writes at
	// racefix.go:12 (Counter.Inc), while another reads at racefix.go:15
	// (Counter.Value)".
	Summary string
	// Funcs are the functions of every stack in its reports (the
	// goroutines' creation stacks included), fully qualified: what the
	// race can be attributed to a test with.
	Funcs []string
	// Reports counts the reports of it.
	Reports int
	// Accessors are the learner's functions that made the two accesses
	// (their short names, "Parallel.func1"; "" for an access outside the
	// learner's code), in the order of Summary.
	Accessors []string
}

// DataRaces lists the distinct data races of a log, in the order of their
// first report.
func DataRaces(log string) []DataRace {
	var out []DataRace
	index := map[string]int{}
	for _, block := range strings.Split(log, "WARNING: DATA RACE")[1:] {
		if end := strings.Index(block, "=================="); end >= 0 {
			block = block[:end]
		}
		key, summary, accessors := summariseRace(block)
		i, seen := index[key]
		if !seen {
			i = len(out)
			index[key] = i
			out = append(out, DataRace{Summary: summary, Accessors: accessors})
		}
		out[i].Reports++
		for _, fn := range raceFuncs(block) {
			if !slices.Contains(out[i].Funcs, fn) {
				out[i].Funcs = append(out[i].Funcs, fn)
			}
		}
	}
	return out
}

// raceFuncs lists the functions named in a race report's stacks.
func raceFuncs(block string) []string {
	var out []string
	for _, line := range strings.Split(block, "\n") {
		trimmed := strings.TrimSpace(line)
		if i := strings.LastIndex(trimmed, "("); i > 0 && strings.HasSuffix(trimmed, ")") && !strings.Contains(trimmed, " ") {
			out = append(out, trimmed[:i])
		}
	}
	return out
}

// raceAccess is one access of a race report: its kind (read, write)
// and the learner's frames of its stack, with their functions' short
// names.
type raceAccess struct {
	kind   string
	frames []string
	funcs  []string
}

// summariseRace reads one report (raceAccesses). key is the same for
// every report of the same two places, in either order; accessors are the
// learner's functions that made the accesses.
func summariseRace(block string) (key, summary string, accessors []string) {
	// The key is the pair of places, whichever reads or writes: a
	// counter++ from two goroutines is one race, whether the detector
	// caught a read against a write or a write against a write.
	var parts, places []string
	for _, a := range raceAccesses(block) {
		where, by := "outside your code", ""
		if len(a.frames) > 0 {
			where, by = "at "+a.frames[0], a.funcs[0]
		}
		accessors = append(accessors, by)
		parts = append(parts, verb(a.kind)+" "+where)
		places = append(places, where)
		if len(parts) == 2 {
			break
		}
	}
	switch len(parts) {
	case 0:
		return "", "a data race (see --verbose for the report)", nil
	case 1:
		return places[0], "one goroutine " + parts[0] + ", while another accesses the same memory", accessors
	}
	return strings.Join(slices.Sorted(slices.Values(places)), "|"), "one goroutine " + parts[0] + ", while another " + parts[1], accessors
}

// raceAccesses reads the accesses of one report: sections start with an
// access line ("Write at 0x... by goroutine 7:") followed by its stack.
func raceAccesses(block string) []*raceAccess {
	var accesses []*raceAccess
	var cur *raceAccess
	var fn string
	for _, line := range strings.Split(block, "\n") {
		trimmed := strings.TrimSpace(line)
		if m := accessRE.FindStringSubmatch(trimmed); m != nil {
			cur = &raceAccess{kind: strings.ToLower(m[2])}
			accesses = append(accesses, cur)
			continue
		}
		if strings.HasPrefix(trimmed, "Goroutine ") || trimmed == "" {
			if len(accesses) >= 2 && trimmed != "" {
				break
			}
			cur = nil
			continue
		}
		if cur == nil {
			continue
		}
		if strings.HasSuffix(trimmed, "()") || strings.Contains(trimmed, "(") && !strings.Contains(trimmed, ".go:") {
			fn = strings.TrimSuffix(trimmed, "()")
			continue
		}
		if i := strings.Index(trimmed, ".go:"); i >= 0 && fn != "" {
			f := stack.Frame{Func: fn, File: trimmed[:i+3]}
			fmt.Sscanf(trimmed[i+4:], "%d", &f.Line)
			if f.Learner() {
				cur.frames = append(cur.frames, fmt.Sprintf("%s (%s)", f.Location(), f.ShortFunc()))
				cur.funcs = append(cur.funcs, f.ShortFunc())
			}
			fn = ""
		}
	}
	return accesses
}

// unwaitedHint is the hint of a race between a function and a goroutine
// it started (a function literal of its own): it read the goroutine's
// results, or changed what the goroutine reads, with nothing ordering the
// two. %[1]s is the function, %[2]s the goroutine's.
const unwaitedHint = "%[1]s and the goroutine it started (%[2]s) touched the same memory with nothing in between to order them: " +
	"%[1]s must wait for its goroutines to finish before it reads what they write (sync.WaitGroup: Add before each go statement, " +
	"Done when the goroutine ends, Wait before reading the results; or receive each result from a channel), " +
	"and must not change what they read while they run."

// raceHintFor is the hint of the races of a run: the first race between
// a function and its own goroutine gets unwaitedHint, any other the
// general raceHint.
func raceHintFor(races []DataRace) string {
	for _, r := range races {
		if len(r.Accessors) != 2 {
			continue
		}
		for _, pair := range [][2]string{{r.Accessors[0], r.Accessors[1]}, {r.Accessors[1], r.Accessors[0]}} {
			parent, child := pair[0], pair[1]
			if parent != "" && strings.HasPrefix(child, parent+".func") {
				return fmt.Sprintf(unwaitedHint, parent, child)
			}
		}
	}
	return raceHint
}

// raceHint teaches what a data race is and the usual cures.
const raceHint = "Two goroutines touched the same memory at the same time and at least one wrote it. " +
	"Give each goroutine its own data and combine the results after they are done (sync.WaitGroup), " +
	"or protect shared data with a sync.Mutex or sync/atomic. The race detector only sees races that happen, " +
	"so a clean run elsewhere proves nothing."

// Race judges the race-free check.
func Race(tr TestRun, o observations) verdict.Check {
	chk := verdict.Check{Name: verdict.RaceFree}
	switch {
	case len(o.races) > 0:
		chk.Status = verdict.Fail
		chk.Message, chk.Details = raceList(o.races)
		chk.Hint = raceHintFor(o.dataRaces)
	case o.crash != nil && o.crash.kind == crashMapWrites:
		chk.Status = verdict.Fail
		chk.Message = o.crash.message
		chk.Hint = "Go maps are not safe for concurrent writes: give each goroutine its own map and merge them afterwards, or guard one map with a sync.Mutex."
	case !tr.Complete():
		chk.Status, chk.Message = verdict.Skip, "not judged: the tests did not all run"
	default:
		chk.Status, chk.Message = verdict.Pass, "the race detector found no data race"
	}
	return chk
}

// maxRacesListed caps the races a message lists; Details lists them all.
const maxRacesListed = 12

// raceList words the distinct races of a run: the only one, or each on a
// numbered line.
func raceList(races []string) (message, details string) {
	if len(races) == 1 {
		return "data race: " + races[0], ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d different data races:", len(races))
	for i, r := range races[:min(len(races), maxRacesListed)] {
		fmt.Fprintf(&b, "\n%d. %s", i+1, r)
	}
	if len(races) > maxRacesListed {
		fmt.Fprintf(&b, "\n(and %d more: --verbose lists them all)", len(races)-maxRacesListed)
		var all strings.Builder
		for i, r := range races {
			fmt.Fprintf(&all, "%d. %s\n", i+1, r)
		}
		details = all.String()
	}
	return b.String(), details
}

func verb(kind string) string {
	switch kind {
	case "read", "atomic read":
		return "reads"
	default:
		return "writes"
	}
}
