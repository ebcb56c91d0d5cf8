package reference

import "strings"

// WordFreq counts the whitespace-separated words of docs, serially.
func WordFreq(docs []string) map[string]int {
	freq := map[string]int{}
	for _, d := range docs {
		for _, w := range strings.Fields(d) {
			freq[w]++
		}
	}
	return freq
}

// FindFirst returns the smallest index i with xs[i] == target, or -1.
func FindFirst(xs []int, target int) int {
	for i, x := range xs {
		if x == target {
			return i
		}
	}
	return -1
}
