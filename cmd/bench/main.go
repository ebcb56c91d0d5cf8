// Command bench runs the course's worked parallel kernels and prints the
// notebook's tables: for the serial reference and each parallel variant,
// at 1, 2, 4 workers and the usable cores, the time (mean ± standard
// deviation over the repetitions), the speedup and efficiency against the
// variant's own 1-worker run, and the speedup against the serial
// reference.
//
// Usage:
//
//	bench KERNEL [flags]
//
// KERNEL is convolution, matmul, montecarlo, race, loadbalance, or all.
//
// Flags:
//
//	--workers 1,2,4   the worker counts (default 1, 2, 4 and the usable cores)
//	--reps N          timed repetitions per row, after one warm-up (5)
//	--size N          the problem size: image edge, matrix order, points,
//	                  increments or tasks (each kernel has its default)
//	--plot FILE       draw speedup vs ideal, efficiency and time (.svg or .png);
//	                  with `all`, one file per kernel (FILE-KERNEL.svg)
//	--image PICTURE   convolution: filter this PNG or JPEG (converted to grey)
//	--out FILE        convolution: write the filtered picture as PNG
//
// Examples:
//
//	go run ./cmd/bench convolution --plot convolution.svg
//	go run ./cmd/bench convolution --image photo.jpg --out blurred.png
//	go run ./cmd/bench matmul --size 1024 --workers 1,2
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"parlab/internal/cliargs"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Stderr, os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
}

// run is the whole command, for tests to call in-process.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, cliargs.Hoist(app.Flags, 1, args))
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
