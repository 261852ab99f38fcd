package graph

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// DefaultTypes are the entity types that become nodes when a Filter names
// none. NORP and MISC are left out: nationalities and odds and ends link to
// everything and say little.
var DefaultTypes = []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}

// Filter chooses the part of the graph to select. The zero Filter keeps
// every edge between entities of DefaultTypes.
type Filter struct {
	// MinWeight drops links (all kinds of a pair merged) lighter than this.
	MinWeight int
	// Types are the entity types kept as nodes; empty means DefaultTypes.
	Types []string
	// Kinds are the edge kinds kept; empty means all.
	Kinds []EdgeKind
	// Top keeps the Top nodes of highest weighted degree (ties: more
	// mentions, then smaller id) and the links between them; 0 keeps all.
	Top int
	// Focus, an entity id, keeps only the nodes within Depth links of it
	// (the focus itself whatever its type), walking only links the other
	// fields keep; Top then applies to what the walk reached.
	Focus string
	// Depth is the radius around Focus; 0 means 1.
	Depth int
	// Since and Until (YYYY-MM-DD, YYYY-MM or YYYY, inclusive, either may
	// be empty) keep the edges seen in that range: those whose first and
	// last dates overlap it. Undated edges are dropped when either is set.
	// Weights stay those of the whole edge.
	Since, Until string
}

// dateRange returns Since and Until as full dates: a month or year given
// alone starts on its first day for Since and ends on its last for Until.
func (f Filter) dateRange() (since, until string, err error) {
	full := func(d, pad string) (string, error) {
		if d == "" {
			return "", nil
		}
		ok := len(d) == 4 || len(d) == 7 || len(d) == 10
		for i := 0; ok && i < len(d); i++ {
			if i == 4 || i == 7 {
				ok = d[i] == '-'
			} else {
				ok = d[i] >= '0' && d[i] <= '9'
			}
		}
		if !ok {
			return "", fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY: %w", d, ErrInvalid)
		}
		return d + pad[len(d)-4:], nil
	}
	if since, err = full(f.Since, "-01-01"); err != nil {
		return "", "", err
	}
	if until, err = full(f.Until, "-12-31"); err != nil {
		return "", "", err
	}
	return since, until, nil
}

// types returns the node types the filter keeps.
func (f Filter) types() map[string]bool {
	ts := f.Types
	if len(ts) == 0 {
		ts = DefaultTypes
	}
	m := make(map[string]bool, len(ts))
	for _, t := range ts {
		m[t] = true
	}
	return m
}

// kinds returns a table of the kept kind bytes.
func (f Filter) kinds() (keep [4]bool, err error) {
	if len(f.Kinds) == 0 {
		return [4]bool{false, true, true, true}, nil
	}
	for _, k := range f.Kinds {
		b, ok := kindByte(k)
		if !ok {
			return keep, fmt.Errorf("edge kind %q: %w", k, ErrInvalid)
		}
		keep[b] = true
	}
	return keep, nil
}

// inRange reports whether an edge seen from first to last overlaps the
// filter's dates.
func (f Filter) inRange(first, last string) bool {
	if f.Since == "" && f.Until == "" {
		return true
	}
	if first == "" {
		return false
	}
	return (f.Until == "" || first <= f.Until) && (f.Since == "" || last >= f.Since)
}

// inRangeBytes is inRange of dates held as bytes.
func (f Filter) inRangeBytes(first, last []byte) bool {
	if f.Since == "" && f.Until == "" {
		return true
	}
	if len(first) == 0 {
		return false
	}
	return (f.Until == "" || string(first) <= f.Until) && (f.Since == "" || string(last) >= f.Since)
}

// key returns a hash of the filter's canonical form, naming its cached
// analytics. Filters that select the same graph share a key: a MinWeight
// of 0 or 1 keeps every link (each weighs at least 1), and Depth means
// nothing without Focus.
func (f Filter) key() uint64 { return f.keyWith("") }

// keyWith is key for another record of the filter's cache: part names it.
func (f Filter) keyWith(part string) uint64 {
	types := slices.Sorted(func(yield func(string) bool) {
		for t := range f.types() {
			if !yield(t) {
				return
			}
		}
	})
	kinds, _ := f.kinds()
	depth := f.Depth
	if f.Focus == "" {
		depth = 0
	} else if depth <= 0 {
		depth = 1
	}
	since, until, _ := f.dateRange()
	// c names the layout of the cache chunks (cache.go).
	s := fmt.Sprintf("c=2\x00w=%d\x00t=%s\x00k=%v\x00top=%d\x00f=%s\x00d=%d\x00s=%s\x00u=%s",
		max(f.MinWeight, 1), strings.Join(types, ","), kinds, max(f.Top, 0), f.Focus, depth, since, until)
	if part != "" {
		s += "\x00part=" + part
	}
	h := sha256.Sum256([]byte(s))
	return binary.BigEndian.Uint64(h[:8])
}

// Subgraph is a selected part of the graph held in memory, without evidence
// text: Nodes sorted by id, Links sorted by (Source, Target). Only Degree and
// WeightedDegree of the nodes' Metrics are set by Select; Analyze sets all.
// Links of the same kinds and weights share their Kinds slice and Counts
// map, and a link of one kind shares its Predicates with its edge: treat
// them as read-only.
type Subgraph struct {
	Nodes []Node
	Links []Link

	multi []Edge // the edges of links of several kinds, sorted
	// analyzed is the store version Analyze computed or read the metrics
	// at, plus one (0: Metrics hold degrees only).
	analyzed uint64
	index    map[string]int // node id → index in Nodes

	indexOnce sync.Once
	viewOnce  sync.Once
	v         *View
}

// nodeIndex returns the index of every node id, built on first use when g
// was not made by Select.
func (g *Subgraph) nodeIndex() map[string]int {
	g.indexOnce.Do(func() {
		if g.index != nil {
			return
		}
		g.index = make(map[string]int, len(g.Nodes))
		for i := range g.Nodes {
			g.index[g.Nodes[i].ID] = i
		}
	})
	return g.index
}

// Edges returns the edges behind the links, one per kind, in (Source,
// Target, Kind) order, without evidence. It builds a new slice on every
// call; its Predicates maps are shared with the links.
func (g *Subgraph) Edges() []Edge {
	out := make([]Edge, 0, len(g.Links)+len(g.multi)/2)
	j := 0
	for _, l := range g.Links {
		if len(l.Kinds) > 1 {
			out = append(out, g.multi[j:j+len(l.Kinds)]...)
			j += len(l.Kinds)
			continue
		}
		out = append(out, Edge{Kind: l.Kinds[0], Source: l.Source, Target: l.Target, Weight: l.Weight, Documents: l.Documents,
			FirstSeen: l.FirstSeen, LastSeen: l.LastSeen, Predicates: l.Predicates})
	}
	return out
}

// Node returns the node with this entity id.
func (g *Subgraph) Node(id string) (Node, bool) {
	i, ok := g.nodeIndex()[id]
	if !ok {
		return Node{}, false
	}
	return g.Nodes[i], true
}

// interner shares the Kinds slices and Counts maps of links that have the
// same kinds and weights, and the date strings of edges: a million links
// then cost a fraction of the memory.
type interner struct {
	kinds  map[string][]EdgeKind
	counts map[[4]int]map[EdgeKind]int
	dates  map[string]string
}

func newInterner() *interner {
	return &interner{kinds: map[string][]EdgeKind{}, counts: map[[4]int]map[EdgeKind]int{}, dates: map[string]string{}}
}

// linkOf merges the edges of one pair, given in kind order.
func (in *interner) linkOf(edges []Edge) Link {
	l := Link{Source: edges[0].Source, Target: edges[0].Target}
	var key [4]int
	var kinds [3]byte
	for i, e := range edges {
		kb, _ := kindByte(e.Kind)
		key[kb] += e.Weight
		kinds[i] = kb
		l.Weight += e.Weight
		l.Documents = max(l.Documents, e.Documents)
		l.FirstSeen = MinDate(l.FirstSeen, e.FirstSeen)
		l.LastSeen = MaxDate(l.LastSeen, e.LastSeen)
		if len(edges) == 1 {
			l.Predicates = e.Predicates
		} else {
			l.Predicates = addCounts(l.Predicates, e.Predicates)
		}
	}
	ks := kinds[:len(edges)]
	if l.Kinds = in.kinds[string(ks)]; l.Kinds == nil {
		for _, e := range edges {
			l.Kinds = append(l.Kinds, e.Kind)
		}
		in.kinds[string(ks)] = l.Kinds
	}
	if l.Counts = in.counts[key]; l.Counts == nil {
		l.Counts = make(map[EdgeKind]int, len(edges))
		for _, e := range edges {
			l.Counts[e.Kind] += e.Weight
		}
		in.counts[key] = l.Counts
	}
	return l
}

// date returns the shared copy of a date.
func (in *interner) date(b []byte) string {
	if s, ok := in.dates[string(b)]; ok {
		return s
	}
	s := string(b)
	in.dates[s] = s
	return s
}

// selector holds the state of one Select.
type selector struct {
	s       *Store
	f       Filter
	types   map[string]bool
	kinds   [4]bool
	typ     map[uint64]string // entity types read so far
	focusID uint64            // the focus, kept whatever its type
	ids     map[uint64]string // formatted ids, shared by links and edges
	in      *interner
	// evidence: eachLink gives every edge its first piece of evidence.
	evidence bool
}

// intern returns the kept type equal to t, so that a million entities share
// a handful of strings.
func (sel *selector) intern(t string) string {
	for k := range sel.types {
		if k == t {
			return k
		}
	}
	return t
}

func (sel *selector) idString(n uint64) string {
	if s, ok := sel.ids[n]; ok {
		return s
	}
	s := formatID(n)
	sel.ids[n] = s
	return s
}

// entityType reads the type of entity n, "" when it is missing.
func (sel *selector) entityType(txn *badger.Txn, n uint64) (string, error) {
	if t, ok := sel.typ[n]; ok {
		return t, nil
	}
	item, err := txn.Get(entityKey(n))
	if errors.Is(err, badger.ErrKeyNotFound) {
		sel.typ[n] = ""
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var t string
	err = item.Value(func(b []byte) error {
		t, err = decodeEntityType(b)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("entity %s: %w", formatID(n), err)
	}
	sel.typ[n] = t
	return t, nil
}

// pairLinks gathers consecutive edges of one pair into a link.
type pairLinks struct {
	links []Link
	multi []Edge // edges of links of several kinds
	cur   []Edge
	src   uint64 // the pair of cur
	dst   uint64
	min   int
	in    *interner
}

func (p *pairLinks) add(src, dst uint64, e Edge) {
	if len(p.cur) > 0 && (p.src != src || p.dst != dst) {
		p.flush()
	}
	p.src, p.dst = src, dst
	p.cur = append(p.cur, e)
}

func (p *pairLinks) flush() {
	if len(p.cur) == 0 {
		return
	}
	if l := p.in.linkOf(p.cur); l.Weight >= p.min {
		p.links = append(p.links, l)
		if len(p.cur) > 1 {
			p.multi = append(p.multi, p.cur...)
		}
	}
	p.cur = p.cur[:0]
}

// Select reads the part of the store the filter keeps. Nodes with no link
// left are dropped, except when no link is left at all: then the nodes are
// the entities of the kept types seen in the date range (or the focus
// alone), at most Top of them by mentions, so that a graph without edges is
// not empty. Focus names an entity id; an unknown one gives an error
// wrapping ErrNotFound. Select reads records in several passes: an Apply
// running meanwhile may be partly seen.
func Select(ctx context.Context, s *Store, f Filter) (*Subgraph, error) {
	sel := &selector{s: s, f: f, types: f.types(), typ: map[uint64]string{}, ids: map[uint64]string{}, in: newInterner()}
	var err error
	if sel.kinds, err = f.kinds(); err != nil {
		return nil, fmt.Errorf("select: %w", err)
	}
	if sel.f.Since, sel.f.Until, err = f.dateRange(); err != nil {
		return nil, fmt.Errorf("select: %w", err)
	}
	var g *Subgraph
	if f.Focus != "" {
		g, err = sel.focus(ctx)
	} else {
		g, err = sel.all(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("select from %s: %w", s.name, err)
	}
	return g, nil
}

// loadTypes records the type of every entity of a selected type, from
// one pass over the entity values' type prefixes.
func (sel *selector) loadTypes(ctx context.Context) error {
	return sel.s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
		t, err := decodeEntityType(v)
		if err != nil {
			return fmt.Errorf("entity %x: %w", k[1:], err)
		}
		if sel.types[t] {
			sel.typ[binary.BigEndian.Uint64(k[1:])] = sel.intern(t)
		}
		return nil
	})
}

// all selects from every edge of the store.
func (sel *selector) all(ctx context.Context) (*Subgraph, error) {
	// Entity types first: one pass over small prefixes of the entity values.
	if err := sel.loadTypes(ctx); err != nil {
		return nil, err
	}
	p, err := sel.scanLinks(ctx, true)
	if err != nil {
		return nil, err
	}
	return sel.finish(ctx, p.links, p.multi, "")
}

// scanLinks reads every edge between entities in sel.typ into links. With
// reserve, which suits a selection of the whole graph, it first makes room
// for every edge of the kept kinds: growing a slice of a million links
// costs more than the room unused. A focus ring keeps few of them.
func (sel *selector) scanLinks(ctx context.Context, reserve bool) (*pairLinks, error) {
	p := &pairLinks{min: sel.f.MinWeight, in: sel.in}
	if reserve {
		if st, err := sel.s.Stats(); err == nil {
			n := 0
			for k, c := range st.Edges {
				if kb, ok := kindByte(EdgeKind(k)); ok && sel.kinds[kb] {
					n += c
				}
			}
			p.links = make([]Link, 0, n)
		}
	}
	var lastSrc uint64
	var srcKept, started bool
	var srcID string
	err := sel.s.scan(ctx, []byte{prefixEdge}, false, func(k, v []byte) error {
		src := binary.BigEndian.Uint64(k[1:])
		dst := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if src != lastSrc || !started {
			// Edges come sorted by source: look each source up once.
			lastSrc, srcKept, started = src, sel.typ[src] != "", true
			if srcKept {
				srcID = sel.idString(src)
			}
		}
		if !srcKept || int(kb) >= len(sel.kinds) || !sel.kinds[kb] || sel.typ[dst] == "" {
			return nil
		}
		kind, _ := byteKind(kb)
		e, err := decodeEdgeAs(srcID, sel.idString(dst), kind, v, false, sel.in)
		if err != nil {
			return err
		}
		if !sel.f.inRange(e.FirstSeen, e.LastSeen) {
			return nil
		}
		p.add(src, dst, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.flush()
	return p, nil
}

// focusScanRing is the size of the outermost ring of a focus selection
// above which the links among it are found by a sweep of every edge rather
// than through the adjacency index of each of its nodes.
var focusScanRing = 2000

// focus selects the neighbourhood of one entity through the adjacency
// index, without reading the rest of the store.
func (sel *selector) focus(ctx context.Context) (*Subgraph, error) {
	center, err := parseID(sel.f.Focus)
	if err != nil {
		return nil, fmt.Errorf("focus %q: %w", sel.f.Focus, errors.Join(err, ErrNotFound))
	}
	depth := max(sel.f.Depth, 1)
	var links []Link
	var multi []Edge
	var kept map[uint64]int
	err = sel.s.db.View(func(txn *badger.Txn) error {
		t, err := sel.entityType(txn, center)
		if err != nil {
			return err
		}
		if t == "" {
			return fmt.Errorf("focus %s: %w", sel.f.Focus, ErrNotFound)
		}
		sel.focusID = center
		dist := map[uint64]int{center: 0}
		seen := map[[2]uint64]bool{}
		frontier := []uint64{center}
		for d := 0; d <= depth && len(frontier) > 0; d++ {
			if d == depth && len(frontier) > focusScanRing {
				// The links among a large outer ring are found faster by
				// one sweep of all edges.
				kept = dist
				return nil
			}
			var next []uint64
			for _, u := range frontier {
				if err := ctx.Err(); err != nil {
					return err
				}
				err := sel.neighbours(ctx, txn, u, func(v uint64, l Link, es []Edge) {
					if _, ok := dist[v]; !ok {
						if d == depth {
							return
						}
						dist[v] = d + 1
						next = append(next, v)
					}
					pair := [2]uint64{min(u, v), max(u, v)}
					if !seen[pair] {
						seen[pair] = true
						links = append(links, l)
						if len(es) > 1 {
							multi = append(multi, es...)
						}
					}
				})
				if err != nil {
					return err
				}
			}
			frontier = next
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if kept != nil {
		typ := make(map[uint64]string, len(kept))
		for n := range kept {
			typ[n] = cmp.Or(sel.typ[n], "focus")
		}
		sel.typ = typ
		p, err := sel.scanLinks(ctx, false)
		if err != nil {
			return nil, err
		}
		links, multi = p.links, p.multi
	}
	slices.SortFunc(links, func(a, b Link) int { return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target)) })
	slices.SortFunc(multi, edgeCompare)
	return sel.finish(ctx, links, multi, sel.idString(center))
}

func edgeCompare(a, b Edge) int {
	ka, _ := kindByte(a.Kind)
	kb, _ := kindByte(b.Kind)
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(ka, kb))
}

// neighbours calls fn with each neighbour v of u that the filter keeps, and
// the link and edges between them.
func (sel *selector) neighbours(ctx context.Context, txn *badger.Txn, u uint64, fn func(v uint64, l Link, es []Edge)) error {
	var cur []Edge
	var curV uint64
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if l := sel.in.linkOf(cur); l.Weight >= sel.f.MinWeight {
			var es []Edge
			if len(cur) > 1 {
				es = slices.Clone(cur)
			}
			fn(curV, l, es)
		}
		cur = cur[:0]
	}
	var typeErr error
	skip := func(v uint64, kb byte) bool {
		if int(kb) >= len(sel.kinds) || !sel.kinds[kb] {
			return true
		}
		t, err := sel.entityType(txn, v)
		if err != nil {
			typeErr = err
			return true
		}
		return !sel.types[t] && (sel.f.Focus == "" || v != sel.focusID)
	}
	err := adjacent(ctx, txn, u, skip, func(v uint64, kb byte, val []byte) error {
		src, dst := min(u, v), max(u, v)
		kind, _ := byteKind(kb)
		e, err := decodeEdgeAs(sel.idString(src), sel.idString(dst), kind, val, false, sel.in)
		if err != nil {
			return err
		}
		if !sel.f.inRange(e.FirstSeen, e.LastSeen) {
			return nil
		}
		if v != curV {
			flush()
		}
		curV = v
		cur = append(cur, e)
		return nil
	})
	if err == nil {
		err = typeErr
	}
	if err != nil {
		return err
	}
	flush()
	return nil
}

// degree is a node's degree and weighted degree.
type degree struct {
	n int
	w float64
}

// degrees counts the degrees of the ends of links. Ids without a link give
// the zero degree.
func degrees(links []Link) map[string]degree {
	ds := map[string]*degree{}
	for _, l := range links {
		for _, id := range [2]string{l.Source, l.Target} {
			d := ds[id]
			if d == nil {
				d = &degree{}
				ds[id] = d
			}
			d.n++
			d.w += float64(l.Weight)
		}
	}
	out := make(map[string]degree, len(ds))
	for id, d := range ds {
		out[id] = *d
	}
	return out
}

// finish applies Top, reads the kept entities and computes degrees. keep,
// when set, is a node Top never drops.
func (sel *selector) finish(ctx context.Context, links []Link, multi []Edge, keep string) (*Subgraph, error) {
	deg := degrees(links)
	var ids []string
	entities := map[string]Entity{}
	if len(links) == 0 {
		var err error
		if ids, err = sel.isolated(ctx, keep, entities); err != nil {
			return nil, err
		}
	} else {
		ids = make([]string, 0, len(deg))
		for id := range deg {
			ids = append(ids, id)
		}
	}
	if err := sel.readEntities(ctx, ids, entities); err != nil {
		return nil, err
	}
	if sel.f.Top > 0 && len(ids) > sel.f.Top {
		slices.SortFunc(ids, func(a, b string) int {
			switch keep {
			case a:
				return -1
			case b:
				return 1
			}
			return cmp.Or(cmp.Compare(deg[b].w, deg[a].w), cmp.Compare(entities[b].Mentions, entities[a].Mentions), cmp.Compare(a, b))
		})
		if keep != "" && ids[0] != keep {
			// keep sorts first; this cannot happen.
			return nil, fmt.Errorf("select: focus lost")
		}
		ids = ids[:sel.f.Top]
		in := make(map[string]bool, len(ids))
		for _, id := range ids {
			in[id] = true
		}
		links = slices.DeleteFunc(links, func(l Link) bool { return !in[l.Source] || !in[l.Target] })
		multi = slices.DeleteFunc(multi, func(e Edge) bool { return !in[e.Source] || !in[e.Target] })
		deg = degrees(links)
		if len(links) > 0 {
			ids = slices.DeleteFunc(ids, func(id string) bool { return deg[id].n == 0 })
		}
	}
	slices.Sort(ids)
	g := &Subgraph{Nodes: make([]Node, len(ids)), Links: links, multi: multi, index: make(map[string]int, len(ids))}
	for i, id := range ids {
		g.Nodes[i] = Node{Entity: entities[id], Metrics: Metrics{Degree: deg[id].n, WeightedDegree: deg[id].w}}
		g.index[id] = i
	}
	return g, nil
}

// isolated lists the nodes of a selection without links: the focus alone,
// or every entity of the kept types in the date range.
func (sel *selector) isolated(ctx context.Context, focus string, entities map[string]Entity) ([]string, error) {
	if focus != "" {
		return []string{focus}, nil
	}
	var ids []string
	err := sel.s.Entities(ctx, func(en Entity) error {
		if !sel.types[en.Type] || !sel.f.inRange(en.FirstSeen, en.LastSeen) {
			return nil
		}
		ids = append(ids, en.ID)
		if sel.f.Top > 0 {
			en.Aliases = nil // only the Top survivors are read again in full
		}
		entities[en.ID] = en
		return nil
	})
	if err != nil {
		return nil, err
	}
	if sel.f.Top > 0 && len(ids) > sel.f.Top {
		slices.SortFunc(ids, func(a, b string) int {
			return cmp.Or(cmp.Compare(entities[b].Mentions, entities[a].Mentions), cmp.Compare(a, b))
		})
		ids = ids[:sel.f.Top]
		for _, id := range ids {
			delete(entities, id)
		}
	}
	return ids, nil
}

// readEntities reads the entities of ids not yet in entities: one by one
// when they are few, in one sweep of the entity records when they are many.
func (sel *selector) readEntities(ctx context.Context, ids []string, entities map[string]Entity) error {
	want := map[string]bool{}
	for _, id := range ids {
		if _, ok := entities[id]; !ok {
			want[id] = true
		}
	}
	if len(want) < 4096 {
		for id := range want {
			en, err := sel.s.Entity(id)
			if err != nil {
				return err
			}
			entities[id] = en
		}
		return nil
	}
	return sel.s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
		n := binary.BigEndian.Uint64(k[1:])
		if !want[formatID(n)] {
			return nil
		}
		en, err := decodeEntity(n, v)
		if err != nil {
			return err
		}
		en.ID = sel.idString(n)
		entities[en.ID] = en
		return nil
	})
}
