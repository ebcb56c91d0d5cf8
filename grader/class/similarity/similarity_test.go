package similarity

import (
	"reflect"
	"strings"
	"testing"
)

// TestTheStubNeverCounts: students who hand in the stub, or the stub
// with a line of their own, match nobody, however alike the stub makes
// them; the same two with the stub counted would.
func TestTheStubNeverCounts(t *testing.T) {
	stub := stubOf(t, "histogram")
	line := []byte("\nfunc helper() int { return 1 }\n")
	docs := []Doc{
		{Name: "a", Files: stub},
		{Name: "b", Files: stub},
		{Name: "c", Files: map[string][]byte{"histogram.go": append(append([]byte{}, stub["histogram.go"]...), line...)}},
	}
	if res := Compare(docs, Config{Stub: stub}); len(res.Pairs) != 0 {
		t.Errorf("the stub made pairs: %+v", res.Pairs)
	}
	if res := Compare(docs, Config{}); len(res.Pairs) == 0 {
		t.Error("without the stub subtracted, identical stubs made no pair: the test proves nothing")
	}
}

// TestCommonCodeWeighsLess: code every student writes alike (here, the
// model answer's Chunk in every submission) does not make a pair of two
// students whose own code differs.
func TestCommonCodeWeighsLess(t *testing.T) {
	docs := loadCorpus(t, "histogram")
	common := `
func common(pixels []uint8) [Bins]int {
	var h [Bins]int
	for i := 0; i < len(pixels); i += 1 {
		if pixels[i] > 0 { h[pixels[i]] = h[pixels[i]] + 1 } else { h[0] = h[0] + 1 }
	}
	total := 0
	for _, c := range h { total += c }
	if total != len(pixels) { panic("lost a pixel") }
	return h
}
`
	var independent []Doc
	for _, d := range docs {
		if strings.HasPrefix(d.Name, "indep-") {
			d.Files = map[string][]byte{"histogram.go": d.Files["histogram.go"], "common.go": []byte("package histogram\n" + common)}
			independent = append(independent, d)
		}
	}
	res := Compare(independent, Config{Stub: stubOf(t, "histogram")})
	if len(res.Pairs) != 0 {
		t.Errorf("a function all %d students share made %d pairs, first %s ~ %s at %.2f", len(independent), len(res.Pairs), res.Pairs[0].A, res.Pairs[0].B, res.Pairs[0].Score)
	}
	two := independent[:2]
	if res := Compare(two, Config{Stub: stubOf(t, "histogram")}); res.All == 0 {
		t.Error("two students sharing the function have no fingerprint in common: the test proves nothing")
	}
}

// TestCompareIsDeterministic: the same class gives the same pairs,
// scores and regions every time (the gradebook is compared byte for
// byte across runs and merges).
func TestCompareIsDeterministic(t *testing.T) {
	docs := loadCorpus(t, "mergesort")
	cfg := Config{Stub: stubOf(t, "mergesort")}
	first := Compare(docs, cfg)
	for range 5 {
		if again := Compare(docs, cfg); !reflect.DeepEqual(first, again) {
			t.Fatal("two comparisons of one class differ")
		}
	}
	if len(first.Pairs) == 0 || len(first.Pairs[0].Regions) == 0 || len(first.Pairs[0].Regions[0].A.Lines) == 0 {
		t.Fatalf("no region to show: %+v", first.Pairs)
	}
}

// TestRegionsShowTheMatchedLines: a copy with a renamed variable and a
// comment added matches its original in one region covering the
// function, with each side's own lines.
func TestRegionsShowTheMatchedLines(t *testing.T) {
	orig := "package p\n\nfunc Sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\tif x > 0 {\n\t\t\ttotal += x * 2\n\t\t}\n\t}\n\treturn total\n}\n"
	copied := "package p\n\n// Sum is mine.\nfunc Sum(values []int) int {\n\tacc := 0\n\tfor _, v := range values {\n\t\tif v > 0 {\n\t\t\tacc += v * 2\n\t\t}\n\t}\n\treturn acc\n}\n"
	res := Compare([]Doc{{Name: "a", Files: map[string][]byte{"a.go": []byte(orig)}}, {Name: "b", Files: map[string][]byte{"b.go": []byte(copied)}}}, Config{K: 5, Window: 2})
	if len(res.Pairs) != 1 || res.Pairs[0].Score != 1 {
		t.Fatalf("pairs %+v, want one scoring 1", res.Pairs)
	}
	r := res.Pairs[0].Regions[0]
	if r.A.File != "a.go" || r.A.Start != 1 || r.A.End != 11 || r.B.File != "b.go" || r.B.Start != 1 || r.B.End != 12 {
		t.Errorf("region %+v ~ %+v, want a.go:1-11 ~ b.go:1-12", r.A, r.B)
	}
	if !strings.Contains(strings.Join(r.B.Lines, "\n"), "acc += v * 2") {
		t.Errorf("b's lines are not its own: %q", r.B.Lines)
	}
}

// TestRepetitiveCodeStaysLinear: two submissions that repeat one
// statement 100,000 times are compared in linear time (a region is
// grown from a few places only), and still flagged.
func TestRepetitiveCodeStaysLinear(t *testing.T) {
	body := "package p\n\nfunc F() {\n\tx := 0\n" + strings.Repeat("\tx++\n", 100_000) + "\t_ = x\n}\n"
	docs := []Doc{{Name: "a", Files: map[string][]byte{"a.go": []byte(body)}}, {Name: "b", Files: map[string][]byte{"b.go": []byte(body)}}}
	res := Compare(docs, Config{})
	if len(res.Pairs) != 1 || len(res.Pairs[0].Regions) == 0 {
		t.Fatalf("pairs %+v", res.Pairs)
	}
}
