package histogramtests

import (
	"encoding/binary"
	"testing"
)

// splitMix64 is value i (from 0) of the SplitMix64 stream seeded with
// seed, written the textbook way.
func splitMix64(seed uint64, i int) uint64 {
	z := seed + uint64(i+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// TestFillPixelsWritesTheStream: every eight pixels are the stream's next
// value, little-endian, and a range filled on its own (as measure.Fill
// hands ranges to the cores) holds what one pass over the whole would.
func TestFillPixelsWritesTheStream(t *testing.T) {
	const words = 1000
	for _, cuts := range [][]int{{0, words}, {0, 1, 333, 334, 999, words}} {
		p := make([]uint8, 8*words+3) // a tail the fill must leave alone
		for i := 1; i < len(cuts); i++ {
			fillPixels(p, 42, cuts[i-1], cuts[i])
		}
		for i := range words {
			if got, want := binary.LittleEndian.Uint64(p[8*i:]), splitMix64(42, i); got != want {
				t.Fatalf("cuts %v: word %d is %#x, want %#x", cuts, i, got, want)
			}
		}
		if tail := p[8*words:]; tail[0]|tail[1]|tail[2] != 0 {
			t.Fatalf("cuts %v: the bytes past the last word were written: %v", cuts, tail)
		}
	}
}
