package contract

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReadLogTrustsNothingMalformed(t *testing.T) {
	complete := `{"kind":"complete"}` + "\n"
	pass := `{"kind":"result","test":"TestA","status":"pass"}` + "\n"
	for _, tc := range []struct {
		name, log string
		complete  bool
		results   map[string]string
	}{
		{"good", pass + complete, true, map[string]string{"TestA": "pass"}},
		{"no completion", pass, false, map[string]string{"TestA": "pass"}},
		{"garbage line", pass + "PARLAB-COMPLETE x\n" + complete, false, nil},
		{"unknown kind", `{"kind":"verdict","status":"pass"}` + "\n" + complete, false, nil},
		{"bad status", `{"kind":"result","test":"TestA","status":"ok"}` + "\n" + complete, false, nil},
		{"record after completion", complete + pass, false, nil},
		{"two completions", complete + complete, false, nil},
		{"a fail is never overwritten", `{"kind":"result","test":"TestA","status":"fail"}` + "\n" + pass + complete, true, map[string]string{"TestA": "fail"}},
		{"too long", pass + strings.Repeat(" ", 2000) + "\n" + complete, false, nil},
		{"an unknown field", `{"kind":"result","test":"TestA","status":"pass","verdict":"pass"}` + "\n" + complete, false, nil},
		{"two values on a line", pass[:len(pass)-1] + pass + complete, false, nil},
		{"a stray brace", pass[:len(pass)-1] + "}\n" + complete, false, nil},
		{"version 1 said aloud", pass + `{"kind":"complete","version":1}` + "\n", true, map[string]string{"TestA": "pass"}},
		{"another version", pass + `{"kind":"complete","version":2}` + "\n", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := ReadLog(strings.NewReader(tc.log), 1000)
			if log.Complete != tc.complete {
				t.Errorf("complete %v, want %v (problems %q)", log.Complete, tc.complete, log.Problems)
			}
			for name, want := range tc.results {
				if log.Results[name] != want {
					t.Errorf("%s: %q, want %q", name, log.Results[name], want)
				}
			}
		})
	}
}

// TestCompleteIsVersionOne: version 1's completion record is what the
// recorded tapes hold, byte for byte.
func TestCompleteIsVersionOne(t *testing.T) {
	b, err := json.Marshal(Complete(1))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"kind":"complete","code":1}`; got != want {
		t.Errorf("completion record %s, want %s", got, want)
	}
}
