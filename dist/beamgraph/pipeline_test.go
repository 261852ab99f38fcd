package beamgraph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/graphbuild/graphbuild/dist/beamgraph"
	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// The tests run on Prism, in process, unless --runner says otherwise.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

const fixtures = "../../fixtures"

// generated writes a JSONL corpus in four files in which surnames come
// before and after the full names, some surnames belong to two people, and
// people meet.
func generated(t testing.TB, dir string, docs int) string {
	t.Helper()
	people := [][2]string{{"John", "Kerry"}, {"Sergei", "Lavrov"}, {"Angela", "Merkel"}, {"Emmanuel", "Macron"},
		{"Jill", "Biden"}, {"Joe", "Biden"}, {"Ban", "Ki-moon"}, {"Theresa", "May"}, {"Justin", "Trudeau"}, {"Xi", "Jinping"}}
	places := []string{"Geneva", "Paris", "Berlin", "Moscow", "Washington", "Ottawa", "Beijing", "London", "Aleppo", "Vienna"}
	orgs := []string{"United Nations", "European Union", "NATO", "World Health Organization", "Red Cross"}
	r := rand.New(rand.NewPCG(16, 16))
	const files = 4
	bs := make([]strings.Builder, files)
	for i := range docs {
		b := &bs[i*files/docs]
		a, c := people[r.IntN(len(people))], people[r.IntN(len(people))]
		p, o := places[r.IntN(len(places))], orgs[r.IntN(len(orgs))]
		name := func(x [2]string) string {
			if r.IntN(3) == 0 {
				return x[1]
			}
			return x[0] + " " + x[1]
		}
		var text string
		switch r.IntN(3) {
		case 0:
			text = fmt.Sprintf("%s met %s in %s on Tuesday. The talks covered the %s.", name(a), name(c), p, o)
		case 1:
			text = fmt.Sprintf("%s said the %s would send aid to %s. %s visited %s later.", name(a), o, p, name(c), p)
		default:
			text = fmt.Sprintf("In %s, %s spoke with %s by phone about the %s.", p, name(a), name(c), o)
		}
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("gen-%05d", i), "text": text,
			"date": fmt.Sprintf("2020-%02d-%02d", 1+i%12, 1+i%28), "title": fmt.Sprintf("Item %d", i)})
		b.Write(line)
		b.WriteByte('\n')
	}
	dir = filepath.Join(dir, "generated")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range bs {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", i)), []byte(bs[i].String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func expand(t testing.TB, paths ...string) []source.Input {
	t.Helper()
	ins, errs := source.Expand(paths, source.DefaultOptions())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return ins
}

// runBeam runs the pipeline on ins and returns its output directory.
func runBeam(t testing.TB, ins []beamgraph.Input, cfg beamgraph.Config) (string, error) {
	t.Helper()
	cfg.Out = t.TempDir()
	if cfg.Shards == 0 {
		cfg.Shards = 3
	}
	p, s := beam.NewPipelineWithRoot()
	g, err := beamgraph.Build(s, ins, cfg)
	if err != nil {
		t.Fatal(err)
	}
	beamgraph.Write(s, g, cfg)
	return cfg.Out, ptest.Run(p)
}

// recorder keeps the contributions a build applies.
type recorder struct {
	*graph.Store
	mu sync.Mutex
	cs map[string]graph.Contribution
}

func (r *recorder) Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	r.mu.Lock()
	for _, c := range cs {
		r.cs[c.Doc.ID] = c
	}
	r.mu.Unlock()
	return r.Store.Apply(ctx, cs)
}

func memStore(t testing.TB) *graph.Store {
	t.Helper()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// localBuild is graphbuild build on a fresh store.
func localBuild(t testing.TB, ins []source.Input, win ingest.Window) *recorder {
	t.Helper()
	ex, err := ingest.DefaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{Store: memStore(t), cs: map[string]graph.Contribution{}}
	opt := ingest.BuildOptions{Window: win}
	opt.Source = source.DefaultOptions()
	sum, err := ingest.Build(context.Background(), ins, ex, rec, opt)
	if err != nil || sum.Failed > 0 {
		t.Fatalf("build: %v, %d failed", err, sum.Failed)
	}
	return rec
}

// exportFiles is graphbuild export --metrics=false --format nquads and
// neo4j: file name → content.
func exportFiles(t testing.TB, st *graph.Store) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	sg, err := graph.Select(ctx, st, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	g := export.Memory(sg.Nodes, sg.Links, sg.Edges())
	var rdf, schema, nodes, rels bytes.Buffer
	if err := (export.NQuads{}).Write(ctx, g, &rdf); err != nil {
		t.Fatal(err)
	}
	if err := (export.NQuads{}).WriteSchema(&schema); err != nil {
		t.Fatal(err)
	}
	if err := (export.Neo4j{}).Write(ctx, g, &nodes, &rels); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{beamgraph.NQuadsFile: rdf.Bytes(), beamgraph.SchemaFile: schema.Bytes(),
		beamgraph.Neo4jNodes: nodes.Bytes(), beamgraph.Neo4jRelationships: rels.Bytes()}
}

func readOut(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range []string{beamgraph.NQuadsFile, beamgraph.SchemaFile, beamgraph.Neo4jNodes, beamgraph.Neo4jRelationships} {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

// contributions reads the pipeline's contributions-*.jsonl.
func contributions(t testing.TB, dir string) map[string]graph.Contribution {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "contributions-*.jsonl"))
	if len(files) == 0 {
		t.Fatal("no contributions written")
	}
	cs := map[string]graph.Contribution{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
			var c graph.Contribution
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			cs[c.Doc.ID] = c
		}
	}
	return cs
}

// dump is everything a store holds, for comparing stores.
type dump struct {
	Docs     []graph.Document
	Mentions map[string][]graph.Mention
	Entities []graph.Entity
	Edges    []graph.Edge
	Stats    graph.Stats
}

func dumpStore(t testing.TB, st *graph.Store) dump {
	t.Helper()
	ctx := context.Background()
	d := dump{Mentions: map[string][]graph.Mention{}}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.Documents(ctx, func(doc graph.Document) error {
		d.Docs = append(d.Docs, doc)
		ms, err := st.Mentions(doc.ID)
		d.Mentions[doc.ID] = ms
		return err
	}))
	must(st.Entities(ctx, func(e graph.Entity) error { d.Entities = append(d.Entities, e); return nil }))
	must(st.Edges(ctx, func(e graph.Edge) error { d.Edges = append(d.Edges, e); return nil }))
	var err error
	d.Stats, err = st.Stats()
	must(err)
	return d
}

func importDir(t testing.TB, dir string) *graph.Store {
	t.Helper()
	st := memStore(t)
	files, _ := filepath.Glob(filepath.Join(dir, "contributions-*.jsonl"))
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := ingest.Import(context.Background(), r, f, st, ingest.ImportOptions{OnError: func(err error) { t.Error(err) }})
		r.Close()
		if err != nil || sum.Failed > 0 {
			t.Fatalf("import %s: %v, %d failed", f, err, sum.Failed)
		}
	}
	return st
}

type corpus struct {
	name   string
	ins    func(t testing.TB) []source.Input
	window string
}

func corpora() []corpus {
	return []corpus{
		{"fixtures", func(t testing.TB) []source.Input { return expand(t, fixtures) }, ""},
		{"generated", func(t testing.TB) []source.Input { return expand(t, generated(t, t.TempDir(), 400)) }, ""},
		{"both", func(t testing.TB) []source.Input {
			return expand(t, fixtures, generated(t, t.TempDir(), 400))
		}, ""},
		{"fixtures-paragraph", func(t testing.TB) []source.Input { return expand(t, fixtures) }, "paragraph"},
	}
}

// The pipeline is graphbuild build: byte-identical N-Quads, schema and
// neo4j CSVs, the contributions build applies, and graphbuild import of
// them gives a store identical to the build's (documents, every mention,
// entities, edges with their evidence, stats).
func TestPipelineIsBuild(t *testing.T) {
	for _, c := range corpora() {
		t.Run(c.name, func(t *testing.T) {
			ins := c.ins(t)
			start := time.Now()
			out, err := runBeam(t, beamgraph.Inputs(ins), beamgraph.Config{Window: c.window})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("prism: %d inputs in %s", len(ins), time.Since(start).Round(time.Millisecond))
			win, err := ingest.ParseWindow(c.window)
			if err != nil {
				t.Fatal(err)
			}
			local := localBuild(t, ins, win)
			want := exportFiles(t, local.Store)
			got := readOut(t, out)
			for name := range want {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s differs from build + export (%d vs %d bytes)", name, len(got[name]), len(want[name]))
				}
			}
			cs := contributions(t, out)
			if len(cs) != len(local.cs) {
				t.Errorf("%d contributions, build applied %d", len(cs), len(local.cs))
			}
			for id, c := range local.cs {
				a, _ := json.Marshal(c)
				b, _ := json.Marshal(cs[id])
				if !bytes.Equal(a, b) {
					t.Errorf("document %s: contribution differs from build's:\n%s\n%s", id, b, a)
					break
				}
			}
			if d, w := dumpStore(t, importDir(t, out)), dumpStore(t, local.Store); !reflect.DeepEqual(d, w) {
				t.Errorf("imported store differs from the build's: %d/%d docs, %d/%d entities, %d/%d edges",
					len(d.Docs), len(w.Docs), len(d.Entities), len(w.Entities), len(d.Edges), len(w.Edges))
			}
		})
	}
}

// The output does not depend on input order, also where a Current Events
// item is read from two files with different copies: the inputs reversed
// give byte-identical outputs.
func TestOrderIndependent(t *testing.T) {
	ins := expand(t, fixtures, generated(t, t.TempDir(), 400))
	fwd := beamgraph.Inputs(ins)
	rev := beamgraph.Inputs(ins)
	slices.Reverse(rev)
	for i := range rev {
		rev[i].Index = i
	}
	run := func(ins []beamgraph.Input) (map[string][]byte, map[string]graph.Contribution) {
		out, err := runBeam(t, ins, beamgraph.Config{})
		if err != nil {
			t.Fatal(err)
		}
		return readOut(t, out), contributions(t, out)
	}
	ga, ca := run(fwd)
	gb, cb := run(rev)
	for n := range ga {
		if !bytes.Equal(ga[n], gb[n]) {
			t.Errorf("%s depends on input order", n)
		}
	}
	if !reflect.DeepEqual(ca, cb) {
		t.Errorf("contributions depend on input order")
	}
}

// Prism does not retry a failed bundle: a worker failing once fails the
// job, with the error. Running the job again (what an engine's retry of
// the bundle amounts to: the failed attempt's output is discarded) gives
// exactly the output of a run that never failed: nothing counted twice.
func TestFailedWorkerRerun(t *testing.T) {
	ins := beamgraph.Inputs(expand(t, fixtures))
	clean, err := runBeam(t, ins, beamgraph.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// A document id of the fixtures, failed once in this process.
	cs := contributions(t, clean)
	ids := make([]string, 0, len(cs))
	for id := range cs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	cfg := beamgraph.Config{FailOnce: ids[len(ids)/2]}
	if _, err := runBeam(t, ins, cfg); err == nil || !strings.Contains(err.Error(), "failing once") {
		t.Fatalf("first run: err = %v, want the injected failure", err)
	}
	again, err := runBeam(t, ins, cfg)
	if err != nil {
		t.Fatal(err)
	}
	gc, ga := readOut(t, clean), readOut(t, again)
	for n := range gc {
		if !bytes.Equal(gc[n], ga[n]) {
			t.Errorf("%s after a failure differs from a clean run", n)
		}
	}
	if !reflect.DeepEqual(contributions(t, clean), contributions(t, again)) {
		t.Errorf("contributions after a failure differ from a clean run")
	}
}
