package testjson

import (
	"strings"
	"testing"
)

const stream = `{"Action":"start","Package":"parlab/exercises/histogram"}
{"Action":"run","Package":"parlab/exercises/histogram","Test":"TestChunk"}
{"Action":"output","Package":"parlab/exercises/histogram","Test":"TestChunk","Output":"=== RUN   TestChunk\n"}
{"Action":"output","Package":"parlab/exercises/histogram","Test":"TestChunk","Output":"--- PASS: TestChunk (0.01s)\n"}
{"Action":"pass","Package":"parlab/exercises/histogram","Test":"TestChunk","Elapsed":0.01}
{"Action":"run","Package":"parlab/exercises/histogram","Test":"TestParallel"}
{"Action":"output","Package":"parlab/exercises/histogram","Test":"TestParallel","Output":"    x_test.go:9: PARLAB {}\n"}
{"Action":"fail","Package":"parlab/exercises/histogram","Test":"TestParallel","Elapsed":0.2}
not json at all
{"Action":"output","Package":"parlab/exercises/histogram","Output":"FAIL\n"}
{"Action":"fail","Package":"parlab/exercises/histogram","Elapsed":0.3}
`

func TestParse(t *testing.T) {
	r := Parse(strings.NewReader(stream))
	if len(r.Tests) != 2 || r.Action != ActionFail || r.Malformed != 1 {
		t.Fatalf("tests %d, action %q, malformed %d", len(r.Tests), r.Action, r.Malformed)
	}
	if c := r.Test("TestChunk"); c.Action != ActionPass || !strings.Contains(c.Output, "--- PASS") {
		t.Errorf("TestChunk: %+v", c)
	}
	if p := r.Test("TestParallel"); p.Action != ActionFail || p.Elapsed.Milliseconds() != 200 {
		t.Errorf("TestParallel: %+v", p)
	}
	if !strings.Contains(r.Output, "not json at all") || !strings.Contains(r.Output, "FAIL") {
		t.Errorf("package output %q", r.Output)
	}
}

func TestParseCutOffStream(t *testing.T) {
	cut := stream[:strings.Index(stream, `{"Action":"fail","Package":"parlab/exercises/histogram","Test":"TestParallel"`)+20]
	r := Parse(strings.NewReader(cut))
	if p := r.Test("TestParallel"); p == nil || p.Action != "" {
		t.Fatalf("a test whose end was cut off must have no terminal action: %+v", p)
	}
	if r.Action != "" {
		t.Fatalf("package action %q for a cut-off stream", r.Action)
	}
}

func TestParseCapsOutput(t *testing.T) {
	var b strings.Builder
	line := `{"Action":"output","Test":"TestFlood","Output":"` + strings.Repeat("x", 1000) + `\n"}` + "\n"
	for range 1000 {
		b.WriteString(line)
	}
	r := Parse(strings.NewReader(b.String()))
	f := r.Test("TestFlood")
	if len(f.Output) != MaxTestOutput || f.Truncated == 0 {
		t.Fatalf("kept %d bytes, dropped %d", len(f.Output), f.Truncated)
	}
}

// FuzzParse feeds truncated, interleaved and random streams: Parse must
// never panic.
func FuzzParse(f *testing.F) {
	f.Add(stream)
	f.Add(stream[:len(stream)/2] + stream)
	f.Add(`{"Action":"output","Test":"T","Output":"\u0000"}`)
	f.Add(`{"Action":5}` + "\n" + `{"Test":"T"}`)
	f.Fuzz(func(t *testing.T, in string) {
		r := Parse(strings.NewReader(in))
		_ = r.AllOutput()
	})
}
