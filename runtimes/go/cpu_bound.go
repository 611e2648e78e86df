// cpu-bound: T tasks of sum(i*i for i in range(n)), as pyvs_py.cpu_bound
// computes them: one goroutine in turn (serial), or W goroutines taking the
// tasks one at a time (goroutines). The sums exceed 64 bits: each task adds
// into a 128-bit total (math/bits), printed in decimal.
//
//	cpu_bound serial|goroutines N TASKS WORKERS
package main

import (
	"fmt"
	"math/big"
	"math/bits"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
)

// u128 is a 128-bit unsigned total.
type u128 struct{ hi, lo uint64 }

func (a u128) add(b u128) u128 {
	lo, carry := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, carry)
	return u128{hi, lo}
}

// task is one task's sum of squares; i*i fits in 64 bits for n up to 2^32.
//
//go:noinline
func task(n uint64) u128 {
	var total u128
	for i := uint64(0); i < n; i++ {
		total = total.add(u128{0, i * i})
	}
	return total
}

func (a u128) String() string {
	value := new(big.Int).SetUint64(a.hi)
	value.Lsh(value, 64)
	return value.Add(value, new(big.Int).SetUint64(a.lo)).String()
}

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: cpu_bound serial|goroutines N TASKS WORKERS")
		os.Exit(2)
	}
	n, _ := strconv.ParseUint(os.Args[2], 10, 64)
	tasks, _ := strconv.Atoi(os.Args[3])
	workers, _ := strconv.Atoi(os.Args[4])
	var total u128
	switch os.Args[1] {
	case "serial":
		for k := 0; k < tasks; k++ {
			total = total.add(task(n))
		}
	case "goroutines":
		var next int64 = -1
		var lock sync.Mutex
		var group sync.WaitGroup
		group.Add(workers)
		for w := 0; w < workers; w++ {
			go func() {
				defer group.Done()
				var mine u128
				for atomic.AddInt64(&next, 1) < int64(tasks) {
					mine = mine.add(task(n))
				}
				lock.Lock()
				total = total.add(mine)
				lock.Unlock()
			}()
		}
		group.Wait()
	default:
		fmt.Fprintln(os.Stderr, "mode: serial or goroutines")
		os.Exit(2)
	}
	fmt.Printf("{\"result\": \"%s\"}\n", total)
}
