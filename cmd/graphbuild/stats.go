package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"sort"
)

func init() {
	register(&command{
		name:    "stats",
		usage:   "[--db DIR] [--json]",
		summary: "Count the documents, entities by type and edges by kind in the store.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			asJSON := fs.Bool("json", false, "print JSON: {\"documents\": N, \"entities\": {TYPE: N}, \"edges\": {KIND: N}}")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				st, err := openStore(*db, true)
				if err != nil {
					return err
				}
				defer st.Close()
				s, err := st.Stats()
				if err != nil {
					return err
				}
				if *asJSON {
					enc := json.NewEncoder(e.stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(s)
				}
				fmt.Fprintf(e.stdout, "store      %s\ndocuments  %d\n", *db, s.Documents)
				printCounts(e, "entities", s.Entities)
				printCounts(e, "edges", s.Edges)
				return nil
			}
		},
	})
}

func printCounts(e *env, title string, m map[string]int) {
	total := 0
	keys := make([]string, 0, len(m))
	for k, v := range m {
		total += v
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	fmt.Fprintf(e.stdout, "%-10s %d\n", title, total)
	for _, k := range keys {
		fmt.Fprintf(e.stdout, "  %-12s %d\n", k, m[k])
	}
}
