package query_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/query"
)

// Benchmarks on a synthetic store of about a million edges over 100,000
// entities. The store is built once under $QUERY_BENCH_DIR (default: a
// temporary directory) and reused by later runs when that is kept:
//
//	QUERY_BENCH_DIR=/tmp/querybench go test ./pkg/query -run '^$' -bench . -benchtime 20x

var benchTypes = []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}

const (
	benchDocs     = 22000
	benchEntities = 100000
	benchHubs     = 100
)

func benchName(e int) string { return fmt.Sprintf("Entity %d", e) }
func benchID(e int) string   { return graph.EntityID(benchName(e), benchTypes[e%len(benchTypes)]) }

// benchContribution is document i: ten entities, two of them hubs, every
// pair named in a sentence together, and the two hubs meeting.
func benchContribution(rng *rand.Rand, i int) graph.Contribution {
	date := fmt.Sprintf("20%02d-%02d-%02d", 10+i%10, 1+i%12, 1+i%28)
	doc := fmt.Sprintf("doc-%08d", i)
	c := graph.Contribution{Doc: graph.Document{ID: doc, Source: doc + ".txt", Title: "Document " + doc, Date: date, Bytes: 2000, Sentences: 10}}
	seen := map[int]bool{}
	var es []int
	for len(es) < 10 {
		e := rng.IntN(benchEntities)
		if len(es) < 2 {
			e = rng.IntN(benchHubs)
		}
		if !seen[e] {
			seen[e] = true
			es = append(es, e)
		}
	}
	text := "A sentence of about a hundred bytes that names two of the entities of this synthetic document."
	for k, e := range es {
		name := benchName(e)
		c.Entities = append(c.Entities, graph.Entity{ID: benchID(e), Name: name, Type: benchTypes[e%len(benchTypes)], Mentions: 1, Documents: 1,
			FirstSeen: date, LastSeen: date, Aliases: map[string]int{name: 1}})
		c.Mentions = append(c.Mentions, graph.Mention{Entity: benchID(e), Start: k * 20, End: k*20 + len(name), Text: name})
	}
	for a := range es {
		for b := a + 1; b < len(es); b++ {
			c.Edges = append(c.Edges, graph.Edge{Kind: graph.Cooccur, Source: benchID(es[a]), Target: benchID(es[b]), Weight: 1, Documents: 1,
				FirstSeen: date, LastSeen: date, Evidence: []graph.Evidence{{Doc: doc, Start: a * 100, End: a*100 + len(text), Date: date, Text: text}}})
		}
	}
	c.Edges = append(c.Edges, graph.Edge{Kind: graph.Interaction, Source: benchID(es[0]), Target: benchID(es[1]), Weight: 1, Documents: 1,
		FirstSeen: date, LastSeen: date, Predicates: map[string]int{"met": 1},
		Evidence: []graph.Evidence{{Doc: doc, Start: 0, End: len(text), Date: date, Text: text, Predicate: "met"}}})
	return c
}

var (
	benchDir    string
	benchStores = map[bool]*graph.Store{}
)

// benchStore builds the store when needed and opens it read-only, as the
// query command does (warm: after an Analyze of the zero filter was saved
// in it, as a build can do).
func benchStore(b *testing.B, warm bool) *graph.Store {
	if st := benchStores[warm]; st != nil {
		return st
	}
	for _, st := range benchStores {
		st.Close()
	}
	clear(benchStores)
	if benchDir == "" {
		root := os.Getenv("QUERY_BENCH_DIR")
		if root == "" {
			var err error
			if root, err = os.MkdirTemp("", "querybench"); err != nil {
				b.Fatal(err)
			}
		}
		benchDir = filepath.Join(root, "dense")
	}
	st, err := graph.Open(graph.DefaultOptions(benchDir))
	if err != nil {
		b.Fatal(err)
	}
	stats, err := st.Stats()
	if err != nil {
		b.Fatal(err)
	}
	if stats.Documents < benchDocs {
		start := time.Now()
		rng := rand.New(rand.NewPCG(1, 2))
		const batch = 256
		for i := 0; i < benchDocs; i += batch {
			cs := make([]graph.Contribution, 0, batch)
			for j := i; j < min(benchDocs, i+batch); j++ {
				cs = append(cs, benchContribution(rng, j))
			}
			if _, err := st.Apply(context.Background(), cs); err != nil {
				b.Fatal(err)
			}
		}
		stats, _ = st.Stats()
		b.Logf("built the store in %v", time.Since(start).Round(time.Millisecond))
	}
	if warm {
		start := time.Now()
		if _, err := graph.Analyze(context.Background(), st, graph.Filter{}); err != nil {
			b.Fatal(err)
		}
		b.Logf("analyzed (or read back) the zero filter in %v", time.Since(start).Round(time.Millisecond))
	}
	edges := 0
	for _, n := range stats.Edges {
		edges += n
	}
	b.Logf("store: %d documents, %v entities, %d edges", stats.Documents, stats.Entities, edges)
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if st, err = graph.Open(graph.DefaultOptions(benchDir).WithReadOnly(true)); err != nil {
		b.Fatal(err)
	}
	benchStores[warm] = st
	return st
}

// BenchmarkNeighbors and BenchmarkRelations answer for a hub (linked to
// thousands of entities) and a typical entity.
func BenchmarkNeighbors(b *testing.B) {
	st := benchStore(b, false)
	for _, tc := range []struct {
		name   string
		entity int
		by     string
	}{{"hub", 7, query.ByWeight}, {"hub-npmi", 7, query.ByNPMI}, {"typical", 54321, query.ByWeight}} {
		b.Run(tc.name, func(b *testing.B) {
			var res *query.NeighborsResult
			for b.Loop() {
				var err error
				res, err = query.Neighbors(context.Background(), st, benchID(tc.entity), query.NeighborOptions{By: tc.by, Limit: 20})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Linked), "neighbours")
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/query")
		})
	}
}

func BenchmarkRelations(b *testing.B) {
	st := benchStore(b, false)
	for _, tc := range []struct {
		name   string
		entity int
	}{{"hub", 7}, {"typical", 54321}} {
		b.Run(tc.name, func(b *testing.B) {
			var res *query.RelationsResult
			for b.Loop() {
				var err error
				res, err = query.Relations(context.Background(), st, benchID(tc.entity), query.RelationOptions{Limit: 50})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(res.Partners)), "partners")
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/query")
		})
	}
}

// BenchmarkTopCommunities runs Top and Communities on the whole store
// (about 83k linked nodes, 970k links) opened read-only as the query
// command opens it: "cold" computes the analytics (pagerank, sampled
// betweenness, Louvain) every time; "warm" reads back those an Analyze
// saved in the store after the build.
func BenchmarkTopCommunities(b *testing.B) {
	ctx := context.Background()
	for _, warm := range []bool{false, true} {
		for _, q := range []string{"top", "communities"} {
			name := q + "-cold"
			if warm {
				name = q + "-warm"
			}
			b.Run(name, func(b *testing.B) {
				st := benchStore(b, warm)
				// The cold filter selects the same graph under another
				// cache key ("MISC" names no entity here), which a
				// read-only store never saves; it keeps it in memory
				// after the first query, so measure cold with -benchtime 1x.
				f := graph.Filter{MinWeight: 1}
				if !warm {
					f.Types = append(slices.Clone(graph.DefaultTypes), "MISC")
				}
				b.ResetTimer()
				for b.Loop() {
					var err error
					if q == "top" {
						_, err = query.Top(ctx, st, query.TopOptions{By: query.ByPageRank, Filter: f})
					} else {
						_, err = query.Communities(ctx, st, query.CommunityOptions{Filter: f})
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/query")
			})
		}
	}
}
