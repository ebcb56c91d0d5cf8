package racefix

import (
	"fmt"
	"sync/atomic"
	"time"
)

type boot struct{}

// String runs while the package is initialised: fmt.Sprint calls it.
func (boot) String() string {
	go func() {
		tick := time.NewTicker(time.Millisecond)
		for range tick.C {
			ticks.Add(1)
		}
	}()
	return "booted"
}

var ticks atomic.Int64

var bootMsg = fmt.Sprint(boot{})
