package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// filterFlags are the graph filters every export and the viewer share.
type filterFlags struct {
	minWeight    int
	types, kinds listFlag
	top          int
	focus        string
	depth        int
	since, until string
	aliases      string
}

func (f *filterFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.minWeight, "min-weight", 1, "keep links of at least this weight")
	fs.Var(&f.types, "types", "entity types that become nodes, comma-separated (default PERSON,ORG,GPE,LOC,FAC,EVENT)")
	fs.Var(&f.kinds, "kinds", "edge kinds to keep: cooccur,context,interaction (default all)")
	fs.IntVar(&f.top, "top", 0, "keep the N nodes with the highest weighted degree (0: all)")
	fs.StringVar(&f.focus, "focus", "", "keep only the neighbourhood of this entity `name`")
	fs.IntVar(&f.depth, "depth", 1, "with --focus: how many hops around the entity")
	fs.StringVar(&f.since, "since", "", "keep what was seen on or after this date (YYYY-MM-DD)")
	fs.StringVar(&f.until, "until", "", "keep what was seen on or before this date (YYYY-MM-DD)")
	fs.StringVar(&f.aliases, "aliases", "", "`file` of name rules the store was built with (build --aliases): names given here go through its merges")
}

// canonical returns the name a user gave, through the merges of
// --aliases.
func (f *filterFlags) canonical(name string) (string, error) {
	if f.aliases == "" {
		return name, nil
	}
	al, err := readAliases(f.aliases)
	if err != nil {
		return "", err
	}
	return al.Canonical(name), nil
}

// filter turns the flags into a graph.Filter, resolving --focus to an id.
func (f *filterFlags) filter(st *graph.Store) (graph.Filter, error) {
	gf := graph.Filter{MinWeight: f.minWeight, Top: f.top, Depth: f.depth, Since: f.since, Until: f.until}
	var err error
	if gf.Types, err = parseTypes(f.types); err != nil {
		return gf, err
	}
	if gf.Kinds, err = parseKinds(f.kinds); err != nil {
		return gf, err
	}
	if f.top < 0 {
		return gf, usagef("--top must be 0 (all) or more, got %d", f.top)
	}
	if f.minWeight < 0 {
		return gf, usagef("--min-weight must be 0 or more, got %d", f.minWeight)
	}
	for _, d := range []string{f.since, f.until} {
		if d != "" && !graph.ValidDate(d) {
			return gf, usagef("bad date %q (want YYYY-MM-DD)", d)
		}
	}
	if f.depth < 0 || f.depth > 5 {
		return gf, usagef("--depth must be between 0 and 5")
	}
	if f.focus != "" {
		name, err := f.canonical(f.focus)
		if err != nil {
			return gf, err
		}
		en, err := findEntity(st, name)
		if err != nil {
			return gf, err
		}
		gf.Focus = en.ID
	}
	return gf, nil
}

// parseTypes reads --types: entity type names, case-insensitive, with the
// usual aliases (PER, ORGANIZATION, LOCATION, FACILITY); an unknown name
// is bad usage that lists the valid ones.
func parseTypes(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		t, ok := ner.ParseType(n)
		if !ok {
			return nil, usagef("unknown entity type %q (want %s)", n, typeNames())
		}
		if !slices.Contains(out, string(t)) {
			out = append(out, string(t))
		}
	}
	return out, nil
}

// typeNames lists the entity types, "PERSON, ORG, ...".
func typeNames() string {
	s := make([]string, len(ner.Types))
	for i, t := range ner.Types {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// parseKinds reads --kinds: edge kinds, case-insensitive; an unknown
// name is bad usage that lists the valid ones.
func parseKinds(names []string) ([]graph.EdgeKind, error) {
	var out []graph.EdgeKind
	for _, k := range names {
		kind := graph.EdgeKind(strings.ToLower(k))
		if !slices.Contains(graph.EdgeKinds, kind) {
			return nil, usagef("unknown edge kind %q (want cooccur, context or interaction)", k)
		}
		out = append(out, kind)
	}
	return out, nil
}

// dotDefaultTop is the size of the subgraph `export --format dot` writes
// for a large graph unless --top or --focus is given.
const dotDefaultTop = 150

// flagGiven reports whether the command line set the flag.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// nodeEstimate is the number of entities of the filter's types (an upper
// bound of the nodes it selects), from the store's counts.
func nodeEstimate(st *graph.Store, f graph.Filter) int {
	stats, err := st.Stats()
	if err != nil {
		return 0
	}
	types := f.Types
	if len(types) == 0 {
		types = graph.DefaultTypes
	}
	n := 0
	for _, t := range types {
		n += stats.Entities[t]
	}
	return n
}

// findEntity resolves a user's name for an entity (case-insensitive,
// through aliases) to the best-known entity, or explains what is close.
func findEntity(st *graph.Store, name string) (graph.Entity, error) {
	ens, err := st.Lookup(name)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return graph.Entity{}, err
	}
	if len(ens) == 0 {
		msg := fmt.Sprintf("no entity named %q", name)
		if sug := st.Suggest(name, 5); len(sug) > 0 {
			msg += "; did you mean " + quoteList(sug) + "?"
		}
		return graph.Entity{}, errors.New(msg)
	}
	best := ens[0]
	for _, en := range ens[1:] {
		if en.Mentions > best.Mentions || en.Mentions == best.Mentions && en.ID < best.ID {
			best = en
		}
	}
	return best, nil
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func init() {
	register(&command{
		name:  "export",
		usage: "[--db DIR] --format graphml|gexf|dot|json|csv|neo4j|nquads [-o FILE] [filters]",
		summary: `Write the graph for Gephi, Graphviz, networkx, Neo4j or Dgraph.
Formats and who reads them:
  graphml  Gephi, networkx (read_graphml), igraph (Graph.Read_GraphML), Cytoscape
  gexf     Gephi; networkx 3.6+ (read_gexf); for older networkx add --gexf-version 1.2.
           igraph has no GEXF reader: give it graphml
  dot      Graphviz (dot, sfdp, neato)
  json     node-link JSON: d3, Cytoscape.js, sigma.js, networkx (json_graph.node_link_graph)
  csv      Gephi's spreadsheet import (nodes.csv, edges.csv)
  neo4j    neo4j-admin database import CSVs
  nquads   Dgraph live/bulk loader, with its schema
csv, neo4j and nquads write a directory: -o names it.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			format := fs.String("format", "", "output format: "+strings.Join(export.Formats, ", "))
			out := fs.String("o", "", "output `file` (directory for csv, neo4j and nquads); default standard output")
			metrics := fs.Bool("metrics", true, "add degree, pagerank, betweenness and community to the nodes")
			colorBy := fs.String("color-by", "type", "node colour in gexf and dot: type or community")
			sizeBy := fs.String("size-by", "degree", "node size in gexf: degree, pagerank or mentions")
			evidence := fs.Bool("evidence", true, "graphml, gexf, json: add to each link one sentence behind it and its document (evidence, evidence_doc)")
			legend := fs.Bool("legend", true, "dot: draw a legend of the entity types and edge kinds")
			gexfVersion := fs.String("gexf-version", "1.3", "gexf dialect: 1.3 (Gephi 0.9+, networkx 3.6+) or 1.2 (1.2draft: networkx before 3.6, older Gephi)")
			var ff filterFlags
			ff.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if *format == "" {
					return usagef("--format is required: one of %s", strings.Join(export.Formats, ", "))
				}
				if !slices.Contains(export.Formats, *format) {
					return usagef("--format %q: want one of %s", *format, strings.Join(export.Formats, ", "))
				}
				w, err := export.New(*format, export.Options{Metrics: *metrics, ColorBy: *colorBy, SizeBy: *sizeBy, GEXFVersion: *gexfVersion, Legend: *legend})
				if err != nil {
					return usagef("--color-by/--size-by/--gexf-version: %v", err)
				}
				st, err := openStore(*db, true)
				if err != nil {
					return err
				}
				defer func() {
					if st != nil {
						st.Close()
					}
				}()
				f, err := ff.filter(st)
				if err != nil {
					return err
				}
				if *format == "dot" && f.Focus == "" && !flagGiven(fs, "top") {
					if n := nodeEstimate(st, f); n > dotDefaultTop {
						f.Top = dotDefaultTop
						fmt.Fprintf(e.stderr, "graphbuild export: %d nodes are a hairball in DOT: writing the %d of highest weighted degree (--top 0 writes all, --focus NAME a neighbourhood)\n", n, dotDefaultTop)
					}
				}
				sub, err := exportGraph(ctx, e, *db, &st, f, *metrics)
				if err != nil {
					return err
				}
				if *evidence && (*format == "graphml" || *format == "gexf" || *format == "json") {
					if s, ok := sub.(*graph.Streamed); ok {
						s.WithEvidence() // read in the pass over the edges
					}
					sub = export.WithEvidence(sub, st)
				}
				_, multi := w.(export.SchemaWriter)
				multi = multi || len(w.Files()) > 1
				if multi {
					dir := *out
					if dir == "" || dir == "-" {
						return usagef("--format %s writes several files: give a directory with -o", *format)
					}
					paths, err := export.WriteDir(ctx, w, dir, sub)
					if err != nil {
						return err
					}
					for _, p := range paths {
						fmt.Fprintf(e.stderr, "wrote %s\n", source.ShowPath(p))
					}
					return nil
				}
				if *out == "" || *out == "-" {
					return w.Write(ctx, sub, e.stdout) // writers buffer their own output
				}
				return export.WriteFile(ctx, w, *out, sub)
			}
		},
	})
}

// exportGraph returns what export writes for f. A selection of the whole
// graph streams from the store (its metrics read from the analytics cache,
// computed and cached first when a build left them stale), so memory holds
// the node ids only; --top and --focus select in memory, as does a store
// whose analytics cannot be cached (another process holds it).
func exportGraph(ctx context.Context, e *env, db string, st **graph.Store, f graph.Filter, metrics bool) (export.Graph, error) {
	if f.Top == 0 && f.Focus == "" {
		if metrics {
			var err error
			if *st, err = withAnalytics(ctx, e, db, *st, f); err != nil {
				return nil, err
			}
		}
		g, ok, err := graph.Stream(ctx, *st, f, metrics)
		if err != nil {
			return nil, err
		}
		if ok {
			return g, nil
		}
	}
	sel := graph.Select
	if metrics {
		sel = graph.Analyze
	}
	g, err := sel(ctx, *st, f)
	if err != nil {
		return nil, err
	}
	return export.Memory(g.Nodes, g.Links, g.Edges()), nil
}
