package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// EdgeReader is what WithEvidence reads: a pair's edge of one kind, with
// its evidence, and a document. *graph.Store has both.
type EdgeReader interface {
	Edge(a, b string, kind graph.EdgeKind) (graph.Edge, error)
	Document(id string) (graph.Document, error)
}

// WithEvidence returns g as an EvidenceSource reading st: a link's
// evidence is the first sentence of its interaction edge, else of its
// context edge, else of its co-occurrence edge, and the document's title
// (its id when untitled). It costs a point read per link and kind, and one
// per document; links that carry their Evidence (a graph.Streamed made
// WithEvidence) cost none. The result is a plain Graph, or a LinkBatcher
// when g is one, whose batches then read every document title once first
// when st can list the documents (see DocumentLister): use it for
// GraphML, GEXF and JSON (neo4j and nquads want g's own EdgeSource).
func WithEvidence(g Graph, st EdgeReader) Graph {
	return &evidenceGraph{Graph: g, st: st, titles: map[string]string{}}
}

// DocumentLister is what WithEvidence's batches read every title from
// at once: all stored documents. *graph.Store has it.
type DocumentLister interface {
	Documents(ctx context.Context, fn func(graph.Document) error) error
}

type evidenceGraph struct {
	Graph
	st EdgeReader

	mu     sync.Mutex // LinkEvidence may be called from several goroutines
	titles map[string]string
	// all: titles holds every document's and is read without the lock.
	all bool
}

// LinkBatches reads every document's title, when the store can list them,
// then the batches of the graph WithEvidence wraps, which must be a
// LinkBatcher (see linkBatcher).
func (g *evidenceGraph) LinkBatches(ctx context.Context, prepare func([]graph.Link) (any, error), emit func(any) error) error {
	lb, ok := g.Graph.(LinkBatcher)
	if !ok {
		return fmt.Errorf("export: %T has no link batches", g.Graph)
	}
	if dl, ok := g.st.(DocumentLister); ok && !g.all {
		titles := map[string]string{}
		err := dl.Documents(ctx, func(d graph.Document) error {
			titles[d.ID] = cmp.Or(d.Title, d.ID)
			return nil
		})
		if err != nil {
			return err
		}
		g.mu.Lock()
		g.titles, g.all = titles, true
		g.mu.Unlock()
	}
	return lb.LinkBatches(ctx, prepare, emit)
}

var _ EvidenceSource = (*evidenceGraph)(nil)

func (g *evidenceGraph) LinkEvidence(ctx context.Context, l *graph.Link) (string, string, error) {
	if err := ctx.Err(); err != nil {
		return "", "", err
	}
	if ev := l.Evidence; ev != nil { // read with the link (graph.Streamed.WithEvidence)
		if ev.Doc == "" && ev.Text == "" {
			return "", "", nil
		}
		return ev.Text, g.title(ev.Doc), nil
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
		return ev.Text, g.title(ev.Doc), nil
	}
	return "", "", nil
}

// title returns the title of a document, its id when untitled, read once.
func (g *evidenceGraph) title(doc string) string {
	if g.all { // set before the batches start, never changed after
		if title, ok := g.titles[doc]; ok {
			return title
		}
		return doc // not stored: as Document's ErrNotFound gives
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	title, ok := g.titles[doc]
	if !ok {
		title = doc
		if d, err := g.st.Document(doc); err == nil && d.Title != "" {
			title = d.Title
		}
		g.titles[doc] = title
	}
	return title
}
