// Package cpuinfo names the processor this process runs on, for every
// speed measurement to carry: the same loop can run twice as fast on one
// CPU as on another (an AMD EPYC Zen 3 made the serial histogram's speed
// depend on where its arrays landed in memory; an Intel Xeon did not), so
// a class's speed figures are read per machine.
package cpuinfo

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/shirou/gopsutil/v4/cpu"
)

// CPU describes a processor. Fields the system does not report are empty.
type CPU struct {
	// Vendor is the vendor's CPUID string, e.g. "GenuineIntel",
	// "AuthenticAMD" (empty on Apple silicon).
	Vendor string `json:"vendor,omitempty"`
	// ModelName is the marketing name, e.g. "AMD EPYC 7B13".
	ModelName string `json:"model_name,omitempty"`
	// Family and Model are the CPUID family and model numbers (x86).
	Family string `json:"family,omitempty"`
	Model  string `json:"model,omitempty"`
	// Arch is GOOS/GOARCH.
	Arch string `json:"arch"`
	// Threads is the logical CPUs the system has (runtime.NumCPU).
	Threads int `json:"threads"`
}

// String reads like "AuthenticAMD AMD EPYC 7B13 (family 25, model 1),
// linux/amd64, 2 threads".
func (c CPU) String() string {
	name := strings.TrimSpace(strings.Join(strings.Fields(c.Vendor+" "+c.ModelName), " "))
	if name == "" {
		name = "unknown CPU"
	}
	if c.Family != "" || c.Model != "" {
		name += fmt.Sprintf(" (family %s, model %s)", orDash(c.Family), orDash(c.Model))
	}
	return fmt.Sprintf("%s, %s, %d threads", name, c.Arch, c.Threads)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// This is the processor of this machine, read once.
var This = sync.OnceValue(func() CPU { return describe(cpu.Info()) })

// describe turns gopsutil's per-CPU records into one CPU (the first
// record: graders run on one socket type).
func describe(infos []cpu.InfoStat, err error) CPU {
	c := CPU{Arch: runtime.GOOS + "/" + runtime.GOARCH, Threads: runtime.NumCPU()}
	if err != nil || len(infos) == 0 {
		return c
	}
	i := infos[0]
	c.Vendor, c.ModelName = clean(i.VendorID), clean(i.ModelName)
	c.Family, c.Model = clean(i.Family), clean(i.Model)
	return c
}

// clean keeps printable characters only: the strings come from the
// system and end up in terminals, CSV and HTML.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s))
}
