package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the watcher's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls until out holds want n times, or gives up after limit.
func waitFor(t *testing.T, out *syncBuffer, want string, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for strings.Count(out.String(), want) < n {
		if time.Now().After(deadline) {
			t.Fatalf("after %v, %q appeared fewer than %d times in:\n%s", limit, want, n, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWatchRegradesOnSave runs `grade watch` on a copy of the model answer,
// breaks the copy, sees the re-grade fail, fixes it and sees it pass, then
// stops with the context, as Ctrl-C does.
func TestWatchRegradesOnSave(t *testing.T) {
	if testing.Short() {
		t.Skip("grades an exercise three times")
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "solutions", "histogram", "histogram.go"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "histogram.go")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	finished := make(chan error, 1)
	go func() {
		finished <- run(ctx, &stdout, &stderr, []string{"grade", "watch", "histogram", "--dir", dir, "--no-speedup", "--debounce", "100ms"})
	}()
	limit := 2 * time.Minute // a generous bound for a busy machine; each grade takes seconds
	waitFor(t, &stdout, "no check failed", 1, limit)

	// A burst of saves, as an editor makes, must give one re-grade.
	broken := append(append([]byte{}, src...), []byte("\nfunc broken( {\n")...)
	for range 3 {
		if err := os.WriteFile(file, broken, 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitFor(t, &stdout, "failing: builds", 1, limit)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stdout, "no check failed", 2, limit)
	if n := strings.Count(stdout.String(), "score "); n != 3 {
		t.Errorf("%d reports for 1 start and 2 bursts of saves, want 3:\n%s", n, stdout.String())
	}
	cancel()
	select {
	case err := <-finished:
		if err != nil {
			t.Errorf("watch ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not stop after its context ended")
	}
	if !strings.Contains(stderr.String(), "stopped watching") {
		t.Errorf("no goodbye on stderr: %q", stderr.String())
	}
}

// TestWatchCancelsAStaleGrade saves again while a grade runs: the stale
// grade is abandoned, not printed.
func TestWatchCancelsAStaleGrade(t *testing.T) {
	if testing.Short() {
		t.Skip("grades an exercise")
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "solutions", "histogram", "histogram.go"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "histogram.go")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	finished := make(chan error, 1)
	go func() {
		finished <- run(ctx, &stdout, &stderr, []string{"grade", "watch", "histogram", "--dir", dir, "--no-speedup", "--debounce", "50ms"})
	}()
	// Save right away and again shortly after: the first grades are cut
	// short, and only the last one reports.
	for range 2 {
		time.Sleep(300 * time.Millisecond)
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, &stdout, "no check failed", 1, 2*time.Minute)
	time.Sleep(500 * time.Millisecond)
	if n := strings.Count(stdout.String(), "score "); n != 1 {
		t.Errorf("%d reports, want 1: the stale grades should have been dropped:\n%s", n, stdout.String())
	}
	cancel()
	<-finished
}
