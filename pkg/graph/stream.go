package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
)

// Streamed is a selection read from the store while it is written out
// instead of held in memory: it yields the nodes and links Select would
// return for the same Filter, in the same order and with the same values,
// but keeps only the kept node ids with their degrees (and, with metrics,
// the cached analytics of each). Exporting a million links through it
// takes memory for the nodes only. Each call of Nodes, Links or Edges
// reads the store again; an Apply running meanwhile may be partly seen.
type Streamed struct {
	sel *selector
	// index numbers the entities of the kept types (and the cached
	// nodes): one lookup per edge end finds its id, type and degree.
	index   *idTable
	nodes   []streamNode
	len     int  // nodes with a link
	metrics bool // nodes carry cached analytics
}

// streamNode is what a Streamed keeps of one entity.
type streamNode struct {
	id   string
	kept bool // of a kept type: its edges can be links
	node bool // a node of the selection
	deg  degree
	m    cachedMetrics
}

// Stream prepares a streamed selection of f: one pass over the entity
// types and one over the edges to find the nodes that keep a link and
// their degrees. When the analytics of f are cached for the current state
// (see Analyze and HasAnalytics) it reads the nodes and their degrees, and
// with metrics their analytics, from the cache instead of the edges. It
// reports false, and the caller should use Select or Analyze, when the
// selection cannot be streamed: a Filter with Focus or Top, a selection
// without links (whose nodes are the isolated entities), or metrics asked
// for and not cached for the current state.
func Stream(ctx context.Context, s *Store, f Filter, metrics bool) (*Streamed, bool, error) {
	if f.Focus != "" || f.Top > 0 {
		return nil, false, nil
	}
	version, err := s.Version()
	if err != nil {
		return nil, false, err
	}
	// Ids come from st.nodes and interners are per goroutine: the
	// selector's ids and in stay unused.
	sel := &selector{s: s, f: f, types: f.types(), typ: map[uint64]string{}}
	if sel.kinds, err = f.kinds(); err != nil {
		return nil, false, fmt.Errorf("select: %w", err)
	}
	if sel.f.Since, sel.f.Until, err = f.dateRange(); err != nil {
		return nil, false, fmt.Errorf("select: %w", err)
	}
	if err = sel.loadTypes(ctx); err != nil {
		return nil, false, fmt.Errorf("select from %s: %w", s.name, err)
	}
	st := &Streamed{sel: sel, index: newIDTable(len(sel.typ) + 64), nodes: make([]streamNode, 0, len(sel.typ))}
	for n := range sel.typ {
		st.add(n, true)
	}
	// The cache of f, when current, holds the node list with degrees: no
	// edge pass. Without it metrics cannot be streamed, and the degrees
	// are counted from the edges.
	m, ok, err := s.metricsByID(ctx, f, version, -1)
	if err != nil {
		return nil, false, err
	}
	if metrics && !ok {
		return nil, false, nil
	}
	if ok {
		if len(m) == 0 || len(sel.typ) == 0 {
			return nil, false, nil
		}
		for n, c := range m {
			if c.degree == 0 {
				return nil, false, nil // isolated nodes: Select's other case
			}
			i, ok := st.index.get(n)
			if !ok {
				if st.index.full() {
					st.index = st.index.grown()
				}
				i = st.add(n, false)
			}
			nd := &st.nodes[i]
			nd.node, nd.deg, nd.m = true, degree{n: c.degree, w: c.weightedDegree}, c
		}
		st.len, st.metrics = len(m), metrics
		return st, true, nil
	}
	if err := st.countDegrees(ctx); err != nil {
		return nil, false, fmt.Errorf("select from %s: %w", s.name, err)
	}
	if st.len == 0 {
		return nil, false, nil
	}
	return st, true, nil
}

// add numbers entity n and returns its index.
func (st *Streamed) add(n uint64, kept bool) int32 {
	i := int32(len(st.nodes))
	st.index.put(n, i)
	st.nodes = append(st.nodes, streamNode{id: formatID(n), kept: kept})
	return i
}

// keptIndex returns the index of entity n when it is of a kept type, else -1.
func (st *Streamed) keptIndex(n uint64) int32 {
	if i, ok := st.index.get(n); ok && st.nodes[i].kept {
		return i
	}
	return -1
}

// idTable maps entity ids to int32 values: open addressing with linear
// probing, at most half full, a Fibonacci hash of the id picking the slot.
// It is a fraction of a map's cost for the two lookups per edge of a scan
// of a million edges.
type idTable struct {
	slots []idSlot
	shift uint // 64 - log2(len(slots))
	n     int
}

type idSlot struct {
	id  uint64
	val int32 // value + 1; 0: empty
}

// newIDTable returns a table with room for n ids.
func newIDTable(n int) *idTable {
	size, bits := 16, uint(4)
	for size < 2*n {
		size, bits = size*2, bits+1
	}
	return &idTable{slots: make([]idSlot, size), shift: 64 - bits}
}

func (t *idTable) slot(id uint64) int { return int((id * 0x9E3779B97F4A7C15) >> t.shift) }

// get returns the value of id.
func (t *idTable) get(id uint64) (int32, bool) {
	mask := len(t.slots) - 1
	for i := t.slot(id); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.val == 0 {
			return 0, false
		}
		if sl.id == id {
			return sl.val - 1, true
		}
	}
}

// put sets the value of id; the table must not be full.
func (t *idTable) put(id uint64, v int32) {
	mask := len(t.slots) - 1
	for i := t.slot(id); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.val == 0 {
			*sl = idSlot{id: id, val: v + 1}
			t.n++
			return
		}
		if sl.id == id {
			sl.val = v + 1
			return
		}
	}
}

// full reports whether one more id would make the table more than half full.
func (t *idTable) full() bool { return 2*(t.n+1) > len(t.slots) }

// grown returns a table twice the size with the same ids and values.
func (t *idTable) grown() *idTable {
	g := newIDTable(len(t.slots))
	for _, sl := range t.slots {
		if sl.val != 0 {
			g.put(sl.id, sl.val-1)
		}
	}
	return g
}

// streamWorkers is the number of goroutines that read the edges at once.
func streamWorkers() int { return min(max(runtime.GOMAXPROCS(0), 1), 8) }

// linkChunks is the number of key ranges Links reads in turn, a few at a
// time: enough that the workers keep busy, few enough that each opens its
// iterator once per thousands of edges.
const linkChunks = 512

// edgeBounds splits the edge keys into k ranges by source id, bounds[i]
// to bounds[i+1] (nil: the end). Edges are keyed by their smaller end, so
// of ids spread evenly a share 1-(1-x)^2 of the edges has a source below
// x: the bounds are the quantiles of that, and the ranges hold about as
// many edges each.
func edgeBounds(k int) [][]byte {
	b := make([][]byte, k+1)
	b[0] = []byte{prefixEdge}
	for i := 1; i < k; i++ {
		x := 1 - math.Sqrt(1-float64(i)/float64(k))
		b[i] = binary.BigEndian.AppendUint64([]byte{prefixEdge}, uint64(math.Ldexp(x, 64)))
	}
	return b
}

// countDegrees sets the degrees of the nodes from one pass over the edges,
// its ranges read in parallel, each edge decoded no further than its
// weight and dates.
func (st *Streamed) countDegrees(ctx context.Context) error {
	workers := streamWorkers()
	bounds := edgeBounds(workers)
	parts := make([][]degree, workers)
	errs := make([]error, workers)
	err := st.sel.s.db.View(func(txn *badger.Txn) error {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				parts[w] = make([]degree, len(st.nodes))
				errs[w] = st.countRange(ctx, txn, bounds[w], bounds[w+1], parts[w])
			}()
		}
		wg.Wait()
		return errors.Join(errs...)
	})
	if err != nil {
		return err
	}
	for i := range st.nodes {
		nd := &st.nodes[i]
		for _, p := range parts {
			nd.deg.n += p[i].n
			nd.deg.w += p[i].w // sums of integers: exact in any order
		}
		if nd.deg.n > 0 {
			nd.node = true
			st.len++
		}
	}
	return nil
}

// countRange adds to deg the degrees of the links of the edges from
// key from to key to.
func (st *Streamed) countRange(ctx context.Context, txn *badger.Txn, from, to []byte, deg []degree) error {
	sel := st.sel
	dated := sel.f.Since != "" || sel.f.Until != ""
	ci, cj := int32(-1), int32(-1) // the pair being summed
	w := 0
	flush := func() {
		if ci >= 0 && w >= sel.f.MinWeight {
			for _, i := range [2]int32{ci, cj} {
				deg[i].n++
				deg[i].w += float64(w)
			}
		}
		ci, w = -1, 0
	}
	var lastSrc uint64
	si, started := int32(-1), false
	err := scanRange(ctx, txn, []byte{prefixEdge}, from, to, func(k, v []byte) error {
		src := binary.BigEndian.Uint64(k[1:])
		dst := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if src != lastSrc || !started {
			lastSrc, si, started = src, st.keptIndex(src), true
		}
		if si < 0 || int(kb) >= len(sel.kinds) || !sel.kinds[kb] {
			return nil
		}
		di := st.keptIndex(dst)
		if di < 0 {
			return nil
		}
		weight, first, last, err := decodeEdgeHead(v)
		if err != nil {
			return fmt.Errorf("decode edge %s-%s: %w", st.nodes[si].id, st.nodes[di].id, err)
		}
		if dated && !sel.f.inRangeBytes(first, last) {
			return nil
		}
		if ci >= 0 && (si != ci || di != cj) {
			flush()
		}
		ci, cj = si, di
		w += weight
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	return nil
}

// pairEdges are the edges of one pair as eachLink gathers them, with the
// first piece of evidence of each when asked for.
type pairEdges struct {
	es  []Edge
	evs []Evidence
	has []bool // evs[i] is a piece of evidence of es[i]
}

// eachLink calls fn with the edges of every kept pair of the edges from
// key from to key to, in key order, once the pair's merged weight passes
// MinWeight. The edges are reused between calls (their strings are not):
// fn must copy the slices to keep them.
func (st *Streamed) eachLink(ctx context.Context, txn *badger.Txn, from, to []byte, in *interner, fn func(p *pairEdges) error) error {
	sel := st.sel
	var cur pairEdges
	ci, cj := int32(-1), int32(-1)
	flush := func() error {
		if len(cur.es) == 0 {
			return nil
		}
		w := 0
		for i := range cur.es {
			w += cur.es[i].Weight
		}
		var err error
		if w >= sel.f.MinWeight {
			err = fn(&cur)
		}
		cur.es, cur.evs, cur.has = cur.es[:0], cur.evs[:0], cur.has[:0]
		return err
	}
	var lastSrc uint64
	si, started := int32(-1), false
	err := scanRange(ctx, txn, []byte{prefixEdge}, from, to, func(k, v []byte) error {
		src := binary.BigEndian.Uint64(k[1:])
		dst := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if src != lastSrc || !started {
			lastSrc, si, started = src, st.keptIndex(src), true
		}
		if si < 0 || int(kb) >= len(sel.kinds) || !sel.kinds[kb] {
			return nil
		}
		di := st.keptIndex(dst)
		if di < 0 {
			return nil
		}
		kind, _ := byteKind(kb)
		e, ev, has, err := decodeEdgeFirst(st.nodes[si].id, st.nodes[di].id, kind, v, sel.evidence, in)
		if err != nil {
			return err
		}
		if !sel.f.inRange(e.FirstSeen, e.LastSeen) {
			return nil
		}
		if len(cur.es) > 0 && (si != ci || di != cj) {
			if err := flush(); err != nil {
				return err
			}
		}
		ci, cj = si, di
		cur.es = append(cur.es, e)
		cur.evs = append(cur.evs, ev)
		cur.has = append(cur.has, has)
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
func linkEvidence(p *pairEdges) *Evidence {
	for _, k := range []EdgeKind{Interaction, Context, Cooccur} {
		for i := range p.es {
			if p.es[i].Kind == k && p.has[i] {
				ev := p.evs[i]
				return &ev
			}
		}
	}
	return &Evidence{}
}

// Len returns the number of nodes.
func (st *Streamed) Len() int { return st.len }

// Nodes calls fn for every node in id order, with its degrees and, when
// Stream was asked for metrics, its cached analytics. The entities are
// read and decoded on another goroutine, a few batches ahead of fn.
func (st *Streamed) Nodes(ctx context.Context, fn func(Node) error) error {
	const batch = 512
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []Node, 4)
	var readErr error
	go func() {
		defer close(batches)
		cur := make([]Node, 0, batch)
		readErr = st.sel.s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
			n := binary.BigEndian.Uint64(k[1:])
			i, ok := st.index.get(n)
			if !ok || !st.nodes[i].node {
				return nil
			}
			sn := &st.nodes[i]
			en, err := decodeEntityAs(sn.id, v)
			if err != nil {
				return err
			}
			nd := Node{Entity: en, Metrics: Metrics{Degree: sn.deg.n, WeightedDegree: sn.deg.w}}
			if st.metrics {
				nd.PageRank, nd.Betweenness, nd.Community = sn.m.pageRank, sn.m.betweenness, sn.m.community
			}
			if cur = append(cur, nd); len(cur) == batch {
				select {
				case batches <- cur:
				case <-ctx.Done():
					return ctx.Err()
				}
				cur = make([]Node, 0, batch)
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
		for i := 0; i < len(b) && err == nil; i++ {
			err = fn(b[i])
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

// chunkResult is what prepare made of the links of one key range, or the
// error reading or preparing it.
type chunkResult struct {
	v   any
	err error
}

// Links calls fn for every link in (Source, Target) order, merged as
// Select merges them, read as LinkBatches reads them.
func (st *Streamed) Links(ctx context.Context, fn func(Link) error) error {
	return st.LinkBatches(ctx, func(links []Link) (any, error) { return links, nil }, func(v any) error {
		links := v.([]Link)
		for i := range links {
			if err := fn(links[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// LinkBatches yields the links Links yields in consecutive batches, each
// the links of one range of keys. The ranges are read by a goroutine per
// core, a few ahead of emit, and prepare is called on the goroutine that
// read the batch, so that reading, merging and, say, formatting an export
// run on every core; emit then gets what prepare returned, on the
// caller's goroutine, batch after batch in order. Memory holds a few
// batches. All batches read one snapshot of the store. The first error of
// prepare or emit stops it and is returned.
func (st *Streamed) LinkBatches(ctx context.Context, prepare func(links []Link) (any, error), emit func(v any) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := streamWorkers()
	bounds := edgeBounds(linkChunks)
	slots := make([]chan chunkResult, linkChunks)
	for i := range slots {
		slots[i] = make(chan chunkResult, 1)
	}
	// A worker takes a token before its next range and the emit loop
	// gives it back when it has had that range: ranges are taken in
	// order, so the ones in flight are the next few emit needs.
	tokens := make(chan struct{}, workers+1)
	var next atomic.Int64
	txn := st.sel.s.db.NewTransaction(false)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := newInterner()
			size := 0 // the last range's links: the next one's are about as many
			for {
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					return
				}
				c := int(next.Add(1) - 1)
				if c >= linkChunks {
					return
				}
				links := make([]Link, 0, size+size/8)
				err := st.eachLink(ctx, txn, bounds[c], bounds[c+1], in, func(p *pairEdges) error {
					l := in.linkOf(p.es)
					if st.sel.evidence {
						l.Evidence = linkEvidence(p)
					}
					links = append(links, l)
					return nil
				})
				size = len(links)
				var v any
				if err == nil {
					v, err = prepare(links)
				}
				slots[c] <- chunkResult{v: v, err: err}
			}
		}()
	}
	err := func() error {
		for c := range linkChunks {
			var r chunkResult
			select {
			case r = <-slots[c]:
			case <-ctx.Done():
				return ctx.Err()
			}
			<-tokens
			if r.err != nil {
				return r.err
			}
			if err := emit(r.v); err != nil {
				return err
			}
		}
		return nil
	}()
	cancel()
	wg.Wait()
	txn.Discard()
	return err
}

// Edges calls fn for every edge of the links, without evidence, in
// (Source, Target, kind) order, as Subgraph.Edges returns them.
func (st *Streamed) Edges(ctx context.Context, fn func(Edge) error) error {
	in := newInterner()
	return st.sel.s.db.View(func(txn *badger.Txn) error {
		return st.eachLink(ctx, txn, []byte{prefixEdge}, nil, in, func(p *pairEdges) error {
			for _, e := range p.es {
				if err := fn(e); err != nil {
					return err
				}
			}
			return nil
		})
	})
}
