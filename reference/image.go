package reference

import (
	"math"
	"math/rand/v2"
)

// An Image is a grey-scale picture stored row-major: the pixel at row y,
// column x is Pix[y*Width+x].
type Image struct {
	Width, Height int
	Pix           []uint8
}

// At returns the pixel at row y, column x.
func (img Image) At(y, x int) uint8 { return img.Pix[y*img.Width+x] }

// A Matrix is a dense matrix of float64 stored row-major: the element at
// row i, column j is Data[i*Cols+j].
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// At returns the element at row i, column j.
func (m Matrix) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// TestImage is the notebook's create_test_image: a vertical grey gradient, a
// bright rectangle (rows 100-199, columns 100-299, level 200), a circle of
// radius 80 at the centre (level 150) drawn over it, and uniform noise in
// [-20, 19] from a generator seeded with seed, clipped to [0, 255]. The
// noise differs from numpy's, the shapes are the same.
func TestImage(width, height int, seed uint64) Image {
	img := Image{Width: width, Height: height, Pix: make([]uint8, width*height)}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	cy, cx := height/2, width/2
	const radius = 80
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			v := 255 * y / height
			if y >= 100 && y < 200 && x >= 100 && x < 300 {
				v = 200
			}
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= radius*radius {
				v = 150
			}
			v += rng.IntN(40) - 20
			img.Pix[y*width+x] = uint8(min(max(v, 0), 255))
		}
	}
	return img
}

// Gaussian is the notebook's create_gaussian_kernel: a size x size matrix
// of exp(-(x²+y²)/(2σ²)) normalised to sum to 1. An even size is bumped to
// the next odd one so that the kernel has a centre.
func Gaussian(size int, sigma float64) Matrix {
	if size%2 == 0 {
		size++
	}
	k := Matrix{Rows: size, Cols: size, Data: make([]float64, size*size)}
	half := size / 2
	sum := 0.0
	for i := 0; i < size; i++ {
		for j := 0; j < size; j++ {
			dy, dx := float64(i-half), float64(j-half)
			w := math.Exp(-(dx*dx + dy*dy) / (2 * sigma * sigma))
			k.Data[i*size+j] = w
			sum += w
		}
	}
	for i := range k.Data {
		k.Data[i] /= sum
	}
	return k
}

// Convolve is the notebook's apply_filter_serial: every output pixel is the
// kernel-weighted sum of its neighbourhood, with the image's edge pixels
// repeated outwards (edge padding). Sums are float64, stored as float32,
// clipped to [0, 255] and truncated to uint8, exactly as the notebook does.
func Convolve(img Image, k Matrix) Image {
	out := Image{Width: img.Width, Height: img.Height, Pix: make([]uint8, len(img.Pix))}
	for y := 0; y < img.Height; y++ {
		for x := 0; x < img.Width; x++ {
			out.Pix[y*img.Width+x] = ConvolvePixel(img, k, y, x)
		}
	}
	return out
}

// ConvolvePixel is one output pixel of Convolve, for parallel kernels that
// split the image and must agree with Convolve bit for bit.
func ConvolvePixel(img Image, k Matrix, y, x int) uint8 {
	hy, hx := k.Rows/2, k.Cols/2
	sum := 0.0
	for i := 0; i < k.Rows; i++ {
		sy := clamp(y+i-hy, 0, img.Height-1)
		row := img.Pix[sy*img.Width : (sy+1)*img.Width]
		for j := 0; j < k.Cols; j++ {
			sx := clamp(x+j-hx, 0, img.Width-1)
			sum += float64(row[sx]) * k.Data[i*k.Cols+j]
		}
	}
	return ToGrey(float32(sum))
}

// ToGrey clips v to [0, 255] and truncates it to a grey level, as numpy's
// np.clip(v, 0, 255).astype(np.uint8) does.
func ToGrey(v float32) uint8 {
	return uint8(min(max(v, 0), 255))
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
