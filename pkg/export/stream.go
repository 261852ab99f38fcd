package export

import (
	"context"
	"slices"
	"sync"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// Source is what a whole store offers for a streaming export: every entity
// in id order and every edge in (Source, Target, kind) order, kinds in
// graph.EdgeKinds order. *graph.Store has both methods.
type Source interface {
	Entities(ctx context.Context, fn func(graph.Entity) error) error
	Edges(ctx context.Context, fn func(graph.Edge) error) error
}

// Stream returns a Graph (and EdgeSource) that reads src on every call and
// holds nothing but the set of kept node ids, so exporting a store of any
// size takes memory for its entity ids only. Links are the edges of one
// pair merged as graph.Select merges them: weights summed per kind,
// documents the largest, first and last dates the extremes, predicates
// added up.
//
// With types non-empty only entities of those types are nodes and edges
// touching any other are left out; with none every entity is a node,
// isolated ones included. Nodes carry no metrics (leave Options.Metrics
// false); edges are yielded without evidence. The Graph may be used by
// several writers at once.
func Stream(src Source, types []string) Graph {
	return &stream{src: src, types: types}
}

type stream struct {
	src   Source
	types []string
	mu    sync.Mutex
	ids   map[string]struct{} // kept node ids, when types filter
}

var _ EdgeSource = (*stream)(nil)

func (s *stream) keepType(t string) bool {
	return len(s.types) == 0 || slices.Contains(s.types, t)
}

func (s *stream) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	var ids map[string]struct{}
	if len(s.types) > 0 {
		ids = make(map[string]struct{})
	}
	err := s.src.Entities(ctx, func(e graph.Entity) error {
		if !s.keepType(e.Type) {
			return nil
		}
		if ids != nil {
			ids[e.ID] = struct{}{}
		}
		return fn(graph.Node{Entity: e})
	})
	if err == nil && ids != nil {
		s.mu.Lock()
		s.ids = ids
		s.mu.Unlock()
	}
	return err
}

// keptIDs returns the kept node ids, reading the entities when Nodes has
// not run to completion; nil means every id is kept.
func (s *stream) keptIDs(ctx context.Context) (map[string]struct{}, error) {
	if len(s.types) == 0 {
		return nil, nil
	}
	s.mu.Lock()
	ids := s.ids
	s.mu.Unlock()
	if ids != nil {
		return ids, nil
	}
	if err := s.Nodes(ctx, func(graph.Node) error { return nil }); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids, nil
}

// Edges yields the store's edges whose ends are both kept, without
// evidence.
func (s *stream) Edges(ctx context.Context, fn func(graph.Edge) error) error {
	ids, err := s.keptIDs(ctx)
	if err != nil {
		return err
	}
	return s.src.Edges(ctx, func(e graph.Edge) error {
		if ids != nil {
			if _, ok := ids[e.Source]; !ok {
				return nil
			}
			if _, ok := ids[e.Target]; !ok {
				return nil
			}
		}
		e.Evidence = nil
		return fn(e)
	})
}

// Links merges runs of edges of one pair into a Link. To stay
// allocation-free it reuses the Link's Kinds, Counts and Predicates between
// calls: fn must copy what it keeps (the writers keep nothing).
func (s *stream) Links(ctx context.Context, fn func(graph.Link) error) error {
	cur := graph.Link{Counts: map[graph.EdgeKind]int{}}
	have := false
	flush := func() error {
		if !have {
			return nil
		}
		have = false
		return fn(cur)
	}
	err := s.Edges(ctx, func(e graph.Edge) error {
		if have && (e.Source != cur.Source || e.Target != cur.Target) {
			if err := flush(); err != nil {
				return err
			}
		}
		if !have {
			clear(cur.Counts)
			if cur.Predicates != nil {
				clear(cur.Predicates)
			}
			cur = graph.Link{Source: e.Source, Target: e.Target, Kinds: cur.Kinds[:0], Counts: cur.Counts,
				Predicates: cur.Predicates, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen}
			have = true
		}
		addEdge(&cur, &e)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// addEdge merges one per-kind edge into its pair's link.
func addEdge(l *graph.Link, e *graph.Edge) {
	l.Weight += e.Weight
	if !slices.Contains(l.Kinds, e.Kind) {
		l.Kinds = append(l.Kinds, e.Kind)
	}
	l.Counts[e.Kind] += e.Weight
	l.Documents = max(l.Documents, e.Documents)
	if e.FirstSeen != "" && (l.FirstSeen == "" || e.FirstSeen < l.FirstSeen) {
		l.FirstSeen = e.FirstSeen
	}
	if e.LastSeen > l.LastSeen {
		l.LastSeen = e.LastSeen
	}
	for p, n := range e.Predicates {
		if l.Predicates == nil {
			l.Predicates = map[string]int{}
		}
		l.Predicates[p] += n
	}
}
