package export

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares every format's output on the sample graph with the
// files in testdata/golden (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	for _, name := range Formats {
		t.Run(name, func(t *testing.T) {
			w, _ := New(name, Options{Metrics: true, ColorBy: "community"})
			outs := render(t, w, sample())
			if s, ok := w.(SchemaWriter); ok {
				var b bytes.Buffer
				if err := s.WriteSchema(&b); err != nil {
					t.Fatal(err)
				}
				outs = append(outs, b.Bytes())
			}
			files := w.Files()
			if s, ok := w.(SchemaWriter); ok {
				files = append(files, s.SchemaFile())
			}
			for i, f := range files {
				path := filepath.Join("testdata", "golden", name, f)
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, outs[i], 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if !bytes.Equal(outs[i], want) {
					t.Errorf("%s differs from %s (run go test -update and review the diff)", f, path)
				}
			}
		})
	}
}

// TestDeterministic writes each format twice from differently ordered
// inputs and demands identical bytes.
func TestDeterministic(t *testing.T) {
	for name, w := range writers(t) {
		t.Run(name, func(t *testing.T) {
			a := render(t, w, sample())
			s := sample()
			// Reverse the input slices; Slices sorts them again.
			for i, j := 0, len(s.NodeList)-1; i < j; i, j = i+1, j-1 {
				s.NodeList[i], s.NodeList[j] = s.NodeList[j], s.NodeList[i]
			}
			for i, j := 0, len(s.LinkList)-1; i < j; i, j = i+1, j-1 {
				s.LinkList[i], s.LinkList[j] = s.LinkList[j], s.LinkList[i]
			}
			b := render(t, w, s)
			for i := range a {
				if !bytes.Equal(a[i], b[i]) {
					t.Errorf("output %d differs between runs", i)
				}
			}
		})
	}
}

// TestReadBack parses every format's output on the sample graph and checks
// that each node comes back under its cleaned name and every link is there.
func TestReadBack(t *testing.T) {
	g := sample()
	want := map[string]string{}
	for _, n := range g.NodeList {
		want[n.ID] = CleanText(n.Name)
	}
	links := len(g.LinkList)
	edges := 0 // per-kind edges, written both ways in nquads
	for _, l := range g.LinkList {
		edges += len(l.Kinds)
	}
	for name, w := range writers(t) {
		t.Run(name, func(t *testing.T) {
			outs := render(t, w, g)
			p, wantEdges, err := readBack(name, outs)
			if err != nil {
				t.Fatal(err)
			}
			switch wantEdges {
			case "links":
				if p.edges != links {
					t.Errorf("%d edges, want %d links", p.edges, links)
				}
			case "kinds":
				if p.edges != edges {
					t.Errorf("%d edges, want %d per-kind edges", p.edges, edges)
				}
			case "kinds2":
				if p.edges != 2*edges {
					t.Errorf("%d edges, want %d per-kind edges both ways", p.edges, 2*edges)
				}
			}
			if len(p.labels) != len(want) {
				t.Errorf("%d nodes, want %d", len(p.labels), len(want))
			}
			for id, label := range want {
				if name == "dot" {
					label = strings.ReplaceAll(label, "\t", " ")
				}
				if got, ok := p.labels[id]; !ok {
					t.Errorf("node %s missing", id)
				} else if got != label {
					t.Errorf("node %s: label %q, want %q", id, got, label)
				}
			}
		})
	}
}

// readBack parses the outputs of a format and says how edges are counted.
func readBack(format string, outs [][]byte) (parsed, string, error) {
	switch format {
	case "graphml":
		p, err := readXML(outs[0], false)
		return p, "links", err
	case "gexf":
		p, err := readXML(outs[0], true)
		return p, "links", err
	case "dot":
		p, err := readDOT(outs[0])
		return p, "links", err
	case "json":
		p, err := readJSON(outs[0])
		return p, "links", err
	case "csv", "neo4j":
		p, _, err := readCSV(outs[0], 0, 1)
		if err != nil {
			return p, "", err
		}
		e, _, err := readCSV(outs[1], 0, -1)
		p.edges = e.edges
		if format == "csv" {
			for id, l := range p.labels { // the apostrophe a spreadsheet hides
				if len(l) > 1 && l[0] == '\'' && strings.IndexByte("=+-@\t", l[1]) >= 0 {
					p.labels[id] = l[1:]
				}
			}
			return p, "links", err
		}
		return p, "kinds", err
	case "nquads":
		p, err := readNQuads(outs[0])
		return p, "kinds2", err
	}
	return parsed{}, "", errors.New("unknown format " + format)
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"John Kerry", "John Kerry"},
		{"", ""},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"cr\r\nlf", "cr\nlf"},
		{"lone\rcr", "lone\ncr"},
		{"nul\x00bel\x07", "nul\uFFFDbel\uFFFD"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"cut \xe2\x82", "cut \uFFFD\uFFFD"},
		{"non\uFFFEchar\uFFFF", "non\uFFFDchar\uFFFD"},
		{"emoji 🚀 عربى", "emoji 🚀 عربى"},
		{`"quotes" & <tags> \ {}`, `"quotes" & <tags> \ {}`},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapers(t *testing.T) {
	tests := []struct {
		name string
		f    func([]byte, string) []byte
		in   string
		want string
	}{
		{"xml", appendXML, `a<b>&"c"'` + "\t\n", "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#x9;&#xA;"},
		{"xml text", appendXMLText, `a<b>&"c"'` + "\t\n]]>", "a&lt;b&gt;&amp;\"c\"'\t\n]]&gt;"},
		{"json and nquads", appendQuoted, "a\"b\\c\nd\te", `"a\"b\\c\nd\te"`},
		{"json and nquads, carriage return", appendQuoted, "a\r\nb\rc", `"a\nb\nc"`},
		{"dot label", func(b []byte, s string) []byte { return appendDOT(b, s, true) }, "a\"b\\c\nd&e\tf", `"a\"b\\c\nd&amp;e f"`},
		{"dot id", func(b []byte, s string) []byte { return appendDOT(b, s, false) }, `a&"b\`, `"a&\"b\\"`},
		{"csv plain", appendCSV, "plain text", "plain text"},
		{"csv comma", appendCSV, "a,b", `"a,b"`},
		{"csv quote", appendCSV, `say "hi"`, `"say ""hi"""`},
		{"csv newline", appendCSV, "a\nb", "\"a\nb\""},
		{"csv spaces", appendCSV, " pad ", `" pad "`},
	}
	for _, tt := range tests {
		if got := string(tt.f(nil, tt.in)); got != tt.want {
			t.Errorf("%s(%q) = %s, want %s", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestByName(t *testing.T) {
	for _, name := range Formats {
		w, err := ByName(name)
		if err != nil {
			t.Fatalf("ByName(%q): %v", name, err)
		}
		if len(w.Files()) == 0 {
			t.Errorf("%s: no files", name)
		}
	}
	if _, err := ByName("svg"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ByName(svg) = %v, want ErrUnknownFormat", err)
	}
	for _, o := range []Options{{ColorBy: "rainbow"}, {SizeBy: "mass"}} {
		if _, err := New("gexf", o); !errors.Is(err, ErrOption) {
			t.Errorf("New(gexf, %+v) = %v, want ErrOption", o, err)
		}
	}
	if _, err := New("gexf", Options{ColorBy: "community", SizeBy: "pagerank"}); err != nil {
		t.Errorf("valid options rejected: %v", err)
	}
}

// badGraph yields what its fields say, unsorted if asked.
type badGraph struct {
	nodes []graph.Node
	links []graph.Link
}

func (g badGraph) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	for _, n := range g.nodes {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

func (g badGraph) Links(ctx context.Context, fn func(graph.Link) error) error {
	for _, l := range g.links {
		if err := fn(l); err != nil {
			return err
		}
	}
	return nil
}

func TestContractErrors(t *testing.T) {
	n := func(id string) graph.Node { return graph.Node{Entity: graph.Entity{ID: id, Name: id}} }
	l := func(s, t string) graph.Link { return graph.Link{Source: s, Target: t, Weight: 1} }
	tests := []struct {
		name string
		g    badGraph
		want error
	}{
		{"nodes out of order", badGraph{nodes: []graph.Node{n("b"), n("a")}}, ErrOrder},
		{"duplicate node", badGraph{nodes: []graph.Node{n("a"), n("a")}}, ErrOrder},
		{"empty id", badGraph{nodes: []graph.Node{n("")}}, ErrOrder},
		{"source > target", badGraph{nodes: []graph.Node{n("a"), n("b")}, links: []graph.Link{l("b", "a")}}, ErrOrder},
		{"links out of order", badGraph{nodes: []graph.Node{n("a"), n("b"), n("c")}, links: []graph.Link{l("b", "c"), l("a", "b")}}, ErrOrder},
		{"duplicate link", badGraph{nodes: []graph.Node{n("a"), n("b")}, links: []graph.Link{l("a", "b"), l("a", "b")}}, ErrOrder},
		{"unknown node", badGraph{nodes: []graph.Node{n("a")}, links: []graph.Link{l("a", "z")}}, ErrUnknownNode},
	}
	for name, w := range writers(t) {
		for _, tt := range tests {
			outs := make([]io.Writer, len(w.Files()))
			for i := range outs {
				outs[i] = io.Discard
			}
			err := w.Write(context.Background(), tt.g, outs...)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s, %s: err = %v, want %v", name, tt.name, err, tt.want)
			} else if !strings.Contains(err.Error(), name) {
				t.Errorf("%s, %s: error %q does not name the format", name, tt.name, err)
			}
		}
		if err := w.Write(context.Background(), sample()); !errors.Is(err, ErrOutputs) {
			t.Errorf("%s with no outputs: err = %v, want ErrOutputs", name, err)
		}
	}
}

type failWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errDiskFull
	}
	f.n--
	return len(p), nil
}

// TestWriteErrors: a failing output stops the export with its error.
func TestWriteErrors(t *testing.T) {
	for name, w := range writers(t) {
		outs := make([]io.Writer, len(w.Files()))
		for i := range outs {
			outs[i] = &failWriter{}
		}
		if err := w.Write(context.Background(), sample(), outs...); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: err = %v, want disk full", name, err)
		}
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, w := range writers(t) {
		outs := make([]io.Writer, len(w.Files()))
		for i := range outs {
			outs[i] = io.Discard
		}
		s := sample()
		for _, g := range []Graph{s, Memory(s.NodeList, s.LinkList, nil)} {
			if err := w.Write(ctx, g, outs...); !errors.Is(err, context.Canceled) {
				t.Errorf("%s: err = %v, want context.Canceled", name, err)
			}
		}
	}
	// Cancelled while streaming a large graph.
	ctx, cancel = context.WithCancel(context.Background())
	n := 0
	cw := writerFunc(func(p []byte) (int, error) {
		if n++; n == 3 {
			cancel()
		}
		return len(p), nil
	})
	if err := (GraphML{}).Write(ctx, newSynthetic(20000, 5), cw); !errors.Is(err, context.Canceled) {
		t.Errorf("cancel mid-stream: err = %v, want context.Canceled", err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestSplitOneKind: a one-kind link without Counts keeps its weight.
func TestSplitOneKind(t *testing.T) {
	a := graph.Node{Entity: graph.Entity{ID: "a", Name: "A"}}
	b := graph.Node{Entity: graph.Entity{ID: "b", Name: "B"}}
	g := Memory([]graph.Node{a, b}, []graph.Link{{Source: "a", Target: "b", Weight: 7, Kinds: []graph.EdgeKind{graph.Context}}}, nil)
	outs := render(t, Neo4j{}, g)
	if got := string(outs[1]); !strings.Contains(got, "a,b,CONTEXT,7,") {
		t.Errorf("relationships:\n%s", got)
	}
}

func TestWriteDir(t *testing.T) {
	for _, name := range []string{"csv", "neo4j", "nquads", "graphml"} {
		w, _ := ByName(name)
		dir := filepath.Join(t.TempDir(), "out")
		paths, err := WriteDir(context.Background(), w, dir, sample())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := len(w.Files())
		if _, ok := w.(SchemaWriter); ok {
			want++
		}
		if len(paths) != want {
			t.Errorf("%s: wrote %v, want %d files", name, paths, want)
		}
		for _, p := range paths {
			if st, err := os.Stat(p); err != nil || st.Size() == 0 {
				t.Errorf("%s: %s empty or missing: %v", name, p, err)
			}
		}
	}
	// A failing export leaves no partial files behind.
	w, _ := ByName("csv")
	dir := t.TempDir()
	if _, err := WriteDir(context.Background(), w, dir, badGraph{nodes: []graph.Node{{Entity: graph.Entity{ID: "a"}}}, links: []graph.Link{{Source: "a", Target: "b"}}}); err == nil {
		t.Fatal("WriteDir of a bad graph succeeded")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("partial files left: %v", ents)
	}
}

// TestSplitLinks: without an EdgeSource, neo4j and nquads split each link
// into one relationship per kind with the kind's weight.
func TestSplitLinks(t *testing.T) {
	w := Neo4j{}
	outs := render(t, w, sample())
	_, rows, err := readCSV(outs[1], 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	g := sample()
	byPair := map[string]graph.Link{}
	for _, l := range g.LinkList {
		byPair[l.Source+" "+l.Target] = l
	}
	seen := 0
	for _, r := range rows[1:] {
		l, ok := byPair[r[0]+" "+r[1]]
		if !ok {
			t.Fatalf("relationship %v of no link", r)
		}
		k := graph.EdgeKind(strings.ToLower(r[2]))
		if want := l.Counts[k]; r[3] != itoa(want) {
			t.Errorf("%v: weight %s, want %d", r, r[3], want)
		}
		seen++
	}
	want := 0
	for _, l := range g.LinkList {
		want += len(l.Kinds)
	}
	if seen != want {
		t.Errorf("%d relationships, want %d", seen, want)
	}
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	c := intCol("x", func(*int) int { return i })
	return c.num(b, &i)
}

// TestEdgeSource: with an EdgeSource the per-kind edges are written as
// given, including their own dates and document counts.
func TestEdgeSource(t *testing.T) {
	g := sample()
	kerry, lavrov := g.NodeList[0], g.NodeList[1]
	s, tg := kerry.ID, lavrov.ID
	if s > tg {
		s, tg = tg, s
	}
	nodes := []graph.Node{kerry, lavrov}
	if nodes[0].ID > nodes[1].ID {
		nodes[0], nodes[1] = nodes[1], nodes[0]
	}
	links := []graph.Link{g.LinkList[0]}
	edges := []graph.Edge{
		{Kind: graph.Cooccur, Source: s, Target: tg, Weight: 5, Documents: 4, FirstSeen: "2016-12-09", LastSeen: "2016-12-18"},
		{Kind: graph.Interaction, Source: s, Target: tg, Weight: 3, Documents: 2, FirstSeen: "2016-12-11", LastSeen: "2016-12-12", Predicates: map[string]int{"met": 3}},
	}
	if _, ok := Memory(nodes, links, nil).(EdgeSource); ok {
		t.Error("Memory without edges is an EdgeSource")
	}
	outs := render(t, NQuads{}, Memory(nodes, links, edges))
	got := string(outs[0])
	for _, want := range []string{
		"<cooccur> _:e" + tg + " (weight=5, documents=4, first_seen=2016-12-09, last_seen=2016-12-18) .",
		"<interaction> _:e" + tg + ` (weight=3, documents=2, first_seen=2016-12-11, last_seen=2016-12-12, predicates="met=3") .`,
		"_:e" + tg + " <interaction> _:e" + s + " (weight=3",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<context>") {
		t.Error("context edge invented")
	}
	// Edges out of kind order, of unknown pairs or out of pair order are
	// rejected.
	for name, bad := range map[string][]graph.Edge{
		"kind order": {edges[1], edges[0]},
		"duplicate":  {edges[0], edges[0]},
		"unknown":    {{Kind: graph.Cooccur, Source: s, Target: "zzzz"}},
		"reversed":   {{Kind: graph.Cooccur, Source: tg, Target: s}},
	} {
		for _, w := range []Writer{NQuads{}, Neo4j{}} {
			outs := make([]io.Writer, len(w.Files()))
			for i := range outs {
				outs[i] = io.Discard
			}
			err := w.Write(context.Background(), Memory(nodes, links, bad), outs...)
			if !errors.Is(err, ErrOrder) && !errors.Is(err, ErrUnknownNode) {
				t.Errorf("%T, %s: err = %v, want ErrOrder or ErrUnknownNode", w, name, err)
			}
		}
	}
}

// TestGEXFStatic: without any date the graph is static and has no spells.
func TestGEXFStatic(t *testing.T) {
	g := sample()
	for i := range g.NodeList {
		g.NodeList[i].FirstSeen, g.NodeList[i].LastSeen = "", ""
	}
	out := string(render(t, GEXF{}, g)[0])
	if !strings.Contains(out, `mode="static"`) || strings.Contains(out, "<spell") || strings.Contains(out, "timeformat") {
		t.Errorf("undated graph not static:\n%.600s", out)
	}
	out = string(render(t, GEXF{}, sample())[0])
	if !strings.Contains(out, `mode="dynamic" timeformat="date"`) || !strings.Contains(out, `<spell start="2016-12-09" end="2016-12-20"/>`) {
		t.Errorf("dated graph has no timeline:\n%.600s", out)
	}
	if strings.Contains(out, "bad-date\"/>") && strings.Contains(out, `end="bad-date"`) {
		t.Error("invalid date in a spell")
	}
}

// TestOptions: metrics columns only with Options.Metrics; MaxAliases < 0
// drops aliases.
func TestOptions(t *testing.T) {
	plain := string(render(t, GraphML{}, sample())[0])
	if strings.Contains(plain, "pagerank") {
		t.Error("pagerank written without Options.Metrics")
	}
	if !strings.Contains(plain, `<data key="n_aliases">Kerry; Secretary of State John Kerry</data>`) ||
		!strings.Contains(plain, `<data key="n_aliases">U.S.; US</data>`) {
		t.Error("aliases missing or misordered")
	}
	full := string(render(t, GraphML{Options{Metrics: true, MaxAliases: -1}}, sample())[0])
	if !strings.Contains(full, `attr.name="pagerank" attr.type="double"`) || strings.Contains(full, "aliases") {
		t.Error("Metrics/MaxAliases not honoured")
	}
}

// TestGEXFVersion: 1.2 writes the 1.2draft namespaces networkx < 3.6
// reads, with the same body as 1.3; other versions are ErrOption.
func TestGEXFVersion(t *testing.T) {
	v13 := string(render(t, GEXF{}, sample())[0])
	v12 := string(render(t, GEXF{Options{GEXFVersion: "1.2"}}, sample())[0])
	if !strings.Contains(v12, `<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">`) {
		t.Errorf("1.2 header:\n%.300s", v12)
	}
	if !strings.Contains(v13, `<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">`) {
		t.Errorf("1.3 header:\n%.300s", v13)
	}
	body := func(s string) string { return s[strings.Index(s, "<meta>"):] }
	if body(v12) != body(v13) {
		t.Error("1.2 and 1.3 differ beyond the header")
	}
	if _, err := New("gexf", Options{GEXFVersion: "1.4"}); !errors.Is(err, ErrOption) {
		t.Errorf("GEXFVersion 1.4: %v, want ErrOption", err)
	}
}

// TestStyling: one palette (TypeColor, KindColor) in DOT, GEXF and
// GraphML; sizes by the size value; DOT's legend only when asked.
func TestStyling(t *testing.T) {
	g := sample()
	dot := string(render(t, DOT{Options{Legend: true}}, g)[0])
	person := TypeColor("PERSON")
	for _, want := range []string{
		`color="` + person + `"`, `"legend:PERSON" [label="PERSON"`, `"legend:interaction:a" -- "legend:interaction:b" [color="` + KindColor(graph.Interaction) + `"]`,
		"splines=true", "fontsize=24.0",
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("dot lacks %q", want)
		}
	}
	if plain := string(render(t, DOT{}, g)[0]); strings.Contains(plain, "legend") {
		t.Error("legend without Options.Legend")
	}
	r, gg, b := rgb(KindColor(graph.Interaction))
	gexf := string(render(t, GEXF{}, g)[0])
	if !strings.Contains(gexf, fmt.Sprintf(`</spells><viz:color r="%d" g="%d" b="%d"/></edge>`, r, gg, b)) &&
		!strings.Contains(gexf, fmt.Sprintf(`</attvalues><viz:color r="%d" g="%d" b="%d"/></edge>`, r, gg, b)) {
		t.Error("gexf edges not coloured by kind")
	}
	graphml := string(render(t, GraphML{}, g)[0])
	pr, pg, pb := rgb(person)
	for _, want := range []string{`attr.name="size" attr.type="double"`, `<data key="n_size">40.00</data>`,
		fmt.Sprintf(`<data key="n_r">%d</data><data key="n_g">%d</data><data key="n_b">%d</data>`, pr, pg, pb)} {
		if !strings.Contains(graphml, want) {
			t.Errorf("graphml lacks %q", want)
		}
	}
}

// TestCSVDefusesFormulas: text cells a spreadsheet would run as formulas
// get a leading apostrophe in the CSV tables; neo4j's are left alone.
func TestCSVDefusesFormulas(t *testing.T) {
	var nodes []graph.Node
	for _, name := range []string{"=1+1", "+cmd", "-2", "@SUM(A1)", "\tTab", "Safe - name", "'quoted"} {
		n := node(name, "PERSON", 1, "", "", map[string]int{"=HYPERLINK(x)": 1})
		nodes = append(nodes, n)
	}
	g := &Slices{NodeList: nodes}
	_, rows, err := readCSV(render(t, CSV{}, g)[0], 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		label, aliases := row[1], row[7]
		if c := strings.TrimLeft(label, "'"); strings.IndexByte("=+-@\t", c[0]) >= 0 && label[0] != '\'' {
			t.Errorf("csv label %q is a formula", label)
		}
		if label == "Safe - name" || label == "'quoted" {
			continue
		}
		if aliases != "'=HYPERLINK(x)" {
			t.Errorf("csv aliases %q, want the apostrophe", aliases)
		}
	}
	_, rows, err = readCSV(render(t, Neo4j{}, g)[0], 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if strings.HasPrefix(row[1], "'") && row[1] != "'quoted" {
			t.Errorf("neo4j name %q changed", row[1])
		}
	}
}

// withEvidence is a test graph that knows why its links exist.
type withEvidence struct{ *Slices }

func (withEvidence) LinkEvidence(_ context.Context, l *graph.Link) (string, string, error) {
	return "Kerry met Lavrov <in> Geneva.", "doc of " + l.Source, nil
}

// TestLinkEvidence: GraphML, GEXF and JSON carry a link's evidence
// sentence and document when the graph has them; other formats do not.
func TestLinkEvidence(t *testing.T) {
	g := withEvidence{sample()}
	for _, tc := range []struct {
		w    Writer
		want []string
	}{
		{GraphML{}, []string{`attr.name="evidence" attr.type="string"`, `<data key="e_evidence">Kerry met Lavrov &lt;in&gt; Geneva.</data>`, `<data key="e_evidence_doc">doc of `}},
		{GEXF{}, []string{`<attribute id="evidence" title="evidence" type="string"/>`, `<attvalue for="evidence" value="Kerry met Lavrov &lt;in&gt; Geneva."/>`}},
		{JSON{}, []string{`"evidence":"Kerry met Lavrov <in> Geneva.","evidence_doc":"doc of `}},
	} {
		out := string(render(t, tc.w, g)[0])
		for _, want := range tc.want {
			if !strings.Contains(out, want) {
				t.Errorf("%T lacks %q", tc.w, want)
			}
		}
	}
	if out := string(render(t, GraphML{}, sample())[0]); strings.Contains(out, "evidence") {
		t.Error("evidence columns without an EvidenceSource")
	}
}
