package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// writeTable prints t as the notebook does: workers, time mean ± std,
// speedup and efficiency, with the serial reference on top.
func writeTable(w io.Writer, t Table) error {
	fmt.Fprintf(w, "%s: %s (%d usable cores)\n", t.Kernel, t.Setup, t.Cores)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "variant\tworkers\ttime (mean ± std)\tspeedup\tefficiency\tvs serial\t\t")
	rows := append([]Row{t.Serial}, t.Rows...)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.2fx\t%.0f%%\t%.2fx\t%s\t\n", r.Variant, r.Workers, meanPM(r.Mean, r.Std),
			r.Speedup, 100*r.Efficiency, r.VsSerial, r.Result)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "speedup and efficiency: against the variant's own 1-worker run; vs serial: against the serial reference")
	return err
}

// meanPM formats a mean and standard deviation in the mean's unit.
func meanPM(mean, std time.Duration) string {
	unit, name := time.Millisecond, "ms"
	switch {
	case mean >= 10*time.Second:
		unit, name = time.Second, "s"
	case mean < 100*time.Microsecond:
		unit, name = time.Microsecond, "µs"
	}
	m, s := float64(mean)/float64(unit), float64(std)/float64(unit)
	return strings.TrimSpace(fmt.Sprintf("%.2f ± %.2f %s", m, s, name))
}
