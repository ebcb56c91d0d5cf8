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
