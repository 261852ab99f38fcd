package export

import (
	"context"
	"io"
	"math"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// DOT writes an undirected Graphviz graph (`graph G { ... }`) that dot,
// neato and, for large graphs, sfdp render.
//
// Nodes are quoted entity ids labelled with the canonical name, shaped and
// filled by type (PERSON ellipse, ORG box, GPE hexagon, LOC house, FAC
// cylinder, NORP octagon, EVENT note, MISC diamond), or filled by community
// with Options.ColorBy "community"; the tooltip gives type and mentions.
// Edges get penwidth 1 + log2(weight) (at most 8), the weight as Graphviz
// layout weight, and a colour and style by their strongest kind
// (interaction red, context blue dashed, co-occurrence grey).
//
// Every string is double-quoted: quotes and backslashes are escaped,
// newlines written as \n, and & as &amp; (Graphviz decodes entities in
// labels), so any name renders as itself.
type DOT struct{ Options }

var _ Writer = DOT{}

// Files is ["graph.dot"].
func (DOT) Files() []string { return []string{"graph.dot"} }

const dotHead = `graph G {
  graph [overlap=false, splines=false, outputorder=edgesfirst, fontname="Helvetica"];
  node [style=filled, fontname="Helvetica", fontsize=10, color="#555555"];
  edge [color="#999999"];
`

// Write streams g as DOT to out[0].
func (x DOT) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("dot", 1, out)
	if err != nil {
		return err
	}
	s := o[0]
	s.str(dotHead)
	err = walk(ctx, "dot", g, func(n *graph.Node) error {
		st := typeStyle(n.Type)
		s.str("  ")
		s.buf = appendDOT(s.buf, n.ID, false)
		s.str(" [label=")
		s.buf = appendDOT(s.buf, n.Name, true)
		s.str(", shape=" + st.shape + `, fillcolor="` + nodeColor(n, x.Options) + `", tooltip=`)
		s.buf = appendDOT(s.buf, n.Type+", "+strconv.Itoa(n.Mentions)+" mentions", true)
		s.str("];\n")
		return s.flushIfFull()
	}, func(l *graph.Link) error {
		s.str("  ")
		s.buf = appendDOT(s.buf, l.Source, false)
		s.str(" -- ")
		s.buf = appendDOT(s.buf, l.Target, false)
		s.str(" [penwidth=")
		w := l.Weight
		pw := 1.0
		if w > 1 {
			pw = math.Min(1+math.Log2(float64(w)), 8)
		}
		s.buf = strconv.AppendFloat(s.buf, pw, 'f', 2, 64)
		s.str(", weight=")
		s.buf = strconv.AppendInt(s.buf, int64(max(w, 1)), 10)
		k := strongestKind(l)
		if k != graph.Cooccur {
			s.str(`, color="` + edgeColors[k] + `"`)
		}
		if k == graph.Context {
			s.str(", style=dashed")
		}
		s.str(", tooltip=")
		s.buf = appendDOT(s.buf, kindsString(l)+" "+strconv.Itoa(w), true)
		s.str("];\n")
		return s.flushIfFull()
	})
	if err != nil {
		return err
	}
	s.str("}\n")
	if err := s.flush(); err != nil {
		return wrapWrite("dot", err)
	}
	return nil
}
