package graph

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestWriteMemory is a measurement, not a check: it writes GRAPH_RSS_DOCS
// dense documents (see denseDoc) to a store in GRAPH_RSS_DIR and logs the
// process's resident memory as it goes. It is skipped unless both are set:
//
//	GRAPH_RSS_DOCS=100000 GRAPH_RSS_DIR=/tmp/rss go test -count=1 ./pkg/graph -run TestWriteMemory -v -timeout 1h
func TestWriteMemory(t *testing.T) {
	dir := os.Getenv("GRAPH_RSS_DIR")
	docs, _ := strconv.Atoi(os.Getenv("GRAPH_RSS_DOCS"))
	if dir == "" || docs <= 0 {
		t.Skip("set GRAPH_RSS_DIR and GRAPH_RSS_DOCS")
	}
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	const batch = 256
	for i := 0; i < docs; i += batch {
		cs := make([]Contribution, 0, batch)
		for j := i; j < min(docs, i+batch); j++ {
			cs = append(cs, denseDoc(rng, j, 10*docs, 100, 10))
		}
		if _, err := s.Apply(context.Background(), cs); err != nil {
			t.Fatal(err)
		}
		if last := i+batch >= docs; (i/batch)%40 == 0 || last {
			t.Logf("%d docs, %v: %s", min(docs, i+batch), time.Since(start).Round(time.Second), memStatus())
		}
	}
}

// memStatus returns the memory lines of /proc/self/status (Linux only).
func memStatus() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "memory unknown"
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		for _, p := range []string{"VmHWM", "VmRSS", "RssAnon", "RssFile"} {
			if strings.HasPrefix(l, p+":") {
				out = append(out, strings.Join(strings.Fields(l), " "))
			}
		}
	}
	return strings.Join(out, ", ")
}
