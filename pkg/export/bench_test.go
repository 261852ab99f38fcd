package export

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// synthetic is a generated Graph of n nodes where node i links to nodes
// i+1..i+k: about n*k links, streamed without being held in memory.
type synthetic struct {
	ids    []string
	k      int
	counts []map[graph.EdgeKind]int
	kinds  [][]graph.EdgeKind
	preds  map[string]int
}

var benchTypes = []string{"PERSON", "ORG", "GPE", "LOC", "EVENT"}

func newSynthetic(n, k int) *synthetic {
	s := &synthetic{ids: make([]string, n), k: k, preds: map[string]int{"met": 2, "talks": 1}}
	for i := range s.ids {
		s.ids[i] = fmt.Sprintf("%016x", i)
	}
	s.counts = []map[graph.EdgeKind]int{
		{graph.Cooccur: 3},
		{graph.Cooccur: 2, graph.Context: 1},
		{graph.Cooccur: 5, graph.Interaction: 2},
		{graph.Context: 1},
	}
	s.kinds = [][]graph.EdgeKind{
		{graph.Cooccur}, {graph.Cooccur, graph.Context}, {graph.Cooccur, graph.Interaction}, {graph.Context},
	}
	return s
}

// links is the number of links the graph yields.
func (s *synthetic) links() int {
	n := 0
	for i := range s.ids {
		n += min(s.k, len(s.ids)-1-i)
	}
	return n
}

func (s *synthetic) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	for i, id := range s.ids {
		n := graph.Node{
			Entity: graph.Entity{ID: id, Name: "Entity " + id[10:], Type: benchTypes[i%len(benchTypes)],
				Aliases: map[string]int{"E" + id[12:]: 2}, Mentions: i%50 + 1, Documents: i%20 + 1,
				FirstSeen: "2016-12-01", LastSeen: "2016-12-31"},
			Metrics: graph.Metrics{Degree: 2 * s.k, WeightedDegree: float64(6 * s.k), PageRank: 1 / float64(len(s.ids)), Betweenness: float64(i%97) / 97, Community: i % 40},
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

func (s *synthetic) Links(ctx context.Context, fn func(graph.Link) error) error {
	for i := range s.ids {
		for j := i + 1; j <= i+s.k && j < len(s.ids); j++ {
			v := (i + j) % len(s.counts)
			l := graph.Link{Source: s.ids[i], Target: s.ids[j], Kinds: s.kinds[v], Counts: s.counts[v],
				Documents: 2, FirstSeen: "2016-12-05", LastSeen: "2016-12-20"}
			for _, w := range l.Counts {
				l.Weight += w
			}
			if v == 2 {
				l.Predicates = s.preds
			}
			if err := fn(l); err != nil {
				return err
			}
		}
	}
	return nil
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkExport writes a synthetic graph of 100,000 nodes and about one
// million links (each node linked to the next ten) in each format to a
// byte counter. Metrics: links/s, and MB/s of output.
func BenchmarkExport(b *testing.B) {
	g := newSynthetic(100_006, 10)
	links := g.links()
	for _, name := range Formats {
		b.Run(name, func(b *testing.B) {
			w, err := New(name, Options{Metrics: true})
			if err != nil {
				b.Fatal(err)
			}
			outs := make([]io.Writer, len(w.Files()))
			counters := make([]*countWriter, len(outs))
			for i := range outs {
				counters[i] = &countWriter{}
				outs[i] = counters[i]
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := w.Write(context.Background(), g, outs...); err != nil {
					b.Fatal(err)
				}
			}
			var total int64
			for _, c := range counters {
				total += c.n
			}
			b.SetBytes(total / int64(b.N))
			b.ReportMetric(float64(links)*float64(b.N)/b.Elapsed().Seconds(), "links/s")
			b.ReportMetric(float64(links), "links")
		})
	}
}
