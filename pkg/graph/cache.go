package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/dgraph-io/badger/v4"
)

// Cached analytics. Analyze keeps the metrics of one Filter under
// 'X' filter-hash chunk-number keys (see keys.go). Every chunk value is
//
//	format[1] version[8] nodes chunks, then per node: id[8] pagerank[8] betweenness[8] community
//	degree weighted-degree[8]
//
// with floats as IEEE-754 bits big-endian and counts as uvarints. A chunk
// of another store version, a missing chunk or a node list that is not the
// selection's makes the cache a miss (the filter hash names the chunk
// layout too, so chunks of an older layout are misses); saving one purges every chunk of
// other versions, so the cache only ever holds the current store state.

// cacheChunkNodes is the number of nodes per chunk (about 110 KiB).
const cacheChunkNodes = 4096

// errMiss stops reading a cache that does not fit.
var errMiss = errors.New("cache miss")

// loadMetrics fills g's metrics from the cache, reporting whether it could.
// On a miss g's metrics may be partly filled; Compute overwrites them all.
func (s *Store) loadMetrics(f Filter, version uint64, g *Subgraph) (bool, error) {
	want := (len(g.Nodes) + cacheChunkNodes - 1) / cacheChunkNodes
	if want == 0 {
		return false, nil
	}
	next, chunk := 0, 0
	err := s.scan(context.Background(), cachePrefix(f.key()), false, func(k, v []byte) error {
		d := decoder{b: v}
		d.header()
		ver := d.fixed64()
		nodes := int(d.uint())
		chunks := int(d.uint())
		if d.err != nil || ver != version || nodes != len(g.Nodes) || chunks != want ||
			binary.BigEndian.Uint32(k[9:]) != uint32(chunk) {
			return errMiss
		}
		for d.err == nil && len(d.b) > 0 {
			if next >= len(g.Nodes) || d.fixed64() != mustID(g.Nodes[next].ID) {
				return errMiss
			}
			m := &g.Nodes[next].Metrics
			m.PageRank = math.Float64frombits(d.fixed64())
			m.Betweenness = math.Float64frombits(d.fixed64())
			m.Community = int(d.uint())
			m.Degree = int(d.uint())
			m.WeightedDegree = math.Float64frombits(d.fixed64())
			next++
		}
		if d.err != nil {
			return errMiss
		}
		chunk++
		return nil
	})
	if errors.Is(err, errMiss) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store %s: read analytics: %w", s.name, err)
	}
	return chunk == want && next == len(g.Nodes), nil
}

// mustID parses an id that came from the store.
func mustID(id string) uint64 {
	n, _ := parseID(id)
	return n
}

// saveMetrics caches g's metrics for f at this version and purges the
// cache of other versions.
func (s *Store) saveMetrics(f Filter, version uint64, g *Subgraph) error {
	fk, ak := f.key(), f.adjacencyKey()
	err := s.writeBatch(func(wb *badger.WriteBatch) error {
		return s.scan(context.Background(), []byte{prefixCache}, false, func(k, v []byte) error {
			d := decoder{b: v}
			d.header()
			stale := d.fixed64() != version || d.err != nil
			if !stale {
				key, err := parseKey(k)
				stale = err != nil || key.Filter == fk || key.Filter == ak
			}
			if stale {
				return wb.Delete(append([]byte(nil), k...))
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store %s: purge analytics: %w", s.name, err)
	}
	err = s.writeBatch(func(wb *badger.WriteBatch) error {
		chunks := (len(g.Nodes) + cacheChunkNodes - 1) / cacheChunkNodes
		for c := 0; c < chunks; c++ {
			e := newEncoder(64 + cacheChunkNodes*42)
			e.fixed64(version)
			e.uint(uint64(len(g.Nodes)))
			e.uint(uint64(chunks))
			for _, nd := range g.Nodes[c*cacheChunkNodes : min(len(g.Nodes), (c+1)*cacheChunkNodes)] {
				e.fixed64(mustID(nd.ID))
				e.fixed64(math.Float64bits(nd.PageRank))
				e.fixed64(math.Float64bits(nd.Betweenness))
				e.uint(uint64(nd.Community))
				e.uint(uint64(nd.Degree))
				e.fixed64(math.Float64bits(nd.WeightedDegree))
			}
			if err := wb.SetEntry(badger.NewEntry(cacheKey(fk, uint32(c)), e.b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store %s: save analytics: %w", s.name, err)
	}
	return nil
}

// writeBatch runs fn on a new write batch and flushes it, or cancels it when
// fn fails.
func (s *Store) writeBatch(fn func(*badger.WriteBatch) error) error {
	if err := checkSpace(s.name, s.opt.Dir, s.minFree(), "writing"); err != nil {
		return err
	}
	wb := s.db.NewWriteBatch()
	if err := fn(wb); err != nil {
		wb.Cancel()
		return err
	}
	return wb.Flush()
}

// HasAnalytics reports whether Analyze(f) would be answered from the cache
// of the current store state: every chunk of f's metrics is there, saved
// at this version (or, on a read-only store, computed while it is open). A
// build interrupted while it computed them leaves none or only some, and
// the next build computes them again; a build that adds documents to a big
// store leaves them stale for the first command that needs them.
func (s *Store) HasAnalytics(f Filter) (bool, error) {
	version, err := s.Version()
	if err != nil {
		return false, err
	}
	if s.memoized(f, version) != nil {
		return true, nil
	}
	chunk, want := 0, -1
	err = s.scan(context.Background(), cachePrefix(f.key()), false, func(k, v []byte) error {
		d := decoder{b: v}
		d.header()
		ver := d.fixed64()
		d.uint() // nodes
		chunks := int(d.uint())
		if d.err != nil || ver != version || want >= 0 && chunks != want || binary.BigEndian.Uint32(k[9:]) != uint32(chunk) {
			return errMiss
		}
		want = chunks
		chunk++
		return nil
	})
	if errors.Is(err, errMiss) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store %s: read analytics: %w", s.name, err)
	}
	return want > 0 && chunk == want, nil
}

// cachedMetrics is the cached metrics of one node.
type cachedMetrics struct {
	pageRank, betweenness float64
	community             int
	degree                int
	weightedDegree        float64
}

// metricsByID reads the cached metrics of f at version into a map by
// entity id, for a streamed export that never holds the node list. It
// reports false when the cache does not hold a whole set for nodes nodes.
// With nodes < 0 it takes the node count the cache holds.
func (s *Store) metricsByID(ctx context.Context, f Filter, version uint64, nodes int) (map[uint64]cachedMetrics, bool, error) {
	want := (nodes + cacheChunkNodes - 1) / cacheChunkNodes
	if nodes == 0 {
		return nil, false, nil
	}
	out := make(map[uint64]cachedMetrics, max(nodes, 0))
	chunk := 0
	err := s.scan(ctx, cachePrefix(f.key()), false, func(k, v []byte) error {
		d := decoder{b: v}
		d.header()
		ver := d.fixed64()
		n := int(d.uint())
		chunks := int(d.uint())
		if nodes < 0 && chunk == 0 {
			nodes, want = n, chunks
		}
		if d.err != nil || ver != version || n != nodes || chunks != want ||
			binary.BigEndian.Uint32(k[9:]) != uint32(chunk) {
			return errMiss
		}
		for d.err == nil && len(d.b) > 0 {
			id := d.fixed64()
			m := cachedMetrics{pageRank: math.Float64frombits(d.fixed64()), betweenness: math.Float64frombits(d.fixed64())}
			m.community = int(d.uint())
			m.degree = int(d.uint())
			m.weightedDegree = math.Float64frombits(d.fixed64())
			out[id] = m
		}
		if d.err != nil {
			return errMiss
		}
		chunk++
		return nil
	})
	if errors.Is(err, errMiss) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store %s: read analytics: %w", s.name, err)
	}
	return out, chunk == want && len(out) == nodes, nil
}

// AnalyzeNodes returns the nodes Analyze would select for f, with their
// metrics, without the links: read from the cache when it is current (one
// pass over the entity records, none over the edges), else from Analyze.
// It is what rankings need: query top and communities.
func AnalyzeNodes(ctx context.Context, s *Store, f Filter) ([]Node, error) {
	version, err := s.Version()
	if err != nil {
		return nil, err
	}
	ms, ok, err := s.metricsByID(ctx, f, version, -1)
	if err != nil {
		return nil, err
	}
	if !ok {
		g, err := Analyze(ctx, s, f)
		if err != nil {
			return nil, err
		}
		return g.Nodes, nil
	}
	nodes := make([]Node, 0, len(ms))
	err = s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
		n := binary.BigEndian.Uint64(k[1:])
		m, ok := ms[n]
		if !ok {
			return nil
		}
		en, err := decodeEntity(n, v)
		if err != nil {
			return err
		}
		nodes = append(nodes, Node{Entity: en, Metrics: Metrics{Degree: m.degree, WeightedDegree: m.weightedDegree,
			PageRank: m.pageRank, Betweenness: m.betweenness, Community: m.community}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %s: read analytics: %w", s.name, err)
	}
	if len(nodes) != len(ms) {
		// An entity of the cache is gone: the cache is not this state's.
		g, err := Analyze(ctx, s, f)
		if err != nil {
			return nil, err
		}
		return g.Nodes, nil
	}
	return nodes, nil
}
