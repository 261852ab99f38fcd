package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"strconv"
	"time"
	"testing"
)

func TestManualRSS(t *testing.T) {
	dir := os.Getenv("GRAPH_RSS_DIR")
	if dir == "" {
		t.Skip()
	}
	opt := DefaultOptions(dir)
	if mt, _ := strconv.Atoi(os.Getenv("GRAPH_RSS_MT")); mt > 0 {
		opt = opt.WithMemTableSize(int64(mt) << 20)
	}
	s, err := Open(opt)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	defer func() { fmt.Println("elapsed", time.Since(start)) }()
	for i := 0; i < 22000; i += 256 {
		cs := make([]Contribution, 0, 256)
		for j := i; j < min(22000, i+256); j++ {
			cs = append(cs, denseDoc(rng, j, 100000, 100, 10))
		}
		if _, err := s.Apply(context.Background(), cs); err != nil {
			t.Fatal(err)
		}
		if i%(256*20) == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b, _ := os.ReadFile("/proc/self/status")
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "RssAnon") || strings.HasPrefix(l, "RssFile") {
					fmt.Print(l, " ")
				}
			}
			fmt.Printf("heap %d MB sys %d MB\n", ms.HeapInuse>>20, ms.Sys>>20)
		}
	}
	runtime.GC()
	f, _ := os.Create("/tmp/rsscheck/heap.out")
	pprof.WriteHeapProfile(f)
	f.Close()
	s.Close()
}
