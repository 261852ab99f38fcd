package export

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

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

// direct writes what is buffered, then b, without copying b.
func (s *sink) direct(b []byte) error {
	if err := s.flush(); err != nil {
		return err
	}
	if len(b) > 0 {
		_, s.err = s.w.Write(b)
	}
	return s.err
}

// walk streams g's nodes then links to the callbacks, enforcing the order
// contract and that every link joins known nodes. It checks ctx every few
// thousand records.
func walk(ctx context.Context, format string, g Graph, onNode func(*graph.Node) error, onLink func(*graph.Link) error) error {
	ids, n, err := walkNodes(ctx, format, g, onNode)
	if err != nil || onLink == nil {
		return err
	}
	return walkLinks(ctx, format, g, ids, n, onLink)
}

// walkLinks is the link half of walk, given the node ids and the number
// of records seen so far.
func walkLinks(ctx context.Context, format string, g Graph, ids map[string]struct{}, n int, onLink func(*graph.Link) error) error {
	var ps, pt string
	first := true
	var curLink graph.Link
	err := g.Links(ctx, func(l graph.Link) error {
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

// walkNodes is the node half of walk: it returns the node ids and the
// number of nodes.
func walkNodes(ctx context.Context, format string, g Graph, onNode func(*graph.Node) error) (map[string]struct{}, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("export %s: %w", format, err)
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
		return nil, 0, fmt.Errorf("export %s: nodes: %w", format, err)
	}
	return ids, n, nil
}

// linkFormat appends one link as a format writes it. A writer makes one
// per goroutine (see walkFormatted).
type linkFormat func(b []byte, l *graph.Link) ([]byte, error)

// walkFormatted is walk for a writer whose links are formatted by a
// linkFormat into s, with between written to s after the nodes: when g is
// a LinkBatcher (through WithEvidence too), each batch of links is checked
// and formatted on the graph's goroutines, each with a linkFormat of its
// own from newFormat, and written to s in order; otherwise it is walk with
// one linkFormat.
func walkFormatted(ctx context.Context, format string, g Graph, s *sink, onNode func(*graph.Node) error, between string, newFormat func() linkFormat) error {
	ids, n, err := walkNodes(ctx, format, g, onNode)
	if err != nil {
		return err
	}
	s.str(between)
	lb, ok := linkBatcher(g)
	if !ok {
		f := newFormat()
		return walkLinks(ctx, format, g, ids, n, func(l *graph.Link) error {
			var err error
			if s.buf, err = f(s.buf, l); err != nil {
				return err
			}
			return s.flushIfFull()
		})
	}
	type batch struct {
		first, last [2]string
		n           int
		out         *[]byte
	}
	var bufs sync.Pool
	var ps, pt string
	first := true
	err = lb.LinkBatches(ctx, func(links []graph.Link) (any, error) {
		b := &batch{n: len(links)}
		if len(links) == 0 {
			return b, nil
		}
		b.out, _ = bufs.Get().(*[]byte)
		if b.out == nil {
			b.out = new([]byte)
		}
		f := newFormat()
		out := (*b.out)[:0]
		for i := range links {
			l := &links[i]
			var err error
			if i == 0 {
				err = checkPair(true, "", "", l.Source, l.Target, ids)
			} else {
				err = checkPair(false, links[i-1].Source, links[i-1].Target, l.Source, l.Target, ids)
			}
			if err != nil {
				return nil, err
			}
			if out, err = f(out, l); err != nil {
				return nil, err
			}
		}
		*b.out = out
		b.first = [2]string{links[0].Source, links[0].Target}
		b.last = [2]string{links[len(links)-1].Source, links[len(links)-1].Target}
		return b, nil
	}, func(v any) error {
		b := v.(*batch)
		if b.n == 0 {
			return nil
		}
		if s, t := b.first[0], b.first[1]; !first && (s < ps || (s == ps && t <= pt)) {
			return fmt.Errorf("link %q-%q after %q-%q: %w", s, t, ps, pt, ErrOrder)
		}
		first, ps, pt = false, b.last[0], b.last[1]
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.direct(*b.out)
		bufs.Put(b.out)
		return err
	})
	if err != nil {
		return fmt.Errorf("export %s: links: %w", format, err)
	}
	return nil
}

// linkBatcher returns g as a LinkBatcher: WithEvidence's graph is one
// when the graph it wraps is.
func linkBatcher(g Graph) (LinkBatcher, bool) {
	if e, ok := g.(*evidenceGraph); ok {
		if _, ok := e.Graph.(LinkBatcher); !ok {
			return nil, false
		}
	}
	lb, ok := g.(LinkBatcher)
	return lb, ok
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
	// Links come by source: a source checked with the link before is known.
	if first || s != ps {
		if _, ok := ids[s]; !ok {
			return fmt.Errorf("link %q-%q: %q: %w", s, t, s, ErrUnknownNode)
		}
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
				if w == 0 && !slices.Contains(l.Kinds, k) {
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
