package query_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/query"
)

// periodStore holds Biden's interactions with Xi over three years (a
// meeting in 2023, a phone call and a meeting in 2024) and one
// co-occurrence with Kishida in 2022, and a document without him.
func periodStore(t *testing.T) *graph.Store {
	t.Helper()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ent := func(name, date string) graph.Entity {
		return graph.Entity{ID: graph.EntityID(name, "PERSON"), Name: name, Type: "PERSON", Mentions: 1, Documents: 1,
			FirstSeen: date, LastSeen: date, Aliases: map[string]int{name: 1}}
	}
	doc := func(id, date, a, b string, kind graph.EdgeKind, pred, text string) graph.Contribution {
		ea, eb := ent(a, date), ent(b, date)
		e := graph.Edge{Kind: kind, Source: ea.ID, Target: eb.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
			Evidence: []graph.Evidence{{Doc: id, End: len(text), Date: date, Text: text, Predicate: pred}}}
		if pred != "" {
			e.Predicates = map[string]int{pred: 1}
		}
		return graph.Contribution{Doc: graph.Document{ID: id, Date: date, Bytes: len(text), Sentences: 1},
			Entities: []graph.Entity{ea, eb}, Edges: []graph.Edge{e}}
	}
	cs := []graph.Contribution{
		doc("d1", "2023-11-15", "Joe Biden", "Xi Jinping", graph.Interaction, "met", "Biden met Xi in Woodside."),
		doc("d2", "2024-04-02", "Joe Biden", "Xi Jinping", graph.Interaction, "phone call", "Biden and Xi spoke by phone."),
		doc("d3", "2024-11-16", "Joe Biden", "Xi Jinping", graph.Interaction, "met", "Biden met Xi in Lima."),
		doc("d4", "2022-05-23", "Joe Biden", "Fumio Kishida", graph.Cooccur, "", "Biden and Kishida were in Tokyo."),
		doc("d5", "2022-06-01", "Xi Jinping", "Li Qiang", graph.Cooccur, "", "Xi and Li were in Beijing."),
	}
	if _, err := st.Apply(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestNeighborsPeriod(t *testing.T) {
	st := periodStore(t)
	biden := graph.EntityID("Joe Biden", "PERSON")
	all, err := query.Neighbors(context.Background(), st, biden, query.NeighborOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Neighbors) != 2 || all.Neighbors[0].Weight != 3 || all.Neighbors[0].FirstSeen != "2023-11-15" {
		t.Fatalf("all time: %+v", all.Neighbors)
	}
	for _, n := range all.Neighbors {
		if n.NPMI == 0 {
			t.Errorf("%s: NPMI not computed when ranking by weight", n.Entity.Name)
		}
	}
	for _, tc := range []struct {
		opt                  query.NeighborOptions
		weight, docs         int
		first, last, evident string
	}{
		{query.NeighborOptions{Kinds: []graph.EdgeKind{graph.Interaction}, Range: query.Range{Since: "2024-01-01"}}, 2, 2, "2024-04-02", "2024-11-16", "Lima"},
		{query.NeighborOptions{Range: query.Range{Until: "2023-12-31"}, Types: []string{"PERSON"}}, 1, 1, "2023-11-15", "2023-11-15", "Woodside"},
		{query.NeighborOptions{Predicates: []string{"phone call"}}, 1, 1, "2024-04-02", "2024-04-02", "by phone"},
		{query.NeighborOptions{Predicates: []string{"met"}, Range: query.Range{Since: "2024-01-01"}}, 1, 1, "2024-11-16", "2024-11-16", "Lima"},
	} {
		res, err := query.Neighbors(context.Background(), st, biden, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		var xi *query.Neighbor
		for i, n := range res.Neighbors {
			if n.Entity.Name == "Xi Jinping" {
				xi = &res.Neighbors[i]
			} else if n.Entity.Name == "Fumio Kishida" && (tc.opt.Range.Since != "" || len(tc.opt.Predicates) > 0) {
				t.Errorf("%+v: Kishida (2022, co-occurrence) kept", tc.opt)
			}
		}
		if xi == nil {
			t.Fatalf("%+v: no Xi in %+v", tc.opt, res.Neighbors)
		}
		if xi.Weight != tc.weight || xi.Documents != tc.docs || xi.FirstSeen != tc.first || xi.LastSeen != tc.last || xi.Partial ||
			xi.Evidence == nil || !strings.Contains(xi.Evidence.Text, tc.evident) {
			t.Errorf("%+v: got weight %d docs %d %s..%s partial %v evidence %+v", tc.opt, xi.Weight, xi.Documents, xi.FirstSeen, xi.LastSeen, xi.Partial, xi.Evidence)
		}
	}
	if _, err := query.Neighbors(context.Background(), st, biden, query.NeighborOptions{Predicates: []string{"phone"}}); err == nil {
		t.Error("an unknown predicate is accepted")
	}
}

func TestRelationsPeriod(t *testing.T) {
	st := periodStore(t)
	biden := graph.EntityID("Joe Biden", "PERSON")
	for _, tc := range []struct {
		opt          query.RelationOptions
		weight, docs int
		first, last  string
		preds        string
	}{
		{query.RelationOptions{}, 3, 3, "2023-11-15", "2024-11-16", "met phone call"},
		{query.RelationOptions{Predicates: []string{"phone call"}}, 1, 1, "2024-04-02", "2024-04-02", "phone call"},
		{query.RelationOptions{Range: query.Range{Since: "2024-06-01"}}, 1, 1, "2024-11-16", "2024-11-16", "met"},
		{query.RelationOptions{Range: query.Range{Until: "2024-06-01"}, Predicates: []string{"met"}}, 1, 1, "2023-11-15", "2023-11-15", "met"},
	} {
		res, err := query.Relations(context.Background(), st, biden, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Partners) != 1 {
			t.Fatalf("%+v: partners %+v", tc.opt, res.Partners)
		}
		p := res.Partners[0]
		var preds []string
		for _, k := range []string{"met", "phone call"} {
			if p.Predicates[k] > 0 {
				preds = append(preds, k)
			}
		}
		if p.Weight != tc.weight || p.Documents != tc.docs || p.FirstSeen != tc.first || p.LastSeen != tc.last || strings.Join(preds, " ") != tc.preds {
			t.Errorf("%+v: got %+v", tc.opt, p)
		}
		if len(res.Interactions) != tc.weight {
			t.Errorf("%+v: %d sentences, want %d", tc.opt, len(res.Interactions), tc.weight)
		}
		for _, in := range res.Interactions {
			if in.Date < tc.first || in.Date > tc.last {
				t.Errorf("%+v: sentence of %s outside %s..%s", tc.opt, in.Date, tc.first, tc.last)
			}
		}
	}
}

// A period that cuts a link whose store record keeps fewer sentences than
// its weight gives lower bounds, marked Partial.
func TestPartialPeriod(t *testing.T) {
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := graph.Entity{ID: graph.EntityID("A B", "PERSON"), Name: "A B", Type: "PERSON", Mentions: 3, Documents: 2, FirstSeen: "2020-01-01", LastSeen: "2021-01-01", Aliases: map[string]int{"A B": 1}}
	b := graph.Entity{ID: graph.EntityID("C D", "PERSON"), Name: "C D", Type: "PERSON", Mentions: 3, Documents: 2, FirstSeen: "2020-01-01", LastSeen: "2021-01-01", Aliases: map[string]int{"C D": 1}}
	e := graph.Edge{Kind: graph.Interaction, Source: a.ID, Target: b.ID, Weight: 3, Documents: 2, FirstSeen: "2020-01-01", LastSeen: "2021-01-01",
		Predicates: map[string]int{"met": 3}, Evidence: []graph.Evidence{{Doc: "x", End: 3, Date: "2021-01-01", Text: "met", Predicate: "met"}}}
	c := graph.Contribution{Doc: graph.Document{ID: "x", Date: "2021-01-01", Bytes: 3, Sentences: 1}, Entities: []graph.Entity{a, b}, Edges: []graph.Edge{e}}
	if _, err := st.Apply(context.Background(), []graph.Contribution{c}); err != nil {
		t.Fatal(err)
	}
	res, err := query.Relations(context.Background(), st, a.ID, query.RelationOptions{Range: query.Range{Since: "2020-06-01"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Partners) != 1 || !res.Partners[0].Partial || res.Partners[0].Weight != 1 {
		t.Fatalf("got %+v", res.Partners)
	}
	var sb strings.Builder
	if err := res.WriteText(&sb, query.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "1+") {
		t.Errorf("a lower bound is not marked:\n%s", sb.String())
	}
}

// A meeting reported in a Related entry is dated by the entry's own link
// (/news/2014/03/14/...), not by the page that lists it.
func TestRelatedEntryDates(t *testing.T) {
	st := fixtureStore(t, fixtures)
	kerry := lookup(t, st, "kerry")
	res, err := query.Relations(context.Background(), st, kerry.ID, query.RelationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, in := range res.Interactions {
		parts := strings.Split(in.Evidence.Doc, "/")
		if len(parts) < 6 || parts[1] != "news" {
			continue
		}
		d, err := time.Parse("2006/1/2", parts[2]+"/"+strings.TrimLeft(parts[3], "0")+"/"+strings.TrimLeft(parts[4], "0"))
		if err != nil {
			t.Fatalf("%s: %v", in.Evidence.Doc, err)
		}
		if want := d.Format("2006-01-02"); in.Date != want {
			t.Errorf("%s: dated %s, want the item's own %s", in.Evidence.Doc, in.Date, want)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d Current Events interactions checked", checked)
	}
}
