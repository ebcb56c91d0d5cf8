package histogramtests

import (
	"testing"

	"parlab/internal/racetest"
)

// TestMain ends the race-enabled test binary without the race runtime's
// second of sleep at exit (racetest.Main).
func TestMain(m *testing.M) { racetest.Main(m) }
