package similarity

import (
	"go/scanner"
	"go/token"
	"hash/fnv"
	"slices"
	"strings"
)

// tok is one normalised token of a submission.
type tok struct {
	// kind is the normalised token's hash; sentinel ends each file.
	kind uint64
	// file indexes the participant's files (sorted by name); line is
	// the token's line in it.
	file, line int
}

// sentinel ends each file: it equals nothing, so no k-gram and no
// matched region spans two files.
const sentinel = ^uint64(0)

// file is one source file of a participant.
type file struct {
	name  string
	lines []string
}

// tokenize reads the participant's files, in name order, as normalised
// tokens. A file the scanner cannot read is tokenized as far as it goes:
// similarity needs no valid program.
func tokenize(files map[string][]byte) ([]tok, []file) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var toks []tok
	var out []file
	for i, name := range names {
		src := files[name]
		out = append(out, file{name: name, lines: strings.Split(string(src), "\n")})
		fset := token.NewFileSet()
		f := fset.AddFile(name, -1, len(src))
		var s scanner.Scanner
		s.Init(f, src, func(token.Position, string) {}, 0) // comments dropped
		for {
			pos, t, lit := s.Scan()
			if t == token.EOF {
				break
			}
			toks = append(toks, tok{kind: kindOf(t, lit), file: i, line: f.Line(pos)})
		}
		toks = append(toks, tok{kind: sentinel, file: i})
	}
	return toks, out
}

// kindOf is a token's normalised kind: identifiers are all alike, and
// literals alike per kind; an automatic semicolon is a semicolon.
func kindOf(t token.Token, lit string) uint64 {
	var s string
	switch t {
	case token.IDENT:
		s = "id"
	case token.INT, token.FLOAT, token.IMAG:
		s = "num"
	case token.STRING:
		s = "str"
	case token.CHAR:
		s = "char"
	default:
		s = t.String()
	}
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64() &^ (1 << 63) // never the sentinel
}

// kgrams is the hash of each run of k tokens that spans no file end,
// indexed by its first token; -1 marks a start with no k-gram.
func kgrams(toks []tok, k int) []int64 {
	out := make([]int64, max(0, len(toks)-k+1))
	for i := range out {
		h := fnv.New64a()
		var b [8]byte
		ok := true
		for _, t := range toks[i : i+k] {
			if t.kind == sentinel {
				ok = false
				break
			}
			for j := range b {
				b[j] = byte(t.kind >> (8 * j))
			}
			h.Write(b[:])
		}
		out[i] = -1
		if ok {
			out[i] = int64(h.Sum64() &^ (1 << 63))
		}
	}
	return out
}

// fingerprint is a kept k-gram hash and where its k-gram starts.
type fingerprint struct {
	hash int64
	pos  int
}

// winnow keeps the smallest hash of every window of w consecutive
// k-grams (the rightmost on ties), each kept position once: robust
// winnowing, as in section 3 of Schleimer, Wilkerson and Aiken.
func winnow(hashes []int64, w int) []fingerprint {
	var out []fingerprint
	last := -1
	for start := 0; start+w <= len(hashes) || (start == 0 && len(hashes) > 0); start++ {
		end := min(start+w, len(hashes))
		best := -1
		for i := start; i < end; i++ {
			if hashes[i] >= 0 && (best < 0 || hashes[i] <= hashes[best]) {
				best = i
			}
		}
		if best >= 0 && best != last {
			out = append(out, fingerprint{hashes[best], best})
			last = best
		}
		if end == len(hashes) {
			break
		}
	}
	return out
}
