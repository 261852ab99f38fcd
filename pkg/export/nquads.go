package export

import (
	"context"
	"encoding/hex"
	"io"
	"strconv"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// NQuads writes the graph as RDF N-Quads in Dgraph's flavour, for
// `dgraph bulk` (a new cluster) or `dgraph live` (a running one), with the
// Dgraph schema from WriteSchema:
//
//	dgraph bulk -f graph.rdf -s graph.schema --map_shards=1 --reduce_shards=1 --zero=localhost:5080
//	dgraph live -f graph.rdf -s graph.schema --alpha=localhost:9080 --zero=localhost:5080
//
// Each entity is the blank node _:e<id> (ids outside [A-Za-z0-9_-] are
// hex-encoded as _:x<hex>) of dgraph.type "Entity" with the predicates
// xid (the entity id, @upsert), name, entity_type, mentions, documents,
// first_seen, last_seen (xsd:date, only when a real date), alias (one quad
// per alias, up to Options.MaxAliases) and, with Options.Metrics, degree,
// weighted_degree, pagerank, betweenness, community. Numbers and dates are
// typed literals with XML Schema datatype IRIs.
//
// Each edge kind is a uid predicate named after the kind (cooccur, context,
// interaction), written in both directions because Dgraph keeps facets only
// on forward edges; weight, documents, first_seen, last_seen and, for
// interactions, predicates are facets:
//
//	_:eA <cooccur> _:eB (weight=3, documents=2, first_seen=2016-12-09, last_seen=2016-12-10) .
//
// Facets and bare predicate names are Dgraph extensions; strings use only
// escapes that are both N-Quads ECHAR/UCHAR and Go escapes (\" \\ \n \r
// \t \u00XX), which Dgraph's parser unquotes with.
type NQuads struct{ Options }

var (
	_ Writer       = NQuads{}
	_ SchemaWriter = NQuads{}
)

// Files is ["graph.rdf"].
func (NQuads) Files() []string { return []string{"graph.rdf"} }

// SchemaFile is "graph.schema".
func (NQuads) SchemaFile() string { return "graph.schema" }

const (
	xsdInt    = "^^<http://www.w3.org/2001/XMLSchema#int>"
	xsdDouble = "^^<http://www.w3.org/2001/XMLSchema#double>"
	xsdDate   = "^^<http://www.w3.org/2001/XMLSchema#date>"
)

// nquadsSchema is the Dgraph schema of NQuads' output.
const nquadsSchema = `<xid>: string @index(exact) @upsert .
<name>: string @index(exact, term) .
<entity_type>: string @index(exact) .
<mentions>: int @index(int) .
<documents>: int .
<first_seen>: datetime @index(day) .
<last_seen>: datetime @index(day) .
<alias>: [string] @index(term) .
<degree>: int @index(int) .
<weighted_degree>: float .
<pagerank>: float @index(float) .
<betweenness>: float .
<community>: int @index(int) .
<cooccur>: [uid] @count .
<context>: [uid] @count .
<interaction>: [uid] @count .

type <Entity> {
	xid
	name
	entity_type
	mentions
	documents
	first_seen
	last_seen
	alias
	degree
	weighted_degree
	pagerank
	betweenness
	community
	cooccur
	context
	interaction
}
`

// WriteSchema writes the Dgraph schema (predicates, indexes and the Entity
// type) that goes with Write's output.
func (NQuads) WriteSchema(w io.Writer) error {
	if _, err := io.WriteString(w, nquadsSchema); err != nil {
		return wrapWrite("nquads schema", err)
	}
	return nil
}

// appendBlank appends the blank node label of an entity id.
func appendBlank(dst []byte, id string) []byte {
	plain := id != ""
	for i := 0; i < len(id) && plain; i++ {
		c := id[i]
		plain = c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	}
	if plain {
		dst = append(dst, "_:e"...)
		return append(dst, id...)
	}
	dst = append(dst, "_:x"...)
	return hex.AppendEncode(dst, []byte(id))
}

// quadWriter writes the quads of one subject.
type quadWriter struct {
	s    *sink
	subj []byte
}

func (q *quadWriter) subject(id string) { q.subj = appendBlank(q.subj[:0], id) }

// pred starts a quad: subject and predicate (" <p> ").
func (q *quadWriter) pred(p string) {
	q.s.buf = append(q.s.buf, q.subj...)
	q.s.str(p)
}

func (q *quadWriter) str(p, v string) {
	q.pred(p)
	q.s.buf = appendQuoted(q.s.buf, v)
	q.s.str(" .\n")
}

func (q *quadWriter) int(p string, v int) {
	q.pred(p)
	q.s.buf = append(q.s.buf, '"')
	q.s.buf = strconv.AppendInt(q.s.buf, int64(v), 10)
	q.s.str(`"` + xsdInt + " .\n")
}

func (q *quadWriter) double(p string, v float64) {
	q.pred(p)
	q.s.buf = append(q.s.buf, '"')
	q.s.buf = appendFloat(q.s.buf, v)
	q.s.str(`"` + xsdDouble + " .\n")
}

// edgePredicate is " <kind> " for an edge kind.
func edgePredicate(k graph.EdgeKind) string {
	switch k {
	case graph.Cooccur:
		return " <cooccur> "
	case graph.Context:
		return " <context> "
	case graph.Interaction:
		return " <interaction> "
	}
	return " <" + kindLabel(k) + "> "
}

// Write streams g as N-Quads to out[0].
func (x NQuads) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("nquads", 1, out)
	if err != nil {
		return err
	}
	s := o[0]
	max := x.maxAliases()
	q := quadWriter{s: s}
	err = walkEdges(ctx, "nquads", g, func(n *graph.Node) error {
		q.subject(n.ID)
		q.pred(" <dgraph.type> ")
		s.str(`"Entity" .` + "\n")
		q.str(" <xid> ", n.ID)
		q.str(" <name> ", n.Name)
		if n.Type != "" {
			q.str(" <entity_type> ", n.Type)
		}
		q.int(" <mentions> ", n.Mentions)
		q.int(" <documents> ", n.Entity.Documents)
		if graph.ValidDate(n.FirstSeen) {
			q.pred(" <first_seen> ")
			s.str(`"` + n.FirstSeen + `"` + xsdDate + " .\n")
		}
		if graph.ValidDate(n.LastSeen) {
			q.pred(" <last_seen> ")
			s.str(`"` + n.LastSeen + `"` + xsdDate + " .\n")
		}
		for _, a := range aliasList(&n.Entity, max) {
			q.str(" <alias> ", a)
		}
		if x.Metrics {
			q.int(" <degree> ", n.Degree)
			q.double(" <weighted_degree> ", n.WeightedDegree)
			q.double(" <pagerank> ", n.PageRank)
			q.double(" <betweenness> ", n.Betweenness)
			q.int(" <community> ", n.Community)
		}
		return s.flushIfFull()
	}, func(e *graph.Edge) error {
		pred := edgePredicate(e.Kind)
		first, last := graph.ValidDate(e.FirstSeen), graph.ValidDate(e.LastSeen)
		var preds string
		if len(e.Predicates) > 0 {
			preds = predicatesString(e.Predicates)
		}
		for dir := 0; dir < 2; dir++ {
			a, b := e.Source, e.Target
			if dir == 1 {
				if a == b {
					break
				}
				a, b = b, a
			}
			s.buf = appendBlank(s.buf, a)
			s.str(pred)
			s.buf = appendBlank(s.buf, b)
			s.str(" (weight=")
			s.buf = strconv.AppendInt(s.buf, int64(e.Weight), 10)
			s.str(", documents=")
			s.buf = strconv.AppendInt(s.buf, int64(e.Documents), 10)
			if first {
				s.str(", first_seen=")
				s.str(e.FirstSeen)
			}
			if last {
				s.str(", last_seen=")
				s.str(e.LastSeen)
			}
			if preds != "" {
				s.str(", predicates=")
				s.buf = appendQuoted(s.buf, preds)
			}
			s.str(") .\n")
		}
		return s.flushIfFull()
	})
	if err != nil {
		return err
	}
	if err := s.flush(); err != nil {
		return wrapWrite("nquads", err)
	}
	return nil
}
