// Package p is an API fixture.
package p

// Limit is a constant.
const Limit = 8

// Box hides its contents.
type Box struct {
	Name  string
	items []int
}

// Add adds.
func (b *Box) Add(x int) { b.items = append(b.items, x) }

// Sum sums.
func Sum(xs []int, workers int) int { return 0 }

func helper() {}
