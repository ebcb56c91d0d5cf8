// Package kernels holds the course's worked parallel examples, the Go
// counterparts of the notebook's: image convolution (row strips with halo
// rows, and shared-memory rows), matrix multiplication (row chunks, and a
// cache-blocked variant), Monte Carlo pi (a private random source per
// worker and a reduction), the race demo (unsafe, mutex and atomic
// counters) and load balancing (static chunks against a dynamic queue).
//
// Each kernel is tested against the serial package reference and has
// benchmarks; package bench times them and `go run ./cmd/bench KERNEL`
// prints the notebook's tables.
package kernels
