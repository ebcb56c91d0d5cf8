// Package reference holds parlab's serial, obviously-correct kernels.
//
// They are the ground truth the hidden test suites compare learners' code
// against, and the baseline the speedup check measures it against. They are
// also Go ports of the course notebook's helpers (the test image, the
// Gaussian kernel, the edge-padded filter and the triple-loop matrix
// multiply); tests prove they agree with the notebook's own outputs in
// ../shared/seed-vectors.
//
// Nothing here is parallel, clever or fast on purpose: each function is the
// plainest loop that is obviously right.
package reference
