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
	for _, t := range f.types {
		gf.Types = append(gf.Types, strings.ToUpper(t))
	}
	for _, k := range f.kinds {
		kind := graph.EdgeKind(strings.ToLower(k))
		known := false
		for _, kk := range graph.EdgeKinds {
			known = known || kk == kind
		}
		if !known {
			return gf, usagef("unknown edge kind %q (want cooccur, context or interaction)", k)
		}
		gf.Kinds = append(gf.Kinds, kind)
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
Formats: graphml and gexf (Gephi, networkx, igraph), dot (Graphviz), json
(node-link for d3, Cytoscape.js, sigma.js, networkx), csv (Gephi's spreadsheet
import), neo4j (neo4j-admin database import CSVs), nquads (Dgraph, with its
schema). csv, neo4j and nquads write a directory: -o names it.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			format := fs.String("format", "", "output format: "+strings.Join(export.Formats, ", "))
			out := fs.String("o", "", "output `file` (directory for csv, neo4j and nquads); default standard output")
			metrics := fs.Bool("metrics", true, "add degree, pagerank, betweenness and community to the nodes")
			colorBy := fs.String("color-by", "type", "node colour in gexf and dot: type or community")
			sizeBy := fs.String("size-by", "degree", "node size in gexf: degree, pagerank or mentions")
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
				w, err := export.New(*format, export.Options{Metrics: *metrics, ColorBy: *colorBy, SizeBy: *sizeBy})
				if err != nil {
					return usagef("--color-by/--size-by: %v", err)
				}
				st, err := openStore(*db, true)
				if err != nil {
					return err
				}
				defer st.Close()
				f, err := ff.filter(st)
				if err != nil {
					return err
				}
				sel := graph.Select
				if *metrics {
					sel = graph.Analyze
				}
				g, err := sel(ctx, st, f)
				if err != nil {
					return err
				}
				sub := export.Memory(g.Nodes, g.Links, g.Edges())
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
