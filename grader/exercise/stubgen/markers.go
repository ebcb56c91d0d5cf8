package stubgen

import (
	"fmt"
	"strconv"
	"strings"
)

// The markers a model answer carries. Each is a line comment without a
// space after the slashes, so go doc leaves it out of doc comments, and
// none starts with //go:, so the honest check (which refuses compiler
// directives) reads it as the comment it is.
const (
	// BeginSolution starts lines that only the model answer has; the rest
	// of its line, when there is one, is the hint of the
	// panic("TODO: hint") that takes their place in the stub.
	BeginSolution = "//parlab:begin-solution"
	// EndSolution ends them.
	EndSolution = "//parlab:end-solution"
	// BeginStub starts lines that only the stub has, written in the model
	// answer as // comments (starter code, bugs included).
	BeginStub = "//parlab:begin-stub"
	// EndStub ends them.
	EndStub = "//parlab:end-stub"
	// Stub, at the end of a line, says what the line reads in the stub:
	// the code after it, or nothing (the line is left out).
	Stub = "//parlab:stub"
)

// markerPrefix starts every marker; a comment that starts with it and is
// no marker is a typo, and an error.
const markerPrefix = "//parlab:"

// region is where the line scanner is.
type region int

const (
	both region = iota
	solutionOnly
	stubOnly
)

// cut applies the markers of one model-answer file line by line and
// returns the stub's lines, not yet formatted.
func cut(name string, src []byte) ([]string, error) {
	var out []string
	in, hint, indent, opened := both, "", "", 0
	for i, line := range strings.Split(string(src), "\n") {
		where := fmt.Sprintf("%s:%d", name, i+1)
		trimmed := strings.TrimSpace(line)
		marker, rest, _ := strings.Cut(trimmed, " ")
		switch {
		case marker == BeginSolution || marker == BeginStub:
			if in != both {
				return nil, fmt.Errorf("%s: %s inside the region opened at line %d: close that one first", where, marker, opened)
			}
			in, hint, indent, opened = stubOnly, strings.TrimSpace(rest), leading(line), i+1
			if marker == BeginSolution {
				in = solutionOnly
			}
		case marker == EndSolution || marker == EndStub:
			if (marker == EndSolution) != (in == solutionOnly) || in == both {
				return nil, fmt.Errorf("%s: %s closes no region of its kind", where, marker)
			}
			if in == solutionOnly && hint != "" {
				out = append(out, indent+"panic("+strconv.Quote("TODO: "+hint)+")")
			}
			in = both
		case in == solutionOnly:
		case in == stubOnly:
			code, ok := strings.CutPrefix(trimmed, "//")
			if !ok {
				return nil, fmt.Errorf("%s: a stub region holds // comments only (the stub's code, commented out in the model answer)", where)
			}
			out = append(out, leading(line)+strings.TrimPrefix(code, " "))
		default:
			kept, err := stubLine(where, line)
			if err != nil {
				return nil, err
			}
			out = append(out, kept...)
		}
	}
	if in != both {
		return nil, fmt.Errorf("%s:%d: the region opened here is never closed", name, opened)
	}
	return out, nil
}

// stubLine is a line outside any region: itself, what its trailing Stub
// marker says, or nothing.
func stubLine(where, line string) ([]string, error) {
	at := strings.Index(line, markerPrefix)
	if at < 0 {
		return []string{line}, nil
	}
	code, ok := strings.CutPrefix(line[at:], Stub)
	if !ok || (code != "" && code[0] != ' ') {
		return nil, fmt.Errorf("%s: unknown marker %q: the markers are %s", where, strings.Fields(line[at:])[0],
			strings.Join([]string{BeginSolution, EndSolution, BeginStub, EndStub, Stub}, ", "))
	}
	if code = strings.TrimSpace(code); code == "" {
		return nil, nil
	}
	return []string{leading(line) + code}, nil
}

// leading is the indentation of line.
func leading(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}
