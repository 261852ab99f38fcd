package graph

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// Benchmarks. The large stores are built once per process under
// $GRAPH_BENCH_DIR (default: a temporary directory removed at exit) and
// reused by later runs when the directory is kept:
//
//	GRAPH_BENCH_DIR=/tmp/graphbench go test ./pkg/graph -run '^$' -bench . -benchtime 20x

// denseDoc makes document i of a large synthetic corpus: k entities, two of
// them among the hubs most documents name, the rest uniform over n, with a
// cooccur edge between every pair and one interaction.
func denseDoc(rng *rand.Rand, i, n, hubs, k int) Contribution {
	date := fmt.Sprintf("20%02d-%02d-%02d", 10+i%10, 1+i%12, 1+i%28)
	doc := fmt.Sprintf("bench-%08d", i)
	c := Contribution{Doc: Document{ID: doc, Source: doc + ".txt", Date: date, Bytes: 2000, Sentences: 10}}
	picked := map[int]bool{}
	for len(picked) < k {
		e := rng.IntN(n)
		if len(picked) < 2 {
			e = rng.IntN(hubs)
		}
		picked[e] = true
	}
	var ids []string
	for _, e := range slices.Sorted(maps.Keys(picked)) {
		name := fmt.Sprintf("Entity %d", e)
		typ := synthTypes[e%6] // node types only
		en := Entity{ID: EntityID(name, typ), Name: name, Type: typ, Mentions: 1, Documents: 1, FirstSeen: date, LastSeen: date, Aliases: map[string]int{name: 1}}
		c.Entities = append(c.Entities, en)
		c.Mentions = append(c.Mentions, Mention{Entity: en.ID, Start: len(ids) * 20, End: len(ids)*20 + len(name), Text: name})
		ids = append(ids, en.ID)
	}
	text := "A sentence of about a hundred bytes that names two of the entities of this synthetic document."
	for a := range ids {
		for b := a + 1; b < len(ids); b++ {
			c.Edges = append(c.Edges, Edge{Kind: Cooccur, Source: ids[a], Target: ids[b], Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
				Evidence: []Evidence{{Doc: doc, Start: a * 20, End: a*20 + len(text), Date: date, Text: text}}})
		}
	}
	c.Edges = append(c.Edges, Edge{Kind: Interaction, Source: ids[0], Target: ids[1], Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
		Predicates: map[string]int{"met": 1}, Evidence: []Evidence{{Doc: doc, Date: date, Text: text, Predicate: "met"}}})
	return c
}

var (
	benchMu     sync.Mutex
	benchStores = map[string]*Store{}
	benchTmp    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores {
		s.Close()
	}
	if benchTmp != "" {
		os.RemoveAll(benchTmp)
	}
	os.Exit(code)
}

// benchStore opens (building when needed) a store of docs dense documents
// over n entities.
func benchStore(b *testing.B, docs, n int) *Store {
	benchMu.Lock()
	defer benchMu.Unlock()
	name := fmt.Sprintf("dense-%d-%d", docs, n)
	if s := benchStores[name]; s != nil {
		return s
	}
	root := os.Getenv("GRAPH_BENCH_DIR")
	if root == "" {
		if benchTmp == "" {
			var err error
			if benchTmp, err = os.MkdirTemp("", "graphbench"); err != nil {
				b.Fatal(err)
			}
		}
		root = benchTmp
	}
	s, err := Open(DefaultOptions(filepath.Join(root, name)))
	if err != nil {
		b.Fatal(err)
	}
	st, err := s.Stats()
	if err != nil {
		b.Fatal(err)
	}
	if st.Documents < docs {
		start := time.Now()
		rng := rand.New(rand.NewPCG(uint64(n), uint64(docs)))
		const batch = 256
		for i := 0; i < docs; i += batch {
			cs := make([]Contribution, 0, batch)
			for j := i; j < min(docs, i+batch); j++ {
				cs = append(cs, denseDoc(rng, j, n, 100, 10))
			}
			if _, err := s.Apply(context.Background(), cs); err != nil {
				b.Fatal(err)
			}
		}
		st, _ = s.Stats()
		b.Logf("built %s in %v: %+v", name, time.Since(start).Round(time.Millisecond), st)
	}
	benchStores[name] = s
	return s
}

func edgeCount(st Stats) int {
	n := 0
	for _, c := range st.Edges {
		n += c
	}
	return n
}

// BenchmarkApply measures ingest: documents of 10 entities and 46 edges
// applied in batches of 256 to an on-disk store.
func BenchmarkApply(b *testing.B) {
	for _, mem := range []bool{false, true} {
		b.Run(fmt.Sprintf("inmemory=%v", mem), func(b *testing.B) {
			s, err := Open(DefaultOptions(b.TempDir()).WithInMemory(mem))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(1, 2))
			docs := make([]Contribution, b.N)
			for i := range docs {
				docs[i] = denseDoc(rng, i, 100000, 100, 10)
			}
			b.ResetTimer()
			const batch = 256
			for i := 0; i < b.N; i += batch {
				if _, err := s.Apply(context.Background(), docs[i:min(b.N, i+batch)]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(b.N*46)/b.Elapsed().Seconds(), "edges/s")
		})
	}
}

// BenchmarkEdgesOf reads every edge (with evidence) of an entity on a store
// of about a million edges: a hub named in many documents and a typical
// entity.
func BenchmarkEdgesOf(b *testing.B) {
	s := benchStore(b, 22000, 100000)
	st, _ := s.Stats()
	b.Logf("store: %d documents, %d entities types, %d edges", st.Documents, len(st.Entities), edgeCount(st))
	for _, tc := range []struct {
		name   string
		entity int
	}{{"hub", 7}, {"typical", 54321}} {
		name := fmt.Sprintf("Entity %d", tc.entity)
		id := EntityID(name, synthTypes[tc.entity%6])
		b.Run(tc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				n = 0
				err := s.EdgesOf(context.Background(), id, func(e Edge) error { n++; return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "edges/op")
		})
	}
	b.Run("lookup", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Lookup("entity 54321"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSelectAnalyze selects and analyzes (pagerank, sampled
// betweenness, Louvain) a store of about 100k linked nodes.
func BenchmarkSelectAnalyze(b *testing.B) {
	s := benchStore(b, 22000, 100000)
	f := Filter{Types: synthTypes}
	var g *Subgraph
	b.Run("select", func(b *testing.B) {
		for b.Loop() {
			var err error
			if g, err = Select(context.Background(), s, f); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(g.Nodes)), "nodes")
		b.ReportMetric(float64(len(g.Links)), "links")
		// The memory a selection holds.
		g = nil
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g, _ = Select(context.Background(), s, f)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-held")
	})
	b.Run("pagerank", func(b *testing.B) {
		v := NewView(g)
		for b.Loop() {
			v.pageRank(context.Background())
		}
	})
	b.Run("betweenness", func(b *testing.B) {
		v := NewView(g)
		for b.Loop() {
			v.betweenness(context.Background())
		}
	})
	b.Run("communities", func(b *testing.B) {
		v := NewView(g)
		for b.Loop() {
			if _, err := v.communities(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("analyze-cached", func(b *testing.B) {
		if _, err := Analyze(context.Background(), s, f); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := Analyze(context.Background(), s, f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("shortest-path", func(b *testing.B) {
		a, z := g.Nodes[0].ID, g.Nodes[len(g.Nodes)-1].ID
		for b.Loop() {
			if _, err := g.ShortestPath(a, z); err != nil {
				b.Fatal(err)
			}
		}
	})
}
