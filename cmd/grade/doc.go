// Command grade grades parlab's parallel-programming exercises.
//
// Usage:
//
//	grade exercise NAME [flags]   grade one exercise; the test binaries of
//	                              the last grades are kept in the user's
//	                              cache folder ($PARLAB_CACHE_DIR/shelf, 2
//	                              per exercise), so that files graded
//	                              again link nothing
//	grade all                     grade every exercise; a summary table, exit 1 if any fails
//	                              (instructors: --solution grades the model answers)
//	grade verify [--no-speedup]   prove the course consistent: every solution
//	                              scores full marks (a skipped speed check
//	                              aside), every stub less, stub and solution
//	                              export the same API; exit 1 if not;
//	                              --exercise NAME verifies only NAME
//	grade report FILE [--format F] render a result saved as JSON (grade
//	                              exercise --json, grade all --format json)
//	                              again in format F, without grading; exit
//	                              status as the grade's
//	grade list                    list the exercises with their points
//	grade show NAME               the assignment, points per check, and the
//	                              speedup needed on this machine (measured;
//	                              --no-measure skips that)
//	grade watch NAME [flags]      grade again on every save of a .go file of
//	                              the exercise (debounced, --debounce 100ms);
//	                              a newer save cancels a grade in progress;
//	                              Ctrl-C stops; takes the flags of exercise
//	grade status                  per exercise: not graded yet / not started /
//	                              failing (first failing check) / passing,
//	                              with the last score, from a cache under
//	                              the user's cache folder ($PARLAB_CACHE_DIR)
//	grade batch ROOT --out DIR    grade a class into a gradebook (grades.csv,
//	                              STUDENT.json, report.html); --exercise,
//	                              --jobs, --force, --shard K/N, --no-speedup,
//	                              --skip-policy; faster checks the machine
//	                              could not judge are measured again at the
//	                              end, and stay "pending" if still unjudged;
//	                              DIR/meta/manifest.json says what was graded
//	                              and whether every student was; the class's
//	                              code is compared (similarity.csv, a section
//	                              of report.html; --no-similarity,
//	                              --similarity-threshold), never in a shard
//	grade batch --remeasure DIR   measure the pending faster checks of the
//	                              gradebook DIR again
//	grade merge DIR... --out DIR  combine the gradebooks of shards: exactly
//	                              the exercises they graded; shards graded
//	                              differently are refused, and so is a shard
//	                              incomplete or still grading unless
//	                              --partial (the book then says partial);
//	                              compares the merged class's code
//	grade similar ROOT [--out DIR]
//	                              compare the code of every submission under
//	                              ROOT, per exercise, with the model answer,
//	                              without the stub (winnowed token
//	                              fingerprints, as MOSS): a flag for a person,
//	                              never a verdict; --exercise,
//	                              --similarity-threshold
//	grade gradescope-bundle       write autograder.zip for Gradescope
//	                              (--exercise, --out, --go-version with
//	                              --go-sha256: the Go setup.sh installs)
//	grade doctor [--json]         check that this machine can grade: Go,
//	                              a race-enabled build that reports a
//	                              planted race, the C compiler, cores, how
//	                              busy it is (--no-measure skips that),
//	                              caches, sandbox; exit 1 if it cannot
//	grade reset NAME [--yes]      restore the original stub (built into
//	                              grade) after asking; your .go files that
//	                              differ from it are backed up first into
//	                              _backups/NAME-TIME/ in the checkout (the
//	                              go command ignores it), and it prints the
//	                              cp command that brings them back
//	grade starter --out DIR       instructors: write the repository learners
//	                              get: the stubs as shipped, the grader, a
//	                              learner README and the pinned grading
//	                              workflow; no solutions/, no scenarios
//
// What `grade exercise NAME` grades:
//
//	(default)        exercises/NAME, the folder a learner edits
//	--solution       solutions/NAME, the model answer (instructors; not in
//	                 the learner's list of flags)
//	--dir FOLDER     the .go files in FOLDER (a learner's copy, a
//	                 submission); the folder is only read, never written
//
// Flags of `grade exercise`:
//
//	--format F           report format: human, also called text (default:
//	                     colour on a terminal, none when NO_COLOR is set or
//	                     stdout is not one; it streams: each check's line
//	                     as soon as it is decided, in report order, then
//	                     the tables and the score), json (the result JSON
//	                     below), gradescope (Gradescope's results.json) or
//	                     junit (JUnit XML for CI), each written whole at
//	                     the end
//	--json               short for --format json
//	--verbose, -v        add the raw output behind each failing check
//	--timeout D          limit of each phase: build, tests, speedup (60s)
//	--cores N            workers for the speedup check (default: the usable
//	                     cores: CPU affinity, capped by a cgroup CPU quota)
//	--memory MiB         memory limit of the tests (2048)
//	--no-speedup         skip the speedup measurement
//	--skip-policy P      a faster check the machine could not judge (one
//	                     core, busy, noisy): exclude (default: its points
//	                     leave the maximum), zero (it scores 0) or
//	                     "retry N" (measure again up to N times, then
//	                     exclude)
//	--plot FILE          draw the measured speedup at 1, 2, 4, ... workers
//	                     (up to the cores used) against the ideal line and
//	                     the bar, the efficiency and the Karp-Flatt serial
//	                     fraction; for scalability your strong and weak
//	                     scaling study against the laws first; as .svg or
//	                     .png (gonum.org/v1/plot)
//	--timeline FILE      trace one call of your code and draw it, one lane
//	                     per goroutine (running, runnable, blocked, GC) over
//	                     time, as .svg or .png
//
// Flags may come before or after NAME.
//
// When faster fails or passes narrowly, the grader runs your timed call
// once more under the Go execution tracer (at most 2 s, after the
// verdict, which it never changes) and names why it is not faster: load
// imbalance, lock contention, too many goroutines, allocation, serial
// sections, or (an inference) cores slowing each other down on shared
// memory; with the figures, your file:line and a hint. JSON carries it as
// speedup.diagnosis: {"cause","inference","cost","summary","location",
// "hint","figures":{...},"worker_busy":[...],"traced_ns","partial","took_ns"}.
//
// The checks, in order: builds, started, honest, correct, race-free,
// leak-free, terminates, faster. Each is pass, fail, skip or error, and
// worth the points the exercise's registry entry gives it.
//
// Exit status: 0 every check passed (skips allowed); 1 a check failed;
// 2 the grader could not run (bad flag, unknown exercise, no Go toolchain,
// not inside a parlab checkout), with a one-line reason on stderr and
// nothing on stdout. `go run` turns every non-zero status of the program
// it ran into 1: a script that must tell 1 from 2 builds the command
// first (go build -o grade ./cmd/grade), or tells them by stdout (a
// report whenever the grader graded, nothing when it could not).
//
// A check the machine could not judge (faster on a busy machine) is a
// skip with "unjudged": true and, under the default skip policy, its
// points in "pending" instead of "max_score"; the headline says
// "score 9/9 judged · faster not judged: 2 points pending".
//
// stdout carries the report only; progress goes to stderr, so
// `grade exercise histogram --json > result.json` is always clean JSON:
//
//	{"version":1,"exercise":"histogram","target":"exercises/histogram","score":7,"max_score":11,
//	 "checks":[{"name":"correct","status":"pass","score":3,"max_score":3,"message":"..."}],
//	 "speedup":{"workers":2,"speedup":1.93,"speedup_low":1.85,"speedup_high":2.01,
//	  "required":1.49,"calibration":1.97,"self_speedup":2.01,...,"reps":5},
//	 "duration_seconds":3.2}
//
// "version" is the schema version (report.Version), raised on every
// incompatible change. grade report, and grade batch when it resumes or
// merges STUDENT.json records (which carry it too), refuse a newer one and
// say to update parlab; a result or record without it is version 1, the
// format from before the field.
package main
