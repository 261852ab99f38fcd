package export

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// TestStoreRoundTrip exports what the real store selects: contributions
// with hostile names go into an in-memory graph.Store, graph.Analyze
// selects them with metrics, Memory hands the Subgraph to every writer, and
// each output is parsed back.
func TestStoreRoundTrip(t *testing.T) {
	ctx := t.Context()
	st := testStore(t)
	sg, err := graph.Analyze(ctx, st, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sg.Nodes) < 10 || len(sg.Links) < 10 {
		t.Fatalf("selected %d nodes, %d links; want at least 10 each", len(sg.Nodes), len(sg.Links))
	}
	g := Memory(sg.Nodes, sg.Links, sg.Edges())
	want := map[string]string{}
	for _, n := range sg.Nodes {
		want[n.ID] = CleanText(n.Name)
	}
	for name, w := range writers(t) {
		outs := render(t, w, g)
		p, count, err := readBack(name, outs)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		wantEdges := len(sg.Links)
		switch count {
		case "kinds":
			wantEdges = len(sg.Edges())
		case "kinds2":
			wantEdges = 2 * len(sg.Edges())
		}
		if p.edges != wantEdges {
			t.Errorf("%s: %d edges, want %d", name, p.edges, wantEdges)
		}
		for id, label := range want {
			if name == "dot" {
				label = replaceTabs(label)
			}
			if got, ok := p.labels[id]; !ok || got != label {
				t.Errorf("%s: node %s: %q, want %q", name, id, got, label)
			}
		}
	}
}

// TestStream: streaming the whole store gives exactly what exporting its
// selection gives, when every entity is linked and of a default type.
func TestStream(t *testing.T) {
	st := testStore(t)
	sg, err := graph.Select(t.Context(), st, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Formats {
		w, _ := ByName(name)
		a := render(t, w, Memory(sg.Nodes, sg.Links, sg.Edges()))
		b := render(t, w, Stream(st, nil))
		c := render(t, w, Stream(st, []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}))
		for i := range a {
			if !bytes.Equal(a[i], b[i]) || !bytes.Equal(a[i], c[i]) {
				t.Errorf("%s: output %d of Stream differs from Memory(Select)", name, i)
			}
		}
	}
	// A type filter drops the other nodes and their links.
	g := Stream(st, []string{"PERSON"})
	p, _, err := readBack("json", render(t, JSON{}, g))
	if err != nil {
		t.Fatal(err)
	}
	persons := 0
	for _, n := range sg.Nodes {
		if n.Type == "PERSON" {
			persons++
		}
	}
	if len(p.labels) != persons || persons == 0 {
		t.Errorf("PERSON stream has %d nodes, want %d", len(p.labels), persons)
	}
}

// testStore is an in-memory store holding three documents whose entities
// have hostile names, all linked.
func testStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := t.Context()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	types := []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}
	var cs []graph.Contribution
	for d := 0; d < 3; d++ {
		c := graph.Contribution{Doc: graph.Document{ID: fmt.Sprintf("doc%d", d), Source: "test", Date: fmt.Sprintf("2016-12-1%d", d)}}
		var ents []graph.Entity
		for i, name := range hostileNames[d*4 : d*4+6] {
			typ := types[(i+d)%len(types)]
			e := graph.Entity{ID: graph.EntityID(name, typ), Name: name, Type: typ, Aliases: map[string]int{name: 2},
				Mentions: 2, Documents: 1, FirstSeen: c.Doc.Date, LastSeen: c.Doc.Date}
			ents = append(ents, e)
		}
		c.Entities = ents
		for i := 0; i+1 < len(ents); i++ {
			kind := graph.EdgeKinds[i%len(graph.EdgeKinds)]
			ed := graph.Edge{Kind: kind, Source: ents[i].ID, Target: ents[i+1].ID, Weight: i + 1, Documents: 1,
				FirstSeen: c.Doc.Date, LastSeen: c.Doc.Date,
				Evidence: []graph.Evidence{{Doc: c.Doc.ID, Start: 0, End: 1, Text: "x"}}}
			if kind == graph.Interaction {
				ed.Predicates = map[string]int{"met": 1}
			}
			c.Edges = append(c.Edges, ed, graph.Edge{Kind: graph.Cooccur, Source: ents[0].ID, Target: ents[i+1].ID, Weight: 1, Documents: 1})
		}
		cs = append(cs, c)
	}
	if _, err := st.Apply(ctx, cs); err != nil {
		t.Fatal(err)
	}
	return st
}

func replaceTabs(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// BenchmarkStoreExport exports a store of 100,006 entities and about one
// million edges (each entity linked to the next ten, one kind per pair,
// no evidence) in graphml and nquads: streamed straight from the store
// (Stream), through graph.Stream (the export command's way: Select's
// selection, read as it is written) and through graph.Select (Memory). Building the store is not
// timed. Metrics: links/s.
func BenchmarkStoreExport(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store with a million edges")
	}
	ctx := b.Context()
	st, err := graph.Open(graph.DefaultOptions(b.TempDir()))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	syn := newSynthetic(100_006, 10)
	ents := make([]graph.Entity, len(syn.ids))
	for i := range ents {
		name := fmt.Sprintf("Entity %d", i)
		typ := benchTypes[i%len(benchTypes)]
		ents[i] = graph.Entity{ID: graph.EntityID(name, typ), Name: name, Type: typ, Mentions: 1, Documents: 1,
			FirstSeen: "2016-12-01", LastSeen: "2016-12-01"}
	}
	links := 0
	var batch []graph.Contribution
	for lo := 0; lo < len(ents); lo += 500 {
		c := graph.Contribution{Doc: graph.Document{ID: fmt.Sprintf("doc%06d", lo), Source: "bench", Date: "2016-12-01"}}
		seen := map[int]bool{}
		for i := lo; i < lo+500 && i < len(ents); i++ {
			for j := i + 1; j <= i+10 && j < len(ents); j++ {
				for _, x := range []int{i, j} {
					if !seen[x] {
						seen[x] = true
						c.Entities = append(c.Entities, ents[x])
					}
				}
				c.Edges = append(c.Edges, graph.Edge{Kind: graph.EdgeKinds[(i+j)%3], Source: ents[i].ID, Target: ents[j].ID,
					Weight: 1 + (i+j)%4, Documents: 1, FirstSeen: "2016-12-01", LastSeen: "2016-12-01"})
				links++
			}
		}
		batch = append(batch, c)
		if len(batch) == 20 {
			if _, err := st.Apply(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if _, err := st.Apply(ctx, batch); err != nil {
		b.Fatal(err)
	}
	all := []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "MISC"}
	for _, name := range []string{"graphml", "nquads"} {
		w, _ := ByName(name)
		outs := make([]io.Writer, len(w.Files()))
		for i := range outs {
			outs[i] = io.Discard
		}
		b.Run(name+"/stream", func(b *testing.B) {
			for b.Loop() {
				if err := w.Write(ctx, Stream(st, nil), outs...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(links)*float64(b.N)/b.Elapsed().Seconds(), "links/s")
		})
		b.Run(name+"/graph.Stream", func(b *testing.B) {
			// What graphbuild export runs for a whole-graph selection.
			for b.Loop() {
				g, ok, err := graph.Stream(ctx, st, graph.Filter{Types: all}, false)
				if err != nil || !ok {
					b.Fatalf("graph.Stream: %v, %v", ok, err)
				}
				if err := w.Write(ctx, g, outs...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(links)*float64(b.N)/b.Elapsed().Seconds(), "links/s")
		})
		b.Run(name+"/select", func(b *testing.B) {
			for b.Loop() {
				sg, err := graph.Select(ctx, st, graph.Filter{Types: all})
				if err != nil {
					b.Fatal(err)
				}
				if len(sg.Links) != links {
					b.Fatalf("selected %d links, want %d", len(sg.Links), links)
				}
				if err := w.Write(ctx, Memory(sg.Nodes, sg.Links, sg.Edges()), outs...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(links)*float64(b.N)/b.Elapsed().Seconds(), "links/s")
		})
	}
}

// A streamed selection made WithEvidence carries the evidence each link
// shows, read in its one pass over the edges; the export is the one point
// reads of the edges give.
func TestStreamEvidence(t *testing.T) {
	ctx := t.Context()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc := graph.Document{ID: "d1", Title: "Talks in Geneva", Source: "test", Date: "2016-09-09"}
	ents := []graph.Entity{}
	for _, n := range []string{"John Kerry", "Sergey Lavrov", "Staffan de Mistura", "Geneva"} {
		typ := "PERSON"
		if n == "Geneva" {
			typ = "GPE"
		}
		ents = append(ents, graph.Entity{ID: graph.EntityID(n, typ), Name: n, Type: typ, Aliases: map[string]int{n: 1}, Mentions: 1, Documents: 1,
			FirstSeen: doc.Date, LastSeen: doc.Date})
	}
	ev := func(text string) []graph.Evidence {
		return []graph.Evidence{{Doc: "d1", Start: 0, End: len(text), Text: text, Date: doc.Date}}
	}
	edge := func(k graph.EdgeKind, a, b int, text string) graph.Edge {
		return graph.Edge{Kind: k, Source: ents[a].ID, Target: ents[b].ID, Weight: 1, Documents: 1, FirstSeen: doc.Date, LastSeen: doc.Date, Evidence: ev(text)}
	}
	c := graph.Contribution{Doc: doc, Entities: ents, Edges: []graph.Edge{
		edge(graph.Cooccur, 0, 1, "Kerry and Lavrov were in Geneva."),
		edge(graph.Interaction, 0, 1, "Kerry met Lavrov in Geneva."),
		edge(graph.Cooccur, 1, 2, "Lavrov and de Mistura spoke."),
		edge(graph.Context, 2, 3, "De Mistura, Geneva."),
		edge(graph.Cooccur, 0, 3, ""),
	}}
	c.Edges[4].Evidence = nil
	if _, err := st.Apply(ctx, []graph.Contribution{c}); err != nil {
		t.Fatal(err)
	}
	sg, err := graph.Select(ctx, st, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"graphml", "gexf", "json"} {
		w, _ := ByName(name)
		want := render(t, w, WithEvidence(Memory(sg.Nodes, sg.Links, sg.Edges()), st))
		s, ok, err := graph.Stream(ctx, st, graph.Filter{}, false)
		if err != nil || !ok {
			t.Fatalf("Stream: %v %v", ok, err)
		}
		// No point read of an edge: the evidence came with the links.
		got := render(t, w, WithEvidence(s.WithEvidence(), noEdgeReads{st}))
		if !bytes.Equal(want[0], got[0]) {
			t.Errorf("%s: streamed evidence differs from the edges' evidence:\n%s\nwant\n%s", name, got[0], want[0])
		}
		if !bytes.Contains(got[0], []byte("Kerry met Lavrov in Geneva.")) || bytes.Contains(got[0], []byte("Kerry and Lavrov were")) {
			t.Errorf("%s: the Kerry–Lavrov link does not show its interaction's evidence:\n%s", name, got[0])
		}
		if !bytes.Contains(got[0], []byte("Talks in Geneva")) {
			t.Errorf("%s: no document title:\n%s", name, got[0])
		}
	}
}

// noEdgeReads is an EdgeReader whose edge reads fail.
type noEdgeReads struct{ *graph.Store }

func (noEdgeReads) Edge(a, b string, k graph.EdgeKind) (graph.Edge, error) {
	return graph.Edge{}, fmt.Errorf("point read of edge %s-%s %s", a, b, k)
}
