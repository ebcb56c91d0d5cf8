// Package p changes the API.
package p

// Limit is a constant.
const Limit = 16

// Box hides its contents.
type Box struct {
	Name  string
	Count int
}

// Add adds.
func (b *Box) Add(x int64) {}

// Sum sums.
func Sum(xs []int) int { return 0 }

// Extra is new.
func Extra() {}
