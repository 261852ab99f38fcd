package serve

import (
	"context"
	"fmt"
	"net/http"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
)

// viewGraph adapts a View to export.Graph: the nodes with their full
// entities (aliases included) read from the store, the links as drawn.
type viewGraph struct {
	nodes []graph.Node
	links []graph.Link
}

var _ export.Graph = (*viewGraph)(nil)

func (g *viewGraph) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	for _, n := range g.nodes {
		if err := fn(n); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (g *viewGraph) Links(ctx context.Context, fn func(graph.Link) error) error {
	for _, l := range g.links {
		if err := fn(l); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// newExporter returns the writer of a single-file format.
func newExporter(format string) (export.Writer, error) {
	w, err := export.New(format, export.Options{})
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "%v", err)
	}
	if len(w.Files()) != 1 {
		return nil, errorf(http.StatusBadRequest, "format %s writes several files: use graphbuild export", format)
	}
	return w, nil
}

// exportGraph reads the entities of v's nodes and converts its links. Nodes
// and links are already in export order.
func (s *Server) exportGraph(ctx context.Context, v *View) (*viewGraph, error) {
	g := &viewGraph{nodes: make([]graph.Node, 0, len(v.Nodes)), links: make([]graph.Link, 0, len(v.Links))}
	for i, n := range v.Nodes {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		en, err := s.st.Entity(n.ID)
		if err != nil {
			return nil, fmt.Errorf("export view: %w", err)
		}
		g.nodes = append(g.nodes, graph.Node{Entity: en, Metrics: graph.Metrics{Degree: n.Degree, WeightedDegree: float64(n.Weight)}})
	}
	for _, l := range v.Links {
		gl := graph.Link{Source: l.Source, Target: l.Target, Weight: l.Weight, Counts: map[graph.EdgeKind]int{},
			Documents: l.Documents, FirstSeen: l.FirstSeen, LastSeen: l.LastSeen}
		for _, k := range l.Kinds {
			gl.Kinds = append(gl.Kinds, graph.EdgeKind(k))
			gl.Counts[graph.EdgeKind(k)] = l.Counts.Get(graph.EdgeKind(k))
		}
		g.links = append(g.links, gl)
	}
	return g, nil
}
