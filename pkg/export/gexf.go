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
	lcols := linkColumns()
	ecols, prepLink := evidenceColumns(ctx, g)
	lcols = append(lcols, ecols...)
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
	lOpen := make([]string, len(lcols))
	for i, c := range lcols {
		lOpen[i] = `<attvalue for="` + c.name + `" value="`
	}
	spell := func(first, last string) {
		f, l := graph.ValidDate(first), graph.ValidDate(last)
		if !scan.dated || (!f && !l) {
			return
		}
		s.str("<spells><spell")
		if f {
			s.str(` start="` + first + `"`)
		}
		if l {
			s.str(` end="` + last + `"`)
		}
		s.str("/></spells>")
	}
	inNodes := true
	err = walk(ctx, "gexf", g, func(n *graph.Node) error {
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
		spell(n.FirstSeen, n.LastSeen)
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
	}, func(l *graph.Link) error {
		if err := prepLink(l); err != nil {
			return fmt.Errorf("export gexf: evidence of %s-%s: %w", l.Source, l.Target, err)
		}
		if inNodes {
			inNodes = false
			s.str("    </nodes>\n    <edges>\n")
		}
		s.str(`      <edge id="`)
		s.buf = appendXML(s.buf, l.Source)
		s.buf = append(s.buf, '-')
		s.buf = appendXML(s.buf, l.Target)
		s.str(`" source="`)
		s.buf = appendXML(s.buf, l.Source)
		s.str(`" target="`)
		s.buf = appendXML(s.buf, l.Target)
		s.str(`" weight="`)
		s.buf = strconv.AppendInt(s.buf, int64(l.Weight), 10)
		s.str(`"><attvalues>`)
		for i := range lcols {
			c := &lcols[i]
			if c.typ == tString {
				v := c.str(l)
				if v == "" {
					continue
				}
				s.str(lOpen[i])
				s.buf = appendXML(s.buf, v)
			} else {
				s.str(lOpen[i])
				s.buf = c.num(s.buf, l)
			}
			s.str(`"/>`)
		}
		s.str("</attvalues>")
		spell(l.FirstSeen, l.LastSeen)
		er, eg, eb := rgb(edgeColors[strongestKind(l)])
		s.str(`<viz:color r="`)
		s.buf = strconv.AppendInt(s.buf, int64(er), 10)
		s.str(`" g="`)
		s.buf = strconv.AppendInt(s.buf, int64(eg), 10)
		s.str(`" b="`)
		s.buf = strconv.AppendInt(s.buf, int64(eb), 10)
		s.str(`"/></edge>` + "\n")
		return s.flushIfFull()
	})
	if err != nil {
		return err
	}
	if inNodes {
		s.str("    </nodes>\n    <edges>\n")
	}
	s.str("    </edges>\n  </graph>\n</gexf>\n")
	if err := s.flush(); err != nil {
		return wrapWrite("gexf", err)
	}
	return nil
}
