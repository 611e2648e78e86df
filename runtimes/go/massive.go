// massive: T goroutines, each sleeping d, all waited for; prints how many
// woke and the rise of the process's peak resident memory over its resident
// memory before the first goroutine, per goroutine, as pyvs_py.massive does.
//
//	massive TASKS SLEEP_MS
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// status reads VmRSS and VmHWM of this process, in bytes.
func status() (rss, hwm int64) {
	file, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer file.Close()
	lines := bufio.NewScanner(file)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) < 2 {
			continue
		}
		kib, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			rss = kib * 1024
		case "VmHWM:":
			hwm = kib * 1024
		}
	}
	return rss, hwm
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: massive TASKS SLEEP_MS")
		os.Exit(2)
	}
	tasks, _ := strconv.Atoi(os.Args[1])
	sleepMS, _ := strconv.Atoi(os.Args[2])
	delay := time.Duration(sleepMS) * time.Millisecond
	// Reset the peak to the resident memory now (clear_refs 5).
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	before, _ := status()
	var woke int64
	var group sync.WaitGroup
	group.Add(tasks)
	for i := 0; i < tasks; i++ {
		go func() {
			time.Sleep(delay)
			atomic.AddInt64(&woke, 1)
			group.Done()
		}()
	}
	group.Wait()
	if int(woke) != tasks {
		fmt.Fprintf(os.Stderr, "%d of %d tasks woke\n", woke, tasks)
		os.Exit(1)
	}
	_, peak := status()
	perTask := float64(peak-before) / float64(tasks)
	if perTask < 0 {
		perTask = 0
	}
	fmt.Printf("{\"result\": \"%d tasks woke\", \"metrics\": {\"resident_per_task_bytes\": %g}}\n", tasks, perTask)
}
