package export

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// GEXF writes GEXF 1.3 (https://gexf.net) for Gephi: the same attributes
// as GraphML (as <attvalue>s; the edge weight in the weight attribute),
// the timeline and viz styling. The output validates against the published
// RELAX NG schema (testdata/gexf-1.3/gexf.rng). With Options.GEXFVersion
// "1.2" it is GEXF 1.2draft (the same elements in the 1.2draft namespace),
// which networkx's read_gexf reads; networkx rejects 1.3, and igraph reads
// no GEXF at all (give it GraphML).
//
// Timeline: when any node has a first or last date the graph is
// mode="dynamic" timeformat="date" and every dated node and edge carries a
// spell from its first to its last date (closed interval); undated ones
// exist throughout. Dates that are not YYYY-MM-DD are kept as attributes
// but left out of spells.
//
// Styling: viz:color by entity type (TypeColor, the viewer's palette), or
// by community with Options.ColorBy "community"; viz:size from 4 to 40 by
// the square root of mentions, degree or pagerank (Options.SizeBy)
// relative to the largest; edges viz:color by their strongest kind
// (KindColor).
//
// GEXF needs the largest value and whether any date exists before the first
// node, so Write reads the nodes twice.
type GEXF struct{ Options }

var _ Writer = GEXF{}

// Files is ["graph.gexf"].
func (GEXF) Files() []string { return []string{"graph.gexf"} }

func gexfType(t valueType) string {
	switch t {
	case tInt:
		return "integer"
	case tDouble:
		return "double"
	}
	return "string"
}

const (
	gexfMinSize = 4.0
	gexfMaxSize = 40.0
)

// gexfScan is what GEXF learns from its first pass over the nodes.
type gexfScan struct {
	dated bool
	max   float64
}

func (x GEXF) sizeValue(n *graph.Node) float64 { return sizeValue(x.Options, n) }

// Write streams g as GEXF to out[0].
func (x GEXF) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("gexf", 1, out)
	if err != nil {
		return err
	}
	s := o[0]
	var scan gexfScan
	err = g.Nodes(ctx, func(n graph.Node) error {
		if graph.ValidDate(n.FirstSeen) || graph.ValidDate(n.LastSeen) {
			scan.dated = true
		}
		scan.max = math.Max(scan.max, x.sizeValue(&n))
		return nil
	})
	if err != nil {
		return fmt.Errorf("export gexf: scan nodes: %w", err)
	}

	ncols := nodeColumns(x.Options)
	ecols, _ := evidenceColumns(ctx, g)
	lcols := append(linkColumns(), ecols...)
	s.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if x.GEXFVersion == "1.2" || x.GEXFVersion == "1.2draft" {
		s.str(`<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">` + "\n")
	} else {
		s.str(`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">` + "\n")
	}
	s.str(`  <meta>
    <creator>graphbuild</creator>
    <description>entities and the links between them</description>
  </meta>
`)
	if scan.dated {
		s.str(`  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">` + "\n")
	} else {
		s.str(`  <graph defaultedgetype="undirected" mode="static">` + "\n")
	}
	s.str(`    <attributes class="node" mode="static">` + "\n")
	for _, c := range ncols {
		s.str(`      <attribute id="` + c.name + `" title="` + c.name + `" type="` + gexfType(c.typ) + `"/>` + "\n")
	}
	s.str("    </attributes>\n")
	s.str(`    <attributes class="edge" mode="static">` + "\n")
	for _, c := range lcols {
		s.str(`      <attribute id="` + c.name + `" title="` + c.name + `" type="` + gexfType(c.typ) + `"/>` + "\n")
	}
	s.str("    </attributes>\n")
	s.str("    <nodes>\n")
	nOpen := make([]string, len(ncols))
	for i, c := range ncols {
		nOpen[i] = `<attvalue for="` + c.name + `" value="`
	}
	err = walkFormatted(ctx, "gexf", g, s, func(n *graph.Node) error {
		s.str(`      <node id="`)
		s.buf = appendXML(s.buf, n.ID)
		s.str(`" label="`)
		s.buf = appendXML(s.buf, n.Name)
		s.str(`"><attvalues>`)
		for i := range ncols {
			c := &ncols[i]
			if c.typ == tString {
				v := c.str(n)
				if v == "" {
					continue
				}
				s.str(nOpen[i])
				s.buf = appendXML(s.buf, v)
			} else {
				s.str(nOpen[i])
				s.buf = c.num(s.buf, n)
			}
			s.str(`"/>`)
		}
		s.str("</attvalues>")
		s.buf = appendSpell(s.buf, scan.dated, n.FirstSeen, n.LastSeen)
		r, gg, b := rgb(nodeColor(n, x.Options))
		s.str(`<viz:color r="`)
		s.buf = strconv.AppendInt(s.buf, int64(r), 10)
		s.str(`" g="`)
		s.buf = strconv.AppendInt(s.buf, int64(gg), 10)
		s.str(`" b="`)
		s.buf = strconv.AppendInt(s.buf, int64(b), 10)
		s.str(`"/><viz:size value="`)
		size := gexfMinSize
		if scan.max > 0 {
			size += (gexfMaxSize - gexfMinSize) * math.Sqrt(x.sizeValue(n)/scan.max)
		}
		s.buf = strconv.AppendFloat(s.buf, math.Min(size, gexfMaxSize), 'f', 2, 64)
		s.str("\"/></node>\n")
		return s.flushIfFull()
	}, "    </nodes>\n    <edges>\n", func() linkFormat { return x.linkFormat(ctx, g, scan.dated) })
	if err != nil {
		return err
	}
	s.str("    </edges>\n  </graph>\n</gexf>\n")
	if err := s.flush(); err != nil {
		return wrapWrite("gexf", err)
	}
	return nil
}

// appendSpell appends the spell of a node or edge seen from first to last,
// when the graph is dated and either date is valid.
func appendSpell(b []byte, dated bool, first, last string) []byte {
	f, l := graph.ValidDate(first), graph.ValidDate(last)
	if !dated || (!f && !l) {
		return b
	}
	b = append(b, "<spells><spell"...)
	if f {
		b = append(b, ` start="`...)
		b = append(b, first...)
		b = append(b, '"')
	}
	if l {
		b = append(b, ` end="`...)
		b = append(b, last...)
		b = append(b, '"')
	}
	return append(b, "/></spells>"...)
}

// linkFormat returns the function that appends a link's edge element; it
// keeps the link's evidence between the calls, so each goroutine needs its
// own.
func (x GEXF) linkFormat(ctx context.Context, g Graph, dated bool) linkFormat {
	ecols, prepLink := evidenceColumns(ctx, g)
	lcols := append(linkColumns(), ecols...)
	lOpen := make([]string, len(lcols))
	for i, c := range lcols {
		lOpen[i] = `<attvalue for="` + c.name + `" value="`
	}
	return func(b []byte, l *graph.Link) ([]byte, error) {
		if err := prepLink(l); err != nil {
			return b, fmt.Errorf("export gexf: evidence of %s-%s: %w", l.Source, l.Target, err)
		}
		b = append(b, `      <edge id="`...)
		b = appendXML(b, l.Source)
		b = append(b, '-')
		b = appendXML(b, l.Target)
		b = append(b, `" source="`...)
		b = appendXML(b, l.Source)
		b = append(b, `" target="`...)
		b = appendXML(b, l.Target)
		b = append(b, `" weight="`...)
		b = strconv.AppendInt(b, int64(l.Weight), 10)
		b = append(b, `"><attvalues>`...)
		for i := range lcols {
			c := &lcols[i]
			if c.typ == tString {
				v := c.str(l)
				if v == "" {
					continue
				}
				b = append(b, lOpen[i]...)
				b = appendXML(b, v)
			} else {
				b = append(b, lOpen[i]...)
				b = c.num(b, l)
			}
			b = append(b, `"/>`...)
		}
		b = append(b, "</attvalues>"...)
		b = appendSpell(b, dated, l.FirstSeen, l.LastSeen)
		er, eg, eb := rgb(edgeColors[strongestKind(l)])
		b = append(b, `<viz:color r="`...)
		b = strconv.AppendInt(b, int64(er), 10)
		b = append(b, `" g="`...)
		b = strconv.AppendInt(b, int64(eg), 10)
		b = append(b, `" b="`...)
		b = strconv.AppendInt(b, int64(eb), 10)
		return append(b, `"/></edge>`+"\n"...), nil
	}
}
