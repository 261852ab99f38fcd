package beamgraph

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
)

// The files the sinks write into Config.Out.
const (
	// ContributionsPattern names the shards of per-document
	// contributions, one graph.Contribution as JSON per line, sorted by
	// document id: what graphbuild import loads into a store.
	ContributionsPattern = "contributions-%05d-of-%05d.jsonl"
	// NQuadsFile and SchemaFile are the Dgraph bulk-loader input
	// (export.NQuads over the combined graph, default node types).
	NQuadsFile = "graph.rdf"
	SchemaFile = "graph.schema"
	// Neo4jNodes and Neo4jRelationships are the neo4j-admin import CSVs.
	Neo4jNodes         = "neo4j/nodes.csv"
	Neo4jRelationships = "neo4j/relationships.csv"
	// FailedFile lists the inputs, lines and documents that failed, one a
	// line, when any did.
	FailedFile = "failed.txt"
)

func init() {
	register.DoFn3x0[string, []byte, func(int, Keyed)](&shardFn{})
	register.Emitter2[int, Keyed]()
	register.DoFn3x1[context.Context, int, func(*Keyed) bool, error](&writeShardFn{})
	register.Iter1[Keyed]()
	register.Function2x1[string, []byte, []byte](dropKey)
	register.DoFn4x1[context.Context, int, func(*[]byte) bool, func(*[]byte) bool, error](&writeGraphFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeFailedFn{})
}

// Keyed is a JSON record with the key it is sorted by.
type Keyed struct {
	Key  string
	JSON []byte
}

// Write adds the sinks of g to s.
func Write(s beam.Scope, g Graph, cfg Config) {
	s = s.Scope("sinks")
	shards := max(cfg.Shards, 1)
	byShard := beam.ParDo(s, &shardFn{Shards: shards}, g.Contributions)
	beam.ParDo0(s, &writeShardFn{Out: cfg.Out, Shards: shards}, beam.GroupByKey(s, byShard))

	ents := beam.AddFixedKey(s, beam.ParDo(s, dropKey, g.Entities))
	edges := beam.AddFixedKey(s, beam.ParDo(s, dropKey, g.Edges))
	beam.ParDo0(s, &writeGraphFn{Out: cfg.Out}, beam.CoGroupByKey(s, ents, edges))

	beam.ParDo0(s, &writeFailedFn{Out: cfg.Out}, beam.GroupByKey(s, beam.AddFixedKey(s, g.Failed)))
}

func dropKey(_ string, v []byte) []byte { return v }

// shardFn spreads records over shards by a hash of their key.
type shardFn struct{ Shards int }

func (f *shardFn) ProcessElement(k string, v []byte, emit func(int, Keyed)) {
	h := fnv.New32a()
	h.Write([]byte(k))
	emit(int(h.Sum32()%uint32(f.Shards)), Keyed{Key: k, JSON: v})
}

// writeShardFn writes one shard, sorted by key. A retried bundle writes
// the whole shard again, so a file is never half of one attempt and half
// of another.
type writeShardFn struct {
	Out    string
	Shards int
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, recs func(*Keyed) bool) error {
	var all []Keyed
	var r Keyed
	for recs(&r) {
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b Keyed) int { return strings.Compare(a.Key, b.Key) })
	return writeFile(ctx, f.Out, fmt.Sprintf(ContributionsPattern, shard, f.Shards), func(w io.Writer) error {
		for _, r := range all {
			if _, err := w.Write(r.JSON); err != nil {
				return err
			}
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeFile creates dir/name through Beam's file systems (local paths,
// gs://...) and fills it with fn.
func writeFile(ctx context.Context, dir, name string, fn func(io.Writer) error) error {
	path := strings.TrimSuffix(dir, "/") + "/" + name
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer fs.Close()
	wc, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(wc, 1<<20)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// memSource is the combined graph, sorted as export.Source requires.
type memSource struct {
	ents  []graph.Entity
	edges []graph.Edge
}

func (m *memSource) Entities(ctx context.Context, fn func(graph.Entity) error) error {
	for _, e := range m.ents {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSource) Edges(ctx context.Context, fn func(graph.Edge) error) error {
	for _, e := range m.edges {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func kindIndex(k graph.EdgeKind) int {
	if i := slices.Index(graph.EdgeKinds, k); i >= 0 {
		return i
	}
	return len(graph.EdgeKinds)
}

// writeGraphFn writes the combined graph with graphbuild's own writers:
// Dgraph N-Quads and schema, neo4j-admin CSVs. They take the graph in id
// order, so the graph (entities and edges, not documents) is written by
// one worker; see the package README for what that costs.
type writeGraphFn struct{ Out string }

func (f *writeGraphFn) ProcessElement(ctx context.Context, _ int, ents, edges func(*[]byte) bool) error {
	src := &memSource{}
	var b []byte
	for ents(&b) {
		var e graph.Entity
		if err := json.Unmarshal(b, &e); err != nil {
			return fmt.Errorf("decode entity: %w", err)
		}
		src.ents = append(src.ents, e)
	}
	for edges(&b) {
		var e graph.Edge
		if err := json.Unmarshal(b, &e); err != nil {
			return fmt.Errorf("decode edge: %w", err)
		}
		src.edges = append(src.edges, e)
	}
	slices.SortFunc(src.ents, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(src.edges, func(a, b graph.Edge) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target),
			cmp.Compare(kindIndex(a.Kind), kindIndex(b.Kind)))
	})
	keepLinked(src)
	g := export.Stream(src, graph.DefaultTypes)
	nq := export.NQuads{}
	if err := writeFile(ctx, f.Out, NQuadsFile, func(w io.Writer) error { return nq.Write(ctx, g, w) }); err != nil {
		return err
	}
	if err := writeFile(ctx, f.Out, SchemaFile, nq.WriteSchema); err != nil {
		return err
	}
	// neo4j's two tables come from one Write; each goes to its own file.
	return writeTwo(ctx, f.Out, Neo4jNodes, Neo4jRelationships, func(a, b io.Writer) error {
		return export.Neo4j{}.Write(ctx, g, a, b)
	})
}

func writeTwo(ctx context.Context, dir, n1, n2 string, fn func(a, b io.Writer) error) error {
	return writeFile(ctx, dir, n1, func(a io.Writer) error {
		return writeFile(ctx, dir, n2, func(b io.Writer) error { return fn(a, b) })
	})
}

// writeFailedFn writes FailedFile, sorted.
type writeFailedFn struct{ Out string }

func (f *writeFailedFn) ProcessElement(ctx context.Context, _ int, msgs func(*string) bool) error {
	var all []string
	var m string
	for msgs(&m) {
		all = append(all, m)
	}
	slices.Sort(all)
	return writeFile(ctx, f.Out, FailedFile, func(w io.Writer) error {
		for _, m := range all {
			if _, err := fmt.Fprintln(w, m); err != nil {
				return err
			}
		}
		return nil
	})
}

// keepLinked leaves the entities graphbuild export writes by default
// (graph.Select with the zero Filter): those of graph.DefaultTypes with at
// least one edge to another such entity, or all of those types when no
// edge joins two.
func keepLinked(src *memSource) {
	typeOf := make(map[string]string, len(src.ents))
	for _, e := range src.ents {
		typeOf[e.ID] = e.Type
	}
	kept := func(id string) bool { return slices.Contains(graph.DefaultTypes, typeOf[id]) }
	linked := map[string]bool{}
	for _, e := range src.edges {
		if kept(e.Source) && kept(e.Target) {
			linked[e.Source], linked[e.Target] = true, true
		}
	}
	if len(linked) == 0 {
		return
	}
	src.ents = slices.DeleteFunc(src.ents, func(e graph.Entity) bool { return !linked[e.ID] })
}
