package export

import (
	"context"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// valueType is the type of an attribute column.
type valueType int

const (
	tString valueType = iota
	tInt
	tDouble
)

// column is one attribute of a node or link, shared by every format so
// that they all carry the same data under the same names. A string column
// is absent when its value is ""; number columns are always present.
type column[T any] struct {
	name string
	typ  valueType
	str  func(*T) string
	num  func([]byte, *T) []byte
}

func intCol[T any](name string, f func(*T) int) column[T] {
	return column[T]{name: name, typ: tInt, num: func(b []byte, x *T) []byte {
		return strconv.AppendInt(b, int64(f(x)), 10)
	}}
}

func floatCol[T any](name string, f func(*T) float64) column[T] {
	return column[T]{name: name, typ: tDouble, num: func(b []byte, x *T) []byte {
		return appendFloat(b, f(x))
	}}
}

func strCol[T any](name string, f func(*T) string) column[T] {
	return column[T]{name: name, typ: tString, str: f}
}

// nodeColumns are the node attributes after the id and label: type,
// mentions, documents, first_seen, last_seen, aliases and, with
// opts.Metrics, degree, weighted_degree, pagerank, betweenness, community.
func nodeColumns(opts Options) []column[graph.Node] {
	max := opts.maxAliases()
	cols := []column[graph.Node]{
		strCol("type", func(n *graph.Node) string { return n.Type }),
		intCol("mentions", func(n *graph.Node) int { return n.Mentions }),
		intCol("documents", func(n *graph.Node) int { return n.Entity.Documents }),
		strCol("first_seen", func(n *graph.Node) string { return n.FirstSeen }),
		strCol("last_seen", func(n *graph.Node) string { return n.LastSeen }),
	}
	if max > 0 {
		cols = append(cols, strCol("aliases", func(n *graph.Node) string { return aliasesString(&n.Entity, max) }))
	}
	if opts.Metrics {
		cols = append(cols,
			intCol("degree", func(n *graph.Node) int { return n.Degree }),
			floatCol("weighted_degree", func(n *graph.Node) float64 { return n.WeightedDegree }),
			floatCol("pagerank", func(n *graph.Node) float64 { return n.PageRank }),
			floatCol("betweenness", func(n *graph.Node) float64 { return n.Betweenness }),
			intCol("community", func(n *graph.Node) int { return n.Community }),
		)
	}
	return cols
}

// linkColumns are the link attributes after source, target and weight:
// kind ("cooccur;context"), the weight of each kind, documents,
// first_seen, last_seen, predicates.
func linkColumns() []column[graph.Link] {
	cols := []column[graph.Link]{
		strCol("kind", kindsString),
	}
	for _, k := range graph.EdgeKinds {
		cols = append(cols, intCol(string(k), func(l *graph.Link) int { return l.Counts[k] }))
	}
	return append(cols,
		intCol("documents", func(l *graph.Link) int { return l.Documents }),
		strCol("first_seen", func(l *graph.Link) string { return l.FirstSeen }),
		strCol("last_seen", func(l *graph.Link) string { return l.LastSeen }),
		strCol("predicates", func(l *graph.Link) string { return predicatesString(l.Predicates) }),
	)
}

// EvidenceSource is an optional interface of a Graph that can say why a
// link exists: one sentence behind it (an interaction's first, else a
// context line's, else a co-occurrence's) and the title of its document
// (or its id). GraphML, GEXF and JSON then add the link attributes
// "evidence" and "evidence_doc", so that a Gephi user sees why two names
// are linked. It is called once per link, in link order, except for a
// Graph that is also a LinkBatcher: GraphML then calls it from the
// goroutines that prepare the batches, and it must be safe for that.
type EvidenceSource interface {
	LinkEvidence(ctx context.Context, l *graph.Link) (text, doc string, err error)
}

// evidenceColumns returns the evidence columns when g is an EvidenceSource,
// and the function to call at each link before its columns are read.
func evidenceColumns(ctx context.Context, g Graph) ([]column[graph.Link], func(*graph.Link) error) {
	es, ok := g.(EvidenceSource)
	if !ok {
		return nil, func(*graph.Link) error { return nil }
	}
	var text, doc string
	cols := []column[graph.Link]{
		strCol("evidence", func(*graph.Link) string { return text }),
		strCol("evidence_doc", func(*graph.Link) string { return doc }),
	}
	return cols, func(l *graph.Link) error {
		var err error
		text, doc, err = es.LinkEvidence(ctx, l)
		return err
	}
}
