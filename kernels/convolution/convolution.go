// Package convolution filters a grey image with a small kernel in parallel,
// two ways: the notebook's decomposition into row strips that carry halo
// rows (what separate processes need, since they share no memory), and
// plain row ranges over shared memory (what goroutines allow). Both give
// exactly reference.Convolve's result: the same sums, in the same order.
package convolution

import (
	"sync"

	"parlab/kernels"
	"parlab/reference"
)

// Rows gives each of workers goroutines a contiguous range of output rows;
// all of them read the one shared input image.
func Rows(img reference.Image, k reference.Matrix, workers int) reference.Image {
	out := reference.Image{Width: img.Width, Height: img.Height, Pix: make([]uint8, len(img.Pix))}
	workers = kernels.Workers(workers, img.Height)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := kernels.Split(img.Height, workers, w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for y := lo; y < hi; y++ {
				convolveRow(img, k, y, out.Pix[y*img.Width:(y+1)*img.Width])
			}
		}()
	}
	wg.Wait()
	return out
}

// Strips is the notebook's decomposition: each worker receives its own
// copy of a strip of rows plus k.Rows/2 halo rows above and below (edge rows
// repeated at the image's borders), filters the strip independently, and
// the filtered strips are stacked in order. Copying the halo is the price
// of not sharing memory; goroutines could skip it (see Rows).
func Strips(img reference.Image, k reference.Matrix, workers int) reference.Image {
	workers = kernels.Workers(workers, img.Height)
	halo := k.Rows / 2
	filtered := make([][]uint8, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := kernels.Split(img.Height, workers, w)
		strip := withHalo(img, lo, hi, halo)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := make([]uint8, (hi-lo)*img.Width)
			for y := range hi - lo {
				convolveRow(strip, k, y+halo, out[y*img.Width:(y+1)*img.Width])
			}
			filtered[w] = out
		}()
	}
	wg.Wait()
	out := reference.Image{Width: img.Width, Height: img.Height, Pix: make([]uint8, 0, len(img.Pix))}
	for _, f := range filtered {
		out.Pix = append(out.Pix, f...)
	}
	return out
}

// withHalo copies rows [lo-halo, hi+halo) of img, repeating the first and
// last rows where that range leaves the image: exactly the rows that
// edge-padded filtering of rows [lo, hi) reads.
func withHalo(img reference.Image, lo, hi, halo int) reference.Image {
	strip := reference.Image{Width: img.Width, Height: hi - lo + 2*halo}
	strip.Pix = make([]uint8, 0, strip.Width*strip.Height)
	for y := lo - halo; y < hi+halo; y++ {
		src := min(max(y, 0), img.Height-1)
		strip.Pix = append(strip.Pix, img.Pix[src*img.Width:(src+1)*img.Width]...)
	}
	return strip
}

// convolveRow filters row y of img into out. Inside the image it reads
// the neighbourhood directly; near the left and right edges it clamps, as
// reference.ConvolvePixel does everywhere. Rows are clamped too, so a row
// near the top or bottom of img is edge-padded. The sums are formed in the
// reference's order, so the results are identical to it.
func convolveRow(img reference.Image, k reference.Matrix, y int, out []uint8) {
	hy, hx := k.Rows/2, k.Cols/2
	rows := make([][]uint8, k.Rows)
	for i := range rows {
		sy := min(max(y+i-hy, 0), img.Height-1)
		rows[i] = img.Pix[sy*img.Width : (sy+1)*img.Width]
	}
	w := img.Width
	for x := range w {
		if x < hx || x+hx >= w {
			sum := 0.0
			for i, row := range rows {
				for j := range k.Cols {
					sx := min(max(x+j-hx, 0), w-1)
					sum += float64(row[sx]) * k.Data[i*k.Cols+j]
				}
			}
			out[x] = reference.ToGrey(float32(sum))
			continue
		}
		sum := 0.0
		for i, row := range rows {
			window := row[x-hx : x-hx+k.Cols]
			kr := k.Data[i*k.Cols : (i+1)*k.Cols]
			for j, v := range window {
				sum += float64(v) * kr[j]
			}
		}
		out[x] = reference.ToGrey(float32(sum))
	}
}
