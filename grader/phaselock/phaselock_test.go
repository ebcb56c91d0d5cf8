package phaselock

import (
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestExclusiveRunsAlone has shared holders and exclusive holders race;
// an exclusive holder must never see anyone else inside.
func TestExclusiveRunsAlone(t *testing.T) {
	// A private lock file: the machine-wide one is shared with whatever
	// else is grading now, which would only slow this test down.
	dir := t.TempDir()
	lockDir = func() string { return dir }
	defer func() { lockDir = os.TempDir }()
	var inside, shared atomic.Int32
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if i%4 == 0 {
					release := Exclusive()
					if n := inside.Add(1); n != 1 || shared.Load() != 0 {
						t.Errorf("an exclusive holder found %d others inside (%d shared)", n-1, shared.Load())
					}
					time.Sleep(100 * time.Microsecond)
					inside.Add(-1)
					release()
				} else {
					release := Shared()
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
