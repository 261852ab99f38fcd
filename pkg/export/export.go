package export

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// Graph is what every writer reads: the selected nodes and the merged links
// between them, streamed in a fixed order so that the same graph always gives
// byte-identical output.
//
// Nodes calls fn for every node in ascending ID order. Links calls fn for
// every link in ascending (Source, Target) order, with Source <= Target and
// at most one link per pair; both ends of every link must be among the
// nodes. Both stop at, and return, the first error fn returns.
type Graph interface {
	Nodes(ctx context.Context, fn func(graph.Node) error) error
	Links(ctx context.Context, fn func(graph.Link) error) error
}

// EdgeSource is an optional interface of a Graph that can also stream its
// per-kind edges. The formats that keep one relationship per kind (neo4j,
// nquads) use it when it is there and otherwise split each Link by kind,
// giving every kind the link's document count and dates.
//
// Edges calls fn for every edge in ascending (Source, Target) order and, for
// one pair, in graph.EdgeKinds order; only pairs that Links also yields may
// appear.
type EdgeSource interface {
	Edges(ctx context.Context, fn func(graph.Edge) error) error
}

// LinkBatcher is an optional interface of a Graph (graph.Streamed has it)
// that yields its links in consecutive batches made on several goroutines.
// LinkBatches calls prepare, possibly concurrently, once per batch with the
// batch's links in order, then emit on the caller's goroutine with what
// prepare returned, batch after batch in link order; the first error of
// either stops it and is returned. The links of all batches keep Links'
// order contract. GraphML formats each batch in prepare, so that
// formatting a large export runs on every core.
type LinkBatcher interface {
	LinkBatches(ctx context.Context, prepare func(links []graph.Link) (any, error), emit func(v any) error) error
}

// Writer streams a Graph in one format. Files names the outputs it writes,
// in order; Write takes one io.Writer per name. Most formats write one
// stream; csv and neo4j write a node table and an edge table.
//
// Write never holds the whole output in memory and buffers its writes
// itself: callers pass plain files or os.Stdout.
type Writer interface {
	Files() []string
	Write(ctx context.Context, g Graph, out ...io.Writer) error
}

// SchemaWriter is implemented by formats that come with a schema file to
// load beside the data (nquads: the Dgraph schema).
type SchemaWriter interface {
	// SchemaFile is the default name of the schema file.
	SchemaFile() string
	// WriteSchema writes the schema.
	WriteSchema(w io.Writer) error
}

// Options are the settings shared by the writers; the zero value is the
// default of every field.
type Options struct {
	// Metrics says the nodes' graph.Metrics are filled in: the writers then
	// add degree, weighted_degree, pagerank, betweenness and community.
	// Default false: the metrics are left out.
	Metrics bool
	// ColorBy picks the node colour of gexf and dot: "type" (default) or
	// "community" (falls back to "type" unless Metrics is set).
	ColorBy string
	// SizeBy picks the node size of gexf: "degree" (default when Metrics is
	// set), "pagerank", or "mentions" (default otherwise, and the fallback).
	SizeBy string
	// MaxAliases is the number of aliases written per node, most mentioned
	// first. Default 5; negative writes none.
	MaxAliases int
	// GEXFVersion picks the GEXF dialect: "1.3" (default; Gephi 0.9+, the
	// published 1.3 schema) or "1.2" (the 1.2draft namespace that networkx's
	// read_gexf and older Gephi read; the same elements).
	GEXFVersion string
	// Legend adds to DOT a legend cluster: the entity types present and
	// the edge kinds, drawn apart (node ids "legend:..."). Default false,
	// so a DOT file holds the graph only; the CLI turns it on.
	Legend bool
}

// Validate reports an unknown ColorBy or SizeBy value as ErrOption.
func (o Options) Validate() error {
	switch o.ColorBy {
	case "", "type", "community":
	default:
		return fmt.Errorf("color by %q (want type or community): %w", o.ColorBy, ErrOption)
	}
	switch o.SizeBy {
	case "", "degree", "pagerank", "mentions":
	default:
		return fmt.Errorf("size by %q (want degree, pagerank or mentions): %w", o.SizeBy, ErrOption)
	}
	switch o.GEXFVersion {
	case "", "1.3", "1.2", "1.2draft":
	default:
		return fmt.Errorf("gexf version %q (want 1.3, or 1.2 for networkx): %w", o.GEXFVersion, ErrOption)
	}
	return nil
}

func (o Options) maxAliases() int {
	switch {
	case o.MaxAliases == 0:
		return 5
	case o.MaxAliases < 0:
		return 0
	}
	return o.MaxAliases
}

func (o Options) colorByCommunity() bool { return o.Metrics && o.ColorBy == "community" }

func (o Options) sizeBy() string {
	switch {
	case o.Metrics && (o.SizeBy == "degree" || o.SizeBy == ""):
		return "degree"
	case o.Metrics && o.SizeBy == "pagerank":
		return "pagerank"
	}
	return "mentions"
}

// Errors returned by the writers, wrapped with the format and operation.
var (
	// ErrUnknownFormat: ByName or New was given a name not in Formats.
	ErrUnknownFormat = errors.New("unknown export format")
	// ErrOption: an Options field holds a value it does not know.
	ErrOption = errors.New("bad export option")
	// ErrOutputs: Write was given a number of io.Writers other than
	// len(Files()).
	ErrOutputs = errors.New("wrong number of outputs")
	// ErrOrder: the Graph broke its ordering contract (nodes not in
	// ascending ID order, links not in ascending pair order or with
	// Source > Target, an empty node ID).
	ErrOrder = errors.New("graph not in export order")
	// ErrUnknownNode: a link names a node the Graph did not yield.
	ErrUnknownNode = errors.New("link to unknown node")
)

// Formats lists the names of every format, in a fixed order.
var Formats = []string{"graphml", "gexf", "dot", "json", "csv", "neo4j", "nquads"}

// ByName returns the writer of the named format with default Options.
func ByName(name string) (Writer, error) { return New(name, Options{}) }

// New returns the writer of the named format configured by opts; the name
// must be one of Formats and opts must pass Options.Validate.
func New(name string, opts Options) (Writer, error) {
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("export %s: %w", name, err)
	}
	switch name {
	case "graphml":
		return GraphML{opts}, nil
	case "gexf":
		return GEXF{opts}, nil
	case "dot":
		return DOT{opts}, nil
	case "json":
		return JSON{opts}, nil
	case "csv":
		return CSV{opts}, nil
	case "neo4j":
		return Neo4j{opts}, nil
	case "nquads":
		return NQuads{opts}, nil
	}
	return nil, fmt.Errorf("export: %q: %w (have %v)", name, ErrUnknownFormat, Formats)
}
