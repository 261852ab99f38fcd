package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
)

func init() {
	register(&command{
		name:  "import",
		usage: "[--db DIR] FILE|DIR|GLOB...",
		summary: `Load contributions computed elsewhere into the graph store: JSONL files with one
graph.Contribution per line ({"Doc": {...}, "Mentions": [...], "Entities": [...],
"Edges": [...]}, optionally .gz), as graphbuild-beam writes them
(contributions-*.jsonl; a directory means those files in it). Nothing is analysed
again; documents already stored are skipped, so importing twice adds nothing.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			quiet := fs.Bool("quiet", false, "print no summary")
			batch := fs.Int("batch", ingest.DefaultBatchSize, "documents per store transaction")
			analyze := fs.Bool("analyze", true, "compute and cache degree, PageRank, betweenness and communities after the import")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) == 0 {
					return usagef("no input: give contributions files, directories or globs")
				}
				files, err := importFiles(args)
				if err != nil {
					return err
				}
				st, err := openStore(*db, false)
				if err != nil {
					return err
				}
				defer st.Close()
				var total ingest.Summary
				opt := ingest.ImportOptions{BatchSize: *batch, OnError: func(err error) {
					fmt.Fprintf(e.stderr, "graphbuild import: %v\n", err)
				}}
				for _, name := range files {
					sum, err := importFile(ctx, name, st, opt)
					total.Documents += sum.Documents
					total.New += sum.New
					total.Skipped += sum.Skipped
					total.Failed += sum.Failed
					total.Duration += sum.Duration
					if err != nil {
						return err
					}
				}
				if total.New > 0 && *analyze {
					if _, aerr := graph.Analyze(ctx, st, graph.Filter{}); aerr != nil {
						fmt.Fprintf(e.stderr, "graphbuild import: analytics: %v\n", aerr)
					}
				}
				if !*quiet {
					fmt.Fprintf(e.stderr, "%s: %d files, %d documents read, %d new, %d skipped (already stored), %d failed in %s\n",
						*db, len(files), total.Documents, total.New, total.Skipped, total.Failed, total.Duration.Round(1e6))
					if stats, serr := st.Stats(); serr == nil {
						fmt.Fprintf(e.stderr, "store now holds %d documents, %s entities, %s edges\n",
							stats.Documents, countsLine(stats.Entities), countsLine(stats.Edges))
					}
				}
				if total.Failed > 0 {
					return errFailed
				}
				return nil
			}
		},
	})
}

// importFiles expands the arguments of import: files as given, globs,
// and directories to their contributions-*.jsonl[.gz] files, sorted.
func importFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil {
			if !fi.IsDir() {
				files = append(files, a)
				continue
			}
			var in []string
			for _, pat := range []string{"contributions-*.jsonl", "contributions-*.jsonl.gz"} {
				m, _ := filepath.Glob(filepath.Join(a, pat))
				in = append(in, m...)
			}
			if len(in) == 0 {
				return nil, fmt.Errorf("%s: no contributions-*.jsonl files", a)
			}
			sort.Strings(in)
			files = append(files, in...)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil {
			return nil, usagef("%s: %v", a, err)
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no such file", a)
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	return files, nil
}

func importFile(ctx context.Context, name string, st ingest.Store, opt ingest.ImportOptions) (ingest.Summary, error) {
	f, err := os.Open(name)
	if err != nil {
		return ingest.Summary{}, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return ingest.Summary{}, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	return ingest.Import(ctx, r, name, st, opt)
}
