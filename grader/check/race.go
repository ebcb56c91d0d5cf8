package check

import (
	"fmt"
	"regexp"
	"strings"

	"parlab/grader/stack"
	"parlab/grader/verdict"
)

var accessRE = regexp.MustCompile(`^(Previous )?(read|write|Read|Write|atomic read|atomic write|Atomic read|Atomic write)(?: of size \d+)? at 0x[0-9a-f]+ by (goroutine \d+|main goroutine):`)

// Races summarises every data race report in a log: for each, the two
// conflicting accesses at the learner's file:line. Identical summaries are
// reported once.
func Races(log string) []string {
	var out []string
	seen := map[string]bool{}
	for _, block := range strings.Split(log, "WARNING: DATA RACE")[1:] {
		if end := strings.Index(block, "=================="); end >= 0 {
			block = block[:end]
		}
		s := summariseRace(block)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// summariseRace reads one report: sections start with an access line
// ("Write at 0x... by goroutine 7:") followed by its stack.
func summariseRace(block string) string {
	type access struct {
		kind, who string
		frames    []string
	}
	var accesses []*access
	var cur *access
	var fn string
	for _, line := range strings.Split(block, "\n") {
		trimmed := strings.TrimSpace(line)
		if m := accessRE.FindStringSubmatch(trimmed); m != nil {
			cur = &access{kind: strings.ToLower(m[2]), who: m[3]}
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
			}
			fn = ""
		}
	}
	var parts []string
	for _, a := range accesses {
		where := "outside your code"
		if len(a.frames) > 0 {
			where = "at " + a.frames[0]
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", a.who, verb(a.kind), where))
		if len(parts) == 2 {
			break
		}
	}
	if len(parts) == 0 {
		return "a data race (see --verbose for the report)"
	}
	return strings.Join(parts, ", and concurrently ")
}

func verb(kind string) string {
	switch kind {
	case "read", "atomic read":
		return "reads"
	default:
		return "writes"
	}
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
		chk.Message = "data race: " + o.races[0]
		if len(o.races) > 1 {
			chk.Message += fmt.Sprintf(" (%d different races in all)", len(o.races))
		}
		chk.Hint = raceHint
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
