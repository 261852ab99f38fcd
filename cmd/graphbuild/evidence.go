package main

import (
	"context"
	"errors"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
)

// evidenceGraph is an export graph that also says why each link exists,
// from the store's evidence (a point read per link and kind, documents'
// titles cached), for the formats that carry it (GraphML, GEXF, JSON).
type evidenceGraph struct {
	export.Graph
	st     *graph.Store
	titles map[string]string
}

var _ export.EvidenceSource = (*evidenceGraph)(nil)

// LinkEvidence is the first evidence sentence of the link's interaction
// edge, else of its context edge, else of its co-occurrence edge, and its
// document's title (its id when untitled).
func (g *evidenceGraph) LinkEvidence(ctx context.Context, l *graph.Link) (string, string, error) {
	if err := ctx.Err(); err != nil {
		return "", "", err
	}
	for _, k := range []graph.EdgeKind{graph.Interaction, graph.Context, graph.Cooccur} {
		if l.Counts[k] == 0 {
			continue
		}
		ed, err := g.st.Edge(l.Source, l.Target, k)
		if errors.Is(err, graph.ErrNotFound) {
			continue
		}
		if err != nil {
			return "", "", err
		}
		if len(ed.Evidence) == 0 {
			continue
		}
		ev := ed.Evidence[0]
		title, ok := g.titles[ev.Doc]
		if !ok {
			title = ev.Doc
			if d, err := g.st.Document(ev.Doc); err == nil && d.Title != "" {
				title = d.Title
			}
			g.titles[ev.Doc] = title
		}
		return ev.Text, title, nil
	}
	return "", "", nil
}
