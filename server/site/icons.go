package site

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// The PNG icons draw the padlock of web/icon.svg, in the same 100×100
// coordinates, because manifests and iOS home screens want bitmaps.
var (
	iconBlue  = color.NRGBA{0x1d, 0x4e, 0xd8, 0xff}
	iconWhite = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

func writeIcons(web string) error {
	for _, size := range []int{192, 512} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, drawIcon(size)); err != nil {
			return err
		}
		name := filepath.Join(web, "icon-"+strconv.Itoa(size)+".png")
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// drawIcon samples the shape 4×4 times per pixel for smooth edges.
func drawIcon(size int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const samples = 4
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/samples) * 100 / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/samples) * 100 / float64(size)
					if c, ok := iconColor(x, y); ok {
						r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+255
					}
				}
			}
			if a > 0 {
				n := float64(samples * samples)
				img.SetNRGBA(px, py, color.NRGBA{uint8(r * 255 / a), uint8(g * 255 / a), uint8(b * 255 / a), uint8(a / n)})
			}
		}
	}
	return img
}

func iconColor(x, y float64) (color.NRGBA, bool) {
	if !inRoundRect(x, y, 0, 0, 100, 100, 22) {
		return color.NRGBA{}, false
	}
	keyhole := math.Hypot(x-50, y-60) <= 5 || (x >= 48.5 && x <= 51.5 && y >= 60 && y <= 70)
	body := inRoundRect(x, y, 24, 46, 76, 80, 6)
	d := math.Hypot(x-50, y-42)
	shackle := (y <= 42 && d <= 20 && d >= 13) || (y > 42 && y <= 50 && ((x >= 30 && x <= 37) || (x >= 63 && x <= 70)))
	if (body && !keyhole) || shackle {
		return iconWhite, true
	}
	return iconBlue, true
}

func inRoundRect(x, y, x0, y0, x1, y1, radius float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+radius, math.Min(x, x1-radius))
	cy := math.Max(y0+radius, math.Min(y, y1-radius))
	return math.Hypot(x-cx, y-cy) <= radius
}
