package report

import (
	"encoding/json"
	"io"

	"parlab/grader/verdict"
)

// JSON writes the result as DESIGN.md §5's JSON, one object and a newline.
func JSON(w io.Writer, r *verdict.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// JSONAll writes several results as one JSON array.
func JSONAll(w io.Writer, results []*verdict.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}
