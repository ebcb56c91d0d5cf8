package check

import (
	"strings"
	"testing"

	"parlab/grader/verdict"
)

// TestNoInitCode: in every exercise, code that runs before the first call
// (a goroutine no call owns, or a real-clock timer where calls run in
// bubbles) is refused, and package-level values that run nothing are not.
func TestNoInitCode(t *testing.T) {
	imports := append([]string{"slices"}, allowed...)
	rules := Rules{Imports: imports, Bubbled: true}
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
type point struct{ x int }
var origin = point{}
var pts = make([]point, 0, 4)
var label = fmt.Sprint(3)
`, ""},
		{"an init function", "func init() { time.AfterFunc(time.Hour, func() {}) }\n", "h.go:16: an init function runs before any call"},
		{"a goroutine spinning from init", "func init() { go func() { for {} }() }\n", "h.go:16: an init function runs before any call"},
		{"a goroutine started by a package-level variable", "var _ = spin()\nfunc spin() bool { go func() { for {} }(); return true }\n", "(spin)"},
		{"a timer made at package level", "var late = time.AfterFunc(time.Hour, func() { select {} })\n", "h.go:16: a package-level variable is initialised by running code (time.AfterFunc)"},
		{"a context deadline at package level", "var ctx, cancel = context.WithTimeout(context.Background(), time.Hour)\n", "(context.WithTimeout)"},
		{"a function of the learner's called", "var x = setup()\nfunc setup() int { time.AfterFunc(time.Hour, func() {}); return 1 }\n", "(setup)"},
		{"a function literal called", "var x = func() int { return 1 }()\n", "(a function literal, called)"},
		{"a literal handed to a package's function", "var i = slices.IndexFunc([]int{1}, func(int) bool { return true })\n", "(slices.IndexFunc)"},
		{"a function of the learner's handed over", "var i = slices.IndexFunc([]int{1}, isOne)\nfunc isOne(int) bool { return true }\n", "(slices.IndexFunc)"},
		{"a method called", "var m sync.Mutex\nvar ok = m.TryLock()\n", "(m.TryLock)"},
		// fmt calls the value's String method: code of the learner's.
		{"a value of the learner's type handed to a package", "type boot struct{}\nfunc (boot) String() string { go func() { select {} }(); return \"\" }\nvar msg = fmt.Sprint(boot{})\n", "(fmt.Sprint)"},
		{"its address handed over", "type boot struct{}\nfunc (*boot) String() string { return \"\" }\nvar msg = fmt.Sprint(&boot{})\n", "(fmt.Sprint)"},
		{"a variable of the learner's type handed over", "type boot int\nfunc (boot) String() string { return \"\" }\nvar b boot\nvar msg = fmt.Sprint(b)\n", "(fmt.Sprint)"},
		{"a constant of the learner's type handed over", "type level int\nfunc (level) String() string { return \"\" }\nconst top level = 3\nvar msg = fmt.Sprint(top)\n", "(fmt.Sprint)"},
		{"a conversion to the learner's type handed over", "type level int\nfunc (level) String() string { return \"\" }\nvar msg = fmt.Sprint(level(3))\n", "(fmt.Sprint)"},
		{"a value read out of a slice of the learner's type, declared later", "var started = fmt.Sprint(y)\nvar y = holders[0]\nvar holders = []boot{{}}\ntype boot struct{}\nfunc (boot) String() string { go func() { select {} }(); return \"\" }\n", "(fmt.Sprint)"},
		{"a value of the learner's type in a slice of any", "type boot struct{}\nfunc (boot) String() string { return \"\" }\nvar parts = []any{boot{}}\nvar msg = fmt.Sprint(parts...)\n", "(fmt.Sprint)"},
		{"a function of the learner's in a variable, handed over", "var pick = isOne\nvar i = slices.IndexFunc([]int{1}, pick)\nfunc isOne(int) bool { return true }\n", "(slices.IndexFunc)"},
		{"a function literal in a variable, handed over", "var pick = func(int) bool { go func() { select {} }(); return true }\nvar i = slices.IndexFunc([]int{1}, pick)\n", "(slices.IndexFunc)"},
		{"a function of the learner's named like a builtin", "var booted = real(1i)\nfunc real(complex128) float64 { go func() { select {} }(); return 0 }\n", "(real)"},
		{"a function variable named like a builtin", "var max = func(a, b int) int { go func() { select {} }(); return a }\nvar top = max(1, 2)\n", "(max)"},
		{"a value of the learner's type sorted", "type byLen []string\nfunc (b byLen) Len() int { return len(b) }\nfunc (b byLen) Less(i, j int) bool { return true }\nfunc (b byLen) Swap(i, j int) {}\nvar ok = slices.Equal([]byLen{}, nil)\n", "(slices.Equal)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chk := Honest(map[string][]byte{"h.go": []byte(head + tc.src)}, rules)
			switch {
			case tc.refused == "" && chk.Status != verdict.Pass:
				t.Errorf("refused: %s", chk.Message)
			case tc.refused != "" && (chk.Status != verdict.Fail || !strings.Contains(chk.Message, tc.refused)):
				t.Errorf("%s: %q, want a fail holding %q", chk.Status, chk.Message, tc.refused)
			}
			if chk.Status == verdict.Fail && !strings.Contains(chk.Message, "a clock of its own") {
				t.Errorf("where calls run in bubbles, the message does not say why in terms of their clocks: %s", chk.Message)
			}
			plain := Honest(map[string][]byte{"h.go": []byte(head + tc.src)}, Rules{Imports: imports})
			if plain.Status != chk.Status {
				t.Errorf("without bubbles: %s, with: %s (the rule holds in every exercise)", plain.Status, chk.Status)
			}
			if plain.Status == verdict.Fail && !strings.Contains(plain.Message, "outside every call the grader checks") {
				t.Errorf("without bubbles, the message does not say why: %s", plain.Message)
			}
		})
	}
}
