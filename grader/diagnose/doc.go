// Package diagnose explains why a learner's parallel code is not faster,
// from an execution trace of one call of it (package contract, "The trace
// file", says what it carries; package tracecall records it).
//
// It works in three pure steps, each tested on recorded traces under
// testdata/:
//
//   - Read turns the trace into a Profile: every worker goroutine's states
//     (running, runnable, blocked and why, with the learner's line) over
//     the call, the GC's share of the cores, where the CPU samples fell and
//     what the call allocated. Workers are the goroutine that made the call
//     and every goroutine whose creation stack is in the learner's package.
//   - Account turns a Profile into Figures: where the P cores' time went
//     (the capacity P × wall, split into running workers and what the idle
//     cores were waiting for: a lock, the GC, a goroutine to schedule, one
//     worker left running alone), busy time per worker, goroutines started
//     and the mean work each, bytes allocated per element, and the
//     Karp-Flatt serial fraction of the measured speedup.
//   - Classify names the dominant Cause with the figures behind it, the
//     learner's file:line where one applies, and a hint that teaches the
//     remedy. When the workers were busy and nothing the trace shows
//     explains a low speedup, it says the likely cause (memory bandwidth,
//     shared counters) and marks the diagnosis as an inference.
//
// Everything in a trace was written by a process that ran learner code, so
// Read treats it as hostile: sizes are capped, a malformed trace is an
// error, never a panic, and the diagnosis only ever explains a verdict.
package diagnose
