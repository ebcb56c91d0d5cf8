package doctor

import (
	"fmt"
	"parlab/internal/cpuinfo"
	"strings"

	"parlab/grader/contract/speedup"
	"parlab/internal/textcut"
)

// Cores is what limits the cores this process may use.
type Cores struct {
	// Affinity is the CPUs in this process's affinity mask.
	Affinity int
	// Quota is the whole cores a cgroup CPU quota allows; 0 for none.
	Quota int
	// Usable is what the faster check uses: Affinity capped by Quota.
	Usable int
	// CPU names the processor.
	CPU cpuinfo.CPU
}

// checkCPU names the processor: the same code's speed differs between
// CPUs, so an instructor proves the faster check on the grading machines
// with `grade verify --speed N`.
func checkCPU(c Cores) Line {
	return Line{Name: "CPU", Status: OK, Detail: c.CPU.String() + " (speed figures hold for this processor: `grade verify --speed 3` proves the faster check on it)"}
}

func checkCores(c Cores) Line {
	l := Line{Name: "cores", Detail: fmt.Sprintf("%d usable (%d in this process's CPU affinity, %s)", c.Usable, c.Affinity, quota(c.Quota))}
	if c.Usable < 2 {
		l.Status = Warn
		l.Fix = "the faster check needs 2 or more cores and will be skipped here: grade on a machine (or give the container) more cores"
		return l
	}
	l.Status = OK
	return l
}

func quota(q int) string {
	if q == 0 {
		return "no cgroup CPU quota"
	}
	return fmt.Sprintf("a cgroup CPU quota of %d", q)
}

func checkQuiet(p int, cfg Config, calibrate func(int) float64) Line {
	l := Line{Name: "quiet machine"}
	switch {
	case p < 2:
		l.Status, l.Detail = Warn, "not measured: one usable core"
		l.Fix = "see the cores line"
		return l
	case !cfg.Measure:
		l.Status, l.Detail = OK, "not measured (--no-measure)"
		return l
	}
	cal := calibrate(p)
	var bars, skipped []string
	for _, s := range cfg.Exercises {
		if s.Alpha <= 0 {
			continue
		}
		bars = append(bars, fmt.Sprintf("%s >= %.2fx", s.Name, speedup.Bar(s.Alpha, cal)))
		if s.Alpha*(cal-1) < speedup.DefaultThresholds.MinMargin {
			skipped = append(skipped, s.Name)
		}
	}
	l.Detail = fmt.Sprintf("a perfectly parallel kernel ran %.2fx faster on %d cores just now (%.0f%% of ideal)", cal, p, 100*cal/float64(p))
	if len(bars) > 0 {
		l.Detail += "; the faster check would ask at most " + strings.Join(bars, ", ")
	}
	if len(skipped) > 0 {
		l.Status = Warn
		l.Fix = fmt.Sprintf("the machine is too busy for the faster check of %s, which would be skipped now: close other programs (or wait for other jobs) and run grade doctor again",
			strings.Join(skipped, ", "))
		return l
	}
	l.Status = OK
	return l
}

func checkCaches(env map[string]string, p Probes) Line {
	l := Line{Name: "cache folders"}
	type folder struct{ name, dir, fix string }
	folders := []folder{
		{"GOCACHE", env["GOCACHE"], "go env -w GOCACHE=<a writable folder>"},
		{"GOMODCACHE", env["GOMODCACHE"], "go env -w GOMODCACHE=<a writable folder>"},
		{"temporary folder", p.TempDir(), "point TMPDIR (Windows: TEMP) at a writable folder"},
	}
	var bad, fixes, good []string
	for _, f := range folders {
		var err error
		switch {
		case f.dir == "" && env["GOVERSION"] == "":
			continue // no go command: the Go line says so
		case f.dir == "", f.dir == "off":
			err = fmt.Errorf("unset or off")
		default:
			err = p.Writable(f.dir)
		}
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s %s is not writable: %s", f.name, f.dir, textcut.FirstLine(strings.TrimSpace(err.Error()))))
			fixes = append(fixes, f.fix)
			continue
		}
		good = append(good, f.name)
	}
	if len(bad) > 0 {
		l.Status, l.Detail, l.Fix = Fail, strings.Join(bad, "; "), strings.Join(fixes, "; ")
		return l
	}
	l.Status, l.Detail = OK, strings.Join(good, ", ")+" writable"
	return l
}
