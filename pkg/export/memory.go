package export

import (
	"context"
	"sort"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// Slices is a Graph held in memory, for tests, examples and hand-built
// graphs: its methods sort the slices in place, so any order will do. It
// has no EdgeSource: the per-kind formats split its links. For a
// graph.Subgraph, already sorted, use Memory.
type Slices struct {
	NodeList []graph.Node
	LinkList []graph.Link
}

var _ Graph = (*Slices)(nil)

// Nodes yields NodeList sorted by ID.
func (s *Slices) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	sort.SliceStable(s.NodeList, func(i, j int) bool { return s.NodeList[i].ID < s.NodeList[j].ID })
	for i := range s.NodeList {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(s.NodeList[i]); err != nil {
			return err
		}
	}
	return nil
}

// Links yields LinkList sorted by (Source, Target).
func (s *Slices) Links(ctx context.Context, fn func(graph.Link) error) error {
	sort.SliceStable(s.LinkList, func(i, j int) bool {
		a, b := s.LinkList[i], s.LinkList[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	for i := range s.LinkList {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(s.LinkList[i]); err != nil {
			return err
		}
	}
	return nil
}

// Memory returns a Graph over slices that are already in export order, as
// graph.Select returns them: nodes by ID, links by (Source, Target), edges
// by (Source, Target, kind in graph.EdgeKinds order). It neither copies nor
// sorts them (writers report ErrOrder if the order is wrong). With edges
// non-nil the Graph is also an EdgeSource, so neo4j and nquads write each
// kind's own counts and dates:
//
//	sg, err := graph.Select(ctx, store, filter)
//	g := export.Memory(sg.Nodes, sg.Links, sg.Edges())
func Memory(nodes []graph.Node, links []graph.Link, edges []graph.Edge) Graph {
	m := memory{nodes, links}
	if edges == nil {
		return m
	}
	return memoryEdges{m, edges}
}

type memory struct {
	nodes []graph.Node
	links []graph.Link
}

func (m memory) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	for i := range m.nodes {
		if err := fn(m.nodes[i]); err != nil {
			return err
		}
	}
	return nil
}

func (m memory) Links(ctx context.Context, fn func(graph.Link) error) error {
	for i := range m.links {
		if err := fn(m.links[i]); err != nil {
			return err
		}
	}
	return nil
}

type memoryEdges struct {
	memory
	edges []graph.Edge
}

var _ EdgeSource = memoryEdges{}

func (m memoryEdges) Edges(ctx context.Context, fn func(graph.Edge) error) error {
	for i := range m.edges {
		if err := fn(m.edges[i]); err != nil {
			return err
		}
	}
	return nil
}
