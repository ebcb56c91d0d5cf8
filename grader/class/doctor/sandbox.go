package doctor

import "strings"

// Feature is one thing the sandbox that runs learner code can or cannot
// do on this machine (a Landlock ABI, a memory limit, ...).
type Feature struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
}

// SandboxLine reports the sandbox's features: OK when every one is
// available, a warning naming those that are not.
func SandboxLine(features []Feature) Line {
	l := Line{Name: "sandbox"}
	if len(features) == 0 {
		l.Status, l.Detail = Warn, "this build of grade does not report the sandbox's features"
		l.Fix = "update parlab (git pull)"
		return l
	}
	var have, missing []string
	for _, f := range features {
		s := f.Name
		if f.Detail != "" {
			s += " (" + f.Detail + ")"
		}
		if f.OK {
			have = append(have, s)
		} else {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		l.Status = Warn
		l.Detail = "missing: " + strings.Join(missing, ", ")
		if len(have) > 0 {
			l.Detail += "; available: " + strings.Join(have, ", ")
		}
		l.Fix = "learner code runs with less isolation here: grade untrusted submissions on a machine whose kernel offers these"
		return l
	}
	l.Status, l.Detail = OK, strings.Join(have, ", ")
	return l
}
