package phaselock

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"parlab/grader/history"
	"parlab/internal/racetest"
)

// TestExclusiveRunsAlone has shared holders and exclusive holders race;
// an exclusive holder must never see anyone else inside.
func TestExclusiveRunsAlone(t *testing.T) {
	// A private lock folder: the machine-wide one is shared with whatever
	// else is grading now, which would only slow this test down.
	t.Setenv(history.DirEnv, t.TempDir())
	var inside, shared atomic.Int32
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if i%4 == 0 {
					release, err := Exclusive(context.Background())
					if err != nil {
						t.Error(err)
						return
					}
					if n := inside.Add(1); n != 1 || shared.Load() != 0 {
						t.Errorf("an exclusive holder found %d others inside (%d shared)", n-1, shared.Load())
					}
					time.Sleep(100 * time.Microsecond)
					inside.Add(-1)
					release()
				} else {
					release, err := Shared(context.Background())
					if err != nil {
						t.Error(err)
						return
					}
					shared.Add(1)
					if inside.Load() != 0 {
						t.Error("a shared holder got in beside an exclusive one")
					}
					time.Sleep(100 * time.Microsecond)
					shared.Add(-1)
					release()
				}
			}
		}()
	}
	wg.Wait()
}

// TestTheLockFolderIsPrivate: the lock lives in the cache folder, 0700,
// not in the shared temporary folder where learner code could take it.
func TestTheLockFolderIsPrivate(t *testing.T) {
	base := t.TempDir()
	t.Setenv(history.DirEnv, base)
	if err := os.MkdirAll(filepath.Join(base, "locks"), 0o777); err != nil {
		t.Fatal(err)
	}
	release, err := Shared(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	release()
	info, err := os.Stat(filepath.Join(base, "locks"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 && runtime.GOOS != "windows" {
		t.Errorf("the lock folder is %v, want 0700", perm)
	}
	if _, err := os.Stat(filepath.Join(base, "locks", FileName)); err != nil {
		t.Errorf("no lock file in the lock folder: %v", err)
	}
}

// TestAWaitEndsWithItsContext: a measurement waiting behind a shared
// holder of this process, and a shared phase waiting behind that
// measurement, both give up when their context is cancelled, and leave the
// lock usable.
func TestAWaitEndsWithItsContext(t *testing.T) {
	t.Setenv(history.DirEnv, t.TempDir())
	release, err := Shared(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan error, 2)
	go func() {
		_, err := Exclusive(ctx)
		results <- err
	}()
	// Once the measurement waits, a new shared phase waits behind it.
	for !waitingWriter() {
		time.Sleep(time.Millisecond)
	}
	go func() {
		_, err := Shared(ctx)
		results <- err
	}()
	cancel()
	for range 2 {
		if err := <-results; !errors.Is(err, context.Canceled) {
			t.Errorf("a cancelled wait returned %v, want context.Canceled", err)
		}
	}
	// A wait that took the lock anyway leaked it: the Exclusive below
	// would wait for it for ever.
	local.mu.Lock()
	readers, writer := local.readers, local.writer
	local.mu.Unlock()
	if readers != 1 || writer {
		t.Fatalf("after two cancelled waits the lock has %d readers (writer %v), want the 1 that holds it", readers, writer)
	}
	release()
	again, err := Exclusive(context.Background())
	if err != nil {
		t.Fatalf("the lock is unusable after cancelled waits: %v", err)
	}
	again()
}

// TestAWaitHasADeadline: behind a holder that never lets go, a wait ends
// after maxWait with an error that says what it waited for, both behind
// another phase of this process and behind another process.
func TestAWaitHasADeadline(t *testing.T) {
	t.Setenv(history.DirEnv, t.TempDir())
	maxWait = 50 * time.Millisecond
	defer func() { maxWait = MaxWait }()
	release, err := Exclusive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Shared(context.Background())
	if err == nil || !strings.Contains(err.Error(), "another phase of this grade") {
		t.Errorf("behind a phase of this process: %v", err)
	}
	// The same file locked through another descriptor is what another
	// process's hold looks like.
	local.unlock(true)
	_, err = Shared(context.Background())
	if err == nil || !strings.Contains(err.Error(), "another grade process") || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("behind another process: %v", err)
	}
	local.lock(context.Background(), true)
	release()
}

func waitingWriter() bool {
	local.mu.Lock()
	defer local.mu.Unlock()
	return local.writers > 0
}

// The helper modes of this test binary: hold the lock until stdin closes,
// or wait for it until SIGTERM.
const helperEnv = "PARLAB_PHASELOCK_HELPER"

func TestMain(m *testing.M) {
	racetest.Reexec()
	switch os.Getenv(helperEnv) {
	case "hold":
		release, err := Exclusive(context.Background())
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("held")
		bufio.NewReader(os.Stdin).ReadString('\n')
		release()
		os.Exit(0)
	case "wait":
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		fmt.Println("waiting")
		release, err := Exclusive(ctx)
		if err != nil {
			fmt.Println("gave up:", err)
			os.Exit(3)
		}
		release()
		fmt.Println("took the lock")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestAWaitEndsOnSIGTERM: one process holds the lock, another waits for
// it; SIGTERM to the waiter ends its wait (it gives up with the context's
// error) while the holder still holds the lock.
func TestAWaitEndsOnSIGTERM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows cannot send SIGTERM to a process")
	}
	dir := t.TempDir()
	helper := func(mode string) (*exec.Cmd, *bufio.Reader) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"="+mode, history.DirEnv+"="+dir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if mode == "hold" {
			// The holder holds until this pipe closes.
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdin = pr
			t.Cleanup(func() { pw.Close() })
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd, bufio.NewReader(stdout)
	}
	_, holderOut := helper("hold")
	if line, _ := holderOut.ReadString('\n'); line != "held\n" {
		t.Fatalf("the holder says %q", line)
	}
	waiter, waiterOut := helper("wait")
	if line, _ := waiterOut.ReadString('\n'); line != "waiting\n" {
		t.Fatalf("the waiter says %q", line)
	}
	if err := waiter.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := waiterOut.ReadString(0)
	err := waiter.Wait()
	if code := waiter.ProcessState.ExitCode(); code != 3 || !strings.Contains(rest, "gave up: context canceled") {
		t.Fatalf("after SIGTERM the waiter exited %d (%v) saying %q; want 3, gave up: context canceled", code, err, rest)
	}
}

// TestAWaitingExclusiveGoesFirstAcrossProcesses: the file lock is what
// separates grade processes (each fileLock call has its own descriptors,
// as another process would). While one shared holder is inside and an
// exclusive taker waits, a new shared taker must wait too: with flock(2)
// alone it got in at once, and overlapping shared holders of several
// processes kept a timing run out until MaxWait.
func TestAWaitingExclusiveGoesFirstAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := fileLock(ctx, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	order := make(chan string, 2)
	writerIn := make(chan func())
	go func() {
		unlock, err := fileLock(ctx, dir, true)
		if err != nil {
			t.Error(err)
			close(writerIn)
			return
		}
		order <- "exclusive"
		writerIn <- unlock
	}()
	// Wait until the exclusive taker is at the gate.
	for {
		probe := flock.New(filepath.Join(dir, GateName))
		ok, err := probe.TryRLock()
		if err != nil {
			t.Fatal(err)
		}
		probe.Close()
		if !ok {
			break
		}
		time.Sleep(time.Millisecond)
	}
	gated := make(chan struct{})
	saved := gateWait
	t.Cleanup(func() { gateWait = saved })
	gateWait = func() { close(gated) }
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		unlock, err := fileLock(ctx, dir, false)
		if err != nil {
			t.Error(err)
			return
		}
		order <- "shared"
		unlock()
	}()
	select {
	case <-gated: // waiting behind the exclusive taker, as it must
	case who := <-order:
		t.Fatalf("a new shared taker got in (%s) while an exclusive one waited behind a shared holder", who)
	}
	first()
	if unlock, ok := <-writerIn; ok {
		unlock()
	}
	<-readerDone
	if a, b := <-order, <-order; a != "exclusive" || b != "shared" {
		t.Errorf("order %s, %s; want exclusive, shared", a, b)
	}
}
