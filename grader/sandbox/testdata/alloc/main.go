// Command alloc allocates and touches PARLAB_ALLOC_MIB mebibytes, then
// says how many it holds: what the sandbox's cap on data must stop.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	mib, _ := strconv.Atoi(os.Getenv("PARLAB_ALLOC_MIB"))
	var keep [][]byte
	for range mib {
		b := make([]byte, 1<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		keep = append(keep, b)
	}
	fmt.Println("allocated", len(keep), "MiB")
}
