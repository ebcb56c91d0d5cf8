package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"parlab/grader/plots"
	"parlab/grader/speedup"
	"parlab/kernels/convolution"
	"parlab/reference"
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
			return bench(c, stdout, stderr)
		},
	}
}

func bench(c *cli.Context, stdout, stderr io.Writer) error {
	if c.NArg() != 1 {
		return fmt.Errorf("name one kernel: convolution, matmul, montecarlo, race, loadbalance or all")
	}
	name := c.Args().First()
	chosen, err := lookup(name)
	if err != nil {
		return err
	}
	cfg := config{reps: c.Int("reps"), cores: speedup.UsableCores(), size: c.Int("size"), workers: c.IntSlice("workers")}
	if cfg.reps < 1 {
		return fmt.Errorf("--reps %d: need at least 1", cfg.reps)
	}
	if len(cfg.workers) == 0 {
		cfg.workers = defaultWorkers(cfg.cores)
	}
	for _, w := range cfg.workers {
		if w < 1 {
			return fmt.Errorf("--workers: %d is not a worker count", w)
		}
	}
	if (c.IsSet("image") || c.IsSet("out")) && name != "convolution" {
		return fmt.Errorf("--image and --out go with the convolution kernel")
	}
	if p := c.String("image"); p != "" {
		img, err := loadGrey(p)
		if err != nil {
			return err
		}
		cfg.image = &img
	}
	if out := c.String("out"); out != "" {
		img := reference.TestImage(512, 512, 42)
		if cfg.image != nil {
			img = *cfg.image
		}
		if err := saveGrey(out, convolution.Rows(img, reference.Gaussian(5, 1.5), 0)); err != nil {
			return fmt.Errorf("writing the filtered picture: %w", err)
		}
		fmt.Fprintf(stderr, "wrote the filtered picture to %s\n", out)
	}
	for i, b := range chosen {
		if err := c.Context.Err(); err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stderr, "timing %s...\n", b.name)
		t := b.run(cfg)
		if err := writeTable(stdout, t); err != nil {
			return err
		}
		if file := c.String("plot"); file != "" {
			if len(chosen) > 1 {
				ext := filepath.Ext(file)
				file = strings.TrimSuffix(file, ext) + "-" + b.name + ext
			}
			if err := plots.Save(file, panels(t)); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "drew %s\n", file)
		}
	}
	return nil
}

// defaultWorkers is the notebook's 1, 2, 4 and the core count.
func defaultWorkers(cores int) []int {
	ws := []int{1, 2, 4}
	if !slices.Contains(ws, cores) {
		ws = append(ws, cores)
	}
	slices.Sort(ws)
	return ws
}
