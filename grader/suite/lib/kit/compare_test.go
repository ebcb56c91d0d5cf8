package kit

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiffs(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want any
		total     int
		first     string
	}{
		{"equal arrays", [3]int{1, 2, 3}, [3]int{1, 2, 3}, 0, ""},
		{"one bin", [3]int{1, 9, 3}, [3]int{1, 2, 3}, 1, "[1]: got 9, want 2"},
		{"missing element", []int{1}, []int{1, 2}, 1, "missing element [1]: want 2"},
		{"extra element", []int{1, 2, 3}, []int{1, 2}, 1, "extra element [2]: got 3"},
		{"map value", map[string]int{"a": 1}, map[string]int{"a": 2}, 1, `["a"]: got 1, want 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, total := Diffs(tc.got, tc.want)
			if total != tc.total || (tc.first != "" && (len(first) == 0 || !strings.Contains(first[0], tc.first))) {
				t.Errorf("Diffs = %q (%d in all), want first %q (%d in all)", first, total, tc.first, tc.total)
			}
		})
	}
}

func TestDiffsCapsTheList(t *testing.T) {
	first, total := Diffs([]int{9, 9, 9, 9, 9}, []int{1, 2, 3, 4, 5})
	if len(first) != MaxDiffs || total != 5 {
		t.Fatalf("%d listed, %d in all", len(first), total)
	}
}

// alwaysEqual has an Equal method, which go-cmp calls instead of comparing
// the fields.
type alwaysEqual struct{ n int }

func (alwaysEqual) Equal(alwaysEqual) bool { return true }

// TestSameAgreesWithCmp: the fast comparison never says equal where go-cmp
// would find a difference, so it decides nothing go-cmp would not.
func TestSameAgreesWithCmp(t *testing.T) {
	check := func(name string, same, cmpEqual bool) {
		t.Helper()
		if same && !cmpEqual {
			t.Errorf("%s: same says equal, go-cmp does not", name)
		}
	}
	ints := func(got, want []int) { check(fmt.Sprint(got, want), same(got, want), cmp.Equal(got, want)) }
	ints(nil, nil)
	ints([]int{}, nil)
	ints(nil, []int{})
	ints([]int{}, []int{})
	ints([]int{1, 2}, []int{1, 2})
	ints([]int{1, 2}, []int{2, 1})
	ints([]int{1}, []int{1, 1})
	arrays := func(got, want [3]int) { check(fmt.Sprint(got, want), same(got, want), cmp.Equal(got, want)) }
	arrays([3]int{1, 2, 3}, [3]int{1, 2, 3})
	arrays([3]int{1, 2, 3}, [3]int{1, 2, 4})
	nan := math.NaN()
	floats := func(got, want [2]float64) { check(fmt.Sprint(got, want), same(got, want), cmp.Equal(got, want)) }
	floats([2]float64{nan, 1}, [2]float64{nan, 1})
	floats([2]float64{math.Copysign(0, -1), 1}, [2]float64{0, 1})
	check("maps", same(map[string]int{"a": 1}, map[string]int{"a": 1}), true)

	// The fast path must answer the common cases itself, or it saves
	// nothing.
	if !same([]int{1, 2}, []int{1, 2}) || !same([3]int{1, 2, 3}, [3]int{1, 2, 3}) {
		t.Error("same leaves equal ints to go-cmp")
	}
	// A type with an Equal method is go-cmp's to decide.
	if same(alwaysEqual{1}, alwaysEqual{1}) {
		t.Error("same decided a type with an Equal method")
	}
}

// errRecorder keeps what a check reports instead of failing the test.
type errRecorder struct {
	testing.TB
	msgs []string
}

func (r *errRecorder) Helper()      {}
func (r *errRecorder) Name() string { return "TestRecorded" }
func (r *errRecorder) Errorf(format string, a ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, a...))
}

// TestEqualAtNamesTheIndex: "[200]: got 0, want 1" says what 200 is (a
// histogram's bin, not a pixel; issue 29).
func TestEqualAtNamesTheIndex(t *testing.T) {
	r := &errRecorder{}
	var got, want [256]int
	for i := range want {
		got[i], want[i] = i%7+1, i%7+1
	}
	got[17], got[200] = 0, 9
	if EqualAt(r, "Chunk on 4 pixels", "the count of grey level", got, want) {
		t.Fatal("unequal arrays reported equal")
	}
	if len(r.msgs) != 1 || !strings.Contains(r.msgs[0], "Chunk on 4 pixels is wrong: the count of grey level 17: got 0, want 4; the count of grey level 200: got 9, want 5") {
		t.Errorf("reported %q", r.msgs)
	}
}
