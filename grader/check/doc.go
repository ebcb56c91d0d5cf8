// Package check turns what the grader observed (compiler output, the
// learner's source, the test event stream) into verdicts, one file per
// check. It is pure: no processes, no files, so every rule is unit-tested
// on recorded outputs.
package check
