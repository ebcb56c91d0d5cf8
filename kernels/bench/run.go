// Package bench times the course's worked parallel kernels and makes the
// notebook's tables and charts (`go run ./cmd/bench`): for the serial
// reference and each parallel variant, at each worker count, the time
// (mean ± standard deviation over the repetitions), the speedup and
// efficiency against the variant's own 1-worker run, and the speedup
// against the serial reference.
package bench

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"parlab/grader/plots"
	"parlab/kernels/convolution"
	"parlab/reference"
)

// Options say what to time and what to write.
type Options struct {
	// Kernel is convolution, matmul, montecarlo, race, loadbalance or all.
	Kernel string
	// Workers are the worker counts (DefaultWorkers(Cores) when empty).
	Workers []int
	// Reps is the number of timed repetitions per row, after a warm-up.
	Reps int
	// Cores is the machine's usable cores, shown in the table.
	Cores int
	// Size overrides the kernels' problem size (0: each its default).
	Size int
	// Plot, when set, is the chart file (.svg or .png); with several
	// kernels, one file per kernel (FILE-KERNEL.svg).
	Plot string
	// Image is a PNG or JPEG picture for the convolution to filter, and
	// Out the PNG file the filtered picture goes to.
	Image, Out string
}

// Run times the chosen kernels, printing a table each on stdout and what
// it does on stderr. It stops between kernels when ctx ends.
func Run(ctx context.Context, o Options, stdout, stderr io.Writer) error {
	chosen, cfg, err := prepare(o)
	if err != nil {
		return err
	}
	if o.Out != "" {
		if err := filterPicture(o.Out, cfg.image); err != nil {
			return fmt.Errorf("writing the filtered picture: %w", err)
		}
		fmt.Fprintf(stderr, "wrote the filtered picture to %s\n", o.Out)
	}
	for i, b := range chosen {
		if err := ctx.Err(); err != nil {
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
		if o.Plot == "" {
			continue
		}
		file := o.Plot
		if len(chosen) > 1 {
			ext := filepath.Ext(file)
			file = strings.TrimSuffix(file, ext) + "-" + b.name + ext
		}
		if err := plots.Save(file, panels(t)); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "drew %s\n", file)
	}
	return nil
}

// prepare checks the options and turns them into the benchmarks to run
// and their configuration.
func prepare(o Options) ([]benchmark, config, error) {
	cfg := config{reps: o.Reps, cores: o.Cores, size: o.Size, workers: o.Workers}
	if o.Kernel == "" {
		return nil, cfg, fmt.Errorf("name one kernel: convolution, matmul, montecarlo, race, loadbalance or all")
	}
	chosen, err := lookup(o.Kernel)
	if err != nil {
		return nil, cfg, err
	}
	if cfg.reps < 1 {
		return nil, cfg, fmt.Errorf("--reps %d: need at least 1", cfg.reps)
	}
	if len(cfg.workers) == 0 {
		cfg.workers = DefaultWorkers(cfg.cores)
	}
	for _, w := range cfg.workers {
		if w < 1 {
			return nil, cfg, fmt.Errorf("--workers: %d is not a worker count", w)
		}
	}
	if (o.Image != "" || o.Out != "") && o.Kernel != "convolution" {
		return nil, cfg, fmt.Errorf("--image and --out go with the convolution kernel")
	}
	if o.Image != "" {
		img, err := loadGrey(o.Image)
		if err != nil {
			return nil, cfg, err
		}
		cfg.image = &img
	}
	return chosen, cfg, nil
}

// filterPicture writes the picture (the notebook's test image when nil)
// blurred by the notebook's 5x5 Gaussian into out.
func filterPicture(out string, picture *reference.Image) error {
	img := reference.TestImage(512, 512, 42)
	if picture != nil {
		img = *picture
	}
	return saveGrey(out, convolution.Rows(img, reference.Gaussian(5, 1.5), 0))
}

// DefaultWorkers is the notebook's 1, 2, 4 and the core count.
func DefaultWorkers(cores int) []int {
	ws := []int{1, 2, 4}
	if !slices.Contains(ws, cores) {
		ws = append(ws, cores)
	}
	slices.Sort(ws)
	return ws
}
