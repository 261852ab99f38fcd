package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/source"
)

func init() {
	register(&command{
		name:  "build",
		usage: "[--db DIR] [options] PATH...",
		summary: `Add the people, places and organizations in the inputs to the graph store.
Inputs are files (.txt .md .html .jsonl, optionally .gz), directories (recursively),
globs or - (standard input). Building the same input again adds nothing: documents
already stored are skipped.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			var src sourceFlags
			src.register(fs)
			quiet := fs.Bool("quiet", false, "print no progress and no summary")
			workers := fs.Int("workers", runtime.GOMAXPROCS(0), "extraction goroutines")
			batch := fs.Int("batch", ingest.DefaultBatchSize, "documents per store transaction")
			window := fs.String("window", "sentence", "co-occurrence window: sentence, paragraph or document (use one window for all builds of a store)")
			memLimit := fs.Int("memory-limit", 512, "soft limit of the heap in MiB, so memory stays flat on large corpora (0: none; GOMEMLIMIT overrides)")
			modelPath := fs.String("model", "", "recognize entities with the model in `FILE` (written by 'graphbuild train') instead of the embedded one; use one model for all builds of a store")
			aliasFile := aliasesFlag(fs)
			rebuild := fs.Bool("rebuild", false, "delete the store and build it again from the inputs (after changing --aliases)")
			analyze := fs.Bool("analyze", false, fmt.Sprintf("compute and cache degree, PageRank, betweenness and communities after the build (default: only when the store holds at most %d edges; --analyze=false never)", analyzeAutoEdges))
			return func(ctx context.Context, e *env, args []string) error {
				win, err := ingest.ParseWindow(*window)
				if err != nil {
					return usagef("--window: %v", err)
				}
				if *memLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
					// Without a limit the Go heap grows with the garbage of
					// a long build; with it the collector keeps it flat.
					debug.SetMemoryLimit(int64(*memLimit) << 20)
				}
				inputs, failedInputs, skipped, err := src.expand(e, "build", args, src.options(e.stdin))
				if err != nil {
					return err
				}
				ex, err := buildExtractor(*modelPath)
				if err != nil {
					return err
				}
				digest, err := aliasesDigest(*aliasFile)
				if err != nil {
					return err
				}
				if *rebuild {
					if err := removeStore(*db); err != nil {
						return err
					}
				}
				st, err := openStore(*db, false)
				if err != nil {
					return err
				}
				defer st.Close()
				if old, _ := storedAliasesDigest(*db); old != digest {
					if stats, serr := st.Stats(); serr == nil && stats.Documents > 0 {
						return usagef("the aliases (--aliases) differ from those %s was built with; the documents it holds keep the old resolution: build with --rebuild to apply them", *db)
					}
				}
				if err := os.WriteFile(filepath.Join(*db, aliasesRecord), []byte(digest+"\n"), 0o644); err != nil {
					return err
				}
				pr := &progress{w: e.stderr, tty: e.stderrIsTTY, quiet: *quiet}
				aliases, err := readAliases(*aliasFile)
				if err != nil {
					return err
				}
				opt := ingest.BuildOptions{BatchSize: *batch, Aliases: aliases, Window: win}
				opt.Workers = *workers
				opt.Source = src.options(e.stdin)
				opt.Progress = pr.update
				opt.OnError = func(err error) {
					pr.done()
					fmt.Fprintf(e.stderr, "graphbuild build: %v\n", err)
				}
				opt.OnWarning = func(path, msg string) {
					pr.done()
					fmt.Fprintf(e.stderr, "graphbuild build: warning: %s: %s\n", source.ShowPath(path), msg)
				}
				sum, err := ingest.Build(ctx, inputs, ex, st, opt)
				pr.done()
				sum.Failed += failedInputs
				needed := sum.New > 0
				if err == nil && !needed {
					// A build killed while it computed the analytics
					// added its documents but no cache.
					cached, cerr := st.HasAnalytics(graph.Filter{})
					needed = cerr == nil && !cached && sum.Documents > 0
				}
				stale := false
				if err == nil && needed {
					// Analytics cost the whole graph, not what the build
					// added: past a small store they are left stale for
					// the first command that needs them.
					explicit := false
					fs.Visit(func(fl *flag.Flag) { explicit = explicit || fl.Name == "analyze" })
					run := *analyze
					if !explicit {
						run = storeEdges(st) <= analyzeAutoEdges
					}
					if run {
						if !*quiet {
							fmt.Fprintf(e.stderr, "computing graph analytics...\n")
						}
						if _, aerr := graph.Analyze(ctx, st, graph.Filter{}); aerr != nil {
							fmt.Fprintf(e.stderr, "graphbuild build: analytics: %v\n", aerr)
						}
					} else {
						stale = true
					}
				}
				if !*quiet {
					stats, serr := st.Stats()
					fmt.Fprintf(e.stderr, "%s: %d documents read, %d new, %d skipped (already stored or read twice), %d failed in %s\n",
						*db, sum.Documents, sum.New, sum.Skipped, sum.Failed, sum.Duration.Round(1e6))
					if len(skipped) > 0 {
						fmt.Fprintf(e.stderr, "%s\n", skippedLine(skipped, src.verbose))
					}
					if sum.Dropped > 0 {
						fmt.Fprintf(e.stderr, "left out %s of page clutter (sign-in prompts, newsletter lists, prices, photo credits; `graphbuild text` shows them)\n", plural(sum.Dropped, "line"))
					}
					if secs := sum.Duration.Seconds(); sum.New > 0 && secs > 0 {
						fmt.Fprintf(e.stderr, "analysed %d tokens, %.1f MB: %.0f docs/s, %.0f tokens/s\n",
							sum.Tokens, float64(sum.Bytes)/1e6, float64(sum.New)/secs, float64(sum.Tokens)/secs)
					}
					if serr == nil {
						fmt.Fprintf(e.stderr, "store now holds %d documents, %s entities, %s edges\n",
							stats.Documents, countsLine(stats.Entities), countsLine(stats.Edges))
					}
					if stale {
						fmt.Fprintf(e.stderr, "graph analytics are out of date: the first query top/communities or export that needs them computes and caches them (graphbuild analyze does it now)\n")
					}
					if err == nil && sum.New > 0 && !stale {
						// Like the analytics, a look at the whole store:
						// only while it is small.
						printAliasHint(ctx, e, st, *db)
					}
				}
				if err != nil {
					return err
				}
				if sum.Failed > 0 {
					return errFailed
				}
				return nil
			}
		},
	})
}

// analyzeAutoEdges is the largest store, in edges, whose analytics build
// computes without being asked: under a second on two cores. Past it they
// would cost more than a small build adds.
var analyzeAutoEdges = 50_000

// storeEdges returns the number of edges st holds, or a huge number when
// its counters cannot be read.
func storeEdges(st *graph.Store) int {
	stats, err := st.Stats()
	if err != nil {
		return int(^uint(0) >> 1)
	}
	n := 0
	for _, c := range stats.Edges {
		n += c
	}
	return n
}

func init() {
	register(&command{
		name:  "analyze",
		usage: "[--db DIR] [filters]",
		summary: `Compute and cache degree, PageRank, betweenness and communities of the graph.
A build that adds documents to a store of more than 50,000 edges leaves them
out of date, and the first query top, query communities or export that needs
them computes them; analyze does it now, for the filters given (default: the
whole graph, as query and export use it).`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			var ff filterFlags
			ff.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				st, err := openStore(*db, false)
				if err != nil {
					return err
				}
				defer st.Close()
				f, err := ff.filter(st)
				if err != nil {
					return err
				}
				if ok, err := st.HasAnalytics(f); err != nil {
					return err
				} else if ok {
					fmt.Fprintf(e.stderr, "%s: analytics are up to date\n", *db)
					return nil
				}
				start := time.Now()
				g, err := graph.Analyze(ctx, st, f)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "%s: analytics of %d nodes and %d links computed and cached in %s\n",
					*db, len(g.Nodes), len(g.Links), time.Since(start).Round(time.Millisecond))
				return nil
			}
		},
	})
}

// countsLine prints "12 (PERSON 5, GPE 7)".
func countsLine(m map[string]int) string {
	total := 0
	keys := make([]string, 0, len(m))
	for k, v := range m {
		total += v
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
}

// removeStore deletes the store at db, refusing a directory that holds
// something else than a graph store.
func removeStore(db string) error {
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(db, "MANIFEST")); err != nil {
		return fmt.Errorf("--rebuild: %s does not look like a graph store; not deleting it", db)
	}
	return os.RemoveAll(db)
}
