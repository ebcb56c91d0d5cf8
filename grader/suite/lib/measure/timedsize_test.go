package measure

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestRaceAlreadyReported: a report in this process's race log (GORACE
// log_path.PID) is found; an empty log, another process's log, or no
// log_path at all is not.
func TestRaceAlreadyReported(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "race")
	own := prefix + "." + strconv.Itoa(os.Getpid())
	cases := []struct {
		name, gorace, file, content string
		want                        bool
	}{
		{"no GORACE", "", "", "", false},
		{"no report yet", "halt_on_error=0 log_path=" + prefix, "", "", false},
		{"an empty log", "log_path=" + prefix, own, "", false},
		{"another process's report", "log_path=" + prefix, prefix + ".1", "WARNING: DATA RACE\n", false},
		{"a report of this process", "halt_on_error=0 log_path=" + prefix + " atexit_sleep_ms=0", own, "WARNING: DATA RACE\n", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GORACE", tc.gorace)
			if tc.file != "" {
				if err := os.WriteFile(tc.file, []byte(tc.content), 0o600); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(tc.file)
			}
			if got := raceAlreadyReported(); got != tc.want {
				t.Errorf("raceAlreadyReported() = %v, want %v", got, tc.want)
			}
		})
	}
}
