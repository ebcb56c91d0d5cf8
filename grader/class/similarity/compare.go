package similarity

import (
	"maps"
	"math"
	"slices"
	"sort"
)

// Defaults of Config.
const (
	// DefaultK is the k-gram length in tokens: shorter matches are noise.
	// A statement is some 5 to 10 tokens.
	DefaultK = 10
	// DefaultWindow is the winnowing window: any match of at least
	// DefaultK+DefaultWindow-1 tokens (three or four statements) is
	// found.
	DefaultWindow = 5
	// DefaultThreshold is the score at or above which a pair is reported.
	DefaultThreshold = 0.35
	// DefaultMaxRegions is how many matched regions a pair keeps.
	DefaultMaxRegions = 8
	// DefaultLinesFor is how many top pairs carry their source lines.
	DefaultLinesFor = 10
)

// Doc is one participant: a student's submission of the exercise, or
// the model answer.
type Doc struct {
	// Name is the student, or the model answer's folder.
	Name string
	// Model is true for the model answer.
	Model bool
	// Files are the participant's .go files by name.
	Files map[string][]byte
}

// Config says how to compare.
type Config struct {
	// K is the k-gram length in tokens (DefaultK when 0).
	K int
	// Window is the winnowing window (DefaultWindow when 0).
	Window int
	// Threshold is the score at or above which a pair is reported
	// (DefaultThreshold when 0).
	Threshold float64
	// Stub is the exercise's stub as shipped: none of its k-grams count.
	Stub map[string][]byte
	// MaxRegions is how many matched regions a pair keeps
	// (DefaultMaxRegions when 0).
	MaxRegions int
	// LinesFor is how many of the top pairs carry their regions' source
	// lines (Span.Lines), for showing them side by side
	// (DefaultLinesFor when 0); the others carry only where they lie.
	LinesFor int
}

func (c Config) withDefaults() Config {
	if c.K <= 0 {
		c.K = DefaultK
	}
	if c.Window <= 0 {
		c.Window = DefaultWindow
	}
	if c.Threshold <= 0 {
		c.Threshold = DefaultThreshold
	}
	if c.MaxRegions <= 0 {
		c.MaxRegions = DefaultMaxRegions
	}
	if c.LinesFor <= 0 {
		c.LinesFor = DefaultLinesFor
	}
	return c
}

// Pair is two participants whose code is alike.
type Pair struct {
	// A and B are the participants' names (A before B in the input),
	// with Model set on the model answer's side.
	A, B           string
	AModel, BModel bool
	// Score is the mean of ShareA and ShareB: the pairs are ranked by
	// it, and reported from the threshold up.
	Score float64
	// ShareA is the share of A's weighted fingerprints that B holds too;
	// ShareB the other way round.
	ShareA, ShareB float64
	// Shared counts the fingerprints the two hold in common.
	Shared int
	// Regions are the matched regions, the longest first.
	Regions []Region
}

// Region is one run of equal tokens in both participants.
type Region struct {
	// A and B are where the run lies in each.
	A, B Span
	// Tokens is the run's length.
	Tokens int
}

// Span is a range of lines of one file.
type Span struct {
	File string
	// Start and End are the first and last line, from 1.
	Start, End int
	// Lines are the source lines Start to End, in the top pairs only
	// (Config.LinesFor).
	Lines []string `json:",omitempty"`
}

// Result is one exercise's comparison.
type Result struct {
	// Participants counts the submissions with any code of their own,
	// the model answer included.
	Participants int
	// Threshold is the score from which pairs are reported.
	Threshold float64
	// Pairs are the pairs at or above the threshold, highest first.
	Pairs []Pair
	// All counts every pair with a fingerprint in common, reported or
	// not.
	All int
}

// participant is a Doc fingerprinted.
type participant struct {
	doc    Doc
	toks   []tok
	files  []file
	hashes []int64         // every k-gram's hash, by position
	prints map[int64]int   // fingerprint -> its first position
	weight float64         // the sum of its fingerprints' weights
	at     map[int64][]int // see positions
}

// Compare fingerprints the docs and returns the pairs at or above the
// threshold, highest score first (ties by name), each with its matched
// regions. It is deterministic and reads no file.
func Compare(docs []Doc, cfg Config) Result {
	cfg = cfg.withDefaults()
	stub := stubHashes(cfg)
	var ps []*participant
	for _, d := range docs {
		if p := fingerprintDoc(d, cfg, stub); len(p.prints) > 0 {
			ps = append(ps, p)
		}
	}
	weights := idf(ps)
	for _, p := range ps {
		for _, h := range slices.Sorted(maps.Keys(p.prints)) { // floating-point sums in one order: the same result every run
			p.weight += weights[h]
		}
	}
	shared := sharedWeights(ps, weights)
	res := Result{Participants: len(ps), Threshold: cfg.Threshold, All: len(shared)}
	type found struct {
		pair Pair
		a, b *participant
	}
	var pairs []found
	for key, s := range shared {
		a, b := ps[key[0]], ps[key[1]]
		if a.weight == 0 || b.weight == 0 {
			continue
		}
		pr := Pair{A: a.doc.Name, B: b.doc.Name, AModel: a.doc.Model, BModel: b.doc.Model,
			ShareA: math.Min(1, s.weight/a.weight), ShareB: math.Min(1, s.weight/b.weight), Shared: s.count}
		pr.Score = (pr.ShareA + pr.ShareB) / 2
		if pr.Score >= cfg.Threshold {
			pr.Regions = regions(a, b, weights, cfg)
			pairs = append(pairs, found{pr, a, b})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		x, y := pairs[i].pair, pairs[j].pair
		if x.Score != y.Score {
			return x.Score > y.Score
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	for i, f := range pairs {
		if i < cfg.LinesFor {
			for r := range f.pair.Regions {
				reg := &f.pair.Regions[r]
				reg.A.Lines, reg.B.Lines = f.a.lines(reg.A), f.b.lines(reg.B)
			}
		}
		res.Pairs = append(res.Pairs, f.pair)
	}
	return res
}

// Scores is every pair's score, for measuring the method: key
// "A\x00B" with A, B in input order. Pairs with nothing in common score 0
// and are absent.
func Scores(docs []Doc, cfg Config) map[string]float64 {
	cfg.Threshold = math.SmallestNonzeroFloat64
	cfg.MaxRegions = 1
	out := map[string]float64{}
	for _, p := range Compare(docs, cfg).Pairs {
		out[p.A+"\x00"+p.B] = p.Score
	}
	return out
}

// stubHashes is every k-gram hash of the stub.
func stubHashes(cfg Config) map[int64]bool {
	out := map[int64]bool{}
	if len(cfg.Stub) == 0 {
		return out
	}
	toks, _ := tokenize(cfg.Stub)
	for _, h := range kgrams(toks, cfg.K) {
		out[h] = true
	}
	return out
}

// fingerprintDoc tokenizes and winnows d, without the stub's k-grams.
func fingerprintDoc(d Doc, cfg Config, stub map[int64]bool) *participant {
	p := &participant{doc: d, prints: map[int64]int{}}
	p.toks, p.files = tokenize(d.Files)
	p.hashes = kgrams(p.toks, cfg.K)
	for _, f := range winnow(p.hashes, cfg.Window) {
		if _, seen := p.prints[f.hash]; !seen && !stub[f.hash] {
			p.prints[f.hash] = f.pos
		}
	}
	return p
}

// idf weighs each fingerprint by how few participants hold it:
// log(N/df)/log(N/2), 1 when two hold it and 0 from half of them up
// (every weight is 1 with two participants or fewer).
func idf(ps []*participant) map[int64]float64 {
	df := map[int64]int{}
	for _, p := range ps {
		for h := range p.prints {
			df[h]++
		}
	}
	n := float64(len(ps))
	out := make(map[int64]float64, len(df))
	for h, d := range df {
		w := 1.0
		if n > 2 && d > 1 {
			w = math.Max(0, math.Min(1, math.Log(n/float64(d))/math.Log(n/2)))
		}
		out[h] = w
	}
	return out
}

// overlap is what a pair of participants holds in common.
type overlap struct {
	weight float64
	count  int
}

// sharedWeights sums, for every pair of participants holding a
// fingerprint in common, the weights of those fingerprints, through an
// index from fingerprint to holders: pairs with nothing in common cost
// nothing, and fingerprints of weight 0 are passed over.
func sharedWeights(ps []*participant, weights map[int64]float64) map[[2]int]overlap {
	holders := map[int64][]int{}
	for i, p := range ps {
		for h := range p.prints {
			if weights[h] > 0 {
				holders[h] = append(holders[h], i)
			}
		}
	}
	out := map[[2]int]overlap{}
	for _, h := range slices.Sorted(maps.Keys(holders)) {
		hs, w := holders[h], weights[h]
		for x := range hs {
			for y := x + 1; y < len(hs); y++ {
				key := [2]int{hs[x], hs[y]}
				o := out[key]
				o.weight += w
				o.count++
				out[key] = o
			}
		}
	}
	return out
}

// regions grows the pair's shared fingerprints of positive weight into
// maximal runs of equal tokens and returns the longest, as lines.
func regions(a, b *participant, weights map[int64]float64, cfg Config) []Region {
	type run struct{ a, b, n int }
	var runs []run
	covered := map[int][]run{} // runs found, by their offset a-b
	for _, h := range slices.Sorted(maps.Keys(a.prints)) {
		pa := a.prints[h]
		if weights[h] == 0 {
			continue
		}
		at := b.positions()[h]
		at = at[:min(len(at), maxSeeds)]
	seeds:
		for _, pb := range at {
			for _, r := range covered[pa-pb] {
				if pa >= r.a && pa < r.a+r.n {
					continue seeds // inside a run already found
				}
			}
			s, e := pa, pa+cfg.K // grow [s, e) while the tokens agree
			for s > 0 && s-pa+pb > 0 && same(a.toks[s-1], b.toks[s-1-pa+pb]) {
				s--
			}
			for e < len(a.toks) && e-pa+pb < len(b.toks) && same(a.toks[e], b.toks[e-pa+pb]) {
				e++
			}
			r := run{s, s - pa + pb, e - s}
			covered[pa-pb] = append(covered[pa-pb], r)
			runs = append(runs, r)
		}
	}
	sort.Slice(runs, func(i, j int) bool {
		if runs[i].n != runs[j].n {
			return runs[i].n > runs[j].n
		}
		if runs[i].a != runs[j].a {
			return runs[i].a < runs[j].a
		}
		return runs[i].b < runs[j].b
	})
	var out []Region
	usedA, usedB := make([]bool, len(a.toks)), make([]bool, len(b.toks))
	for _, r := range runs {
		if len(out) == cfg.MaxRegions {
			break
		}
		if usedA[r.a] || usedB[r.b] || usedA[r.a+r.n-1] || usedB[r.b+r.n-1] {
			continue // overlaps a longer region already kept
		}
		for i := range r.n {
			usedA[r.a+i], usedB[r.b+i] = true, true
		}
		out = append(out, Region{A: span(a, r.a, r.n), B: span(b, r.b, r.n), Tokens: r.n})
	}
	return out
}

// maxSeeds caps the places in b a shared k-gram is grown from: code that
// repeats one statement thousands of times (learner code is hostile)
// would otherwise grow a run from each, in time quadratic in its length.
const maxSeeds = 8

// positions is every position of each k-gram hash of p, built once.
func (p *participant) positions() map[int64][]int {
	if p.at == nil {
		p.at = map[int64][]int{}
		for i, h := range p.hashes {
			if h >= 0 {
				p.at[h] = append(p.at[h], i)
			}
		}
	}
	return p.at
}

// same reports whether two tokens are alike (a file's end is like
// nothing).
func same(x, y tok) bool { return x.kind == y.kind && x.kind != sentinel }

// span is where p's tokens [start, start+n) lie.
func span(p *participant, start, n int) Span {
	first, last := p.toks[start], p.toks[start+n-1]
	return Span{File: p.files[first.file].name, Start: first.line, End: last.line}
}

// lines is the source lines of s in p.
func (p *participant) lines(s Span) []string {
	for _, f := range p.files {
		if f.name == s.File && s.Start >= 1 && s.End <= len(f.lines) {
			return slices.Clone(f.lines[s.Start-1 : s.End])
		}
	}
	return nil
}
