#include "/etc/passwd"
#include "../../solutions/histogram/histogram.go"
