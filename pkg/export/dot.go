package export

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// DOT writes an undirected Graphviz graph (`graph G { ... }`) that dot,
// neato and, for large graphs, sfdp render.
//
// Nodes are quoted entity ids labelled with the canonical name, shaped and
// coloured by type (PERSON ellipse, ORG box, GPE hexagon, LOC house, FAC
// cylinder, NORP octagon, EVENT note, MISC diamond; the border in
// TypeColor, the fill a tint of it), or by community with Options.ColorBy
// "community"; the label grows from 10 to 24 points with the node's size
// value (Options.SizeBy, as GEXF); the tooltip gives type and mentions.
// With Options.Legend a legend cluster ("legend:" ids; a store's entity ids
// are hex) shows the types present and the edge kinds. Graphs of at most 400 nodes route edges around nodes
// (splines=true); larger ones draw them straight.
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

// dotSplineMax is the largest graph whose edges are routed around the
// nodes (splines=true); above it routing takes too long and edges are
// straight.
const dotSplineMax = 400

// Write streams g as DOT to out[0].
func (x DOT) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("dot", 1, out)
	if err != nil {
		return err
	}
	s := o[0]
	sc, err := scanNodes(ctx, g, x.Options)
	if err != nil {
		return fmt.Errorf("export dot: scan nodes: %w", err)
	}
	splines := "false"
	if sc.nodes <= dotSplineMax {
		splines = "true"
	}
	s.str("graph G {\n")
	s.str(`  graph [overlap=false, splines=` + splines + `, outputorder=edgesfirst, fontname="Helvetica"];` + "\n")
	s.str(`  node [style=filled, fontname="Helvetica", fontsize=10, color="#555555"];` + "\n")
	s.str(`  edge [color="` + edgeColors[graph.Cooccur] + `"];` + "\n")
	x.legend(s, sc)
	err = walk(ctx, "dot", g, func(n *graph.Node) error {
		st := typeStyle(n.Type)
		s.str("  ")
		s.buf = appendDOT(s.buf, n.ID, false)
		s.str(" [label=")
		s.buf = appendDOT(s.buf, n.Name, true)
		fill := nodeColor(n, x.Options)
		s.str(", shape=" + st.shape + `, fillcolor="` + tint(fill, 0.45) + `", color="` + fill + `", fontsize=`)
		s.buf = strconv.AppendFloat(s.buf, sc.scale(x.Options, n, 10, 24), 'f', 1, 64)
		s.str(", tooltip=")
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

// legend draws, apart from the graph, one node per entity type present
// (its shape and colour) and one edge per kind, with ids that no entity
// id can take ("legend:...": entity ids are hex).
func (x DOT) legend(s *sink, sc nodeScan) {
	if sc.nodes == 0 || !x.Legend {
		return
	}
	s.str("  subgraph cluster_legend {\n    label=\"legend\"; fontsize=10; color=\"#cccccc\";\n")
	prev := ""
	for _, t := range []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"} {
		if !sc.types[t] || x.colorByCommunity() {
			continue
		}
		st := typeStyle(t)
		id := `"legend:` + t + `"`
		s.str("    " + id + ` [label="` + t + `", shape=` + st.shape + `, fillcolor="` + tint(st.color, 0.45) + `", color="` + st.color + `", fontsize=9];` + "\n")
		if prev != "" {
			s.str("    " + prev + " -- " + id + " [style=invis];\n")
		}
		prev = id
	}
	for _, k := range graph.EdgeKinds {
		a, b := `"legend:`+string(k)+`:a"`, `"legend:`+string(k)+`:b"`
		s.str("    " + a + ` [label="", shape=point, width=0.05];` + "\n")
		s.str("    " + b + ` [label="` + string(k) + `", shape=plaintext, fontsize=9, style=""];` + "\n")
		style := ""
		if k == graph.Context {
			style = ", style=dashed"
		}
		s.str("    " + a + " -- " + b + ` [color="` + edgeColors[k] + `"` + style + "];\n")
	}
	s.str("  }\n")
}
