package convolution

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"parlab/reference"
)

var variants = []struct {
	name string
	run  func(reference.Image, reference.Matrix, int) reference.Image
}{
	{"Rows", Rows},
	{"Strips", Strips},
}

func TestEqualsReference(t *testing.T) {
	for _, size := range []struct{ w, h int }{{512, 512}, {97, 131}, {131, 97}, {1, 1}, {2, 2}, {3, 200}, {200, 3}} {
		img := reference.TestImage(size.w, size.h, 42)
		for _, k := range []struct {
			size  int
			sigma float64
		}{{5, 1.5}, {3, 1.0}, {7, 2.0}} {
			if size.w*size.h > 100_000 && k.size != 5 {
				continue // the notebook's image with its own kernel is enough; the rest is slow under -race
			}
			kernel := reference.Gaussian(k.size, k.sigma)
			want := reference.Convolve(img, kernel)
			workerCounts := []int{1, 2, 3, 4, 7, 16, 0}
			if size.w*size.h > 100_000 {
				// The splits' edge cases are covered by the small odd
				// sizes; the large image only has to agree at all (each
				// run takes over a second under -race).
				workerCounts = []int{3, 0}
			}
			for _, v := range variants {
				for _, workers := range workerCounts {
					t.Run(fmt.Sprintf("%s/%dx%d/k%d/w%d", v.name, size.w, size.h, k.size, workers), func(t *testing.T) {
						got := v.run(img, kernel, workers)
						// cmp.Diff walks 262 144 pixels by reflection, seconds
						// under -race: it only explains a difference.
						if sameImage(want, got) {
							return
						}
						if diff := cmp.Diff(want, got); diff != "" {
							t.Fatalf("differs from reference.Convolve (-want +got):\n%s", diff)
						}
					})
				}
			}
		}
	}
}

// sameImage reports whether two images have the same size and pixels.
func sameImage(a, b reference.Image) bool {
	return a.Width == b.Width && a.Height == b.Height && slices.Equal(a.Pix, b.Pix)
}

func TestInputUntouched(t *testing.T) {
	img := reference.TestImage(64, 48, 1)
	orig := append([]uint8(nil), img.Pix...)
	for _, v := range variants {
		v.run(img, reference.Gaussian(5, 1.5), 3)
		if diff := cmp.Diff(orig, img.Pix); diff != "" {
			t.Fatalf("%s modified its input:\n%s", v.name, diff)
		}
	}
}

func BenchmarkConvolution(b *testing.B) {
	img := reference.TestImage(512, 512, 42)
	k := reference.Gaussian(5, 1.5)
	b.Run("serial", func(b *testing.B) {
		for b.Loop() {
			reference.Convolve(img, k)
		}
	})
	for _, v := range variants {
		for _, w := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s/workers=%d", v.name, w), func(b *testing.B) {
				for b.Loop() {
					v.run(img, k, w)
				}
			})
		}
	}
}
