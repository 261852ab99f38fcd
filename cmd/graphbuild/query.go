package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/query"
)

// queryFlags are the options of every query; each question reads those it
// needs.
type queryFlags struct {
	db         *string
	json       bool
	evidence   bool
	by         string
	limit      int
	k          int
	typ        string
	members    int
	predicates listFlag
	filter     filterFlags
}

func (q *queryFlags) register(fs *flag.FlagSet) {
	q.db = dbFlag(fs)
	fs.BoolVar(&q.json, "json", false, "write JSON for scripts instead of a table")
	fs.BoolVar(&q.evidence, "evidence", true, "show the sentence behind each row")
	fs.StringVar(&q.by, "by", "", "ranking: neighbors weight|documents|npmi (default weight); top degree|weighted-degree|pagerank|betweenness (default pagerank)")
	fs.IntVar(&q.limit, "limit", 0, "rows to show (default: neighbors 20, relations 50, top 10, communities 10)")
	fs.IntVar(&q.k, "k", 1, "path: the k shortest paths")
	fs.StringVar(&q.typ, "type", "", "top: rank only entities of this `type`")
	fs.IntVar(&q.members, "members", 8, "communities: members listed per community")
	fs.Var(&q.predicates, "predicates", "neighbors, relations: keep only interactions with these predicates (met, talks, phone call, visit, hosted, received, negotiated, signed, dinner)")
	q.filter.register(fs)
}

func init() {
	register(&command{
		name: "query",
		usage: `[--db DIR] [--json] QUESTION
  neighbors NAME   [--by weight|documents|npmi] [--kinds K] [--types T] [--predicates P] [--since D] [--until D] [--limit N]
  relations NAME   [--predicates P] [--since D] [--until D] [--limit N]
  path A B         [--k N] [--kinds K] [--types T] [--min-weight W]
  top              [--by degree|weighted-degree|pagerank|betweenness] [--type T] [--limit N]
  communities      [--limit N] [--members N]`,
		summary: `Ask the graph who is linked to whom, who met whom, and who is central.
Answers an entity's neighbours, who it met or spoke with, how two entities are connected, the most central entities and the communities,
each answer with the sentences behind it. Names match case-insensitively
through aliases; an unknown name gets the closest known names suggested.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var q queryFlags
			q.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				return runQuery(ctx, &q, e, args)
			}
		},
	})
}

// answer is what every query returns.
type answer interface {
	WriteText(io.Writer, query.TextOptions) error
}

// runQuery answers one question on the store.
func runQuery(ctx context.Context, q *queryFlags, e *env, args []string) error {
	stdout := e.stdout
	if len(args) == 0 {
		return usagef("which question? neighbors NAME, relations NAME, path A B, top or communities")
	}
	want := map[string]int{"neighbors": 1, "neighbours": 1, "relations": 1, "path": 2, "top": 0, "communities": 0}
	n, ok := want[args[0]]
	if !ok {
		return usagef("unknown question %q (want neighbors, relations, path, top or communities)", args[0])
	}
	if len(args)-1 != n {
		return usagef("%s takes %d name(s), got %d (quote names with spaces)", args[0], n, len(args)-1)
	}
	for _, c := range []struct {
		name string
		v    int
	}{{"--limit", q.limit}, {"--members", q.members}} {
		if c.v < 0 {
			return usagef("%s must be 0 (the default) or more, got %d", c.name, c.v)
		}
	}
	if q.k < 1 {
		return usagef("--k must be 1 or more, got %d", q.k)
	}
	types, err := parseTypes(q.filter.types)
	if err != nil {
		return err
	}
	kinds, err := parseKinds(q.filter.kinds)
	if err != nil {
		return err
	}
	if q.typ != "" {
		t, err := parseTypes([]string{q.typ})
		if err != nil {
			return err
		}
		q.typ = t[0]
	}
	st, err := openStore(*q.db, true)
	if err != nil {
		return err
	}
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	names := make([]graph.Entity, 0, n)
	for _, name := range args[1:] {
		name, err := q.filter.canonical(name)
		if err != nil {
			return err
		}
		en, err := findEntity(st, name)
		if err != nil {
			return err
		}
		names = append(names, en)
	}
	var ans answer
	switch args[0] {
	case "neighbors", "neighbours":
		opt := query.NeighborOptions{By: q.by, Types: types, Kinds: kinds, Range: query.Range{Since: q.filter.since, Until: q.filter.until},
			Predicates: q.predicates, Limit: orDefault(q.limit, 20)}
		ans, err = query.Neighbors(ctx, st, names[0].ID, opt)
	case "relations":
		ans, err = query.Relations(ctx, st, names[0].ID, query.RelationOptions{
			Range: query.Range{Since: q.filter.since, Until: q.filter.until}, Predicates: q.predicates, Limit: orDefault(q.limit, 50)})
	default:
		f, ferr := q.filter.filter(st)
		if ferr != nil {
			return ferr
		}
		if args[0] == "top" || args[0] == "communities" {
			// Computed on first use after a build, then cached.
			if st, err = withAnalytics(ctx, e, *q.db, st, f); err != nil {
				return err
			}
		}
		switch args[0] {
		case "path":
			ans, err = query.Paths(ctx, st, names[0].ID, names[1].ID, query.PathOptions{K: q.k, Filter: f})
		case "top":
			ans, err = query.Top(ctx, st, query.TopOptions{By: q.by, Type: q.typ, Limit: orDefault(q.limit, 10), Filter: f})
		case "communities":
			ans, err = query.Communities(ctx, st, query.CommunityOptions{Limit: orDefault(q.limit, 10), Members: q.members, Filter: f})
		}
	}
	if errors.Is(err, query.ErrInvalid) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if q.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ans); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		return nil
	}
	return ans.WriteText(stdout, query.TextOptions{Evidence: q.evidence})
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}
