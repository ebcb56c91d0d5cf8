package cpuinfo

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/shirou/gopsutil/v4/cpu"
)

func TestDescribe(t *testing.T) {
	arch := runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		name  string
		infos []cpu.InfoStat
		err   error
		want  string
	}{
		{"zen 3", []cpu.InfoStat{{VendorID: "AuthenticAMD", ModelName: "AMD EPYC 7B13", Family: "25", Model: "1"}}, nil,
			"AuthenticAMD AMD EPYC 7B13 (family 25, model 1), " + arch},
		{"apple silicon has no family", []cpu.InfoStat{{ModelName: "Apple M2"}}, nil, "Apple M2, " + arch},
		{"an error still names the architecture", nil, errors.New("no /proc"), "unknown CPU, " + arch},
		{"control characters are dropped", []cpu.InfoStat{{VendorID: "Genuine\x1b[2JIntel", ModelName: "Xeon\r\n"}}, nil, "Genuine[2JIntel Xeon, " + arch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := describe(tc.infos, tc.err).String(); !strings.HasPrefix(got, tc.want) {
				t.Errorf("describe = %q, want it to start with %q", got, tc.want)
			}
		})
	}
}

func TestThisNamesThisMachine(t *testing.T) {
	c := This()
	if c.Arch != runtime.GOOS+"/"+runtime.GOARCH || c.Threads != runtime.NumCPU() {
		t.Errorf("This() = %+v", c)
	}
	t.Logf("this machine: %s", c)
}
