package gotest

import (
	"bytes"
	"strings"
	"testing"
)

func TestHeadTailKeepsBothEnds(t *testing.T) {
	h := newHeadTail(10)
	h.Write([]byte("HEAD-"))
	h.Write(bytes.Repeat([]byte("x"), 1000))
	h.Write([]byte("-TAIL"))
	got := string(h.Bytes())
	if !strings.HasPrefix(got, "HEAD-") || !strings.HasSuffix(got, "-TAIL") || !strings.Contains(got, "1000 bytes of output dropped") {
		t.Fatalf("got %q", got)
	}
}

func TestHeadTailSmallOutputUntouched(t *testing.T) {
	h := newHeadTail(100)
	h.Write([]byte("hello "))
	h.Write([]byte("world"))
	if got := string(h.Bytes()); got != "hello world" {
		t.Fatalf("got %q", got)
	}
}

// TestRefusedMemory: the kernel's refusal of memory, as the Go runtime
// and the race detector say it, counts as running out of memory.
func TestRefusedMemory(t *testing.T) {
	for _, tc := range []struct {
		stderr string
		want   bool
	}{
		{"fatal error: runtime: out of memory\n\nruntime stack:\n", true},
		{"==123==ERROR: ThreadSanitizer failed to allocate 0x2000000 (33554432) bytes at address 306022000000 (errno: 12)\n", true},
		{"panic: runtime error: index out of range [3] with length 3\n", false},
		{"", false},
	} {
		if got := RefusedMemory([]byte(tc.stderr)); got != tc.want {
			t.Errorf("RefusedMemory(%q) = %v, want %v", tc.stderr, got, tc.want)
		}
	}
}
