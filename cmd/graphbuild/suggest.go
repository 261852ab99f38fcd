package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
)

func init() {
	register(&command{
		name:  "aliases",
		usage: "[--db DIR] [--min-mentions N]",
		summary: `Suggest the rules of an aliases file for the store: names that documents
resolved apart but the whole corpus shows to be one entity ("Cheeks" and
Maurice Cheeks, "Mo Cheeks", "Betty Ford Clinic" and Betty Ford Center).
Review them, keep the right ones in a file, and rebuild with
build --aliases FILE --rebuild; nothing is changed by this command.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			minMentions := fs.Int("min-mentions", 1, "suggest only merges whose target has at least `N` mentions")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				st, err := openStore(*db, true)
				if err != nil {
					return err
				}
				defer st.Close()
				gaz, err := ner.DefaultGazetteer()
				if err != nil {
					return err
				}
				rules, err := suggestAliases(ctx, st, gaz, *minMentions)
				if err != nil {
					return err
				}
				if len(rules) == 0 {
					fmt.Fprintf(e.stderr, "graphbuild aliases: no names to merge in %s\n", *db)
					return nil
				}
				fmt.Fprintf(e.stdout, "# Suggested by graphbuild aliases for %s: review, keep what is right,\n# then: graphbuild build --aliases FILE --rebuild INPUTS...\n", *db)
				for _, r := range rules {
					fmt.Fprintln(e.stdout, r)
				}
				return nil
			}
		},
	})
}

// suggestAliases returns the merge (and type) rules that ner.CorpusMerges
// finds among the entities of the store, one line each, grouped by target
// (most mentioned first). Names the aliases syntax cannot hold (with "=",
// ",", "#" or ":") are left out.
func suggestAliases(ctx context.Context, st *graph.Store, gaz *ner.Gazetteer, minMentions int) ([]string, error) {
	var ents []ner.CorpusEntity
	docs := map[ner.EntityKey]int{}
	err := st.Entities(ctx, func(en graph.Entity) error {
		ents = append(ents, ner.CorpusEntity{Name: en.Name, Type: ner.Type(en.Type), Mentions: en.Mentions})
		docs[ner.KeyOf(en.Name, ner.Type(en.Type))] += en.Documents
		return nil
	})
	if err != nil {
		return nil, err
	}
	merges := ner.CorpusMerges(ents, gaz)
	type group struct {
		target  ner.CorpusEntity
		members []ner.CorpusEntity
	}
	byTarget := map[ner.EntityKey]*group{}
	mentions := map[ner.EntityKey]int{}
	for _, en := range ents {
		mentions[ner.KeyOf(en.Name, en.Type)] += en.Mentions
	}
	for _, en := range ents {
		to, ok := merges[ner.KeyOf(en.Name, en.Type)]
		if !ok {
			continue
		}
		tk := ner.KeyOf(to.Name, to.Type)
		if mentions[tk] < minMentions || !aliasSafe(en.Name) || !aliasSafe(to.Name) {
			continue
		}
		g := byTarget[tk]
		if g == nil {
			g = &group{target: to}
			byTarget[tk] = g
		}
		g.members = append(g.members, en)
	}
	groups := make([]*group, 0, len(byTarget))
	for _, g := range byTarget {
		slices.SortFunc(g.members, func(a, b ner.CorpusEntity) int {
			return cmp.Or(-cmp.Compare(a.Mentions, b.Mentions), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type))
		})
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b *group) int {
		ka, kb := ner.KeyOf(a.target.Name, a.target.Type), ner.KeyOf(b.target.Name, b.target.Type)
		return cmp.Or(-cmp.Compare(mentions[ka], mentions[kb]), cmp.Compare(ka.Name, kb.Name), cmp.Compare(ka.Type, kb.Type))
	})
	var out []string
	for _, g := range groups {
		tk := ner.KeyOf(g.target.Name, g.target.Type)
		var names, notes []string
		retype := false
		for _, m := range g.members {
			k := ner.KeyOf(m.Name, m.Type)
			if !strings.EqualFold(m.Name, g.target.Name) && !slices.Contains(names, m.Name) {
				names = append(names, m.Name)
			}
			notes = append(notes, fmt.Sprintf("%s %s %d in %d docs", m.Name, m.Type, m.Mentions, docs[k]))
			retype = retype || m.Type != g.target.Type
		}
		note := fmt.Sprintf("  # %s %s %d mentions in %d docs; %s", g.target.Name, g.target.Type, mentions[tk], docs[tk], strings.Join(notes, "; "))
		if len(names) > 0 {
			out = append(out, strings.Join(names, ", ")+" = "+g.target.Name+note)
			note = ""
		}
		if retype {
			out = append(out, g.target.Name+" : "+string(g.target.Type)+note)
		}
	}
	return out, nil
}

// aliasSafe reports a name an aliases file can hold.
func aliasSafe(name string) bool { return !strings.ContainsAny(name, "=,#:") }

// printAliasHint tells how many names of the store look like other names
// of one entity, with an example, and how to merge them.
func printAliasHint(ctx context.Context, e *env, st *graph.Store, db string) {
	gaz, err := ner.DefaultGazetteer()
	if err != nil {
		return
	}
	rules, err := suggestAliases(ctx, st, gaz, 1)
	if err != nil || len(rules) == 0 {
		return
	}
	example, _, _ := strings.Cut(rules[0], "  #")
	fmt.Fprintf(e.stderr, "%d merges of names across documents suggested, such as %q: `graphbuild aliases --db %s` lists them as rules to review for build --aliases\n",
		len(rules), example, db)
}
