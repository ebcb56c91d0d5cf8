package bench

import (
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // decode JPEG photos
	"image/png"
	"os"

	"parlab/reference"
)

// loadGrey reads a PNG or JPEG file and converts it to grey.
func loadGrey(path string) (reference.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return reference.Image{}, err
	}
	defer f.Close()
	src, format, err := image.Decode(f)
	if err != nil {
		return reference.Image{}, fmt.Errorf("%s is not a PNG or JPEG picture: %w", path, err)
	}
	_ = format
	b := src.Bounds()
	img := reference.Image{Width: b.Dx(), Height: b.Dy(), Pix: make([]uint8, b.Dx()*b.Dy())}
	for y := range img.Height {
		for x := range img.Width {
			g := color.GrayModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
			img.Pix[y*img.Width+x] = g.Y
		}
	}
	return img, nil
}

// saveGrey writes img as a PNG file.
func saveGrey(path string, img reference.Image) error {
	out := image.NewGray(image.Rect(0, 0, img.Width, img.Height))
	copy(out.Pix, img.Pix) // a Gray's stride is its width
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, out); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
