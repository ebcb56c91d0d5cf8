package api

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExportedIgnoresTheImplementation(t *testing.T) {
	base, err := Exported("testdata/base")
	if err != nil {
		t.Fatal(err)
	}
	same, err := Exported("testdata/same")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(base, same); diff != "" {
		t.Errorf("packages with equal APIs differ (-base +same):\n%s", diff)
	}
	for _, want := range []string{"func Sum(xs []int, workers int) int", "func (*Box).Add(x int)", "type Box struct{Name string}"} {
		if !strings.Contains(strings.Join(base, "\n"), want) {
			t.Errorf("the API of base lacks %q: %q", want, base)
		}
	}
}

func TestDiffFindsEveryChange(t *testing.T) {
	base, _ := Exported("testdata/base")
	changed, err := Exported("testdata/changed")
	if err != nil {
		t.Fatal(err)
	}
	missing, extra := Diff(changed, base)
	got := strings.Join(append(missing, extra...), "\n")
	for _, want := range []string{"const Limit untyped int = 8", "func Sum(xs []int, workers int) int", "func (*Box).Add(x int)",
		"type Box struct{Name string}", "func Extra()", "func Sum(xs []int) int", "type Box struct{Name string; Count int}"} {
		if !strings.Contains(got, want) {
			t.Errorf("the diff lacks %q:\n%s", want, got)
		}
	}
}

func TestExportedErrors(t *testing.T) {
	if _, err := Exported("testdata/missing"); err == nil {
		t.Error("no error for a missing folder")
	}
	if _, err := Exported("testdata"); err == nil || !strings.Contains(err.Error(), "no .go files") {
		t.Errorf("got %v, want an error saying there are no .go files", err)
	}
}
