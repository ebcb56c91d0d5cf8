package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// CheckGradescope reports every way data departs from the results.json
// that Gradescope's autograder specification describes
// (gradescope-autograders.readthedocs.io/en/latest/specs/, from
// gradescope/autograder_samples docs/specs.md): the documented fields
// only, each of its documented type; visibility, status and format fields
// of their documented values; a score on the top level or on every test.
// gradescope-run checks its results.json with it before writing, and the
// tests check the bundle's output with it.
func CheckGradescope(data []byte) error {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("results.json is not a JSON object: %w", err)
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	checkFields(doc, "", topFields, bad)
	tests, _ := doc["tests"].([]any)
	_, hasScore := doc["score"]
	_, hasTests := doc["tests"]
	if !hasScore && !hasTests {
		bad("neither a top-level score nor tests: the specification requires one of them")
	}
	for i, raw := range tests {
		where := fmt.Sprintf("tests[%d].", i)
		test, ok := raw.(map[string]any)
		if !ok {
			bad("%s is not an object", where[:len(where)-1])
			continue
		}
		checkFields(test, where, testFields, bad)
		if _, ok := test["score"]; !ok && !hasScore {
			bad("%sscore is missing, and there is no top-level score", where)
		}
	}
	leaders, _ := doc["leaderboard"].([]any)
	for i, raw := range leaders {
		where := fmt.Sprintf("leaderboard[%d].", i)
		entry, ok := raw.(map[string]any)
		if !ok {
			bad("%s is not an object", where[:len(where)-1])
			continue
		}
		checkFields(entry, where, leaderFields, bad)
		if _, ok := entry["name"]; !ok {
			bad("%sname is missing", where)
		}
		if _, ok := entry["value"]; !ok {
			bad("%svalue is missing", where)
		}
	}
	return errors.Join(errs...)
}

// A kind is a documented field's JSON type, or the values it may take.
type kind struct {
	name  string
	valid func(any) bool
}

var (
	number    = kind{"a number", func(v any) bool { _, ok := v.(float64); return ok }}
	nonNegNum = kind{"a number of seconds, at least 0", func(v any) bool { f, ok := v.(float64); return ok && f >= 0 }}
	text      = kind{"a string", func(v any) bool { _, ok := v.(string); return ok }}
	object    = kind{"an object", func(v any) bool { _, ok := v.(map[string]any); return ok }}
	array     = kind{"an array", func(v any) bool { _, ok := v.([]any); return ok }}
	textList  = kind{"an array of strings", func(v any) bool {
		a, ok := v.([]any)
		return ok && !slices.ContainsFunc(a, func(e any) bool { _, ok := e.(string); return !ok })
	}}
	numOrText  = kind{"a number or a string", func(v any) bool { return number.valid(v) || text.valid(v) }}
	visibility = oneOf("hidden", "after_due_date", "after_published", "visible")
	format     = oneOf("text", "html", "simple_format", "md", "ansi")
	status     = oneOf("passed", "failed")
	order      = oneOf("asc", "desc")
)

func oneOf(values ...string) kind {
	return kind{fmt.Sprintf("one of %q", values), func(v any) bool { s, ok := v.(string); return ok && slices.Contains(values, s) }}
}

// The fields the specification documents, at each level.
var (
	topFields = map[string]kind{
		"score": number, "execution_time": nonNegNum, "output": text, "output_format": format,
		"test_output_format": format, "test_name_format": format, "visibility": visibility,
		"stdout_visibility": visibility, "extra_data": object, "tests": array, "leaderboard": array,
	}
	testFields = map[string]kind{
		"score": number, "max_score": number, "status": status, "name": text, "name_format": format,
		"number": text, "output": text, "output_format": format, "tags": textList, "visibility": visibility,
		"extra_data": object,
	}
	leaderFields = map[string]kind{"name": text, "value": numOrText, "order": order}
)

func checkFields(obj map[string]any, where string, fields map[string]kind, bad func(string, ...any)) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want, ok := fields[k]
		if !ok {
			bad("%s%s is not a field of the specification", where, k)
			continue
		}
		if !want.valid(obj[k]) {
			bad("%s%s is %s, want %s", where, k, describe(obj[k]), want.name)
		}
	}
}

func describe(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 40 {
		b = append(b[:37], "..."...)
	}
	return string(b)
}
