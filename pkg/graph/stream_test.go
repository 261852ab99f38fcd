package graph

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// TestStreamMatchesSelect: a streamed selection yields what Analyze and
// Select hold in memory, value for value, for the filters it streams.
func TestStreamMatchesSelect(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	mustApply(t, s, newSynth(3, 300).docs(0, 400))
	filters := []Filter{
		{},
		{MinWeight: 3},
		{Types: []string{"PERSON", "ORG"}},
		{Kinds: []EdgeKind{Interaction}},
		{Since: "2016-03", Until: "2016-08-15"},
	}
	for _, f := range filters {
		if ok, err := s.HasAnalytics(f); err != nil || ok {
			t.Fatalf("%+v: HasAnalytics before Analyze = %v, %v; want false", f, ok, err)
		}
		if _, ok, err := Stream(ctx, s, f, true); err != nil || ok {
			t.Fatalf("%+v: Stream with metrics and no cache = %v, %v; want false", f, ok, err)
		}
		want, err := Analyze(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := s.HasAnalytics(f); err != nil || !ok {
			t.Fatalf("%+v: HasAnalytics after Analyze = %v, %v; want true", f, ok, err)
		}
		nodes0, err := AnalyzeNodes(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(nodes0, want.Nodes) {
			t.Errorf("%+v: AnalyzeNodes from the cache differ from Analyze's", f)
		}
		st, ok, err := Stream(ctx, s, f, true)
		if err != nil || !ok {
			t.Fatalf("%+v: Stream = %v, %v", f, ok, err)
		}
		var nodes []Node
		var links []Link
		var edges []Edge
		if err := st.Nodes(ctx, func(n Node) error { nodes = append(nodes, n); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := st.Links(ctx, func(l Link) error { links = append(links, l); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := st.Edges(ctx, func(e Edge) error { edges = append(edges, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(nodes) == 0 || len(links) == 0 {
			t.Fatalf("%+v: empty selection", f)
		}
		if !reflect.DeepEqual(nodes, want.Nodes) {
			t.Errorf("%+v: streamed nodes differ from Analyze's (%d vs %d)", f, len(nodes), len(want.Nodes))
		}
		if !reflect.DeepEqual(links, want.Links) {
			t.Errorf("%+v: streamed links differ from Select's (%d vs %d)", f, len(links), len(want.Links))
		}
		if !reflect.DeepEqual(edges, want.Edges()) {
			t.Errorf("%+v: streamed edges differ from Select's", f)
		}
		// Without metrics the degrees come from the cache too: Select's.
		sel, err := Select(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		st, ok, err = Stream(ctx, s, f, false)
		if err != nil || !ok {
			t.Fatalf("%+v: Stream without metrics = %v, %v", f, ok, err)
		}
		nodes = nodes[:0]
		if err := st.Nodes(ctx, func(n Node) error { nodes = append(nodes, n); return nil }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(nodes, sel.Nodes) {
			t.Errorf("%+v: streamed nodes without metrics (cache current) differ from Select's", f)
		}
	}
	// A write makes the cache stale; Top and Focus are not streamed.
	mustApply(t, s, newSynth(4, 300).docs(400, 401))
	if ok, _ := s.HasAnalytics(Filter{}); ok {
		t.Error("HasAnalytics true after a write")
	}
	if _, ok, _ := Stream(ctx, s, Filter{Top: 5}, false); ok {
		t.Error("Stream streamed a Top filter")
	}
	if _, ok, err := Stream(ctx, s, Filter{}, false); !ok || err != nil {
		t.Errorf("Stream without metrics = %v, %v", ok, err)
	}
	// Stale: AnalyzeNodes computes (and caches) what Analyze would.
	got, err := AnalyzeNodes(ctx, s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := Select(ctx, s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Compute(ctx); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, g.Nodes) {
		t.Error("AnalyzeNodes on a stale cache differ from Compute's")
	}
}

// TestSaveAnalyticsReadOnly: a read-only store keeps what Analyze computed
// for as long as it is open; SaveAnalytics through a writable Store of the
// same directory caches it for the next ones.
func TestSaveAnalyticsReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	rw, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, rw, newSynth(5, 200).docs(0, 100))
	rw.Close()
	ro, err := Open(DefaultOptions(dir).WithReadOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := ro.HasAnalytics(Filter{}); ok {
		t.Fatal("HasAnalytics true before Analyze")
	}
	g, err := Analyze(ctx, ro, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := ro.HasAnalytics(Filter{}); !ok {
		t.Error("a read-only store forgot what it computed")
	}
	if g2, _ := Analyze(ctx, ro, Filter{}); g2 != g {
		t.Error("Analyze on a read-only store computed twice")
	}
	ro.Close()
	rw, err = Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if ok, _ := rw.HasAnalytics(Filter{}); ok {
		t.Fatal("a read-only store wrote its analytics")
	}
	if err := SaveAnalytics(rw, Filter{}, g); err != nil {
		t.Fatal(err)
	}
	nodes, err := AnalyzeNodes(ctx, rw, Filter{})
	if ok, _ := rw.HasAnalytics(Filter{}); !ok || err != nil || !reflect.DeepEqual(nodes, g.Nodes) {
		t.Errorf("after SaveAnalytics: cached %v, err %v, same nodes %v", ok, err, reflect.DeepEqual(nodes, g.Nodes))
	}
	if err := SaveAnalytics(rw, Filter{}, &Subgraph{}); err == nil {
		t.Error("SaveAnalytics took a subgraph Analyze did not make")
	}
}

// TestSelectPathsCache: the adjacency cached with the analytics gives the
// view Select's graph gives, and so the same paths.
func TestSelectPathsCache(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	mustApply(t, s, newSynth(7, 400).docs(0, 500))
	for _, f := range []Filter{{}, {MinWeight: 1, Types: DefaultTypes}} {
		sel, err := Select(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Analyze(ctx, s, f); err != nil {
			t.Fatal(err)
		}
		got, err := SelectPaths(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Nodes) != 0 {
			t.Fatalf("%+v: SelectPaths did not read the cache", f)
		}
		want := NewView(sel)
		if !reflect.DeepEqual(got.view().ids, want.ids) || !reflect.DeepEqual(got.view().off, want.off) ||
			!reflect.DeepEqual(got.view().adj, want.adj) || !reflect.DeepEqual(got.view().w, want.w) {
			t.Fatalf("%+v: cached view differs from Select's", f)
		}
		ids := want.ids
		for i := 0; i < 40; i++ {
			a, b := ids[(i*7919)%len(ids)], ids[(i*104729+13)%len(ids)]
			p1, e1 := sel.ShortestPath(a, b)
			p2, e2 := got.ShortestPath(a, b)
			if !reflect.DeepEqual(p1, p2) || (e1 == nil) != (e2 == nil) {
				t.Fatalf("%+v: path %s-%s: %v %v vs %v %v", f, a, b, p1, e1, p2, e2)
			}
			k1, _ := sel.KShortestPaths(a, b, 3)
			k2, _ := got.KShortestPaths(a, b, 3)
			if !reflect.DeepEqual(k1, k2) {
				t.Fatalf("%+v: 3 paths %s-%s differ", f, a, b)
			}
		}
	}
	// Other filters are selected.
	f := Filter{MinWeight: 2}
	if _, err := Analyze(ctx, s, f); err != nil {
		t.Fatal(err)
	}
	if g, err := SelectPaths(ctx, s, f); err != nil || len(g.Nodes) == 0 {
		t.Errorf("SelectPaths of another filter: %v nodes, %v", len(g.Nodes), err)
	}
	// A write makes it stale: Select again.
	mustApply(t, s, newSynth(8, 400).docs(500, 501))
	if g, err := SelectPaths(ctx, s, Filter{}); err != nil || len(g.Nodes) == 0 {
		t.Errorf("SelectPaths after a write: %v nodes, %v", len(g.Nodes), err)
	}
}

// TestDijkstraMatchesGonum: the array Dijkstra gives gonum's path, ties
// included, on graphs full of equal costs.
func TestDijkstraMatchesGonum(t *testing.T) {
	ctx := context.Background()
	compared := 0
	for seed := uint64(1); seed <= 3; seed++ {
		s := openMem(t)
		mustApply(t, s, newSynth(seed, 300).docs(0, 300))
		g, err := Select(ctx, s, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		v := g.view()
		n := len(v.ids)
		for i := 0; i < 300; i++ {
			a, b := int64((i*7919)%n), int64((i*104729+int(seed))%n)
			want, _ := path.DijkstraFromTo(simple.Node(a), simple.Node(b), costGraph{v})
			got := v.dijkstra(int32(a), int32(b))
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, %d-%d: %v, gonum %v", seed, a, b, got, want)
			}
			compared++
		}
	}
	if compared < 500 {
		t.Errorf("only %d paths compared", compared)
	}
}

// TestStreamLinksStops: an error from fn ends Links with that error, the
// reading goroutine with it.
func TestStreamLinksStops(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	mustApply(t, s, newSynth(9, 2000).docs(0, 1500))
	st, ok, err := Stream(ctx, s, Filter{}, false)
	if err != nil || !ok {
		t.Fatalf("Stream: %v, %v", ok, err)
	}
	total := 0
	if err := st.Links(ctx, func(Link) error { total++; return nil }); err != nil || total < 3000 {
		t.Fatalf("Links: %d links, %v", total, err)
	}
	stop := errors.New("stop")
	for _, at := range []int{1, 1024, 2500} {
		n := 0
		err := st.Links(ctx, func(Link) error {
			if n++; n == at {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != at {
			t.Errorf("stop at %d: Links returned %v after %d links", at, err, n)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := st.Links(cctx, func(Link) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Links on a cancelled context: %v", err)
	}
	nodes := 0
	if err := st.Nodes(ctx, func(Node) error { nodes++; return nil }); err != nil || nodes != st.Len() || nodes < 600 {
		t.Fatalf("Nodes: %d nodes of %d, %v", nodes, st.Len(), err)
	}
	for _, at := range []int{1, 512, 600} {
		n := 0
		err := st.Nodes(ctx, func(Node) error {
			if n++; n == at {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != at {
			t.Errorf("stop at %d: Nodes returned %v after %d nodes", at, err, n)
		}
	}
	if err := st.Nodes(cctx, func(Node) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Nodes on a cancelled context: %v", err)
	}
}

// TestIDTable: the stream's id table gives back every value put, misses
// ids never put, and keeps them all when it grows.
func TestIDTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	want := map[uint64]int32{0: 7, 1: 8, ^uint64(0): 9}
	for len(want) < 5000 {
		want[r.Uint64()>>r.UintN(64)] = int32(len(want))
	}
	tab := newIDTable(10)
	for id, v := range want {
		if tab.full() {
			tab = tab.grown()
		}
		tab.put(id, v)
	}
	tab.put(1, want[1]) // again: no second slot
	if tab.n != len(want) {
		t.Errorf("%d ids held, want %d", tab.n, len(want))
	}
	for id, v := range want {
		if got, ok := tab.get(id); !ok || got != v {
			t.Errorf("get(%x) = %d, %v; want %d", id, got, ok, v)
		}
	}
	for range 5000 {
		id := r.Uint64()
		if _, in := want[id]; in {
			continue
		}
		if got, ok := tab.get(id); ok {
			t.Errorf("get(%x) = %d, true for an id never put", id, got)
		}
	}
}

// TestStreamNoMetricsMatchesSelect: without metrics a streamed selection
// yields Select's nodes (degrees included), links and edges, also with
// evidence read in its pass, for every filter it streams; the key ranges
// read in parallel give the links in one order.
func TestStreamNoMetricsMatchesSelect(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	mustApply(t, s, newSynth(5, 400).docs(0, 600))
	for _, f := range []Filter{{}, {MinWeight: 3}, {Types: []string{"PERSON", "ORG"}}, {Kinds: []EdgeKind{Context, Interaction}}, {Since: "2016-03", Until: "2016-08-15"}} {
		want, err := Select(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		st, ok, err := Stream(ctx, s, f, false)
		if err != nil || !ok {
			t.Fatalf("%+v: Stream = %v, %v", f, ok, err)
		}
		var nodes []Node
		var links []Link
		var edges []Edge
		if err := st.Nodes(ctx, func(n Node) error { nodes = append(nodes, n); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := st.Links(ctx, func(l Link) error { links = append(links, l); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := st.Edges(ctx, func(e Edge) error { edges = append(edges, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(want.Links) < 50 || st.Len() != len(want.Nodes) {
			t.Fatalf("%+v: %d links selected, Len %d of %d nodes", f, len(want.Links), st.Len(), len(want.Nodes))
		}
		if !reflect.DeepEqual(nodes, want.Nodes) {
			t.Errorf("%+v: streamed nodes differ from Select's (%d vs %d)", f, len(nodes), len(want.Nodes))
		}
		if !reflect.DeepEqual(links, want.Links) {
			t.Errorf("%+v: streamed links differ from Select's (%d vs %d)", f, len(links), len(want.Links))
		}
		if !reflect.DeepEqual(edges, want.Edges()) {
			t.Errorf("%+v: streamed edges differ from Select's", f)
		}
		// With evidence: each link's is the first piece of its strongest
		// kind's edge, as a point read finds it.
		n := 0
		err = st.WithEvidence().Links(ctx, func(l Link) error {
			var wantEv Evidence
			for _, k := range []EdgeKind{Interaction, Context, Cooccur} {
				if ed, err := s.Edge(l.Source, l.Target, k); err == nil && len(ed.Evidence) > 0 && slices.Contains(l.Kinds, k) {
					wantEv = ed.Evidence[0]
					break
				}
			}
			if l.Evidence == nil || *l.Evidence != wantEv {
				t.Fatalf("%+v: link %s-%s evidence %+v, want %+v", f, l.Source, l.Target, l.Evidence, wantEv)
			}
			if wantEv.Text != "" {
				n++
			}
			return nil
		})
		if err != nil || n == 0 {
			t.Fatalf("%+v: Links with evidence: %v, %d with a sentence", f, err, n)
		}
		st.sel.evidence = false
	}
}
