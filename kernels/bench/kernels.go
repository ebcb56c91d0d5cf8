package bench

import (
	"fmt"
	"sort"
	"time"

	"parlab/kernels/convolution"
	"parlab/kernels/loadbalance"
	"parlab/kernels/matmul"
	"parlab/kernels/montecarlo"
	"parlab/kernels/racedemo"
	"parlab/reference"
)

// config is what the command line sets for every benchmark.
type config struct {
	workers []int
	reps    int
	cores   int
	// size overrides a kernel's problem size (0: its default).
	size int
	// image is the picture the convolution filters, when one was given.
	image *reference.Image
}

// variant is one parallel version of a kernel.
type variant struct {
	name string
	run  func(workers int)
	// result, if set, describes what the last run produced, given its
	// mean time.
	result func(workers int, mean time.Duration) string
}

// benchmark is one kernel's study: a serial reference and variants.
type benchmark struct {
	name, title string
	// setup prepares the inputs for cfg and returns the setup line, the
	// serial run and the variants.
	setup func(cfg config) (string, func(), []variant)
}

var benchmarks = []benchmark{
	{"convolution", "image filtering: row strips with halo rows, and shared-memory rows", setupConvolution},
	{"matmul", "matrix multiply: row chunks (i-j-k), and cache-blocked tiles (i-k-j)", setupMatMul},
	{"montecarlo", "Monte Carlo pi: a random source per worker and a reduction", setupMonteCarlo},
	{"race", "the race demo: one shared counter, unsafe, with a mutex, atomic, and counted locally", setupRace},
	{"loadbalance", "load balancing: static chunks against a dynamic queue, task n costing n", setupLoadBalance},
}

func lookup(name string) ([]benchmark, error) {
	if name == "all" {
		return benchmarks, nil
	}
	var names []string
	for _, b := range benchmarks {
		if b.name == name {
			return []benchmark{b}, nil
		}
		names = append(names, b.name)
	}
	sort.Strings(names)
	return nil, fmt.Errorf("unknown kernel %q: choose one of %v or all", name, names)
}

// run measures the serial reference and every variant at every worker
// count.
func (b benchmark) run(cfg config) Table {
	setup, serial, variants := b.setup(cfg)
	t := Table{Kernel: b.name, Setup: setup, Cores: cfg.cores}
	t.Serial = Row{Variant: "serial", Workers: 1}
	t.Serial.Mean, t.Serial.Std = timeRuns(cfg.reps, serial)
	for _, v := range variants {
		for _, w := range cfg.workers {
			r := Row{Variant: v.name, Workers: w}
			r.Mean, r.Std = timeRuns(cfg.reps, func() { v.run(w) })
			if v.result != nil {
				r.Result = v.result(w, r.Mean)
			}
			t.Rows = append(t.Rows, r)
		}
	}
	t.fill()
	return t
}

func sizeOr(cfg config, def int) int {
	if cfg.size > 0 {
		return cfg.size
	}
	return def
}

func setupConvolution(cfg config) (string, func(), []variant) {
	img := reference.TestImage(512, 512, 42)
	what := "the notebook's 512x512 test image"
	if cfg.image != nil {
		img, what = *cfg.image, fmt.Sprintf("your %dx%d picture", cfg.image.Width, cfg.image.Height)
	} else if cfg.size > 0 {
		img = reference.TestImage(cfg.size, cfg.size, 42)
		what = fmt.Sprintf("a %dx%d test image", cfg.size, cfg.size)
	}
	k := reference.Gaussian(5, 1.5)
	return what + ", 5x5 Gaussian (sigma 1.5)",
		func() { reference.Convolve(img, k) },
		[]variant{
			{name: "strips", run: func(w int) { convolution.Strips(img, k, w) }},
			{name: "rows", run: func(w int) { convolution.Rows(img, k, w) }},
		}
}

func setupMatMul(cfg config) (string, func(), []variant) {
	n := sizeOr(cfg, 512)
	a, b := matmul.Random(n, n, 1), matmul.Random(n, n, 2)
	gflops := func(_ int, mean time.Duration) string {
		return fmt.Sprintf("%.2f GFLOP/s", matmul.FLOPs(a, b)/mean.Seconds()/1e9)
	}
	return fmt.Sprintf("%dx%d times %dx%d, float64", n, n, n, n),
		func() { reference.MatMul(a, b) },
		[]variant{
			{name: "rows", run: func(w int) { matmul.Rows(a, b, w) }, result: gflops},
			{name: "blocked", run: func(w int) { matmul.Blocked(a, b, w) }, result: gflops},
		}
}

func setupMonteCarlo(cfg config) (string, func(), []variant) {
	points := sizeOr(cfg, 10_000_000)
	var last float64
	return fmt.Sprintf("%d random points", points),
		func() { reference.PiHits(points, 1) },
		[]variant{{
			name: "workers",
			run:  func(w int) { last = montecarlo.Pi(points, w, 1) },
			result: func(int, time.Duration) string {
				return fmt.Sprintf("pi ≈ %.5f (±%.5f)", last, montecarlo.StandardError(points))
			},
		}}
}

func setupRace(cfg config) (string, func(), []variant) {
	n := sizeOr(cfg, 10_000_000)
	counted := func(f func(int, int) int64) variant {
		var got int64
		return variant{
			run: func(w int) { got = f(w, n/w) },
			result: func(w int, _ time.Duration) string {
				want := int64(w * (n / w))
				if got == want {
					return fmt.Sprintf("count %d: exact", got)
				}
				return fmt.Sprintf("count %d of %d: %.0f%% lost", got, want, 100*float64(want-got)/float64(want))
			},
		}
	}
	vs := []variant{counted(racedemo.Unsafe), counted(racedemo.Mutex), counted(racedemo.Atomic), counted(racedemo.Local)}
	for i, name := range []string{"unsafe", "mutex", "atomic", "local"} {
		vs[i].name = name
	}
	return fmt.Sprintf("%d increments shared among the goroutines", n),
		func() { racedemo.Unsafe(1, n) }, vs
}

func setupLoadBalance(cfg config) (string, func(), []variant) {
	n, unit := sizeOr(cfg, 200), 5000
	return fmt.Sprintf("%d tasks, task n costing (n+1)*%d steps", n, unit),
		func() { loadbalance.Serial(n, unit) },
		[]variant{
			{name: "static", run: func(w int) { loadbalance.Static(n, unit, w) },
				result: func(w int, _ time.Duration) string {
					return fmt.Sprintf("best possible %.2fx", float64(w)/loadbalance.Imbalance(n, w))
				}},
			{name: "dynamic", run: func(w int) { loadbalance.Dynamic(n, unit, w) }},
		}
}
