package serve

import (
	"cmp"
	"context"
	"hash/fnv"
	"math"
	"slices"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"gonum.org/v1/gonum/spatial/r2"
)

// View is a part of the graph as the page draws it: nodes with positions,
// links between them.
type View struct {
	// Focus is the id of the entity the view is centred on, "" for an
	// overview.
	Focus string     `json:"focus,omitempty"`
	Depth int        `json:"depth,omitempty"`
	Nodes []ViewNode `json:"nodes"` // by id
	Links []ViewLink `json:"links"` // by (source, target)
	// Truncated says that more nodes matched than the limit allowed: the
	// best connected ones were kept.
	Truncated bool `json:"truncated"`
	// Matched is the number of nodes that matched before the limit.
	Matched int `json:"matched"`
	// LinksMatched is the number of links between the nodes; when it is
	// more than len(Links) the weakest were left out (an ego view keeps
	// every link of its focus).
	LinksMatched int `json:"links_matched"`
	// FirstSeen and LastSeen span the dates of the view's links.
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// ViewNode is an entity in a View.
type ViewNode struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Type     string  `json:"type"`
	Mentions int     `json:"mentions"`
	Rank     float64 `json:"rank"` // PageRank over the whole graph, mean 1
	// Weight is the summed weight of the node's links in the view.
	Weight int `json:"weight"`
	Degree int `json:"degree"` // links in the view
	// Hops is the distance from the focus (0 for the focus itself; 0 in an
	// overview).
	Hops int     `json:"hops"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
}

// ViewLink is every edge of one pair in a View, merged.
type ViewLink struct {
	Source    string     `json:"source"` // the smaller id
	Target    string     `json:"target"`
	Weight    int        `json:"weight"` // of the kinds kept
	Kinds     []string   `json:"kinds"`  // in graph.EdgeKinds order
	Counts    KindCounts `json:"counts"` // weight per kind
	Documents int        `json:"documents"`
	FirstSeen string     `json:"first_seen,omitempty"`
	LastSeen  string     `json:"last_seen,omitempty"`
}

// KindCounts is the weight of each edge kind of a link; kinds not kept or
// absent are left out of the JSON.
type KindCounts struct {
	Cooccur     int `json:"cooccur,omitempty"`
	Context     int `json:"context,omitempty"`
	Interaction int `json:"interaction,omitempty"`
}

// set sets the count of kind k (an index into graph.EdgeKinds).
func (c *KindCounts) set(k, n int) {
	switch graph.EdgeKinds[k] {
	case graph.Cooccur:
		c.Cooccur = n
	case graph.Context:
		c.Context = n
	case graph.Interaction:
		c.Interaction = n
	}
}

// Get returns the count of kind k.
func (c KindCounts) Get(k graph.EdgeKind) int {
	switch k {
	case graph.Cooccur:
		return c.Cooccur
	case graph.Context:
		return c.Context
	case graph.Interaction:
		return c.Interaction
	}
	return 0
}

// viewLink converts link l under f; w is f.weight(l). Its kinds, counts
// and dates are those of the kinds f keeps (see filter.keepKind), so that
// they add up to w.
func (ix *index) viewLink(l *link, f *filter, w int) ViewLink {
	vl := ViewLink{Source: ix.ids[l.a], Target: ix.ids[l.b], Weight: w, Documents: int(l.docs)}
	for k := range nKinds {
		if f.keepKind(l, k) {
			vl.Kinds = append(vl.Kinds, string(graph.EdgeKinds[k]))
			vl.Counts.set(k, int(l.w[k]))
		}
	}
	first, last := f.span(l)
	vl.FirstSeen, vl.LastSeen = formatDate(first), formatDate(last)
	return vl
}

// marks maps node → position in a view, -1 when absent: a dense slice,
// cheaper than a map when thousands of adjacency entries are checked.
type marks []int32

func newMarks(n int) marks {
	m := make(marks, n)
	for i := range m {
		m[i] = -1
	}
	return m
}

func (m marks) set(u int32, pos int) { m[u] = int32(pos) }
func (m marks) has(u int32) bool     { return m[u] >= 0 }
func (m marks) get(u int32) int      { return int(m[u]) }

// picked is a node chosen for a view.
type picked struct {
	node  int32
	hops  int
	score float64
}

// ego selects the neighbourhood of focus within depth hops (1 or 2) under
// f, keeping at most limit nodes: the neighbours with the heaviest links to
// the focus, then at depth 2 the nodes most strongly tied to those.
func (ix *index) ego(ctx context.Context, focus int32, depth, limit int, f *filter) *View {
	in := newMarks(len(ix.ids))
	in.set(focus, 0)
	order := []picked{{node: focus}}
	matched := 1
	// Hop 1.
	var hop1 []picked
	for i := ix.off[focus]; i < ix.off[focus+1]; i++ {
		v := ix.nbr[i]
		if !f.keepNode(ix, v) {
			continue
		}
		if w := f.weight(&ix.links[ix.lnk[i]]); w > 0 {
			hop1 = append(hop1, picked{v, 1, float64(w)})
		}
	}
	matched += len(hop1)
	budget := limit - 1
	if depth >= 2 {
		// Leave room for the second ring: half the budget, at least one.
		budget = min(budget, max((limit-1)/2, 1))
	}
	hop1 = ix.best(hop1, budget)
	for _, p := range hop1 {
		in.set(p.node, len(order))
		order = append(order, p)
	}
	if depth >= 2 && ctx.Err() == nil {
		score := make([]float64, len(ix.ids))
		var hop2 []picked
		for _, p := range hop1 {
			u := p.node
			for i := ix.off[u]; i < ix.off[u+1]; i++ {
				v := ix.nbr[i]
				if in.has(v) || !f.keepNode(ix, v) {
					continue
				}
				if w := f.weight(&ix.links[ix.lnk[i]]); w > 0 {
					if score[v] == 0 {
						hop2 = append(hop2, picked{v, 2, 0})
					}
					score[v] += float64(w)
				}
			}
		}
		for i := range hop2 {
			hop2[i].score = score[hop2[i].node]
		}
		matched += len(hop2)
		hop2 = ix.best(hop2, limit-len(order))
		for _, p := range hop2 {
			in.set(p.node, len(order))
			order = append(order, p)
		}
	}
	v := ix.makeView(ctx, order, in, f, 0)
	v.Focus, v.Depth = ix.ids[focus], depth
	v.Matched, v.Truncated = matched, matched > len(order)
	return v
}

// better reports whether candidate a ranks before b: higher score, then
// higher rank, then smaller id (node order is id order).
func (ix *index) better(a, b picked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if ra, rb := ix.rank[a.node], ix.rank[b.node]; ra != rb {
		return ra > rb
	}
	return a.node < b.node
}

// sortPicked orders candidates best first (see better).
func (ix *index) sortPicked(ps []picked) {
	slices.SortFunc(ps, func(a, b picked) int {
		switch {
		case ix.better(a, b):
			return -1
		case ix.better(b, a):
			return 1
		}
		return 0
	})
}

// best returns the k best candidates of ps, best first, reordering ps. A
// bounded heap keeps it O(len(ps)·log k) for a hub's thousands of
// second-hop candidates.
func (ix *index) best(ps []picked, k int) []picked {
	if k <= 0 {
		return nil
	}
	if len(ps) <= k {
		ix.sortPicked(ps)
		return ps
	}
	// h is a min-heap (the worst kept at the root) over ps[:k].
	h := ps[:k]
	worse := func(i, j int) bool { return ix.better(h[j], h[i]) }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= k {
				return
			}
			m := l
			if r := l + 1; r < k && worse(r, l) {
				m = r
			}
			if !worse(m, i) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, p := range ps[k:] {
		if ix.better(p, h[0]) {
			h[0] = p
			down(0)
		}
	}
	ix.sortPicked(h)
	return h
}

// overview selects the top nodes of highest weighted degree under f and
// the links between them.
func (ix *index) overview(ctx context.Context, top int, f *filter) *View {
	wdeg := make([]float64, len(ix.ids))
	for li := range ix.links {
		l := &ix.links[li]
		if !f.keepNode(ix, l.a) || !f.keepNode(ix, l.b) {
			continue
		}
		if w := f.weight(l); w > 0 {
			wdeg[l.a] += float64(w)
			wdeg[l.b] += float64(w)
		}
		if li%65536 == 0 && ctx.Err() != nil {
			break
		}
	}
	var cands []picked
	for u, w := range wdeg {
		if w > 0 {
			cands = append(cands, picked{int32(u), 0, w})
		}
	}
	matched := len(cands)
	cands = ix.best(cands, top)
	in := newMarks(len(ix.ids))
	for i, p := range cands {
		in.set(p.node, i)
	}
	v := ix.makeView(ctx, cands, in, f, -1)
	v.Matched, v.Truncated = matched, matched > len(cands)
	return v
}

// maxViewLinks caps the links of one view; the heaviest are kept.
const maxViewLinks = 60000

// makeView gathers the links between the picked nodes, lays them out and
// converts everything for JSON. fixed is the position in order of a node
// pinned at the centre (-1: none; 0 is the focus of an ego view).
func (ix *index) makeView(ctx context.Context, order []picked, in marks, f *filter, fixed int) *View {
	type vl struct {
		li   int32
		a, b int
		w    int
	}
	var links []vl
	for ai, p := range order {
		u := p.node
		for i := ix.off[u]; i < ix.off[u+1]; i++ {
			v := ix.nbr[i]
			if v <= u {
				continue
			}
			bi := in.get(v)
			if bi < 0 {
				continue
			}
			if w := f.weight(&ix.links[ix.lnk[i]]); w > 0 {
				links = append(links, vl{ix.lnk[i], ai, bi, w})
			}
		}
	}
	linkCap := maxViewLinks
	if fixed == 0 {
		// An ego view keeps every link of the focus and the strongest of
		// the others: past a dozen links a node, a drawing is a hairball.
		linkCap = min(maxViewLinks, max(2000, 15*len(order)))
	}
	linksMatched := len(links)
	if len(links) > linkCap {
		slices.SortFunc(links, func(a, b vl) int {
			return cmp.Or(boolCmp(a.a != fixed && a.b != fixed, b.a != fixed && b.b != fixed), cmp.Compare(b.w, a.w), cmp.Compare(a.li, b.li))
		})
		links = links[:linkCap]
	}
	// Lay out: an ego view starts with rings around the focus.
	edges := make([]layoutEdge, len(links))
	for i, l := range links {
		edges[i] = layoutEdge{l.a, l.b, float64(l.w)}
	}
	var init []r2.Vec
	seed := uint64(len(order))
	if fixed == 0 {
		h := fnv.New64a()
		h.Write([]byte(ix.ids[order[0].node]))
		seed = h.Sum64()
		init = make([]r2.Vec, len(order))
		for i, p := range order {
			if i == 0 {
				continue
			}
			a := 2 * math.Pi * float64(i) / float64(len(order))
			r := layoutScale * float64(p.hops) * (2 + math.Sqrt(float64(len(order)))/2)
			init[i] = r2.Vec{X: r * math.Cos(a), Y: r * math.Sin(a)}
		}
	}
	iters := layoutIterations(len(order))
	pos := forceLayout(ctx, len(order), edges, layoutOptions{iterations: iters, seed: seed, fixed: fixed, init: init})

	view := &View{Nodes: make([]ViewNode, len(order)), Links: make([]ViewLink, len(links)), LinksMatched: linksMatched}
	var first, last int32
	for i, l := range links {
		view.Links[i] = ix.viewLink(&ix.links[l.li], f, l.w)
		view.Nodes[l.a].Weight += l.w
		view.Nodes[l.b].Weight += l.w
		view.Nodes[l.a].Degree++
		view.Nodes[l.b].Degree++
		lf, ll := f.span(&ix.links[l.li])
		if lf != 0 && (first == 0 || lf < first) {
			first = lf
		}
		last = max(last, ll)
	}
	view.FirstSeen, view.LastSeen = formatDate(first), formatDate(last)
	for i, p := range order {
		u := p.node
		n := &view.Nodes[i]
		n.ID, n.Name, n.Type = ix.ids[u], ix.name[u], ix.types[ix.typ[u]]
		n.Mentions, n.Rank, n.Hops = int(ix.mentions[u]), round3(ix.rank[u]), p.hops
		n.X, n.Y = math.Round(pos[i].X*10)/10, math.Round(pos[i].Y*10)/10
	}
	slices.SortFunc(view.Nodes, func(a, b ViewNode) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(view.Links, func(a, b ViewLink) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	})
	return view
}

// layoutIterations trades layout quality for time on large views.
func layoutIterations(n int) int {
	switch {
	case n <= 150:
		return 200
	case n <= 400:
		return 150
	case n <= 2000:
		return 100
	}
	return 60
}

// Relation is one neighbour of an entity, for the "who met whom, when"
// panel.
type Relation struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Type      string     `json:"type"`
	Weight    int        `json:"weight"`
	Kinds     []string   `json:"kinds"`
	Counts    KindCounts `json:"counts"`
	Documents int        `json:"documents"`
	FirstSeen string     `json:"first_seen,omitempty"`
	LastSeen  string     `json:"last_seen,omitempty"`
	// Predicates of the interaction edge ("met": 2), read from the store.
	Predicates map[string]int `json:"predicates,omitempty"`
}

// relations lists the neighbours of u under f, sorted by sortBy ("date":
// first seen, undated last; "weight": heaviest first), with the total
// before limit.
func (ix *index) relations(u int32, f *filter, sortBy string, limit int) ([]Relation, int) {
	var rs []Relation
	for i := ix.off[u]; i < ix.off[u+1]; i++ {
		v := ix.nbr[i]
		if !f.keepNode(ix, v) {
			continue
		}
		l := &ix.links[ix.lnk[i]]
		w := f.weight(l)
		if w == 0 {
			continue
		}
		vl := ix.viewLink(l, f, w)
		rs = append(rs, Relation{ID: ix.ids[v], Name: ix.name[v], Type: ix.types[ix.typ[v]], Weight: w, Kinds: vl.Kinds,
			Counts: vl.Counts, Documents: vl.Documents, FirstSeen: vl.FirstSeen, LastSeen: vl.LastSeen})
	}
	byWeight := func(a, b Relation) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	}
	if sortBy == "weight" {
		slices.SortFunc(rs, byWeight)
	} else {
		slices.SortFunc(rs, func(a, b Relation) int {
			if (a.FirstSeen == "") != (b.FirstSeen == "") {
				return boolCmp(a.FirstSeen == "", b.FirstSeen == "")
			}
			return cmp.Or(cmp.Compare(a.FirstSeen, b.FirstSeen), byWeight(a, b))
		})
	}
	total := len(rs)
	if len(rs) > limit {
		rs = rs[:limit]
	}
	return rs, total
}

// path finds a path with the fewest hops (at most maxHops) from a to b
// under f by breadth-first search from both ends; among equally short
// paths it prefers heavier links at each step. It returns nil when none
// exists within maxHops.
func (ix *index) path(ctx context.Context, a, b int32, maxHops int, f *filter) []int32 {
	if a == b {
		return []int32{a}
	}
	// parent[x] for the forward search, child[x] for the backward one.
	type step struct {
		prev int32
		w    int
	}
	fwd := map[int32]step{a: {-1, 0}}
	bwd := map[int32]step{b: {-1, 0}}
	ff, bf := []int32{a}, []int32{b}
	meet := int32(-1)
	for hops := 0; hops < maxHops && len(ff) > 0 && len(bf) > 0 && meet < 0; hops++ {
		if ctx.Err() != nil {
			return nil
		}
		// Expand the smaller frontier.
		front, seen, other := &ff, fwd, bwd
		if ix.frontierCost(bf) < ix.frontierCost(ff) {
			front, seen, other = &bf, bwd, fwd
		}
		next := map[int32]step{}
		for _, u := range *front {
			for i := ix.off[u]; i < ix.off[u+1]; i++ {
				v := ix.nbr[i]
				if _, ok := seen[v]; ok {
					continue
				}
				if !f.keepNode(ix, v) && v != a && v != b {
					continue
				}
				w := f.weight(&ix.links[ix.lnk[i]])
				if w == 0 {
					continue
				}
				if s, ok := next[v]; !ok || w > s.w || w == s.w && u < s.prev {
					next[v] = step{u, w}
				}
			}
		}
		keys := make([]int32, 0, len(next))
		for v, s := range next {
			seen[v] = s
			keys = append(keys, v)
		}
		slices.Sort(keys)
		*front = keys
		bestW := -1
		for _, v := range keys {
			if _, ok := other[v]; ok {
				// Prefer the meeting node with the heaviest links on both sides.
				if w := seen[v].w + other[v].w; w > bestW {
					meet, bestW = v, w
				}
			}
		}
	}
	if meet < 0 {
		return nil
	}
	var p []int32
	for x := meet; x >= 0; x = fwd[x].prev {
		p = append(p, x)
	}
	slices.Reverse(p)
	for x := bwd[meet].prev; x >= 0; x = bwd[x].prev {
		p = append(p, x)
	}
	return p
}

// frontierCost is the number of adjacency entries expanding ns reads.
func (ix *index) frontierCost(ns []int32) int {
	c := 0
	for _, u := range ns {
		c += int(ix.off[u+1] - ix.off[u])
	}
	return c
}
