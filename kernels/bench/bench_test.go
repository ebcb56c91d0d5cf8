package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"parlab/internal/golden"
	"parlab/reference"
)

// TestTableLayout renders a table with fixed timings.
func TestTableLayout(t *testing.T) {
	ms := func(x float64) time.Duration { return time.Duration(x * float64(time.Millisecond)) }
	tab := Table{Kernel: "convolution", Setup: "the notebook's 512x512 test image, 5x5 Gaussian (sigma 1.5)", Cores: 2,
		Serial: Row{Variant: "serial", Workers: 1, Mean: ms(10.12), Std: ms(0.27)},
		Rows: []Row{
			{Variant: "strips", Workers: 1, Mean: ms(6.06), Std: ms(0.42)},
			{Variant: "strips", Workers: 2, Mean: ms(3.11), Std: ms(0.33)},
			{Variant: "rows", Workers: 1, Mean: ms(5.71), Std: ms(0.14), Result: "a note"},
			{Variant: "rows", Workers: 2, Mean: ms(3.01), Std: ms(0.16)},
			{Variant: "rows", Workers: 4, Mean: 85 * time.Microsecond, Std: 2 * time.Microsecond},
		}}
	tab.fill()
	var buf bytes.Buffer
	if err := writeTable(&buf, tab); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "table.golden", buf.Bytes())
}

// number matches the figures that change from run to run.
var number = regexp.MustCompile(`\d+\.\d+`)

// TestEveryKernelRuns runs each kernel on a tiny
// problem and checks the table's shape, timings normalised.
func TestEveryKernelRuns(t *testing.T) {
	for _, b := range benchmarks {
		t.Run(b.name, func(t *testing.T) {
			if b.name == "race" && raceEnabled {
				t.Skip("the race demo's unsafe counter races on purpose; kernels/racedemo tests it under -race in a child process")
			}
			dir := t.TempDir()
			plot := filepath.Join(dir, "plot.svg")
			var stdout, stderr bytes.Buffer
			o := Options{Kernel: b.name, Size: 64, Reps: 1, Workers: []int{1, 2}, Cores: 2, Plot: plot}
			if err := Run(context.Background(), o, &stdout, &stderr); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			out := stdout.String()
			if !strings.HasPrefix(out, b.name+": ") || !strings.Contains(out, "time (mean ± std)") {
				t.Errorf("no table header:\n%s", out)
			}
			lines := strings.Count(strings.TrimSpace(number.ReplaceAllString(out, "N")), "\n") + 1
			_, _, variants := b.setup(config{size: 64, workers: []int{1, 2}})
			// title, header, serial, a row per variant and worker count, footnote.
			if want := 3 + 2*len(variants) + 1; lines != want {
				t.Errorf("%d lines, want %d:\n%s", lines, want, out)
			}
			if info, err := os.Stat(plot); err != nil || info.Size() == 0 {
				t.Errorf("no plot written: %v", err)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Reps: 1}, "name one kernel"},
		{Options{Kernel: "fft", Reps: 1}, `unknown kernel "fft"`},
		{Options{Kernel: "matmul", Reps: 1, Cores: 2, Image: "x.png"}, "go with the convolution kernel"},
		{Options{Kernel: "matmul", Reps: 1, Workers: []int{0}}, "not a worker count"},
		{Options{Kernel: "convolution", Reps: 1, Cores: 2, Image: "testdata/missing.png"}, "missing.png"},
		{Options{Kernel: "matmul", Reps: 0}, "at least 1"},
	} {
		var stdout, stderr bytes.Buffer
		err := Run(context.Background(), tc.o, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want an error containing %q", tc.o, err, tc.want)
		}
	}
}

// TestFilterAPicture filters a picture given as Image into Out.
func TestFilterAPicture(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.png"), filepath.Join(dir, "out.png")
	if err := saveGrey(in, checkerboard(40, 30)); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	o := Options{Kernel: "convolution", Image: in, Out: out, Reps: 1, Workers: []int{1}, Cores: 2}
	if err := Run(context.Background(), o, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "your 40x30 picture") {
		t.Errorf("the table does not say it filtered the picture:\n%s", stdout.String())
	}
	blurred, err := loadGrey(out)
	if err != nil {
		t.Fatal(err)
	}
	if blurred.Width != 40 || blurred.Height != 30 {
		t.Fatalf("the output is %dx%d, want 40x30", blurred.Width, blurred.Height)
	}
	// A blurred checkerboard has grey levels between black and white.
	grey := 0
	for _, p := range blurred.Pix {
		if p > 20 && p < 235 {
			grey++
		}
	}
	if grey < len(blurred.Pix)/2 {
		t.Errorf("only %d of %d pixels are grey: the picture was not blurred", grey, len(blurred.Pix))
	}
}

func checkerboard(w, h int) reference.Image {
	img := reference.Image{Width: w, Height: h, Pix: make([]uint8, w*h)}
	for y := range h {
		for x := range w {
			if (x+y)%2 == 0 {
				img.Pix[y*w+x] = 255
			}
		}
	}
	return img
}
