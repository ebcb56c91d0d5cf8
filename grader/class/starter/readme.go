package starter

import (
	"fmt"
	"strings"

	"parlab/grader/exercise"
)

// Readme is the learner's README: what to edit, how to grade it, what the
// grade means. It names no model answer and no instructor command.
func Readme(specs []exercise.Spec, workflow bool) []byte {
	var b strings.Builder
	b.WriteString(readmeIntro)
	for _, s := range specs {
		total := 0
		for _, p := range s.Points {
			total += p
		}
		fmt.Fprintf(&b, "| `%s` | %d | `go doc ./%s` (or open `%s/doc.go`) |\n", s.Name, total, s.StubDir(), s.StubDir())
	}
	b.WriteString(readmeGrade)
	if workflow {
		b.WriteString(readmeHandIn)
	}
	return []byte(b.String())
}

// readmeIntro opens the README, up to the head of the exercises' table.
const readmeIntro = `# parlab: parallel programming in Go, graded

You fill in the stub packages under ` + "`exercises/`" + `, and one command tells
you at once whether your code is **correct**, **race-free**, **leak-free**,
**terminates**, and is **actually faster** on this machine's cores, with
the first wrong values, the file:line of a data race or a leaked goroutine
in your code, and a hint.

You need Go 1.26 or newer (https://go.dev/dl) and, on Linux and Windows, a
C compiler for the race detector (` + "`go run ./cmd/grade doctor`" + ` says what
this machine lacks).

## The exercises

| exercise | points | the assignment |
|---|---|---|
`

// readmeGrade says how to grade and how to read a grade.
const readmeGrade = `
## Grade your work

` + "```sh" + `
go run ./cmd/grade exercise histogram     # grade exercises/histogram
go run ./cmd/grade show histogram         # the assignment, points, this machine's speed bar
go run ./cmd/grade watch histogram        # grade again on every save (Ctrl-C stops)
go run ./cmd/grade status                 # where you stand on every exercise
go run ./cmd/grade all                    # every exercise, one table
go run ./cmd/grade reset histogram        # the stub back; your files go to _backups/
go run ./cmd/grade exercise histogram --verbose   # the raw output behind a failure
go run ./cmd/grade exercise histogram --timeline t.svg   # one call, a lane per goroutine
` + "```" + `

Each check says what it found in your files (` + "`exercises/histogram/histogram.go:37:2`" + `)
and a hint. ` + "`faster`" + ` is measured on this machine: on a busy one it may be
*not judged*, its points pending (the last line says so); grade again when
the machine is quieter.

Exit status: 0 every judged check passed, 1 a check failed, 2 the grader
could not run. ` + "`go run`" + ` reports any non-zero status of the program as 1,
so a script that needs to tell 1 from 2 builds the command first
(` + "`go build -o grade ./cmd/grade && ./grade exercise histogram`" + `) or checks
stdout: with ` + "`--format json`" + ` the grader writes a report whenever it graded, and
nothing when it could not.
`

// readmeHandIn says how to hand in, for a starter with the grading
// workflow.
const readmeHandIn = `
## Handing in

Push your work: ` + "`.github/workflows/grade.yml`" + ` grades every exercise with your
instructor's grader (not the copy in this repository) and shows the
result on the run's page.
`
