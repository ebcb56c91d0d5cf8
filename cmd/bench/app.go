package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"parlab/grader/contract/speedup"
	"parlab/kernels/bench"
)

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:      "bench",
		Usage:     "time the course's parallel kernels: the notebook's tables and plots",
		ArgsUsage: "KERNEL (convolution, matmul, montecarlo, race, loadbalance, all)",
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.IntSliceFlag{Name: "workers", Usage: "worker counts (default 1, 2, 4 and the usable cores)"},
			&cli.IntFlag{Name: "reps", Value: 5, Usage: "timed repetitions per row"},
			&cli.IntFlag{Name: "size", Usage: "problem size (each kernel has a default)"},
			&cli.StringFlag{Name: "plot", Usage: "draw the charts into `FILE` (.svg or .png)"},
			&cli.StringFlag{Name: "image", Usage: "convolution: filter this `PICTURE` (PNG or JPEG)"},
			&cli.StringFlag{Name: "out", Usage: "convolution: write the filtered picture to `FILE` (PNG)"},
		},
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: true,
		Action: func(c *cli.Context) error {
			kernel := ""
			if c.NArg() == 1 {
				kernel = c.Args().First()
			}
			return bench.Run(c.Context, bench.Options{Kernel: kernel, Workers: c.IntSlice("workers"), Reps: c.Int("reps"),
				Cores: speedup.UsableCores(), Size: c.Int("size"), Plot: c.String("plot"), Image: c.String("image"), Out: c.String("out")},
				stdout, stderr)
		},
	}
}
