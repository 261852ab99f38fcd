package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// analyzed builds a store from spec lines and analyzes it unfiltered.
func analyzed(t *testing.T, lines ...string) (*Subgraph, map[string]Node) {
	t.Helper()
	s := specStore(t, nil, lines...)
	g, err := Analyze(context.Background(), s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Node{}
	for _, n := range g.Nodes {
		byName[n.Name] = n
	}
	return g, byName
}

func TestAnalyzeStar(t *testing.T) {
	_, n := analyzed(t, "Hub A cooccur 1", "Hub B cooccur 1", "Hub C cooccur 1", "Hub D cooccur 2", "A B cooccur 1")
	hub := n["Hub"]
	if hub.Degree != 4 || hub.WeightedDegree != 5 {
		t.Errorf("hub degree %d weighted %v", hub.Degree, hub.WeightedDegree)
	}
	sum := 0.0
	for name, nd := range n {
		sum += nd.PageRank
		if name != "Hub" && (nd.PageRank >= hub.PageRank || nd.Betweenness >= hub.Betweenness) {
			t.Errorf("%s (%+v) not below the hub (%+v)", name, nd.Metrics, hub.Metrics)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("pagerank sums to %v", sum)
	}
	if n["C"].Betweenness != 0 || n["A"].Betweenness != 0 {
		t.Errorf("leaves have betweenness: C %v A %v", n["C"].Betweenness, n["A"].Betweenness)
	}
	// Hub lies on every shortest path between {A,B}, C and D but A–B: of the
	// 10 unordered pairs of leaves, 5 go through it only, and none of A–B:
	// pairs (A,C) (A,D) (B,C) (B,D) (C,D) → 5 of 4·3/2 = 6 → 10/12 ordered.
	if want := 10.0 / 12; math.Abs(hub.Betweenness-want) > 1e-12 {
		t.Errorf("hub betweenness %v, want %v", hub.Betweenness, want)
	}
	if n["D"].PageRank <= n["C"].PageRank {
		t.Errorf("the heavier link does not raise D's pagerank: D %v C %v", n["D"].PageRank, n["C"].PageRank)
	}
}

func TestAnalyzeCommunities(t *testing.T) {
	var lines []string
	for _, clique := range [][]string{{"A1", "A2", "A3", "A4", "A5"}, {"B1", "B2", "B3", "B4"}} {
		for i := range clique {
			for j := i + 1; j < len(clique); j++ {
				lines = append(lines, fmt.Sprintf("%s %s cooccur 3", clique[i], clique[j]))
			}
		}
	}
	lines = append(lines, "A1 B1 cooccur 1")
	_, n := analyzed(t, lines...)
	for name, nd := range n {
		want := 0 // the larger clique is community 0
		if name[0] == 'B' {
			want = 1
		}
		if nd.Community != want {
			t.Errorf("%s in community %d, want %d", name, nd.Community, want)
		}
	}
	if n["A1"].Betweenness <= n["A2"].Betweenness || n["B1"].Betweenness <= n["B2"].Betweenness {
		t.Error("the bridge ends are not the most between")
	}
}

// randomSubgraph makes a connected-ish random graph for cross-checks.
func randomSubgraph(seed uint64, n, m int) *Subgraph {
	rng := rand.New(rand.NewPCG(seed, 1))
	g := &Subgraph{index: map[string]int{}}
	for i := range n {
		id := fmt.Sprintf("%016x", i)
		g.Nodes = append(g.Nodes, Node{Entity: Entity{ID: id}})
		g.index[id] = i
	}
	seen := map[[2]int]bool{}
	for len(g.Links) < m {
		a, b := rng.IntN(n), rng.IntN(n)
		if a == b || seen[[2]int{min(a, b), max(a, b)}] {
			continue
		}
		seen[[2]int{min(a, b), max(a, b)}] = true
		g.Links = append(g.Links, Link{Source: g.Nodes[min(a, b)].ID, Target: g.Nodes[max(a, b)].ID, Weight: 1 + rng.IntN(5)})
	}
	return g
}

// directed doubles a View's links for gonum's PageRank.
type directed struct{ *View }

func (d directed) HasEdgeFromTo(u, v int64) bool { return d.HasEdgeBetween(u, v) }
func (d directed) To(id int64) gg.Nodes          { return d.From(id) }

var _ gg.WeightedDirected = directed{}

func TestMetricsAgreeWithGonum(t *testing.T) {
	for seed := range uint64(4) {
		g := randomSubgraph(seed, 60, 150)
		v := NewView(g)
		bc, err := v.betweenness(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := network.Betweenness(v)
		n := float64(len(g.Nodes))
		for i := range bc {
			if w := want[int64(i)] / ((n - 1) * (n - 2)); math.Abs(bc[i]-w) > 1e-9 {
				t.Fatalf("seed %d node %d: betweenness %v, gonum %v", seed, i, bc[i], w)
			}
		}
		pr, err := v.pageRank(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		wantPR := network.PageRankSparse(directed{v}, PageRankDamping, 1e-12)
		for i := range pr {
			if math.Abs(pr[i]-wantPR[int64(i)]) > 1e-6 {
				t.Fatalf("seed %d node %d: pagerank %v, gonum %v", seed, i, pr[i], wantPR[int64(i)])
			}
		}
	}
}

func TestViewIsAGonumGraph(t *testing.T) {
	g := randomSubgraph(9, 30, 60)
	v := NewView(g)
	ref := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for i := range g.Nodes {
		ref.AddNode(simple.Node(i))
	}
	for _, l := range g.Links {
		ref.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(g.index[l.Source]), T: simple.Node(g.index[l.Target]), W: float64(l.Weight)})
	}
	if gg.NodesOf(v.Nodes()) == nil || v.Nodes().Len() != 30 {
		t.Fatalf("Nodes().Len() = %d", v.Nodes().Len())
	}
	for x := int64(-1); x <= 30; x++ {
		if (v.Node(x) == nil) != (ref.Node(x) == nil) {
			t.Errorf("Node(%d) differs", x)
		}
		var got, want []int64
		for it := v.From(x); it.Next(); {
			got = append(got, it.Node().ID())
		}
		for it := ref.From(x); it.Next(); {
			want = append(want, it.Node().ID())
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("From(%d) = %v, want %v", x, got, want)
		}
		if it := v.From(x); it.Len() != len(want) {
			t.Errorf("From(%d).Len() = %d", x, it.Len())
		}
		for y := int64(-1); y <= 30; y++ {
			w1, ok1 := v.Weight(x, y)
			w2, ok2 := ref.Weight(x, y)
			if ok1 != ok2 || (ok1 && w1 != w2) {
				t.Errorf("Weight(%d,%d) = %v %v, want %v %v", x, y, w1, ok1, w2, ok2)
			}
			if v.HasEdgeBetween(x, y) != ref.HasEdgeBetween(x, y) || (v.Edge(x, y) == nil) != (ref.Edge(x, y) == nil) {
				t.Errorf("edge %d-%d differs", x, y)
			}
		}
	}
	it := v.Nodes()
	for it.Next() {
	}
	it.Reset()
	if !it.Next() || it.Node().ID() != 0 {
		t.Error("Reset does not restart")
	}
}

func TestBetweennessSampled(t *testing.T) {
	g := randomSubgraph(3, 1500, 6000)
	v := NewView(g)
	exact, _ := v.betweennessWith(context.Background(), len(g.Nodes), 0)
	sampled, _ := v.betweennessWith(context.Background(), 100, 400)
	// The top nodes by exact betweenness stay near the top when sampled.
	top := func(b []float64) []int {
		idx := make([]int, len(b))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, c int) int {
			if b[a] != b[c] {
				if b[a] > b[c] {
					return -1
				}
				return 1
			}
			return a - c
		})
		return idx
	}
	te, ts := top(exact), top(sampled)
	hits := 0
	for _, i := range te[:20] {
		if slices.Contains(ts[:40], i) {
			hits++
		}
	}
	if hits < 16 {
		t.Errorf("only %d of the exact top 20 in the sampled top 40", hits)
	}
	again, _ := v.betweennessWith(context.Background(), 100, 400)
	if !slices.Equal(sampled, again) {
		t.Error("sampled betweenness differs between runs")
	}
}

func TestAnalyzeDeterministicAndCached(t *testing.T) {
	ctx := context.Background()
	cs := newSynth(11, 80).docs(0, 300)
	a, b := openMem(t), openMem(t)
	mustApply(t, a, cs)
	rev := slices.Clone(cs)
	slices.Reverse(rev)
	mustApply(t, b, rev)
	ga, err := Analyze(ctx, a, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	gb, err := Analyze(ctx, b, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ga.Nodes, gb.Nodes) || !reflect.DeepEqual(ga.Links, gb.Links) {
		t.Fatal("the same documents in another order give other analytics")
	}
	// The cache holds what was computed...
	v, _ := a.Version()
	fresh, _ := Select(ctx, a, Filter{})
	if ok, err := a.loadMetrics(Filter{}, v, fresh); !ok || err != nil {
		t.Fatalf("no cached metrics after Analyze: %v", err)
	}
	if !reflect.DeepEqual(fresh.Nodes, ga.Nodes) {
		t.Error("cached metrics differ from computed ones")
	}
	// ...for that filter only...
	if ok, _ := a.loadMetrics(Filter{MinWeight: 2}, v, fresh); ok {
		t.Error("cache hit for another filter")
	}
	// ...and a new store state invalidates it.
	mustApply(t, a, newSynth(11, 80).docs(300, 301))
	v2, _ := a.Version()
	fresh, _ = Select(ctx, a, Filter{})
	if ok, _ := a.loadMetrics(Filter{}, v2, fresh); ok {
		t.Error("cache hit after the store changed")
	}
	g2, err := Analyze(ctx, a, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.loadMetrics(Filter{}, v2, fresh); !ok {
		t.Error("Analyze did not cache the new state")
	}
	var stale int
	a.scan(ctx, []byte{prefixCache}, false, func(k, val []byte) error {
		d := decoder{b: val}
		d.header()
		if d.fixed64() != v2 {
			stale++
		}
		return nil
	})
	if stale != 0 {
		t.Errorf("%d cache chunks of old versions left", stale)
	}
	_ = g2
}

func TestAnalyzeCacheChunks(t *testing.T) {
	// More nodes than one cache chunk holds.
	ctx := context.Background()
	s := openMem(t)
	syn := newSynth(12, cacheChunkNodes+500)
	syn.evidence = false
	mustApply(t, s, syn.docs(0, 3000))
	g, err := Analyze(ctx, s, Filter{Types: synthTypes})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) <= cacheChunkNodes {
		t.Fatalf("only %d nodes", len(g.Nodes))
	}
	v, _ := s.Version()
	fresh, _ := Select(ctx, s, Filter{Types: synthTypes})
	if ok, _ := s.loadMetrics(Filter{Types: synthTypes}, v, fresh); !ok || !reflect.DeepEqual(fresh.Nodes, g.Nodes) {
		t.Errorf("chunked cache: hit %v", ok)
	}
}

func TestPaths(t *testing.T) {
	// A–B–C–D is weak; A–X–Y–D is strong; A–D does not exist.
	s := specStore(t, nil,
		"A B cooccur 1", "B C cooccur 1", "C D cooccur 1",
		"A X cooccur 20", "X Y cooccur 20", "Y D cooccur 20",
		"Lone Other cooccur 1",
	)
	g, err := Select(context.Background(), s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	id := func(n string) string { return EntityID(n, "PERSON") }
	nameOf := map[string]string{}
	for _, n := range g.Nodes {
		nameOf[n.ID] = n.Name
	}
	render := func(p Path) string {
		var out []string
		for _, n := range p.Nodes {
			out = append(out, nameOf[n])
		}
		return fmt.Sprint(out)
	}
	p, err := g.ShortestPath(id("A"), id("D"))
	if err != nil {
		t.Fatal(err)
	}
	if got := render(p); got != "[A X Y D]" {
		t.Errorf("shortest = %s", got)
	}
	if want := 3 * LinkCost(20); math.Abs(p.Cost-want) > 1e-12 {
		t.Errorf("cost %v, want %v", p.Cost, want)
	}
	ps, err := g.KShortestPaths(id("A"), id("D"), 5)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, render(p))
	}
	if !slices.Equal(got, []string{"[A X Y D]", "[A B C D]"}) {
		t.Errorf("k shortest = %v", got)
	}
	if !slices.IsSortedFunc(ps, func(a, b Path) int {
		if a.Cost < b.Cost {
			return -1
		}
		if a.Cost > b.Cost {
			return 1
		}
		return 0
	}) {
		t.Error("paths not cheapest first")
	}
	if _, err := g.ShortestPath(id("A"), id("Lone")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unreachable: %v", err)
	}
	if _, err := g.KShortestPaths(id("A"), id("Lone"), 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("unreachable k: %v", err)
	}
	if _, err := g.ShortestPath(id("A"), id("Nobody")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown end: %v", err)
	}
	if p, err := g.ShortestPath(id("A"), id("A")); err != nil || len(p.Nodes) != 1 || p.Cost != 0 {
		t.Errorf("path to itself: %+v, %v", p, err)
	}
}

func TestLinkCost(t *testing.T) {
	prev := math.Inf(1)
	for _, w := range []float64{0, 1, 2, 3, 10, 100, 1e6} {
		c := LinkCost(w)
		if c <= 0 || c > prev || (w > 1 && c >= prev) {
			t.Errorf("LinkCost(%v) = %v after %v", w, c, prev)
		}
		prev = c
	}
}

// plantedSubgraph makes groups of dense communities with a few links
// between them.
func plantedSubgraph(seed uint64, groups, size int) *Subgraph {
	rng := rand.New(rand.NewPCG(seed, 3))
	n := groups * size
	g := &Subgraph{index: map[string]int{}}
	for i := range n {
		id := fmt.Sprintf("%016x", i)
		g.Nodes = append(g.Nodes, Node{Entity: Entity{ID: id}})
		g.index[id] = i
	}
	seen := map[[2]int]bool{}
	add := func(a, b, w int) {
		if a == b || seen[[2]int{min(a, b), max(a, b)}] {
			return
		}
		seen[[2]int{min(a, b), max(a, b)}] = true
		g.Links = append(g.Links, Link{Source: g.Nodes[min(a, b)].ID, Target: g.Nodes[max(a, b)].ID, Weight: w})
	}
	for i := range n {
		for range 4 {
			add(i, i/size*size+rng.IntN(size), 1+rng.IntN(3))
		}
		if rng.IntN(4) == 0 {
			add(i, rng.IntN(n), 1)
		}
	}
	slices.SortFunc(g.Links, func(a, b Link) int { return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target)) })
	return g
}

// TestLouvainModularity checks our Louvain against gonum's: the modularity
// gonum's community.Q gives our partition is at least that of the
// partition gonum's community.Modularize finds, less a little.
func TestLouvainModularity(t *testing.T) {
	for seed := range uint64(4) {
		g := plantedSubgraph(seed, 6, 30)
		v := NewView(g)
		comm, err := v.communities(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ours := map[int][]gg.Node{}
		for i, c := range comm {
			ours[c] = append(ours[c], simple.Node(i))
		}
		var oursList [][]gg.Node
		for c := range len(ours) {
			oursList = append(oursList, ours[c])
		}
		qOurs := community.Q(v, oursList, 1)
		qGonum := community.Q(v, community.Modularize(v, 1, rand.NewPCG(1, 1)).Communities(), 1)
		if qOurs < qGonum-0.01 {
			t.Errorf("seed %d: modularity %.4f, gonum's Louvain %.4f", seed, qOurs, qGonum)
		}
		t.Logf("seed %d: %d communities, Q %.4f (gonum %.4f)", seed, len(ours), qOurs, qGonum)
	}
}

func TestAnalyzeReadOnly(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, s, newSynth(21, 40).docs(0, 50))
	want, err := Analyze(context.Background(), s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(DefaultOptions(dir).WithReadOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	// From the cache the writer left...
	got, err := Analyze(context.Background(), ro, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Nodes, want.Nodes) {
		t.Error("read-only Analyze differs from the writer's")
	}
	// ...and computed, without writing, for a filter never cached.
	g2, err := Analyze(context.Background(), ro, Filter{MinWeight: 2})
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := Select(context.Background(), ro, Filter{MinWeight: 2})
	if err := fresh.Compute(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g2.Nodes, fresh.Nodes) {
		t.Error("read-only Analyze of a new filter differs from Compute")
	}
}

func TestAnalyzeEdgeCases(t *testing.T) {
	ctx := context.Background()
	// An empty store.
	g, err := Analyze(ctx, openMem(t), Filter{})
	if err != nil || len(g.Nodes) != 0 || len(g.Links) != 0 {
		t.Fatalf("empty store: %+v, %v", g, err)
	}
	// Entities without links: each its own community, equal pagerank.
	s := openMem(t)
	c := kerryContribution("a", "")
	c.Edges = nil
	mustApply(t, s, []Contribution{c})
	g, err = Analyze(ctx, s, Filter{})
	if err != nil || len(g.Nodes) != 3 {
		t.Fatalf("isolated nodes: %+v, %v", g, err)
	}
	comms := map[int]bool{}
	for _, n := range g.Nodes {
		comms[n.Community] = true
		if math.Abs(n.PageRank-1.0/3) > 1e-9 || n.Betweenness != 0 || n.Degree != 0 {
			t.Errorf("isolated node %s: %+v", n.Name, n.Metrics)
		}
	}
	if len(comms) != 3 {
		t.Errorf("isolated nodes share communities: %v", comms)
	}
	// One link.
	_, n := analyzed(t, "A B cooccur 2")
	if n["A"].Community != n["B"].Community || n["A"].PageRank != n["B"].PageRank || n["A"].Degree != 1 {
		t.Errorf("one link: %+v %+v", n["A"].Metrics, n["B"].Metrics)
	}
}

func TestKShortestPathsFewer(t *testing.T) {
	s := specStore(t, nil, "A B cooccur 1", "B C cooccur 1")
	g, err := Select(context.Background(), s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := g.KShortestPaths(EntityID("A", "PERSON"), EntityID("C", "PERSON"), 10)
	if err != nil || len(ps) != 1 || len(ps[0].Nodes) != 3 {
		t.Errorf("k=10 on a line: %+v, %v", ps, err)
	}
	if ps, err := g.KShortestPaths(EntityID("A", "PERSON"), EntityID("C", "PERSON"), 0); err != nil || ps != nil {
		t.Errorf("k=0: %+v, %v", ps, err)
	}
}
