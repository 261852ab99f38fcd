package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

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

// WriteDir writes g with w into the directory dir, creating it when
// needed, one file per w.Files() name, plus the schema file when w is a
// SchemaWriter. It returns the paths written, in order. A file that could
// not be completed is removed.
func WriteDir(ctx context.Context, w Writer, dir string, g Graph) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: create directory: %w", err)
	}
	names := w.Files()
	paths := make([]string, 0, len(names)+1)
	files := make([]*os.File, 0, len(names))
	outs := make([]io.Writer, 0, len(names))
	fail := func(err error) ([]string, error) {
		for _, f := range files {
			f.Close()
			os.Remove(f.Name())
		}
		return nil, err
	}
	for _, name := range names {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			return fail(fmt.Errorf("export: %w", err))
		}
		files = append(files, f)
		outs = append(outs, f)
		paths = append(paths, p)
	}
	if err := w.Write(ctx, g, outs...); err != nil {
		return fail(err)
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			return fail(fmt.Errorf("export: close %s: %w", f.Name(), err))
		}
	}
	files = nil
	if s, ok := w.(SchemaWriter); ok {
		p := filepath.Join(dir, s.SchemaFile())
		f, err := os.Create(p)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		err = s.WriteSchema(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(p)
			return nil, fmt.Errorf("export: write %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// Slices is a Graph held in memory, for tests and small graphs (a
// graph.Subgraph converts to it field by field). Its methods sort the
// slices in place. It has no EdgeSource: the per-kind formats split its
// links.
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

// outputs checks the number of io.Writers and wraps each in a buffer that
// remembers its first error.
func outputs(format string, want int, out []io.Writer) ([]*sink, error) {
	if len(out) != want {
		return nil, fmt.Errorf("export %s: %d outputs given, %d needed: %w", format, len(out), want, ErrOutputs)
	}
	s := make([]*sink, len(out))
	for i, w := range out {
		s[i] = newSink(w)
	}
	return s, nil
}

// sink is a buffered writer that keeps the first error, so writers can
// write freely and check once per record.
type sink struct {
	w   io.Writer
	buf []byte
	err error
}

const sinkSize = 64 << 10

func newSink(w io.Writer) *sink { return &sink{w: w, buf: make([]byte, 0, sinkSize)} }

// flushIfFull writes the buffer out when it is nearly full.
func (s *sink) flushIfFull() error {
	if len(s.buf) >= sinkSize-4096 {
		return s.flush()
	}
	return s.err
}

func (s *sink) flush() error {
	if s.err != nil {
		return s.err
	}
	if len(s.buf) > 0 {
		_, s.err = s.w.Write(s.buf)
		s.buf = s.buf[:0]
	}
	return s.err
}

func (s *sink) str(v string) { s.buf = append(s.buf, v...) }

// walk streams g's nodes then links to the callbacks, enforcing the order
// contract and that every link joins known nodes. It checks ctx every few
// thousand records.
func walk(ctx context.Context, format string, g Graph, onNode func(*graph.Node) error, onLink func(*graph.Link) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	ids := make(map[string]struct{})
	var prev string
	first := true
	n := 0
	var cur graph.Node // reused so the callback does not allocate per record
	err := g.Nodes(ctx, func(nd graph.Node) error {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if nd.ID == "" || (!first && nd.ID <= prev) {
			return fmt.Errorf("node %q after %q: %w", nd.ID, prev, ErrOrder)
		}
		first, prev = false, nd.ID
		ids[nd.ID] = struct{}{}
		cur = nd
		return onNode(&cur)
	})
	if err != nil {
		return fmt.Errorf("export %s: nodes: %w", format, err)
	}
	if onLink == nil {
		return nil
	}
	var ps, pt string
	first = true
	var curLink graph.Link
	err = g.Links(ctx, func(l graph.Link) error {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := checkPair(first, ps, pt, l.Source, l.Target, ids); err != nil {
			return err
		}
		first, ps, pt = false, l.Source, l.Target
		curLink = l
		return onLink(&curLink)
	})
	if err != nil {
		return fmt.Errorf("export %s: links: %w", format, err)
	}
	return nil
}

// checkPair enforces strictly ascending pairs with Source <= Target between
// known nodes.
func checkPair(first bool, ps, pt, s, t string, ids map[string]struct{}) error {
	if s > t {
		return fmt.Errorf("link %q-%q has source > target: %w", s, t, ErrOrder)
	}
	if !first && (s < ps || (s == ps && t <= pt)) {
		return fmt.Errorf("link %q-%q after %q-%q: %w", s, t, ps, pt, ErrOrder)
	}
	if _, ok := ids[s]; !ok {
		return fmt.Errorf("link %q-%q: %q: %w", s, t, s, ErrUnknownNode)
	}
	if _, ok := ids[t]; !ok {
		return fmt.Errorf("link %q-%q: %q: %w", s, t, t, ErrUnknownNode)
	}
	return nil
}

// walkEdges streams g's nodes then its per-kind edges: from EdgeSource when
// g has it, else by splitting each link by kind.
func walkEdges(ctx context.Context, format string, g Graph, onNode func(*graph.Node) error, onEdge func(*graph.Edge) error) error {
	es, ok := g.(EdgeSource)
	if !ok {
		var e graph.Edge
		return walk(ctx, format, g, onNode, func(l *graph.Link) error {
			for _, k := range graph.EdgeKinds {
				w := l.Counts[k]
				if w == 0 && !hasKind(l, k) {
					continue
				}
				if len(l.Counts) == 0 && len(l.Kinds) == 1 {
					w = l.Weight // a one-kind link without counts
				}
				e = graph.Edge{Kind: k, Source: l.Source, Target: l.Target, Weight: w,
					Documents: l.Documents, FirstSeen: l.FirstSeen, LastSeen: l.LastSeen}
				if k == graph.Interaction {
					e.Predicates = l.Predicates
				}
				if err := onEdge(&e); err != nil {
					return err
				}
			}
			return nil
		})
	}
	ids := make(map[string]struct{})
	err := walk(ctx, format, g, func(n *graph.Node) error {
		ids[n.ID] = struct{}{}
		return onNode(n)
	}, nil)
	if err != nil {
		return err
	}
	var ps, pt string
	pk := -1
	first := true
	n := 0
	var cur graph.Edge
	err = es.Edges(ctx, func(e graph.Edge) error {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		k := kindIndex(e.Kind)
		if first || e.Source != ps || e.Target != pt {
			if err := checkPair(first, ps, pt, e.Source, e.Target, ids); err != nil {
				return err
			}
		} else if k <= pk {
			return fmt.Errorf("edge %q-%q kind %q after %q: %w", e.Source, e.Target, e.Kind, kindName(pk), ErrOrder)
		}
		first, ps, pt, pk = false, e.Source, e.Target, k
		cur = e
		return onEdge(&cur)
	})
	if err != nil {
		return fmt.Errorf("export %s: edges: %w", format, err)
	}
	return nil
}

func hasKind(l *graph.Link, k graph.EdgeKind) bool {
	for _, x := range l.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// kindIndex orders kinds as graph.EdgeKinds does; unknown kinds sort after,
// by name.
func kindIndex(k graph.EdgeKind) int {
	for i, x := range graph.EdgeKinds {
		if x == k {
			return i
		}
	}
	return len(graph.EdgeKinds)
}

func kindName(i int) string {
	if i >= 0 && i < len(graph.EdgeKinds) {
		return string(graph.EdgeKinds[i])
	}
	return "?"
}

// wrapWrite names the format of a failed final write.
func wrapWrite(format string, err error) error {
	return fmt.Errorf("export %s: write: %w", format, err)
}
