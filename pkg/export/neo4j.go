package export

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// Neo4j writes the node and relationship CSV files of
// `neo4j-admin database import full` (Neo4j 5; `neo4j-admin import` in 4.x):
//
//	neo4j-admin database import full --nodes=nodes.csv \
//	    --relationships=relationships.csv --multiline-fields=true neo4j
//
// nodes.csv header:
//
//	id:ID(Entity),name,:LABEL,type,mentions:int,documents:int,first_seen:date,last_seen:date,aliases
//	[,degree:int,weighted_degree:double,pagerank:double,betweenness:double,community:int]
//
// :LABEL is "Entity;<TYPE>" (the type reduced to letters, digits and _).
// relationships.csv header:
//
//	:START_ID(Entity),:END_ID(Entity),:TYPE,weight:int,documents:int,first_seen:date,last_seen:date,predicates
//
// with one relationship per pair and kind, :TYPE COOCCUR, CONTEXT or
// INTERACTION, from the Graph's EdgeSource when it has one (else each link
// is split by kind and every kind gets the link's documents and dates).
// Fields are RFC 4180 quoted (quotes doubled, Neo4j's default); names may
// hold newlines, hence --multiline-fields=true. Dates that are not
// YYYY-MM-DD are left empty (null). aliases is a plain string joined by
// "; " rather than a string[] so that no name is split.
type Neo4j struct{ Options }

var _ Writer = Neo4j{}

// Files is ["nodes.csv", "relationships.csv"].
func (Neo4j) Files() []string { return []string{"nodes.csv", "relationships.csv"} }

func neo4jType(t valueType) string {
	switch t {
	case tInt:
		return ":int"
	case tDouble:
		return ":double"
	}
	return ""
}

// neo4jLabel keeps letters, digits and _ of an entity type.
func neo4jLabel(t string) string {
	b := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
			b = append(b, c)
		}
	}
	return string(b)
}

// Write streams the node file to out[0] and the relationship file to
// out[1].
func (x Neo4j) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("neo4j", 2, out)
	if err != nil {
		return err
	}
	ns, rs := o[0], o[1]
	ncols := nodeColumns(x.Options)
	ns.str("id:ID(Entity),name,:LABEL")
	for _, c := range ncols {
		ns.str("," + c.name)
		switch c.name {
		case "first_seen", "last_seen":
			ns.str(":date")
		default:
			ns.str(neo4jType(c.typ))
		}
	}
	ns.str("\n")
	rs.str(":START_ID(Entity),:END_ID(Entity),:TYPE,weight:int,documents:int,first_seen:date,last_seen:date,predicates\n")
	err = walkEdges(ctx, "neo4j", g, func(n *graph.Node) error {
		ns.buf = appendCSV(ns.buf, n.ID)
		ns.buf = append(ns.buf, ',')
		ns.buf = appendCSV(ns.buf, n.Name)
		ns.str(",Entity")
		if l := neo4jLabel(n.Type); l != "" {
			ns.str(";" + l)
		}
		for i := range ncols {
			c := &ncols[i]
			ns.buf = append(ns.buf, ',')
			switch {
			case c.name == "first_seen" || c.name == "last_seen":
				if v := c.str(n); graph.ValidDate(v) {
					ns.str(v)
				}
			case c.typ == tString:
				ns.buf = appendCSV(ns.buf, c.str(n))
			default:
				ns.buf = c.num(ns.buf, n)
			}
		}
		ns.buf = append(ns.buf, '\n')
		return ns.flushIfFull()
	}, func(e *graph.Edge) error {
		rs.buf = appendCSV(rs.buf, e.Source)
		rs.buf = append(rs.buf, ',')
		rs.buf = appendCSV(rs.buf, e.Target)
		rs.buf = append(rs.buf, ',')
		rs.str(relType(e.Kind))
		rs.buf = append(rs.buf, ',')
		rs.buf = strconv.AppendInt(rs.buf, int64(e.Weight), 10)
		rs.buf = append(rs.buf, ',')
		rs.buf = strconv.AppendInt(rs.buf, int64(e.Documents), 10)
		rs.buf = append(rs.buf, ',')
		if graph.ValidDate(e.FirstSeen) {
			rs.str(e.FirstSeen)
		}
		rs.buf = append(rs.buf, ',')
		if graph.ValidDate(e.LastSeen) {
			rs.str(e.LastSeen)
		}
		rs.buf = append(rs.buf, ',')
		rs.buf = appendCSV(rs.buf, predicatesString(e.Predicates))
		rs.buf = append(rs.buf, '\n')
		return rs.flushIfFull()
	})
	if err != nil {
		return err
	}
	if err := ns.flush(); err != nil {
		return wrapWrite("neo4j", err)
	}
	if err := rs.flush(); err != nil {
		return wrapWrite("neo4j", err)
	}
	return nil
}

// relType is the relationship type of a kind: its name in capitals, with
// anything but letters, digits and _ dropped.
func relType(k graph.EdgeKind) string {
	switch k {
	case graph.Cooccur:
		return "COOCCUR"
	case graph.Context:
		return "CONTEXT"
	case graph.Interaction:
		return "INTERACTION"
	}
	return strings.ToUpper(kindLabel(k))
}

// kindLabel is a kind of edge outside graph.EdgeKinds as a predicate or
// relationship name: anything but letters, digits and _ dropped, "related"
// when nothing is left.
func kindLabel(k graph.EdgeKind) string {
	if p := neo4jLabel(string(k)); p != "" {
		return p
	}
	return "related"
}
