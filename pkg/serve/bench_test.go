package serve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// Benchmarks of every endpoint on a synthetic store of about a million
// edges, built once under $SERVE_BENCH_DIR (default: a temporary directory
// removed at exit) and reused when the directory is kept:
//
//	SERVE_BENCH_DIR=/tmp/serve-bench go test ./pkg/serve -run '^$' -bench . -benchtime 50x

// benchDocs and benchEntities size the synthetic store: documents of ten
// entities, two of them among 100 hubs, with a cooccur edge between every
// pair and one interaction.
const (
	benchDocs     = 25000
	benchEntities = 100000
	benchHubs     = 100
)

var benchTypes = []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}

func benchName(e int) (string, string) {
	return fmt.Sprintf("Entity %d", e), benchTypes[e%len(benchTypes)]
}

// benchDoc makes document i of the synthetic corpus.
func benchDoc(rng *rand.Rand, i int) graph.Contribution {
	date := fmt.Sprintf("20%02d-%02d-%02d", 10+i%10, 1+i%12, 1+i%28)
	doc := fmt.Sprintf("bench-%08d", i)
	c := graph.Contribution{Doc: graph.Document{ID: doc, Source: doc + ".txt", Title: "Document " + doc, Date: date, Bytes: 2000, Sentences: 10}}
	picked := map[int]bool{}
	var order []int
	for len(order) < 10 {
		e := rng.IntN(benchEntities)
		if len(order) < 2 {
			e = rng.IntN(benchHubs)
		}
		if !picked[e] {
			picked[e] = true
			order = append(order, e)
		}
	}
	var ids []string
	for _, e := range order {
		name, typ := benchName(e)
		en := graph.Entity{ID: graph.EntityID(name, typ), Name: name, Type: typ, Mentions: 1, Documents: 1, FirstSeen: date, LastSeen: date,
			Aliases: map[string]int{name: 1, fmt.Sprintf("E%d", e): 1}}
		c.Entities = append(c.Entities, en)
		c.Mentions = append(c.Mentions, graph.Mention{Entity: en.ID, Start: len(ids) * 20, End: len(ids)*20 + len(name), Text: name})
		ids = append(ids, en.ID)
	}
	text := "A sentence of about a hundred bytes that names two of the entities of this synthetic document."
	for a := range ids {
		for b := a + 1; b < len(ids); b++ {
			c.Edges = append(c.Edges, graph.Edge{Kind: graph.Cooccur, Source: ids[a], Target: ids[b], Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
				Evidence: []graph.Evidence{{Doc: doc, Start: a * 20, End: a*20 + len(text), Date: date, Text: text}}})
		}
	}
	c.Edges = append(c.Edges, graph.Edge{Kind: graph.Interaction, Source: ids[0], Target: ids[1], Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
		Predicates: map[string]int{"met": 1}, Evidence: []graph.Evidence{{Doc: doc, Date: date, Text: text, Predicate: "met"}}})
	return c
}

var (
	benchOnce sync.Once
	benchSrv  *Server
	benchErr  error
)

// benchServer builds (or reopens) the synthetic store and indexes it.
func benchServer(b *testing.B) *Server {
	benchOnce.Do(func() {
		root := os.Getenv("SERVE_BENCH_DIR")
		if root == "" {
			root, benchErr = os.MkdirTemp("", "servebench")
			if benchErr != nil {
				return
			}
			benchCleanup = func() { os.RemoveAll(root) }
		}
		dir := filepath.Join(root, fmt.Sprintf("dense-%d-%d", benchDocs, benchEntities))
		st, err := graph.Open(graph.DefaultOptions(dir))
		if err != nil {
			benchErr = err
			return
		}
		stats, err := st.Stats()
		if err == nil && stats.Documents < benchDocs {
			start := time.Now()
			rng := rand.New(rand.NewPCG(benchEntities, benchDocs))
			for i := 0; i < benchDocs && err == nil; i += 256 {
				cs := make([]graph.Contribution, 0, 256)
				for j := i; j < min(benchDocs, i+256); j++ {
					cs = append(cs, benchDoc(rng, j))
				}
				_, err = st.Apply(context.Background(), cs)
			}
			fmt.Fprintf(os.Stderr, "built the bench store in %v\n", time.Since(start).Round(time.Second))
		}
		if err == nil {
			err = st.Close()
		}
		if err != nil {
			benchErr = err
			return
		}
		st, err = graph.Open(graph.DefaultOptions(dir).WithReadOnly(true))
		if err != nil {
			benchErr = err
			return
		}
		stats, _ = st.Stats()
		edges := 0
		for _, n := range stats.Edges {
			edges += n
		}
		start := time.Now()
		benchSrv, benchErr = New(context.Background(), st, Options{})
		fmt.Fprintf(os.Stderr, "store: %d documents, %d edges; index built in %v\n", stats.Documents, edges, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchSrv
}

var benchCleanup func()

func TestMain(m *testing.M) {
	code := m.Run()
	if benchCleanup != nil {
		benchCleanup()
	}
	os.Exit(code)
}

// BenchmarkAPI times each endpoint through ServeHTTP, JSON encoding
// included, for a hub (named in about one document in fifty) and a typical
// entity.
func BenchmarkAPI(b *testing.B) {
	srv := benchServer(b)
	hub, _ := benchName(7)
	hub2, _ := benchName(8)
	typical, _ := benchName(54321)
	other, _ := benchName(12345)
	q := url.QueryEscape
	for _, tc := range []struct{ name, target string }{
		{"stats", "/api/stats"},
		{"search/prefix", "/api/search?q=entity+543"},
		{"search/one-letter", "/api/search?q=e"},
		{"search/alias", "/api/search?q=e5432"},
		{"entity", "/api/entity?name=" + q(typical)},
		{"neighbors/hub/depth1", "/api/neighbors?name=" + q(hub)},
		{"neighbors/hub/depth2", "/api/neighbors?depth=2&name=" + q(hub)},
		{"neighbors/typical/depth1", "/api/neighbors?name=" + q(typical)},
		{"neighbors/typical/depth2", "/api/neighbors?depth=2&name=" + q(typical)},
		{"neighbors/typical/depth2/dates", "/api/neighbors?depth=2&since=2015-01-01&until=2016-12-31&name=" + q(typical)},
		{"relations/hub", "/api/relations?name=" + q(hub)},
		{"relations/typical", "/api/relations?name=" + q(typical)},
		{"edge/hubs", "/api/edge?a=" + q(hub) + "&b=" + q(hub2)},
		{"path/typical", "/api/path?from=" + q(typical) + "&to=" + q(other)},
		{"subgraph/top1000/cached", "/api/subgraph?top=1000"},
		{"export/graphml/hub", "/api/export?format=graphml&focus=" + q(hub)},
		{"bad/unknown-name", "/api/entity?name=Nobody+Known"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var rec *httptest.ResponseRecorder
			for b.Loop() {
				rec = httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.target, nil))
			}
			if rec.Code >= 500 || (rec.Code >= 400) != (tc.name[:3] == "bad") {
				b.Fatalf("%s: %d %.300s", tc.target, rec.Code, rec.Body)
			}
			b.ReportMetric(float64(rec.Body.Len()), "bytes/op")
		})
	}
}

// BenchmarkOverview times the layout of an overview, which is computed
// once per filter and then cached.
func BenchmarkOverview(b *testing.B) {
	srv := benchServer(b)
	f := &filter{types: srv.ix.typeMask(graph.DefaultTypes), kinds: [nKinds]bool{true, true, true}, minWeight: 1}
	for _, top := range []int{1000, 10000} {
		b.Run(fmt.Sprint(top), func(b *testing.B) {
			var v *View
			for b.Loop() {
				v = srv.ix.overview(context.Background(), top, f)
			}
			b.ReportMetric(float64(len(v.Nodes)), "nodes")
			b.ReportMetric(float64(len(v.Links)), "links")
		})
	}
}
