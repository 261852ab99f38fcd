package export

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// JSON writes the node-link JSON of d3-force and networkx
// (json_graph.node_link_graph reads it as an undirected Graph):
//
//	{"directed": false, "multigraph": false, "graph": {"name": "graphbuild"},
//	 "nodes": [{"id": "…", "label": "John Kerry", "type": "PERSON", "mentions": 3, …}, …],
//	 "links": [{"source": "…", "target": "…", "weight": 4, "kind": "cooccur;context", …}, …]}
//
// Node and link objects carry the same attributes as GraphML; numbers are
// JSON numbers and empty strings are left out. One node or link per line.
// d3 uses it as is (forceLink().id(d => d.id)); for Cytoscape.js wrap each
// object as {data: …} and rename "links" to "edges"; for sigma.js
// (graphology import) map nodes to {key: id, attributes: …} and links to
// {source, target, attributes: …}.
type JSON struct{ Options }

var _ Writer = JSON{}

// Files is ["graph.json"].
func (JSON) Files() []string { return []string{"graph.json"} }

// Write streams g as node-link JSON to out[0].
func (x JSON) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("json", 1, out)
	if err != nil {
		return err
	}
	s := o[0]
	ncols := nodeColumns(x.Options)
	lcols := linkColumns()
	ecols, prepLink := evidenceColumns(ctx, g)
	lcols = append(lcols, ecols...)
	nKeys := make([]string, len(ncols))
	for i, c := range ncols {
		nKeys[i] = `,"` + c.name + `":`
	}
	lKeys := make([]string, len(lcols))
	for i, c := range lcols {
		lKeys[i] = `,"` + c.name + `":`
	}
	s.str(`{"directed":false,"multigraph":false,"graph":{"name":"graphbuild"},` + "\n" + `"nodes":[`)
	sep := "\n"
	inNodes := true
	err = walk(ctx, "json", g, func(n *graph.Node) error {
		s.str(sep)
		sep = ",\n"
		s.str(`{"id":`)
		s.buf = appendQuoted(s.buf, n.ID)
		s.str(`,"label":`)
		s.buf = appendQuoted(s.buf, n.Name)
		for i := range ncols {
			c := &ncols[i]
			if c.typ == tString {
				v := c.str(n)
				if v == "" {
					continue
				}
				s.str(nKeys[i])
				s.buf = appendQuoted(s.buf, v)
			} else {
				s.str(nKeys[i])
				s.buf = c.num(s.buf, n)
			}
		}
		s.str("}")
		return s.flushIfFull()
	}, func(l *graph.Link) error {
		if err := prepLink(l); err != nil {
			return fmt.Errorf("export json: evidence of %s-%s: %w", l.Source, l.Target, err)
		}
		if inNodes {
			inNodes = false
			s.str("\n],\n" + `"links":[` + "\n")
		} else {
			s.str(",\n")
		}
		s.str(`{"source":`)
		s.buf = appendQuoted(s.buf, l.Source)
		s.str(`,"target":`)
		s.buf = appendQuoted(s.buf, l.Target)
		s.str(`,"weight":`)
		s.buf = strconv.AppendInt(s.buf, int64(l.Weight), 10)
		for i := range lcols {
			c := &lcols[i]
			if c.typ == tString {
				v := c.str(l)
				if v == "" {
					continue
				}
				s.str(lKeys[i])
				s.buf = appendQuoted(s.buf, v)
			} else {
				s.str(lKeys[i])
				s.buf = c.num(s.buf, l)
			}
		}
		s.str("}")
		return s.flushIfFull()
	})
	if err != nil {
		return err
	}
	if inNodes {
		s.str("\n],\n" + `"links":[` + "\n")
	}
	s.str("\n]}\n")
	if err := s.flush(); err != nil {
		return wrapWrite("json", err)
	}
	return nil
}
