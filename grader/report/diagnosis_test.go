package report

import (
	"bytes"
	"testing"
	"time"

	"parlab/grader/verdict"
	"parlab/internal/golden"
)

// slowSample is a result whose faster check failed and was diagnosed.
func slowSample() *verdict.Result {
	r := sample()
	r.Checks[4] = verdict.Check{Name: verdict.RaceFree, Status: verdict.Pass, MaxScore: 1, Message: "no data race"}
	r.Checks[7] = verdict.Check{Name: verdict.Faster, Status: verdict.Fail, MaxScore: 2,
		Message: "1.08x faster than the serial reference at 2 workers; 1.49x was required",
		Hint: "load-imbalance: split the work into equal shares (n*i/workers to n*(i+1)/workers), or hand out many " +
			"small chunks from a shared counter or channel so that a worker that finishes early takes more"}
	r.Speedup.Speedup, r.Speedup.SpeedupLow, r.Speedup.SpeedupHigh = 1.08, 1.02, 1.13
	r.Speedup.SelfSpeedup, r.Speedup.SelfSpeedupLow, r.Speedup.SelfSpeedupHigh = 1.1, 1.05, 1.16
	r.Speedup.Diagnosis = &verdict.Diagnosis{
		Cause: "load-imbalance", Cost: 0.42,
		Summary:    "the workers' busy time was uneven (99%, 8% of the call's wall time each): 42% of the cores' time was lost waiting for the slowest",
		Hint:       "split the work into equal shares (n*i/workers to n*(i+1)/workers), or hand out many small chunks from a shared counter or channel so that a worker that finishes early takes more",
		Figures:    map[string]float64{"busy": 0.537, "imbalance": 0.42, "goroutines": 2},
		WorkerBusy: []float64{0.991, 0.081}, Traced: 17 * time.Millisecond, Took: 420 * time.Millisecond,
	}
	r.Tally()
	return r
}

func TestDiagnosisGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, slowSample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "text-diagnosis.golden", b.Bytes())
	b.Reset()
	if err := JSON(&b, slowSample()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "result-diagnosis.json.golden", b.Bytes())
}

func TestDiagnosisInference(t *testing.T) {
	r := slowSample()
	d := r.Speedup.Diagnosis
	d.Cause, d.Inference, d.Partial, d.Location = "memory-bound", true, true, "histogram.go:31"
	var b bytes.Buffer
	r.Checks[7].Status, r.Checks[7].Hint = verdict.Pass, "" // a narrow pass: no hint under the check
	r.Tally()
	Text(&b, r, TextOptions{})
	for _, want := range []string{"an inference", "at histogram.go:31", "its first 17ms", "what to do: split"} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("the report does not say %q:\n%s", want, b.String())
		}
	}
}
