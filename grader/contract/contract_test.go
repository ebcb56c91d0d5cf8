package contract

import (
	"go/build"
	"strings"
	"testing"
	"time"
)

func TestDecodeStudyRefuses(t *testing.T) {
	for _, tc := range []struct{ name, raw string }{
		{"an unknown field", `{"workload":"x","verdict":"pass"}`},
		{"too many rows", `{"strong":[` + strings.Repeat(`{},`, maxStudyRows) + `{}]}`},
		{"a long workload name", `{"workload":"` + strings.Repeat("x", maxWorkload+1) + `"}`},
		{"not JSON", `[`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := DecodeStudy([]byte(tc.raw)); err == nil {
				t.Errorf("accepted %.60s", tc.raw)
			}
		})
	}
	if _, err := DecodeStudy([]byte(`{"workload":"PiWorkload","serial_fraction":0.1,"strong":[{"workers":2,"karp_flatt":null}],"weak":[]}`)); err != nil {
		t.Errorf("a good study refused: %v", err)
	}
}

func TestGraded(t *testing.T) {
	for name, want := range map[string]bool{
		"TestParallel": true, "TestMain": false, SpeedupTest: false, StudyTest: false, UnracedPrefix + "Counter": false, "helper": false, "BenchmarkX": false,
	} {
		if got := Graded(name); got != want {
			t.Errorf("Graded(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestTraceRequestRoundTrip(t *testing.T) {
	for _, r := range []TraceRequest{
		{Path: "/w/call.trace", Window: 250 * time.Millisecond},
		{Path: "/w/call.trace", Window: time.Second},
	} {
		for _, kv := range r.Env() {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		if !TraceRequested() {
			t.Fatalf("%+v: not requested", r)
		}
		if got := TraceRequestFromEnv(); got != r {
			t.Errorf("read back %+v, want %+v", got, r)
		}
	}
}

// TestOnlyTheStandardLibrary: the grader links this package, so it may
// link nothing of the test binary's (testing, goleak, go-cmp) nor any
// other parlab package.
func TestOnlyTheStandardLibrary(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") || first == "parlab" || imp == "testing" {
			t.Errorf("package contract imports %s: it may import only the standard library, testing excepted", imp)
		}
	}
}

// TestRaceEnvOptions: the race run's GORACE keeps going after a race,
// writes reports where the grader reads them, and does not sleep a
// second at exit (the race runtime's atexit_sleep_ms defaults to 1000:
// measured, a race test binary that runs nothing took 1.1-1.2 s with it
// and 0.07-0.2 s without).
func TestRaceEnvOptions(t *testing.T) {
	value, ok := strings.CutPrefix(RaceEnv("/w/races/race"), "GORACE=")
	if !ok {
		t.Fatalf("RaceEnv is not a GORACE setting: %q", RaceEnv("/w/races/race"))
	}
	opts := map[string]string{}
	for _, f := range strings.Fields(value) {
		k, v, _ := strings.Cut(f, "=")
		opts[k] = v
	}
	for k, want := range map[string]string{"halt_on_error": "0", "atexit_sleep_ms": "0", "log_path": "/w/races/race"} {
		if opts[k] != want {
			t.Errorf("GORACE %s=%q, want %q (%s)", k, opts[k], want, value)
		}
	}
}
