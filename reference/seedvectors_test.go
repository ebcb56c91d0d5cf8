package reference

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// seedDir is where the notebook's own outputs live: ../shared/seed-vectors
// beside the project root.
var seedDir = filepath.Join("..", "..", "shared", "seed-vectors")

func seedFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(seedDir, name)
	if _, err := os.Stat(seedDir); os.IsNotExist(err) {
		t.Skipf("seed vectors not found at %s (they live in ../shared beside the checkout)", seedDir)
	}
	return p
}

// readPGM reads a binary (P5) PGM with an 8-bit maxval.
func readPGM(t *testing.T, name string) Image {
	t.Helper()
	data, err := os.ReadFile(seedFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	var magic string
	var w, h, maxval int
	r := bytes.NewReader(data)
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxval); err != nil || magic != "P5" || maxval != 255 {
		t.Fatalf("%s: not an 8-bit P5 PGM (%v)", name, err)
	}
	pix := data[len(data)-w*h:]
	return Image{Width: w, Height: h, Pix: append([]uint8(nil), pix...)}
}

// readMatrix reads rows of whitespace-separated numbers.
func readMatrix(t *testing.T, name string) Matrix {
	t.Helper()
	f, err := os.Open(seedFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m Matrix
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if m.Cols != 0 && len(fields) != m.Cols {
			t.Fatalf("%s: row %d has %d columns, want %d", name, m.Rows, len(fields), m.Cols)
		}
		m.Cols = len(fields)
		for _, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			m.Data = append(m.Data, v)
		}
		m.Rows++
	}
	return m
}

var imageSizes = []string{"512x512", "97x131"}

func TestHistogramMatchesNotebook(t *testing.T) {
	for _, size := range imageSizes {
		t.Run(size, func(t *testing.T) {
			img := readPGM(t, "image_"+size+".pgm")
			want := readMatrix(t, "histogram_"+size+".txt")
			got := Histogram(img.Pix)
			if want.Rows != Bins {
				t.Fatalf("seed histogram has %d rows, want %d", want.Rows, Bins)
			}
			for i := range Bins {
				if float64(got[i]) != want.Data[i] {
					t.Fatalf("bin %d: got %d, notebook %v", i, got[i], want.Data[i])
				}
			}
		})
	}
}

func TestGaussianMatchesNotebook(t *testing.T) {
	for _, tc := range []struct {
		size  int
		sigma float64
		file  string
	}{{5, 1.5, "gaussian_5_1.5.txt"}, {3, 1.0, "gaussian_3_1.0.txt"}} {
		t.Run(tc.file, func(t *testing.T) {
			want := readMatrix(t, tc.file)
			got := Gaussian(tc.size, tc.sigma)
			if got.Rows != want.Rows || got.Cols != want.Cols {
				t.Fatalf("shape %dx%d, notebook %dx%d", got.Rows, got.Cols, want.Rows, want.Cols)
			}
			for i := range got.Data {
				if d := math.Abs(got.Data[i] - want.Data[i]); d > 1e-12 {
					t.Fatalf("weight %d: got %.17g, notebook %.17g (off by %g)", i, got.Data[i], want.Data[i], d)
				}
			}
		})
	}
}

func TestGaussianEvenSizeBumpedToOdd(t *testing.T) {
	k := Gaussian(4, 1.0)
	if k.Rows != 5 || k.Cols != 5 {
		t.Fatalf("Gaussian(4, 1) is %dx%d, want 5x5", k.Rows, k.Cols)
	}
	sum := 0.0
	for _, w := range k.Data {
		sum += w
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Fatalf("weights sum to %v, want 1", sum)
	}
}

func TestConvolveMatchesNotebook(t *testing.T) {
	for _, size := range imageSizes {
		for _, kern := range []struct {
			size  int
			sigma float64
			tag   string
		}{{5, 1.5, "gauss5_1.5"}, {3, 1.0, "gauss3_1.0"}} {
			t.Run(size+"/"+kern.tag, func(t *testing.T) {
				img := readPGM(t, "image_"+size+".pgm")
				want := readPGM(t, "filtered_"+size+"_"+kern.tag+".pgm")
				got := Convolve(img, Gaussian(kern.size, kern.sigma))
				worst := 0
				for i := range got.Pix {
					d := int(got.Pix[i]) - int(want.Pix[i])
					worst = max(worst, d, -d)
					if d > 1 || d < -1 {
						t.Fatalf("pixel (%d,%d): got %d, notebook %d", i/got.Width, i%got.Width, got.Pix[i], want.Pix[i])
					}
				}
				t.Logf("largest difference from the notebook: %d grey level(s)", worst)
			})
		}
	}
}

func TestMatMulMatchesNotebook(t *testing.T) {
	for _, n := range []string{"40", "7"} {
		t.Run(n, func(t *testing.T) {
			a := readMatrix(t, "matmul_"+n+"_A.txt")
			b := readMatrix(t, "matmul_"+n+"_B.txt")
			want := readMatrix(t, "matmul_"+n+"_C.txt")
			got := MatMul(a, b)
			if got.Rows != want.Rows || got.Cols != want.Cols {
				t.Fatalf("shape %dx%d, notebook %dx%d", got.Rows, got.Cols, want.Rows, want.Cols)
			}
			for i := range got.Data {
				if rel := math.Abs(got.Data[i]-want.Data[i]) / math.Max(math.Abs(want.Data[i]), 1e-300); rel > 1e-9 {
					t.Fatalf("C[%d][%d]: got %.17g, notebook %.17g", i/got.Cols, i%got.Cols, got.Data[i], want.Data[i])
				}
			}
		})
	}
}

func TestMatMulRejectsMismatchedShapes(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MatMul of 2x3 by 2x2 did not panic")
		}
	}()
	MatMul(Matrix{Rows: 2, Cols: 3, Data: make([]float64, 6)}, Matrix{Rows: 2, Cols: 2, Data: make([]float64, 4)})
}

// TestTestImageHasTheNotebookShapes checks TestImage by structure: the
// notebook's image and ours add noise in [-20, 19] to the same shapes, so
// every pixel is within 39 grey levels of the notebook's.
func TestTestImageHasTheNotebookShapes(t *testing.T) {
	for _, size := range imageSizes {
		t.Run(size, func(t *testing.T) {
			want := readPGM(t, "image_"+size+".pgm")
			got := TestImage(want.Width, want.Height, 42)
			if len(got.Pix) != len(want.Pix) {
				t.Fatalf("%d pixels, want %d", len(got.Pix), len(want.Pix))
			}
			for i := range got.Pix {
				if d := int(got.Pix[i]) - int(want.Pix[i]); d > 39 || d < -39 {
					t.Fatalf("pixel (%d,%d): %d, notebook %d: more than 39 apart", i/got.Width, i%got.Width, got.Pix[i], want.Pix[i])
				}
			}
		})
	}
}

func TestTestImageIsDeterministicPerSeed(t *testing.T) {
	a, b, c := TestImage(64, 48, 1), TestImage(64, 48, 1), TestImage(64, 48, 2)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Fatal("same seed gave different images")
	}
	if bytes.Equal(a.Pix, c.Pix) {
		t.Fatal("different seeds gave the same image")
	}
}

func TestHistogramCountsEveryPixel(t *testing.T) {
	for _, tc := range []struct {
		in   []uint8
		want map[int]int
	}{
		{nil, map[int]int{}},
		{[]uint8{0}, map[int]int{0: 1}},
		{[]uint8{255, 255, 3}, map[int]int{255: 2, 3: 1}},
	} {
		got := Histogram(tc.in)
		for i, n := range got {
			if n != tc.want[i] {
				t.Errorf("Histogram(%v)[%d] = %d, want %d", tc.in, i, n, tc.want[i])
			}
		}
	}
}
