package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

func rss() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "VmHWM") {
			fmt.Print(l, "  ")
		}
	}
	return ""
}

func main() {
	rss()
	fmt.Println("before")
	t0 := time.Now()
	if _, err := ner.DefaultModel(); err != nil {
		panic(err)
	}
	d := time.Since(t0)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rss()
	fmt.Printf("after load %v, heap in use %d MB\n", d, ms.HeapInuse>>20)
}
