package main

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"parlab/grader/class/doctor"
)

// TestDoctorExitStatus: `grade doctor` exits 0 when grading can work and
// 1 when a line fails, with the report on stdout either way.
func TestDoctorExitStatus(t *testing.T) {
	defer func(p func() doctor.Probes) { doctorProbes = p }(doctorProbes)
	for _, tc := range []struct {
		name   string
		goErr  error
		wantOK bool
	}{
		{"a machine that grades", nil, true},
		{"no go command", errors.New("executable file not found"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doctorProbes = func() doctor.Probes {
				p := doctor.DefaultProbes()
				p.GoEnv = func(context.Context, ...string) (map[string]string, error) {
					return map[string]string{"GOVERSION": "go1.26.8", "GOOS": "linux", "GOARCH": "amd64", "CC": "gcc", "CGO_ENABLED": "1",
						"GOCACHE": t.TempDir(), "GOMODCACHE": t.TempDir()}, tc.goErr
				}
				p.Race = func(context.Context) doctor.RaceRun { return doctor.RaceRun{Built: true, Reported: true} }
				p.LookPath = func(string) (string, error) { return "/usr/bin/gcc", nil }
				p.TempDir = t.TempDir
				return p
			}
			out, _, err := runGrade(t, "doctor", "--json", "--no-measure")
			var doc struct{ OK bool }
			if jerr := json.Unmarshal([]byte(out), &doc); jerr != nil {
				t.Fatalf("stdout is not the JSON report: %v\n%s", jerr, out)
			}
			var o outcome
			switch {
			case tc.wantOK && (err != nil || !doc.OK):
				t.Errorf("err = %v, ok = %v; want exit 0", err, doc.OK)
			case !tc.wantOK && (!errors.As(err, &o) || o.code != 1 || doc.OK):
				t.Errorf("err = %v, ok = %v; want exit status 1", err, doc.OK)
			}
		})
	}
}
