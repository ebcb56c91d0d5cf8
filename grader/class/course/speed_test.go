package course

import (
	"bytes"
	"strings"
	"testing"

	"parlab/grader/verdict"
	"parlab/internal/cpuinfo"
)

func TestSpeedProof(t *testing.T) {
	cpu := cpuinfo.CPU{Vendor: "AuthenticAMD", ModelName: "AMD EPYC 7B13", Family: "25", Model: "1", Arch: "linux/amd64", Threads: 2}
	pass := func(m float64) SpeedGrade { return SpeedGrade{Status: verdict.Pass, Margin: m} }
	skip := SpeedGrade{Status: verdict.Skip, Message: "this machine delivered only 1.02x"}
	fail := SpeedGrade{Status: verdict.Fail, Margin: -0.13, Message: "with 2 workers your code is 1.07x"}
	for _, tc := range []struct {
		name   string
		grades []SpeedGrade
		ok     bool
		says   []string
	}{
		{"three passes prove it", []SpeedGrade{pass(0.25), pass(0.31), pass(0.18)}, true, []string{"+25% +31% +18%", "proven on this machine"}},
		{"a skip beside passes still proves it", []SpeedGrade{pass(0.2), skip, pass(0.3)}, true, []string{"+20% skip +30%", "grade 2: skip: this machine delivered"}},
		{"one fail disproves it", []SpeedGrade{pass(0.2), fail, pass(0.3)}, false, []string{"-13%", "NOT PROVEN", "grade 2: fail: with 2 workers"}},
		{"skips alone prove nothing", []SpeedGrade{skip, skip, skip}, false, []string{"NOT PROVEN", "no grade was judged"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := SpeedProof{Exercise: "histogram", CPU: cpu, Grades: tc.grades}
			if p.OK() != tc.ok {
				t.Errorf("OK() = %v, want %v", p.OK(), tc.ok)
			}
			var b bytes.Buffer
			if err := SpeedTable(&b, []SpeedProof{p}); err != nil {
				t.Fatal(err)
			}
			for _, s := range append(tc.says, "CPU: AuthenticAMD AMD EPYC 7B13 (family 25, model 1)") {
				if !strings.Contains(b.String(), s) {
					t.Errorf("the table lacks %q:\n%s", s, b.String())
				}
			}
		})
	}
}

func TestFasterOf(t *testing.T) {
	res := &verdict.Result{Checks: []verdict.Check{{Name: verdict.Faster, Status: verdict.Pass, Message: "1.52x faster\nmore"}},
		Speedup: &verdict.Speedup{Speedup: 1.5, Required: 1.2, SelfSpeedup: 1.8, SelfRequired: 1.5}}
	g := fasterOf(res)
	if g.Status != verdict.Pass || g.Message != "1.52x faster" || g.Margin < 0.199 || g.Margin > 0.201 {
		t.Errorf("fasterOf = %+v, want a pass with margin 0.20 (the self-speedup binds)", g)
	}
	if g := fasterOf(&verdict.Result{}); g.Status != verdict.Error {
		t.Errorf("a result with no faster check gave %+v", g)
	}
}
