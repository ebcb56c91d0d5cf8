package stack

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const dump = `goroutine 7 [chan send]:
parlab/exercises/histogram.Parallel.func1(0xc000010000, 0x3)
	/work/parlab/exercises/histogram/histogram.go:15 +0xe5
created by parlab/exercises/histogram.Parallel in goroutine 6
	/work/parlab/exercises/histogram/histogram.go:13 +0x8d

goroutine 8 [chan send]:
parlab/exercises/histogram.Parallel.func1(0xc000010000, 0x3)
	/work/parlab/exercises/histogram/histogram.go:15 +0xe5
created by parlab/exercises/histogram.Parallel in goroutine 6
	/work/parlab/exercises/histogram/histogram.go:13 +0x8d

goroutine 1 [chan receive]:
testing.(*T).Run(0xc0000a4248, {0x646121, 0x5}, 0x654310)
	/usr/local/go/src/testing/testing.go:2109 +0xb3e
main.main()
	_testmain.go:48 +0x165

goroutine 9 [running]:
parlab/exercises/histogram_test.TestX(0xc0000a4488)
	/work/parlab/exercises/histogram/parlab_suite_histogram_test.go:9 +0x86
`

func TestParseFindsLearnerFrames(t *testing.T) {
	gs := Parse(dump)
	if len(gs) != 4 {
		t.Fatalf("parsed %d goroutines, want 4", len(gs))
	}
	if gs[0].ID != 7 || gs[0].State != "chan send" {
		t.Errorf("first goroutine: %+v", gs[0])
	}
	learner := LearnerGoroutines(gs)
	if len(learner) != 2 {
		t.Fatalf("%d learner goroutines, want 2 (the suite's own frames do not count)", len(learner))
	}
	if got, want := Describe(learner, 5), "2 goroutines in chan send at histogram.go:15 (Parallel.func1)"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}

func TestParseGoleakReport(t *testing.T) {
	report := `found unexpected goroutines:
[Goroutine 12 in state chan send, with parlab/exercises/histogram.Parallel.func1 on top of the stack:
parlab/exercises/histogram.Parallel.func1(0x1, 0x0, 0x3)
	/work/parlab/exercises/histogram/histogram.go:31 +0x9d
created by parlab/exercises/histogram.Parallel in goroutine 11
	/work/parlab/exercises/histogram/histogram.go:28 +0x11c
]`
	got := Describe(LearnerGoroutines(Parse(report)), 3)
	if want := "1 goroutine in chan send at histogram.go:31 (Parallel.func1)"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}

func TestParseToleratesGarbage(t *testing.T) {
	for _, in := range []string{"", "goroutine", "goroutine x [", "\x00\xff", "goroutine 1 [running]:\n\tno.go:1"} {
		Parse(in) // must not panic
	}
}

// TestParseGoStatements: a goroutine's "created by" line and the file line
// under it are where its go statement is; only the learner's count.
func TestParseGoStatements(t *testing.T) {
	gs := Parse(dump + `
goroutine 10 [runnable]:
parlab/exercises/histogram.sortRec.func1()
	/work/parlab/exercises/histogram/histogram.go:40 +0x1
created by parlab/exercises/histogram.sortRec in goroutine 6
	/work/parlab/exercises/histogram/histogram.go:39 +0x8d

goroutine 11 [runnable]:
time.goFunc()
	/usr/local/go/src/time/sleep.go:215 +0x2d
created by time.goFunc
	/usr/local/go/src/time/sleep.go:215 +0x2d
`)
	if got := gs[0].CreatedAt; got.Func != "parlab/exercises/histogram.Parallel" || got.Line != 13 {
		t.Errorf("CreatedAt = %+v", got)
	}
	if len(gs[0].Frames) != 1 {
		t.Errorf("the creator's line became a frame: %+v", gs[0].Frames)
	}
	where, count := GoStatements(gs)
	if len(where) != 2 || where[0] != "histogram.go:13 (Parallel)" || count[0] != 2 || where[1] != "histogram.go:39 (sortRec)" || count[1] != 1 {
		t.Errorf("GoStatements = %q %v", where, count)
	}
}

// TestFileLineReadsWhatTheExpressionMatched: fileLine, which replaced
// the expression below for speed, reads the same file and line from every
// line the expression matches, and refuses every line it does not.
func TestFileLineReadsWhatTheExpressionMatched(t *testing.T) {
	re := regexp.MustCompile(`^\s+(\S+\.go):(\d+)`)
	lines := append(strings.Split(dump, "\n"),
		"\t/home/me/parlab/exercises/histogram/histogram.go:42 +0x1d",
		"        C:/Users/me/parlab/histogram.go:7",
		"\t/a.go:b/c.go:12 +0x5",
		"\t/a/b.go:x +0x5",
		"\t/a/b.go:",
		"\t.go:12",
		"\t/a/b.go:12abc",
		"\t/a/b.gox:12",
		"/a/b.go:12 not indented",
		" \t /a b.go:12",
		"\tmain.go:99999999999999999999999",
		"\t",
		"",
	)
	for _, line := range lines {
		file, n, ok := fileLine(line)
		m := re.FindStringSubmatch(line)
		if ok != (m != nil) {
			t.Errorf("fileLine(%q) ok %v, the expression matched: %v", line, ok, m != nil)
			continue
		}
		if m == nil {
			continue
		}
		want, _ := strconv.Atoi(m[2])
		if file != m[1] || n != want {
			t.Errorf("fileLine(%q) = %q, %d; the expression read %q, %d", line, file, n, m[1], want)
		}
	}
}
