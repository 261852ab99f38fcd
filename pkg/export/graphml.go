package export

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// GraphML writes GraphML for Gephi, networkx (read_graphml), igraph
// (Graph.Read_GraphML), yEd and Cytoscape: one undirected edge per pair,
// typed keys (attr.type int, double or string) and Gephi's conventions —
// the node key "label" holds the canonical name and the edge key "weight"
// the summed weight.
//
// Node data: label, type, mentions, documents, first_seen, last_seen,
// aliases, and with Options.Metrics degree, weighted_degree, pagerank,
// betweenness, community; then size (4 to 40, as GEXF's viz:size) and
// r, g, b (the type or community colour), which Gephi's GraphML import
// uses to draw the node. Edge data: weight, kind ("cooccur;context"),
// cooccur, context, interaction (weight per kind), documents, first_seen,
// last_seen, predicates ("met=2; talks=1"). Empty strings are left out.
// Node ids are entity ids; edge ids are "source-target". Text values keep
// tabs and newlines raw and escape only &, < and > (see appendXMLText).
type GraphML struct{ Options }

var _ Writer = GraphML{}

// Files is ["graph.graphml"].
func (GraphML) Files() []string { return []string{"graph.graphml"} }

const graphmlHead = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`

func graphmlType(t valueType) string {
	switch t {
	case tInt:
		return "int"
	case tDouble:
		return "double"
	}
	return "string"
}

// Write streams g as GraphML to out[0].
func (x GraphML) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("graphml", 1, out)
	if err != nil {
		return err
	}
	s := o[0]
	sc, err := scanNodes(ctx, g, x.Options)
	if err != nil {
		return fmt.Errorf("export graphml: scan nodes: %w", err)
	}
	ncols := nodeColumns(x.Options)
	lcols := linkColumns()
	ecols, prepLink := evidenceColumns(ctx, g)
	lcols = append(lcols, ecols...)
	s.str(graphmlHead)
	key := func(prefix, target, name string, t valueType) {
		s.str(`  <key id="` + prefix + name + `" for="` + target + `" attr.name="` + name + `" attr.type="` + graphmlType(t) + `"/>` + "\n")
	}
	key("n_", "node", "label", tString)
	for _, c := range ncols {
		key("n_", "node", c.name, c.typ)
	}
	// Gephi's GraphML import takes these as the node's size and colour.
	key("n_", "node", "size", tDouble)
	key("n_", "node", "r", tInt)
	key("n_", "node", "g", tInt)
	key("n_", "node", "b", tInt)
	key("e_", "edge", "weight", tInt)
	for _, c := range lcols {
		key("e_", "edge", c.name, c.typ)
	}
	s.str(`  <graph id="G" edgedefault="undirected">` + "\n")
	nOpen := make([]string, len(ncols))
	for i, c := range ncols {
		nOpen[i] = `<data key="n_` + c.name + `">`
	}
	lOpen := make([]string, len(lcols))
	for i, c := range lcols {
		lOpen[i] = `<data key="e_` + c.name + `">`
	}
	err = walk(ctx, "graphml", g, func(n *graph.Node) error {
		s.str(`    <node id="`)
		s.buf = appendXML(s.buf, n.ID)
		s.str(`">`)
		if n.Name != "" {
			s.str(`<data key="n_label">`)
			s.buf = appendXMLText(s.buf, n.Name)
			s.str(`</data>`)
		}
		for i := range ncols {
			c := &ncols[i]
			if c.typ == tString {
				v := c.str(n)
				if v == "" {
					continue
				}
				s.str(nOpen[i])
				s.buf = appendXMLText(s.buf, v)
			} else {
				s.str(nOpen[i])
				s.buf = c.num(s.buf, n)
			}
			s.str(`</data>`)
		}
		s.str(`<data key="n_size">`)
		s.buf = strconv.AppendFloat(s.buf, sc.scale(x.Options, n, gexfMinSize, gexfMaxSize), 'f', 2, 64)
		r, gg, b := rgb(nodeColor(n, x.Options))
		s.str(`</data><data key="n_r">`)
		s.buf = strconv.AppendInt(s.buf, int64(r), 10)
		s.str(`</data><data key="n_g">`)
		s.buf = strconv.AppendInt(s.buf, int64(gg), 10)
		s.str(`</data><data key="n_b">`)
		s.buf = strconv.AppendInt(s.buf, int64(b), 10)
		s.str("</data></node>\n")
		return s.flushIfFull()
	}, func(l *graph.Link) error {
		if err := prepLink(l); err != nil {
			return fmt.Errorf("export graphml: evidence of %s-%s: %w", l.Source, l.Target, err)
		}
		s.str(`    <edge id="`)
		s.buf = appendXML(s.buf, l.Source)
		s.buf = append(s.buf, '-')
		s.buf = appendXML(s.buf, l.Target)
		s.str(`" source="`)
		s.buf = appendXML(s.buf, l.Source)
		s.str(`" target="`)
		s.buf = appendXML(s.buf, l.Target)
		s.str(`"><data key="e_weight">`)
		s.buf = strconv.AppendInt(s.buf, int64(l.Weight), 10)
		s.str(`</data>`)
		for i := range lcols {
			c := &lcols[i]
			if c.typ == tString {
				v := c.str(l)
				if v == "" {
					continue
				}
				s.str(lOpen[i])
				s.buf = appendXMLText(s.buf, v)
			} else {
				s.str(lOpen[i])
				s.buf = c.num(s.buf, l)
			}
			s.str(`</data>`)
		}
		s.str("</edge>\n")
		return s.flushIfFull()
	})
	if err != nil {
		return err
	}
	s.str("  </graph>\n</graphml>\n")
	if err := s.flush(); err != nil {
		return wrapWrite("graphml", err)
	}
	return nil
}
