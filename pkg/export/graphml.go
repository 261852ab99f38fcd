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
	ecols, _ := evidenceColumns(ctx, g)
	lcols := append(linkColumns(), ecols...)
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
	err = walkFormatted(ctx, "graphml", g, s, func(n *graph.Node) error {
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
	}, "", func() linkFormat { return x.linkFormat(ctx, g) })
	if err != nil {
		return err
	}
	s.str("  </graph>\n</graphml>\n")
	if err := s.flush(); err != nil {
		return wrapWrite("graphml", err)
	}
	return nil
}

// linkFormat returns the function that appends a link's edge element; it
// keeps the link's evidence between the calls, so each goroutine needs its
// own.
func (x GraphML) linkFormat(ctx context.Context, g Graph) linkFormat {
	ecols, prepLink := evidenceColumns(ctx, g)
	lcols := append(linkColumns(), ecols...)
	lOpen := make([]string, len(lcols))
	for i, c := range lcols {
		lOpen[i] = `<data key="e_` + c.name + `">`
	}
	return func(b []byte, l *graph.Link) ([]byte, error) {
		if err := prepLink(l); err != nil {
			return b, fmt.Errorf("export graphml: evidence of %s-%s: %w", l.Source, l.Target, err)
		}
		b = append(b, `    <edge id="`...)
		b = appendXML(b, l.Source)
		b = append(b, '-')
		b = appendXML(b, l.Target)
		b = append(b, `" source="`...)
		b = appendXML(b, l.Source)
		b = append(b, `" target="`...)
		b = appendXML(b, l.Target)
		b = append(b, `"><data key="e_weight">`...)
		b = strconv.AppendInt(b, int64(l.Weight), 10)
		b = append(b, `</data>`...)
		for i := range lcols {
			c := &lcols[i]
			if c.typ == tString {
				v := c.str(l)
				if v == "" {
					continue
				}
				b = append(b, lOpen[i]...)
				b = appendXMLText(b, v)
			} else {
				b = append(b, lOpen[i]...)
				b = c.num(b, l)
			}
			b = append(b, `</data>`...)
		}
		return append(b, "</edge>\n"...), nil
	}
}
