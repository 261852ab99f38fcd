package export

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// CSV writes the two tables of Gephi's spreadsheet import (Data
// Laboratory → Import Spreadsheet, or File → Import → CSV), RFC 4180 with
// a header row, comma separated, UTF-8, "\n" line ends:
//
//	nodes.csv: Id,Label,type,mentions,documents,first_seen,last_seen,aliases[,degree,weighted_degree,pagerank,betweenness,community]
//	edges.csv: Source,Target,Type,Weight,kind,cooccur,context,interaction,documents,first_seen,last_seen,predicates
//
// Type is always "Undirected". Fields holding a comma, quote or newline are
// quoted with quotes doubled. A text cell that a spreadsheet would run as a
// formula (starting with =, +, -, @ or a tab) gets a leading apostrophe,
// as OWASP advises against CSV injection: the spreadsheet shows the text
// and runs nothing. (The Neo4j tables, read by neo4j-admin and not by
// spreadsheets, keep their cells as they are.) Write takes the two outputs in that order;
// WriteDir(ctx, CSV{}, dir, g) writes dir/nodes.csv and dir/edges.csv.
type CSV struct{ Options }

var _ Writer = CSV{}

// Files is ["nodes.csv", "edges.csv"].
func (CSV) Files() []string { return []string{"nodes.csv", "edges.csv"} }

// Write streams the node table to out[0] and the edge table to out[1].
func (x CSV) Write(ctx context.Context, g Graph, out ...io.Writer) error {
	o, err := outputs("csv", 2, out)
	if err != nil {
		return err
	}
	ns, es := o[0], o[1]
	ncols := nodeColumns(x.Options)
	lcols := linkColumns()
	ns.str("Id,Label")
	for _, c := range ncols {
		ns.str("," + c.name)
	}
	ns.str("\n")
	es.str("Source,Target,Type,Weight")
	for _, c := range lcols {
		es.str("," + c.name)
	}
	es.str("\n")
	err = walk(ctx, "csv", g, func(n *graph.Node) error {
		ns.buf = appendCSV(ns.buf, n.ID)
		ns.buf = append(ns.buf, ',')
		ns.buf = appendCSV(ns.buf, defuse(n.Name))
		for i := range ncols {
			c := &ncols[i]
			ns.buf = append(ns.buf, ',')
			if c.typ == tString {
				ns.buf = appendCSV(ns.buf, defuse(c.str(n)))
			} else {
				ns.buf = c.num(ns.buf, n)
			}
		}
		ns.buf = append(ns.buf, '\n')
		return ns.flushIfFull()
	}, func(l *graph.Link) error {
		es.buf = appendCSV(es.buf, l.Source)
		es.buf = append(es.buf, ',')
		es.buf = appendCSV(es.buf, l.Target)
		es.str(",Undirected,")
		es.buf = strconv.AppendInt(es.buf, int64(l.Weight), 10)
		for i := range lcols {
			c := &lcols[i]
			es.buf = append(es.buf, ',')
			if c.typ == tString {
				es.buf = appendCSV(es.buf, defuse(c.str(l)))
			} else {
				es.buf = c.num(es.buf, l)
			}
		}
		es.buf = append(es.buf, '\n')
		return es.flushIfFull()
	})
	if err != nil {
		return err
	}
	if err := ns.flush(); err != nil {
		return wrapWrite("csv", err)
	}
	if err := es.flush(); err != nil {
		return wrapWrite("csv", err)
	}
	return nil
}

// defuse prefixes an apostrophe to text a spreadsheet would take for a
// formula: text starting (once cleaned) with =, +, -, @ or a tab.
func defuse(s string) string {
	c := CleanText(s)
	if c != "" && strings.IndexByte("=+-@\t", c[0]) >= 0 {
		return "'" + c
	}
	return s
}
