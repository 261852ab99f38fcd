package serve

import (
	"context"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// testEntity is an entity of the hand-made test graph.
type testEntity struct {
	name, typ string
	aliases   []string
}

var testEntities = map[string]testEntity{
	"kerry":  {"John Kerry", "PERSON", []string{"Kerry", "Secretary Kerry"}},
	"lavrov": {"Sergey Lavrov", "PERSON", []string{"Lavrov"}},
	"putin":  {"Vladimir Putin", "PERSON", []string{"Putin"}},
	"us":     {"United States", "GPE", []string{"US", "U.S."}},
	"russia": {"Russia", "GPE", nil},
	"aleppo": {"Aleppo", "GPE", nil},
	"rus":    {"Russian", "NORP", nil},
	"geneva": {"Geneva", "GPE", nil},
}

func tid(key string) string {
	e := testEntities[key]
	return graph.EntityID(e.name, e.typ)
}

// testEdge is an edge of a test document: kind, ends, the predicate of an
// interaction, and the evidence sentence.
type testEdge struct {
	kind     graph.EdgeKind
	a, b     string
	pred     string
	sentence string
}

// testDoc builds the contribution of one document.
func testDoc(id, date, title string, edges ...testEdge) graph.Contribution {
	c := graph.Contribution{Doc: graph.Document{ID: id, Source: id + ".txt", Title: title, Date: date, Bytes: 1000, Sentences: len(edges)}}
	seen := map[string]bool{}
	add := func(key string) {
		if seen[key] {
			return
		}
		seen[key] = true
		te := testEntities[key]
		aliases := map[string]int{te.name: 1}
		for _, a := range te.aliases {
			aliases[a] = 1
		}
		c.Entities = append(c.Entities, graph.Entity{ID: tid(key), Name: te.name, Type: te.typ, Aliases: aliases,
			Mentions: len(aliases), Documents: 1, FirstSeen: date, LastSeen: date})
		c.Mentions = append(c.Mentions, graph.Mention{Entity: tid(key), Start: 0, End: len(te.name), Text: te.name})
	}
	for i, e := range edges {
		add(e.a)
		add(e.b)
		ed := graph.Edge{Kind: e.kind, Source: tid(e.a), Target: tid(e.b), Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
			Evidence: []graph.Evidence{{Doc: id, Start: i * 100, End: i*100 + len(e.sentence), Date: date, Text: e.sentence, Predicate: e.pred}}}
		if e.pred != "" {
			ed.Predicates = map[string]int{e.pred: 1}
		}
		c.Edges = append(c.Edges, ed)
	}
	c.Doc.Mentions = len(c.Mentions)
	return c
}

// testStore returns an in-memory store holding four documents about
// Kerry, Lavrov and Syria, and Geneva alone in a fifth.
func testStore(t testing.TB) *graph.Store {
	t.Helper()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s1 := "Secretary Kerry met Sergey Lavrov and Vladimir Putin in Moscow."
	s2 := "Kerry told Lavrov in a phone call that the US would halt talks on Aleppo."
	s3 := "Kerry and Lavrov met in Hamburg but reached no agreement on Aleppo."
	docs := []graph.Contribution{
		testDoc("doc-1", "2016-03-22", "Kerry in Moscow",
			testEdge{graph.Cooccur, "kerry", "lavrov", "", s1},
			testEdge{graph.Interaction, "kerry", "lavrov", "met", s1},
			testEdge{graph.Cooccur, "kerry", "putin", "", s1},
			testEdge{graph.Interaction, "kerry", "putin", "met", s1},
			testEdge{graph.Cooccur, "lavrov", "putin", "", s1},
			testEdge{graph.Context, "kerry", "us", "", "Context: John Kerry, United States"},
			testEdge{graph.Cooccur, "putin", "russia", "", "Putin spoke for Russia."}),
		testDoc("doc-2", "2016-09-28", "US threatens to halt talks",
			testEdge{graph.Cooccur, "kerry", "lavrov", "", s2},
			testEdge{graph.Interaction, "kerry", "lavrov", "phone call", s2},
			testEdge{graph.Cooccur, "kerry", "us", "", s2},
			testEdge{graph.Cooccur, "us", "aleppo", "", s2},
			testEdge{graph.Cooccur, "kerry", "rus", "", "Kerry blamed the Russian strikes."}),
		testDoc("doc-3", "2016-12-09", "Talks on Aleppo",
			testEdge{graph.Cooccur, "kerry", "lavrov", "", s3},
			testEdge{graph.Cooccur, "lavrov", "aleppo", "", s3},
			testEdge{graph.Cooccur, "russia", "aleppo", "", "Russia bombed Aleppo."}),
		testDoc("doc-4", "", "Undated",
			testEdge{graph.Cooccur, "putin", "russia", "", "Putin rules Russia."}),
	}
	geneva := testDoc("doc-5", "2016-01-01", "Geneva")
	geneva.Entities = append(geneva.Entities, graph.Entity{ID: tid("geneva"), Name: "Geneva", Type: "GPE", Aliases: map[string]int{"Geneva": 1},
		Mentions: 1, Documents: 1, FirstSeen: "2016-01-01", LastSeen: "2016-01-01"})
	geneva.Mentions = append(geneva.Mentions, graph.Mention{Entity: tid("geneva"), End: 6, Text: "Geneva"})
	docs = append(docs, geneva)
	if _, err := st.Apply(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return st
}

// testServer returns a Server over testStore.
func testServer(t testing.TB, opt Options) *Server {
	t.Helper()
	srv, err := New(context.Background(), testStore(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}
