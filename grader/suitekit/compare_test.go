package suitekit

import (
	"strings"
	"testing"
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
