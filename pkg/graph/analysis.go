package graph

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// View is a Subgraph as a gonum undirected weighted graph: node ids are
// indexes into Subgraph.Nodes, edge weights are link weights. Iteration is
// in id order, so gonum algorithms run on it give the same answer every time.
type View struct {
	ids   []string       // node id → entity id
	index map[string]int // entity id → node id
	off   []int32        // neighbours of u are adj[off[u]:off[u+1]]
	adj   []int32        // sorted per node
	w     []float64      // weight of adj[i]
}

var (
	_ gg.WeightedUndirected = (*View)(nil)
	_ gg.Nodes              = (*nodeIter)(nil)
)

// NewView builds the gonum view of g; links to ids not among its nodes are
// left out.
func NewView(g *Subgraph) *View {
	n := len(g.Nodes)
	index := g.nodeIndex()
	v := &View{ids: make([]string, n), index: index, off: make([]int32, n+1)}
	for i := range g.Nodes {
		v.ids[i] = g.Nodes[i].ID
	}
	deg := make([]int32, n+1)
	for _, l := range g.Links {
		a, okA := index[l.Source]
		b, okB := index[l.Target]
		if okA && okB {
			deg[a+1]++
			deg[b+1]++
		}
	}
	for i := 1; i <= n; i++ {
		deg[i] += deg[i-1]
	}
	copy(v.off, deg)
	v.adj = make([]int32, deg[n])
	v.w = make([]float64, deg[n])
	fill := slices.Clone(deg[:n])
	for _, l := range g.Links {
		a, okA := index[l.Source]
		b, okB := index[l.Target]
		if !okA || !okB {
			continue
		}
		v.adj[fill[a]], v.w[fill[a]] = int32(b), float64(l.Weight)
		fill[a]++
		v.adj[fill[b]], v.w[fill[b]] = int32(a), float64(l.Weight)
		fill[b]++
	}
	for u := 0; u < n; u++ {
		lo, hi := v.off[u], v.off[u+1]
		sort.Sort(byNeighbour{v.adj[lo:hi], v.w[lo:hi]})
	}
	return v
}

type byNeighbour struct {
	adj []int32
	w   []float64
}

func (s byNeighbour) Len() int           { return len(s.adj) }
func (s byNeighbour) Less(i, j int) bool { return s.adj[i] < s.adj[j] }
func (s byNeighbour) Swap(i, j int) {
	s.adj[i], s.adj[j] = s.adj[j], s.adj[i]
	s.w[i], s.w[j] = s.w[j], s.w[i]
}

// EntityID returns the entity id of node n, "" when there is none.
func (v *View) EntityID(n int64) string {
	if n < 0 || n >= int64(len(v.ids)) {
		return ""
	}
	return v.ids[n]
}

// NodeOf returns the node id of an entity id.
func (v *View) NodeOf(entity string) (int64, bool) {
	i, ok := v.index[entity]
	return int64(i), ok
}

func (v *View) has(id int64) bool { return id >= 0 && id < int64(len(v.ids)) }

// Node returns node id, nil when there is none.
func (v *View) Node(id int64) gg.Node {
	if !v.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns every node in id order.
func (v *View) Nodes() gg.Nodes {
	return &nodeIter{lo: 0, hi: int32(len(v.ids)), pos: -1, seq: true}
}

// From returns the neighbours of id in id order.
func (v *View) From(id int64) gg.Nodes {
	if !v.has(id) {
		return gg.Empty
	}
	return &nodeIter{adj: v.adj, lo: v.off[id], hi: v.off[id+1], pos: v.off[id] - 1}
}

// find returns the index in adj of the link x–y, or -1.
func (v *View) find(x, y int64) int {
	if !v.has(x) || !v.has(y) {
		return -1
	}
	lo, hi := v.off[x], v.off[x+1]
	i, ok := slices.BinarySearch(v.adj[lo:hi], int32(y))
	if !ok {
		return -1
	}
	return int(lo) + i
}

// HasEdgeBetween reports whether x and y are linked.
func (v *View) HasEdgeBetween(x, y int64) bool { return v.find(x, y) >= 0 }

// Edge returns the edge u–v, nil when there is none.
func (v *View) Edge(u, w int64) gg.Edge { return v.WeightedEdge(u, w) }

// EdgeBetween returns the edge x–y, nil when there is none.
func (v *View) EdgeBetween(x, y int64) gg.Edge { return v.WeightedEdge(x, y) }

// WeightedEdgeBetween returns the edge x–y, nil when there is none.
func (v *View) WeightedEdgeBetween(x, y int64) gg.WeightedEdge { return v.WeightedEdge(x, y) }

// WeightedEdge returns the edge u–w with its link weight, nil when there is
// none.
func (v *View) WeightedEdge(u, w int64) gg.WeightedEdge {
	i := v.find(u, w)
	if i < 0 {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(u), T: simple.Node(w), W: v.w[i]}
}

// Weight returns the link weight of x–y; 0 and true when x == y, as
// gonum's simple graphs do.
func (v *View) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	i := v.find(x, y)
	if i < 0 {
		return 0, false
	}
	return v.w[i], true
}

// nodeIter iterates node ids lo..hi-1 (seq) or adj[lo:hi].
type nodeIter struct {
	adj         []int32
	lo, hi, pos int32
	seq         bool
}

func (it *nodeIter) Next() bool {
	if it.pos+1 >= it.hi {
		it.pos = it.hi
		return false
	}
	it.pos++
	return true
}

func (it *nodeIter) Len() int {
	if it.pos >= it.hi {
		return 0
	}
	return int(it.hi - it.pos - 1)
}

func (it *nodeIter) Reset() { it.pos = it.lo - 1 }

func (it *nodeIter) Node() gg.Node {
	if it.pos < it.lo || it.pos >= it.hi {
		return nil
	}
	if it.seq {
		return simple.Node(it.pos)
	}
	return simple.Node(it.adj[it.pos])
}

// view returns g's View, built once.
func (g *Subgraph) view() *View {
	g.viewOnce.Do(func() { g.v = NewView(g) })
	return g.v
}

// PageRankDamping is the damping factor of PageRank.
const PageRankDamping = 0.85

// pageRank computes weighted PageRank over the undirected graph taken as
// two directed edges per link, each node passing its rank to its
// neighbours in proportion to link weight; nodes without links spread
// theirs over every node. The start vector is uniform and the iteration
// order fixed, so the result is the same on every run. Ranks sum to 1.
func (v *View) pageRank(ctx context.Context) ([]float64, error) {
	n := len(v.ids)
	if n == 0 {
		return nil, nil
	}
	strength := make([]float64, n)
	for u := 0; u < n; u++ {
		for i := v.off[u]; i < v.off[u+1]; i++ {
			strength[u] += v.w[i]
		}
	}
	rank := make([]float64, n)
	next := make([]float64, n)
	for i := range rank {
		rank[i] = 1 / float64(n)
	}
	const tol = 1e-10
	for iter := 0; iter < 1000; iter++ {
		if iter%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dangling := 0.0
		for u := 0; u < n; u++ {
			if strength[u] == 0 {
				dangling += rank[u]
			}
		}
		base := (1-PageRankDamping)/float64(n) + PageRankDamping*dangling/float64(n)
		for u := 0; u < n; u++ {
			sum := 0.0
			for i := v.off[u]; i < v.off[u+1]; i++ {
				j := v.adj[i]
				sum += rank[j] * v.w[i] / strength[j]
			}
			next[u] = base + PageRankDamping*sum
		}
		diff := 0.0
		for u := range next {
			diff += math.Abs(next[u] - rank[u])
		}
		rank, next = next, rank
		if diff < tol {
			break
		}
	}
	return rank, nil
}

// BetweennessExactLimit is the largest graph, in nodes, whose betweenness
// is computed exactly, from every node: the cost is O(nodes × links).
// Above it, a sample of sources chosen with a fixed seed is used and the
// sums scaled up (Brandes & Pich 2007): a few percent off for the central
// nodes that matter.
const BetweennessExactLimit = 5000

// BetweennessSamples is the largest number of sources of sampled
// betweenness; big graphs get fewer, so that the work stays within about
// 4×10⁸ link visits (a few seconds), but never under 64.
const BetweennessSamples = 256

// betweennessBudget is the number of link visits sampled betweenness aims
// at: each source costs two visits of every link end.
const betweennessBudget = 4e8

// betweenness computes unweighted (hop count) betweenness centrality with
// Brandes' algorithm, normalized by (n-1)(n-2) so that values lie in [0,1]
// for any graph size. Sources are split into a fixed number of chunks
// summed in order, so the result does not depend on GOMAXPROCS.
func (v *View) betweenness(ctx context.Context) ([]float64, error) {
	samples := BetweennessSamples
	if visits := 2 * float64(len(v.adj)+len(v.ids)); visits*float64(samples) > betweennessBudget {
		samples = max(64, int(betweennessBudget/visits))
	}
	return v.betweennessWith(ctx, BetweennessExactLimit, samples)
}

// betweennessWith is betweenness with its limits as parameters.
func (v *View) betweennessWith(ctx context.Context, exactLimit, samples int) ([]float64, error) {
	n := len(v.ids)
	out := make([]float64, n)
	if n < 3 {
		return out, nil
	}
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	scale := 1.0
	if n > exactLimit && samples < n {
		rng := rand.New(rand.NewPCG(1, 2))
		rng.Shuffle(n, func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
		sources = sources[:samples]
		slices.Sort(sources)
		scale = float64(n) / float64(samples)
	}
	const chunks = 16
	acc := make([][]float64, chunks)
	var wg sync.WaitGroup
	work := make(chan int)
	var errOnce sync.Once
	var firstErr error
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := newBrandes(n)
			for c := range work {
				sum := make([]float64, n)
				for i := c; i < len(sources); i += chunks {
					if ctx.Err() != nil {
						errOnce.Do(func() { firstErr = ctx.Err() })
						break
					}
					b.from(v, sources[i], sum)
				}
				acc[c] = sum
			}
		}()
	}
	for c := range chunks {
		work <- c
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	norm := scale / float64((n-1)*(n-2))
	for _, sum := range acc {
		for i, x := range sum {
			out[i] += x
		}
	}
	for i := range out {
		out[i] *= norm
	}
	return out, nil
}

// brandes holds the buffers of single-source Brandes passes.
type brandes struct {
	dist  []int32
	sigma []float64
	delta []float64
	order []int32
}

func newBrandes(n int) *brandes {
	return &brandes{dist: make([]int32, n), sigma: make([]float64, n), delta: make([]float64, n), order: make([]int32, 0, n)}
}

// from adds to sum the dependencies of every node on shortest paths from s.
func (b *brandes) from(v *View, s int32, sum []float64) {
	for i := range b.dist {
		b.dist[i] = -1
		b.sigma[i] = 0
		b.delta[i] = 0
	}
	b.order = b.order[:0]
	b.dist[s] = 0
	b.sigma[s] = 1
	b.order = append(b.order, s)
	for head := 0; head < len(b.order); head++ {
		u := b.order[head]
		for _, w := range v.adj[v.off[u]:v.off[u+1]] {
			if b.dist[w] < 0 {
				b.dist[w] = b.dist[u] + 1
				b.order = append(b.order, w)
			}
			if b.dist[w] == b.dist[u]+1 {
				b.sigma[w] += b.sigma[u]
			}
		}
	}
	for i := len(b.order) - 1; i > 0; i-- {
		w := b.order[i]
		for _, u := range v.adj[v.off[w]:v.off[w+1]] {
			if b.dist[u] == b.dist[w]-1 {
				b.delta[u] += b.sigma[u] / b.sigma[w] * (1 + b.delta[w])
			}
		}
		sum[w] += b.delta[w]
	}
}

// CommunitySeed seeds Louvain community detection.
const CommunitySeed = 1

// communities finds Louvain communities (see louvain; resolution 1,
// weighted, seeded with CommunitySeed) and numbers them by size, largest
// first, ties by smallest member.
func (v *View) communities(ctx context.Context) ([]int, error) {
	n := len(v.ids)
	comm := make([]int, n)
	if n == 0 {
		return comm, nil
	}
	member, err := v.louvain(ctx, CommunitySeed)
	if err != nil {
		return nil, err
	}
	groups := map[int32][]int32{}
	for u, c := range member {
		groups[c] = append(groups[c], int32(u)) // members in id order
	}
	members := make([][]int32, 0, len(groups))
	for _, m := range groups {
		members = append(members, m)
	}
	slices.SortFunc(members, func(a, b []int32) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a[0], b[0]))
	})
	for c, m := range members {
		for _, u := range m {
			comm[u] = c
		}
	}
	return comm, nil
}

// Compute fills every node's Metrics over g: degree and weighted degree,
// PageRank, betweenness and community. It does not use the store's cache;
// Analyze does.
func (g *Subgraph) Compute(ctx context.Context) error {
	v := g.view()
	pr, err := v.pageRank(ctx)
	if err != nil {
		return fmt.Errorf("pagerank: %w", err)
	}
	bc, err := v.betweenness(ctx)
	if err != nil {
		return fmt.Errorf("betweenness: %w", err)
	}
	comm, err := v.communities(ctx)
	if err != nil {
		return fmt.Errorf("communities: %w", err)
	}
	for i := range g.Nodes {
		m := &g.Nodes[i].Metrics
		m.Degree = int(v.off[i+1] - v.off[i])
		m.WeightedDegree = 0
		for _, w := range v.w[v.off[i]:v.off[i+1]] {
			m.WeightedDegree += w
		}
		m.PageRank = pr[i]
		m.Betweenness = bc[i]
		m.Community = comm[i]
	}
	return nil
}

// Analyze selects the graph f keeps and fills every node's Metrics. The
// metrics are cached in the store per filter and store state: a second
// Analyze with the same filter and no Apply in between reads them back
// instead of computing. A read-only store keeps what it computed in memory
// for as long as it is open (see SaveAnalytics). The Subgraph may be
// shared by later calls: treat it as read-only.
func Analyze(ctx context.Context, s *Store, f Filter) (*Subgraph, error) {
	version, err := s.Version()
	if err != nil {
		return nil, err
	}
	if g := s.memoized(f, version); g != nil {
		return g, nil
	}
	g, err := Select(ctx, s, f)
	if err != nil {
		return nil, err
	}
	if ok, err := s.loadMetrics(f, version, g); err != nil {
		return nil, err
	} else if ok {
		g.analyzed = version + 1
		return g, nil
	}
	if err := g.Compute(ctx); err != nil {
		return nil, fmt.Errorf("analyze %s: %w", s.name, err)
	}
	// Cache only what was computed from one store state.
	if now, err := s.Version(); err == nil && now == version {
		g.analyzed = version + 1
		if err := SaveAnalytics(s, f, g); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// SaveAnalytics caches the metrics of g, which Analyze returned for f, so
// that Analyze, AnalyzeNodes, HasAnalytics and Stream find them: in the
// store when it is writable and still at the state g was analysed at,
// else, for a read-only store, in memory for as long as s is open. A
// read-only command can so compute them, then save them through a
// writable Store of the same directory when it can have one.
func SaveAnalytics(s *Store, f Filter, g *Subgraph) error {
	if g.analyzed == 0 {
		return fmt.Errorf("save analytics: the subgraph was not analysed: %w", ErrInvalid)
	}
	version := g.analyzed - 1
	if s.opt.ReadOnly {
		s.memoMu.Lock()
		defer s.memoMu.Unlock()
		if s.memo == nil {
			s.memo = map[uint64]*Subgraph{}
		}
		s.memo[f.key()] = g
		return nil
	}
	if now, err := s.Version(); err != nil || now != version {
		return err // the store moved on: nothing to save
	}
	if err := s.saveMetrics(f, version, g); err != nil {
		return err
	}
	if f.key() == (Filter{}).key() && len(g.Links) > 0 {
		// The whole graph's only: what path queries ask for, and the
		// cache does not grow by a copy of the graph per export filter.
		return s.saveAdjacency(f, version, g)
	}
	return nil
}

// memoized returns the analytics a read-only store computed for f at
// version, or nil.
func (s *Store) memoized(f Filter, version uint64) *Subgraph {
	s.memoMu.Lock()
	defer s.memoMu.Unlock()
	if g := s.memo[f.key()]; g != nil && g.analyzed == version+1 {
		return g
	}
	return nil
}

// LinkCost is the cost of crossing a link of this weight in path queries:
// 1 for a single sentence, falling as weight rises (1/(1+ln w)), so that
// paths prefer strong links but still count hops.
func LinkCost(weight float64) float64 {
	if weight <= 1 {
		return 1
	}
	return 1 / (1 + math.Log(weight))
}

// costGraph is a View whose Weight is the LinkCost of the link, for gonum's
// shortest path functions.
type costGraph struct{ *View }

func (c costGraph) Weight(x, y int64) (float64, bool) {
	w, ok := c.View.Weight(x, y)
	if !ok || x == y {
		return w, ok
	}
	return LinkCost(w), true
}

// Path is a route through the graph.
type Path struct {
	Nodes []string `json:"nodes"` // entity ids, first to last
	Cost  float64  `json:"cost"`  // sum of the LinkCost of its links
}

// pathEnds resolves the ends of a path query.
func (g *Subgraph) pathEnds(from, to string) (gg.Node, gg.Node, error) {
	v := g.view()
	a, okA := v.NodeOf(from)
	b, okB := v.NodeOf(to)
	if !okA {
		return nil, nil, fmt.Errorf("path: entity %s not in the selected graph: %w", from, ErrNotFound)
	}
	if !okB {
		return nil, nil, fmt.Errorf("path: entity %s not in the selected graph: %w", to, ErrNotFound)
	}
	return simple.Node(a), simple.Node(b), nil
}

func (g *Subgraph) toPath(nodes []gg.Node) Path {
	v := g.view()
	p := Path{Nodes: make([]string, len(nodes))}
	for i, nd := range nodes {
		p.Nodes[i] = v.EntityID(nd.ID())
		if i > 0 {
			w, _ := v.Weight(nodes[i-1].ID(), nd.ID())
			p.Cost += LinkCost(w)
		}
	}
	return p
}

// ShortestPath returns the cheapest path between two entities of g (see
// LinkCost), by gonum's Dijkstra. The error wraps ErrNotFound when an end
// is not in g or no path joins them.
func (g *Subgraph) ShortestPath(from, to string) (p Path, err error) {
	a, b, err := g.pathEnds(from, to)
	if err != nil {
		return Path{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("path %s-%s: %v", from, to, r)
		}
	}()
	nodes := g.view().dijkstra(int32(a.ID()), int32(b.ID()))
	if len(nodes) == 0 {
		return Path{}, fmt.Errorf("path %s-%s: no path: %w", from, to, ErrNotFound)
	}
	return g.toPath(nodes), nil
}

// dijkstra is gonum's path.DijkstraFromTo over costGraph{v} on arrays
// instead of maps: the same priority queue fed in the same order, so the
// same path when several cost the same, in a fraction of the time on a
// big graph. It returns nil when no path joins a and b.
func (v *View) dijkstra(a, b int32) []gg.Node {
	n := len(v.ids)
	if v.off[a] == v.off[a+1] && a != b {
		return nil
	}
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	prev := make([]int32, n)
	dist[a] = 0
	q := &arrayQueue{{node: a, dist: 0}}
	for q.Len() != 0 {
		mid := heap.Pop(q).(queued)
		k := mid.node
		if mid.dist > dist[k] {
			continue
		}
		if k == b {
			break
		}
		for i := v.off[k]; i < v.off[k+1]; i++ {
			j := v.adj[i]
			joint := dist[k] + LinkCost(v.w[i])
			if joint < dist[j] {
				heap.Push(q, queued{node: j, dist: joint})
				dist[j], prev[j] = joint, k
			}
		}
	}
	if math.IsInf(dist[b], 1) {
		return nil
	}
	var rev []gg.Node
	for u := b; ; u = prev[u] {
		rev = append(rev, simple.Node(u))
		if u == a {
			break
		}
	}
	slices.Reverse(rev)
	return rev
}

// queued is a node in dijkstra's queue.
type queued struct {
	node int32
	dist float64
}

// arrayQueue is gonum's priorityQueue (path/dijkstra.go) for queued.
type arrayQueue []queued

func (q arrayQueue) Len() int            { return len(q) }
func (q arrayQueue) Less(i, j int) bool  { return q[i].dist < q[j].dist }
func (q arrayQueue) Swap(i, j int)       { q[i], q[j] = q[j], q[i] }
func (q *arrayQueue) Push(n interface{}) { *q = append(*q, n.(queued)) }
func (q *arrayQueue) Pop() interface{} {
	t := *q
	var n interface{}
	n, *q = t[len(t)-1], t[:len(t)-1]
	return n
}

// KShortestPaths returns up to k loopless paths between two entities of g,
// cheapest first, by gonum's Yen algorithm. The error wraps ErrNotFound when
// an end is not in g or no path joins them.
func (g *Subgraph) KShortestPaths(from, to string, k int) (ps []Path, err error) {
	a, b, err := g.pathEnds(from, to)
	if err != nil {
		return nil, err
	}
	if k <= 0 {
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("paths %s-%s: %v", from, to, r)
		}
	}()
	found := path.YenKShortestPaths(costGraph{g.view()}, k, math.Inf(1), a, b)
	for _, nodes := range found {
		ps = append(ps, g.toPath(nodes))
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("paths %s-%s: no path: %w", from, to, ErrNotFound)
	}
	return ps, nil
}
