package graph

import (
	"context"
	"encoding/binary"
	"fmt"
)

// Streamed is a selection read from the store while it is written out
// instead of held in memory: it yields the nodes and links Select would
// return for the same Filter, in the same order and with the same values,
// but keeps only the kept node ids with their degrees (and, with metrics,
// the cached analytics of each). Exporting a million links through it
// takes memory for the nodes only. Each call of Nodes, Links or Edges
// reads the store again; an Apply running meanwhile may be partly seen.
type Streamed struct {
	sel     *selector
	deg     map[uint64]degree
	metrics map[uint64]cachedMetrics // nil without metrics
}

// Stream prepares a streamed selection of f: one pass over the entity
// types and one over the edges to find the nodes that keep a link. With
// metrics it reads the nodes, their degrees and their analytics from the
// cache of f instead of the edges (see Analyze and HasAnalytics). It reports false, and the caller should use Select or
// Analyze, when the selection cannot be streamed: a Filter with Focus or
// Top, a selection without links (whose nodes are the isolated
// entities), or metrics asked for and not cached for the current state.
func Stream(ctx context.Context, s *Store, f Filter, metrics bool) (*Streamed, bool, error) {
	if f.Focus != "" || f.Top > 0 {
		return nil, false, nil
	}
	version, err := s.Version()
	if err != nil {
		return nil, false, err
	}
	sel := &selector{s: s, f: f, types: f.types(), typ: map[uint64]string{}, ids: map[uint64]string{}, in: newInterner()}
	if sel.kinds, err = f.kinds(); err != nil {
		return nil, false, fmt.Errorf("select: %w", err)
	}
	if sel.f.Since, sel.f.Until, err = f.dateRange(); err != nil {
		return nil, false, fmt.Errorf("select: %w", err)
	}
	if err = sel.loadTypes(ctx); err != nil {
		return nil, false, fmt.Errorf("select from %s: %w", s.name, err)
	}
	st := &Streamed{sel: sel, deg: map[uint64]degree{}}
	if metrics {
		// The cache holds the node list with degrees: no edge pass.
		m, ok, err := s.metricsByID(ctx, f, version, -1)
		if err != nil || !ok {
			return nil, false, err
		}
		for n, c := range m {
			st.deg[n] = degree{n: c.degree, w: c.weightedDegree}
		}
		if len(st.deg) == 0 || len(sel.typ) == 0 {
			return nil, false, nil
		}
		for n := range st.deg {
			if st.deg[n].n == 0 {
				return nil, false, nil // isolated nodes: Select's other case
			}
		}
		st.metrics = m
		return st, true, nil
	}
	err = sel.eachLink(ctx, false, func(src, dst uint64, es []Edge) error {
		w := 0
		for i := range es {
			w += es[i].Weight
		}
		for _, n := range [2]uint64{src, dst} {
			d := st.deg[n]
			d.n++
			d.w += float64(w)
			st.deg[n] = d
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("select from %s: %w", s.name, err)
	}
	if len(st.deg) == 0 {
		return nil, false, nil
	}
	// The ids formatted so far are all kept; later calls reuse them.
	return st, true, nil
}

// eachLink calls fn with the edges of every kept pair, in key order, once
// the pair's merged weight passes MinWeight. The edges are reused between
// calls (their strings are not): fn must copy the slice to keep it.
func (sel *selector) eachLink(ctx context.Context, formatIDs bool, fn func(src, dst uint64, es []Edge) error) error {
	var cur []Edge
	var curSrc, curDst uint64
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		w := 0
		for i := range cur {
			w += cur[i].Weight
		}
		var err error
		if w >= sel.f.MinWeight {
			err = fn(curSrc, curDst, cur)
		}
		cur = cur[:0]
		return err
	}
	var lastSrc uint64
	var srcKept, started bool
	var srcID string
	err := sel.s.scan(ctx, []byte{prefixEdge}, false, func(k, v []byte) error {
		src := binary.BigEndian.Uint64(k[1:])
		dst := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if src != lastSrc || !started {
			lastSrc, srcKept, started = src, sel.typ[src] != "", true
			if srcKept && formatIDs {
				srcID = sel.idString(src)
			}
		}
		if !srcKept || int(kb) >= len(sel.kinds) || !sel.kinds[kb] || sel.typ[dst] == "" {
			return nil
		}
		kind, _ := byteKind(kb)
		dstID := ""
		if formatIDs {
			dstID = sel.idString(dst)
		}
		e, err := decodeEdgeAs(srcID, dstID, kind, v, false, sel.in)
		if err != nil {
			return err
		}
		if !sel.f.inRange(e.FirstSeen, e.LastSeen) {
			return nil
		}
		if sel.evidence {
			ev, ok, err := decodeFirstEvidence(v)
			if err != nil {
				return err
			}
			if ok {
				e.Evidence = []Evidence{ev}
			}
		}
		if len(cur) > 0 && (src != curSrc || dst != curDst) {
			if err := flush(); err != nil {
				return err
			}
		}
		curSrc, curDst = src, dst
		cur = append(cur, e)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// WithEvidence makes Links give every link its Evidence, read in the same
// pass over the edges (instead of a point read per link afterwards), and
// returns st.
func (st *Streamed) WithEvidence() *Streamed {
	st.sel.evidence = true
	return st
}

// linkEvidence returns the evidence a link shows: the first piece of its
// interaction edge, else its context edge, else its co-occurrence edge;
// the zero Evidence when none has any.
func linkEvidence(es []Edge) *Evidence {
	for _, k := range []EdgeKind{Interaction, Context, Cooccur} {
		for i := range es {
			if es[i].Kind == k && len(es[i].Evidence) > 0 {
				ev := es[i].Evidence[0]
				return &ev
			}
		}
	}
	return &Evidence{}
}

// Len returns the number of nodes.
func (st *Streamed) Len() int { return len(st.deg) }

// Nodes calls fn for every node in id order, with its degrees and, when
// Stream was asked for metrics, its cached analytics.
func (st *Streamed) Nodes(ctx context.Context, fn func(Node) error) error {
	return st.sel.s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
		n := binary.BigEndian.Uint64(k[1:])
		d, ok := st.deg[n]
		if !ok {
			return nil
		}
		en, err := decodeEntity(n, v)
		if err != nil {
			return err
		}
		en.ID = st.sel.idString(n)
		nd := Node{Entity: en, Metrics: Metrics{Degree: d.n, WeightedDegree: d.w}}
		if m, ok := st.metrics[n]; ok {
			nd.PageRank, nd.Betweenness, nd.Community = m.pageRank, m.betweenness, m.community
		}
		return fn(nd)
	})
}

// Links calls fn for every link in (Source, Target) order, merged as
// Select merges them. The store is read and the links merged on another
// goroutine, a batch ahead of fn, so that reading and writing an export
// overlap.
func (st *Streamed) Links(ctx context.Context, fn func(Link) error) error {
	const batch = 1024
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []Link, 4)
	var readErr error
	go func() {
		defer close(batches)
		cur := make([]Link, 0, batch)
		readErr = st.sel.eachLink(ctx, true, func(_, _ uint64, es []Edge) error {
			l := st.sel.in.linkOf(es)
			if st.sel.evidence {
				l.Evidence = linkEvidence(es)
			}
			cur = append(cur, l)
			if len(cur) == batch {
				select {
				case batches <- cur:
				case <-ctx.Done():
					return ctx.Err()
				}
				cur = make([]Link, 0, batch)
			}
			return nil
		})
		if readErr == nil && len(cur) > 0 {
			select {
			case batches <- cur:
			case <-ctx.Done():
			}
		}
	}()
	var err error
	for b := range batches {
		for i := range b {
			if err == nil {
				err = fn(b[i])
			}
		}
		if err != nil {
			cancel() // the reader stops; drain what it sent
		}
	}
	if err != nil {
		return err
	}
	return readErr
}

// Edges calls fn for every edge of the links, without evidence, in
// (Source, Target, kind) order, as Subgraph.Edges returns them.
func (st *Streamed) Edges(ctx context.Context, fn func(Edge) error) error {
	return st.sel.eachLink(ctx, true, func(_, _ uint64, es []Edge) error {
		for _, e := range es {
			e.Evidence = nil // WithEvidence is for the links
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}
