package check

import (
	"strings"
	"testing"

	"parlab/grader/verdict"
)

// TestNoInitCode: where each call runs in a bubble, code that runs before
// the first call (and could leave a real-clock timer there) is refused,
// and package-level values that run nothing are not.
func TestNoInitCode(t *testing.T) {
	imports := append([]string{"slices"}, allowed...)
	rules := Rules{Imports: imports, NoInitCode: true}
	head := "package r\nimport (\n\"context\"\n\"errors\"\n\"fmt\"\n\"slices\"\n\"sync\"\n\"time\"\n)\nvar _ = context.Background\nvar _ = errors.New\nvar _ = fmt.Sprint\nvar _ = slices.Sort[[]int]\nvar _ sync.Mutex\nvar _ = time.Second\n"
	for _, tc := range []struct {
		name, src string
		refused   string // a substring of the message; "" when it passes
	}{
		{"values that run nothing", `var errSame = errors.New("same account")
var msg = fmt.Sprintf("%d accounts", 3)
var zero = int64(0)
var xs = make([]int, 0, 8)
var p = new(sync.Mutex)
var byName = map[string]func(){"a": func() {}}
var f = func() { go func() {}() }
var d = 2 * time.Second
var ys = []int(nil)
var n = len("abc")
`, ""},
		{"an init function", "func init() { time.AfterFunc(time.Hour, func() {}) }\n", "h.go:16: an init function runs before any call"},
		{"a timer made at package level", "var late = time.AfterFunc(time.Hour, func() { select {} })\n", "h.go:16: a package-level variable is initialised by running code (time.AfterFunc)"},
		{"a context deadline at package level", "var ctx, cancel = context.WithTimeout(context.Background(), time.Hour)\n", "(context.WithTimeout)"},
		{"a function of the learner's called", "var x = setup()\nfunc setup() int { time.AfterFunc(time.Hour, func() {}); return 1 }\n", "(setup)"},
		{"a function literal called", "var x = func() int { return 1 }()\n", "(a function literal, called)"},
		{"a literal handed to a package's function", "var i = slices.IndexFunc([]int{1}, func(int) bool { return true })\n", "(slices.IndexFunc)"},
		{"a function of the learner's handed over", "var i = slices.IndexFunc([]int{1}, isOne)\nfunc isOne(int) bool { return true }\n", "(slices.IndexFunc)"},
		{"a method called", "var m sync.Mutex\nvar ok = m.TryLock()\n", "(m.TryLock)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chk := Honest(map[string][]byte{"h.go": []byte(head + tc.src)}, rules)
			switch {
			case tc.refused == "" && chk.Status != verdict.Pass:
				t.Errorf("refused: %s", chk.Message)
			case tc.refused != "" && (chk.Status != verdict.Fail || !strings.Contains(chk.Message, tc.refused)):
				t.Errorf("%s: %q, want a fail holding %q", chk.Status, chk.Message, tc.refused)
			}
			if off := Honest(map[string][]byte{"h.go": []byte(head + tc.src)}, Rules{Imports: imports}); off.Status != verdict.Pass {
				t.Errorf("refused without NoInitCode: %s", off.Message)
			}
		})
	}
}
