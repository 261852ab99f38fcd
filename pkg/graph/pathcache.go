package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// Cached adjacency. Beside the metrics of the zero Filter (the whole graph
// of the default types), SaveAnalytics keeps the graph itself in compact form, so that path queries need not select it
// again: under 'X' keys whose filter hash is the Filter's with a suffix
// (adjacencyKey), chunks of at most adjacencyChunk bytes of one stream,
//
//	chunk value: format[1] version[8] chunks, then a piece of the stream
//	stream:      nodes, nodes × id[8], links, links × (a b-a weight)
//
// with a and b node indexes (a < b) and counts as uvarints, links in (a, b)
// order. It goes stale with the metrics (same version rule, same purge).

// adjacencyChunk is the most stream bytes per chunk.
const adjacencyChunk = 1 << 20

// adjacencyKey is the filter hash of f's cached adjacency.
func (f Filter) adjacencyKey() uint64 { return f.keyWith("adjacency") }

// saveAdjacency caches g's nodes and link weights for f at version.
func (s *Store) saveAdjacency(f Filter, version uint64, g *Subgraph) error {
	index := g.nodeIndex()
	e := &encoder{b: make([]byte, 0, 16+8*len(g.Nodes)+8*len(g.Links))}
	e.uint(uint64(len(g.Nodes)))
	for _, n := range g.Nodes {
		e.fixed64(mustID(n.ID))
	}
	type pair struct{ a, b, w int }
	pairs := make([]pair, 0, len(g.Links))
	for _, l := range g.Links {
		a, okA := index[l.Source]
		b, okB := index[l.Target]
		if !okA || !okB {
			continue
		}
		if a > b {
			a, b = b, a
		}
		pairs = append(pairs, pair{a, b, l.Weight})
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.a != y.a {
			return x.a - y.a
		}
		return x.b - y.b
	})
	e.uint(uint64(len(pairs)))
	for _, p := range pairs {
		e.uint(uint64(p.a))
		e.uint(uint64(p.b - p.a))
		e.uint(uint64(p.w))
	}
	stream := e.b
	chunks := (len(stream) + adjacencyChunk - 1) / adjacencyChunk
	ak := f.adjacencyKey()
	err := s.writeBatch(func(wb *badger.WriteBatch) error {
		for c := 0; c < chunks; c++ {
			piece := stream[c*adjacencyChunk : min(len(stream), (c+1)*adjacencyChunk)]
			v := newEncoder(16 + len(piece))
			v.fixed64(version)
			v.uint(uint64(chunks))
			v.b = append(v.b, piece...)
			if err := wb.SetEntry(badger.NewEntry(cacheKey(ak, uint32(c)), v.b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store %s: save adjacency: %w", s.name, err)
	}
	return nil
}

// loadAdjacency returns the View cached for f at version, or nil.
func (s *Store) loadAdjacency(ctx context.Context, f Filter, version uint64) (*View, error) {
	var stream []byte
	chunk, want := 0, -1
	err := s.scan(ctx, cachePrefix(f.adjacencyKey()), false, func(k, v []byte) error {
		d := decoder{b: v}
		d.header()
		ver := d.fixed64()
		chunks := int(d.uint())
		if d.err != nil || ver != version || want >= 0 && chunks != want || binary.BigEndian.Uint32(k[9:]) != uint32(chunk) {
			return errMiss
		}
		want = chunks
		stream = append(stream, d.b...)
		chunk++
		return nil
	})
	if errors.Is(err, errMiss) || err == nil && (want <= 0 || chunk != want) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: read adjacency: %w", s.name, err)
	}
	d := decoder{b: stream}
	n := int(d.uint())
	if d.err != nil || n < 0 || n > len(d.b)/8 {
		return nil, nil
	}
	v := &View{ids: make([]string, n), index: make(map[string]int, n), off: make([]int32, n+1)}
	for i := range n {
		v.ids[i] = formatID(d.fixed64())
		v.index[v.ids[i]] = i
	}
	m := int(d.uint())
	if d.err != nil || m < 0 || m > len(d.b) {
		return nil, nil
	}
	as, bs, ws := make([]int32, m), make([]int32, m), make([]float64, m)
	deg := make([]int32, n+1)
	for i := range m {
		a := int(d.uint())
		b := a + int(d.uint())
		w := d.uint()
		if d.err != nil || a >= n || b >= n || a == b {
			return nil, nil
		}
		as[i], bs[i], ws[i] = int32(a), int32(b), float64(w)
		deg[a+1]++
		deg[b+1]++
	}
	for i := 1; i <= n; i++ {
		deg[i] += deg[i-1]
	}
	copy(v.off, deg)
	v.adj = make([]int32, deg[n])
	v.w = make([]float64, deg[n])
	fill := slices.Clone(deg[:n])
	// Links come in (a, b) order: every node's neighbours then come out in
	// index order, as NewView sorts them.
	for i := range m {
		a, b := as[i], bs[i]
		v.adj[fill[b]], v.w[fill[b]] = a, ws[i]
		fill[b]++
	}
	for i := range m {
		a, b := as[i], bs[i]
		v.adj[fill[a]], v.w[fill[a]] = b, ws[i]
		fill[a]++
	}
	return v, nil
}

// SelectPaths returns the graph f keeps for path queries (ShortestPath,
// KShortestPaths): the adjacency cached with the analytics when f selects
// the whole graph and they are current, without reading the edges, else Select's. A Subgraph from the
// cache has no Nodes or Links, only what the path methods use.
func SelectPaths(ctx context.Context, s *Store, f Filter) (*Subgraph, error) {
	version, err := s.Version()
	if err != nil {
		return nil, err
	}
	if g := s.memoized(f, version); g != nil {
		return g, nil
	}
	if f.Top == 0 && f.Focus == "" {
		v, err := s.loadAdjacency(ctx, f, version)
		if err != nil {
			return nil, err
		}
		if v != nil {
			g := &Subgraph{}
			g.viewOnce.Do(func() { g.v = v })
			return g, nil
		}
	}
	return Select(ctx, s, f)
}
