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
	// (the focus itself whatever its type).
	Focus string
	// Depth is the radius around Focus; 0 means 1.
	Depth int
	// Since and Until (YYYY-MM-DD, inclusive, either may be empty) keep the
	// edges seen in that range: those whose first and last dates overlap
	// it. Undated edges are dropped when either is set. Weights stay those
	// of the whole edge.
	Since, Until string
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

// key returns a hash of the filter's canonical form, naming its cached
// analytics.
func (f Filter) key() uint64 {
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
	s := fmt.Sprintf("w=%d\x00t=%s\x00k=%v\x00top=%d\x00f=%s\x00d=%d\x00s=%s\x00u=%s",
		max(f.MinWeight, 0), strings.Join(types, ","), kinds, max(f.Top, 0), f.Focus, depth, f.Since, f.Until)
	h := sha256.Sum256([]byte(s))
	return binary.BigEndian.Uint64(h[:8])
}

// Subgraph is a selected part of the graph held in memory, without evidence
// text: Nodes sorted by id, Links sorted by (Source, Target). Only Degree and
// WeightedDegree of the nodes' Metrics are set by Select; Analyze sets all.
type Subgraph struct {
	Nodes []Node
	Links []Link

	edges []Edge         // per kind, sorted, without evidence
	index map[string]int // node id → index in Nodes

	viewOnce sync.Once
	v        *View
}

// Edges returns the edges behind the links, one per kind, in (Source,
// Target, Kind) order, without evidence. The slice is shared: do not change
// it.
func (g *Subgraph) Edges() []Edge { return g.edges }

// Node returns the node with this entity id.
func (g *Subgraph) Node(id string) (Node, bool) {
	i, ok := g.index[id]
	if !ok {
		return Node{}, false
	}
	return g.Nodes[i], true
}

// linkOf merges the edges of one pair, in kind order.
func linkOf(edges []Edge) Link {
	l := Link{Source: edges[0].Source, Target: edges[0].Target, Counts: make(map[EdgeKind]int, len(edges))}
	for _, e := range edges {
		l.Weight += e.Weight
		l.Kinds = append(l.Kinds, e.Kind)
		l.Counts[e.Kind] += e.Weight
		l.Documents = max(l.Documents, e.Documents)
		l.FirstSeen = minDate(l.FirstSeen, e.FirstSeen)
		l.LastSeen = maxDate(l.LastSeen, e.LastSeen)
		l.Predicates = addCounts(l.Predicates, e.Predicates)
	}
	return l
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

// keepEdge applies the per-edge filters but for endpoint types.
func (sel *selector) keepEdge(kind byte, first, last string) bool {
	return sel.kinds[kind] && sel.f.inRange(first, last)
}

// pairLinks gathers consecutive edges of one pair into a link.
type pairLinks struct {
	links []Link
	edges []Edge
	cur   []Edge
	min   int
}

func (p *pairLinks) add(e Edge) {
	if len(p.cur) > 0 && (p.cur[0].Source != e.Source || p.cur[0].Target != e.Target) {
		p.flush()
	}
	p.cur = append(p.cur, e)
}

func (p *pairLinks) flush() {
	if len(p.cur) == 0 {
		return
	}
	if l := linkOf(p.cur); l.Weight >= p.min {
		p.links = append(p.links, l)
		p.edges = append(p.edges, p.cur...)
	}
	p.cur = p.cur[:0]
}

// Select reads the part of the store the filter keeps. Nodes with no link
// left are dropped, except when no link is left at all: then the nodes are
// the entities of the kept types seen in the date range (or the focus
// alone), at most Top of them by mentions, so that a graph without edges is
// not empty. Focus names an entity id; an unknown one gives an error
// wrapping ErrNotFound.
func Select(ctx context.Context, s *Store, f Filter) (*Subgraph, error) {
	sel := &selector{s: s, f: f, types: f.types(), typ: map[uint64]string{}, ids: map[uint64]string{}}
	var err error
	if sel.kinds, err = f.kinds(); err != nil {
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

// all selects from every edge of the store.
func (sel *selector) all(ctx context.Context) (*Subgraph, error) {
	// Entity types first: one pass over small prefixes of the entity values.
	err := sel.s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
		t, err := decodeEntityType(v)
		if err != nil {
			return fmt.Errorf("entity %x: %w", k[1:], err)
		}
		if sel.types[t] {
			sel.typ[binary.BigEndian.Uint64(k[1:])] = sel.intern(t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p := &pairLinks{min: sel.f.MinWeight}
	err = sel.s.scan(ctx, []byte{prefixEdge}, false, func(k, v []byte) error {
		src := binary.BigEndian.Uint64(k[1:])
		dst := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if sel.typ[src] == "" || sel.typ[dst] == "" || int(kb) >= len(sel.kinds) || !sel.kinds[kb] {
			return nil
		}
		kind, _ := byteKind(kb)
		e, err := decodeEdge(src, dst, kind, v, false)
		if err != nil {
			return err
		}
		if !sel.f.inRange(e.FirstSeen, e.LastSeen) {
			return nil
		}
		e.Source, e.Target = sel.idString(src), sel.idString(dst)
		p.add(e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.flush()
	return sel.finish(ctx, p.links, p.edges, "")
}

// focus selects the neighbourhood of one entity through the adjacency
// index, without reading the rest of the store.
func (sel *selector) focus(ctx context.Context) (*Subgraph, error) {
	center, err := parseID(sel.f.Focus)
	if err != nil {
		return nil, fmt.Errorf("focus %q: %w", sel.f.Focus, errors.Join(err, ErrNotFound))
	}
	depth := max(sel.f.Depth, 1)
	var links []Link
	var edges []Edge
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
			var next []uint64
			for _, u := range frontier {
				if err := ctx.Err(); err != nil {
					return err
				}
				err := sel.neighbours(txn, u, func(v uint64, l Link, es []Edge) {
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
						edges = append(edges, es...)
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
	slices.SortFunc(links, func(a, b Link) int { return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target)) })
	slices.SortFunc(edges, edgeCompare)
	return sel.finish(ctx, links, edges, sel.idString(center))
}

func edgeCompare(a, b Edge) int {
	ka, _ := kindByte(a.Kind)
	kb, _ := kindByte(b.Kind)
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(ka, kb))
}

// neighbours calls fn with each neighbour v of u that the filter keeps, and
// the link and edges between them.
func (sel *selector) neighbours(txn *badger.Txn, u uint64, fn func(v uint64, l Link, es []Edge)) error {
	prefix := adjPrefix(u)
	o := badger.DefaultIteratorOptions
	o.Prefix = prefix
	o.PrefetchValues = false
	it := txn.NewIterator(o)
	defer it.Close()
	var cur []Edge
	var curV uint64
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if l := linkOf(cur); l.Weight >= sel.f.MinWeight {
			fn(curV, l, slices.Clone(cur))
		}
		cur = cur[:0]
	}
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		v := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if int(kb) >= len(sel.kinds) || !sel.kinds[kb] {
			continue
		}
		t, err := sel.entityType(txn, v)
		if err != nil {
			return err
		}
		if !sel.types[t] && (sel.f.Focus == "" || v != sel.focusID) {
			continue
		}
		src, dst := min(u, v), max(u, v)
		item, err := txn.Get(edgeKey(src, dst, kb))
		if err != nil {
			return fmt.Errorf("edge %s-%s: %w", formatID(src), formatID(dst), err)
		}
		kind, _ := byteKind(kb)
		var e Edge
		err = item.Value(func(b []byte) error {
			e, err = decodeEdge(src, dst, kind, b, false)
			return err
		})
		if err != nil {
			return err
		}
		if !sel.f.inRange(e.FirstSeen, e.LastSeen) {
			continue
		}
		if v != curV {
			flush()
		}
		curV = v
		e.Source, e.Target = sel.idString(src), sel.idString(dst)
		cur = append(cur, e)
	}
	flush()
	return nil
}

// finish applies Top, reads the kept entities and computes degrees. keep,
// when set, is a node Top never drops.
func (sel *selector) finish(ctx context.Context, links []Link, edges []Edge, keep string) (*Subgraph, error) {
	deg := map[string]int{}
	wdeg := map[string]float64{}
	for _, l := range links {
		deg[l.Source]++
		deg[l.Target]++
		wdeg[l.Source] += float64(l.Weight)
		wdeg[l.Target] += float64(l.Weight)
	}
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
	for _, id := range ids {
		if _, ok := entities[id]; ok {
			continue
		}
		en, err := sel.s.Entity(id)
		if err != nil {
			return nil, err
		}
		entities[id] = en
	}
	if sel.f.Top > 0 && len(ids) > sel.f.Top {
		slices.SortFunc(ids, func(a, b string) int {
			switch keep {
			case a:
				return -1
			case b:
				return 1
			}
			return cmp.Or(cmp.Compare(wdeg[b], wdeg[a]), cmp.Compare(entities[b].Mentions, entities[a].Mentions), cmp.Compare(a, b))
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
		edges = slices.DeleteFunc(edges, func(e Edge) bool { return !in[e.Source] || !in[e.Target] })
		clear(deg)
		clear(wdeg)
		for _, l := range links {
			deg[l.Source]++
			deg[l.Target]++
			wdeg[l.Source] += float64(l.Weight)
			wdeg[l.Target] += float64(l.Weight)
		}
		if len(links) > 0 {
			ids = slices.DeleteFunc(ids, func(id string) bool { return deg[id] == 0 })
		}
	}
	slices.Sort(ids)
	g := &Subgraph{Nodes: make([]Node, len(ids)), Links: links, edges: edges, index: make(map[string]int, len(ids))}
	for i, id := range ids {
		g.Nodes[i] = Node{Entity: entities[id], Metrics: Metrics{Degree: deg[id], WeightedDegree: wdeg[id]}}
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
