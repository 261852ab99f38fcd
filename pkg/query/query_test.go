package query_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/query"
	"github.com/graphbuild/graphbuild/pkg/relation"
	"github.com/graphbuild/graphbuild/pkg/source"
)

var (
	storesMu sync.Mutex
	stores   = map[string]*graph.Store{}
)

// fixtureStore builds (once per test binary) an in-memory store from
// paths with the real pipeline.
func fixtureStore(t testing.TB, paths ...string) *graph.Store {
	t.Helper()
	storesMu.Lock()
	defer storesMu.Unlock()
	key := strings.Join(paths, "\x00")
	if st := stores[key]; st != nil {
		return st
	}
	ex, err := ingest.DefaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	inputs, errs := source.Expand(paths, source.DefaultOptions())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	opt := ingest.BuildOptions{}
	opt.Source = source.DefaultOptions()
	opt.OnError = func(err error) { t.Errorf("build: %v", err) }
	if _, err := ingest.Build(context.Background(), inputs, ex, st, opt); err != nil {
		t.Fatal(err)
	}
	stores[key] = st
	return st
}

const (
	seedArticle = "../../fixtures/seeds/al-monitor-us-russia-syria-2016-09-28.txt"
	seedWCEP    = "../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md"
	fixtures    = "../../fixtures"
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, st := range stores {
		st.Close()
	}
	for _, st := range benchStores {
		st.Close()
	}
	if benchDir != "" && os.Getenv("QUERY_BENCH_DIR") == "" {
		os.RemoveAll(filepath.Dir(benchDir))
	}
	os.Exit(code)
}

func lookup(t *testing.T, st *graph.Store, name string) graph.Entity {
	t.Helper()
	ens, err := st.Lookup(name)
	if err != nil {
		t.Fatalf("lookup %q: %v", name, err)
	}
	return ens[0]
}

func TestNeighbors(t *testing.T) {
	st := fixtureStore(t, fixtures)
	ctx := context.Background()
	kerry := lookup(t, st, "kerry")
	if kerry.Name != "John Kerry" {
		t.Fatalf("kerry resolves to %q", kerry.Name)
	}
	res, err := query.Neighbors(ctx, st, kerry.ID, query.NeighborOptions{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Neighbors) == 0 || len(res.Neighbors) > 10 || res.Linked < len(res.Neighbors) {
		t.Fatalf("%d neighbours, %d linked", len(res.Neighbors), res.Linked)
	}
	var lavrov *query.Neighbor
	for i, n := range res.Neighbors {
		if i > 0 && n.Weight > res.Neighbors[i-1].Weight {
			t.Errorf("not ranked by weight: %s %d after %s %d", n.Entity.Name, n.Weight, res.Neighbors[i-1].Entity.Name, res.Neighbors[i-1].Weight)
		}
		if n.Evidence == nil || n.Evidence.Text == "" {
			t.Errorf("%s: no evidence", n.Entity.Name)
		}
		if !slices.Contains(graph.DefaultTypes, n.Entity.Type) {
			t.Errorf("%s has type %s, not a node type", n.Entity.Name, n.Entity.Type)
		}
		if n.Entity.Name == "Sergey Lavrov" {
			lavrov = &res.Neighbors[i]
		}
	}
	if lavrov == nil {
		t.Fatalf("Kerry's neighbours lack Sergey Lavrov: %v", names(res.Neighbors))
	}
	if lavrov.Counts[graph.Interaction] == 0 || lavrov.Evidence.Kind != graph.Interaction || lavrov.Evidence.Predicate == "" {
		t.Errorf("Kerry — Lavrov: kinds %v, evidence %+v; want an interaction as the strongest evidence", lavrov.Counts, lavrov.Evidence)
	}
	if !strings.Contains(lavrov.Evidence.Text, "Lavrov") || lavrov.Evidence.Source == "" {
		t.Errorf("Kerry — Lavrov evidence %+v", lavrov.Evidence)
	}

	// Filters.
	people, err := query.Neighbors(ctx, st, kerry.ID, query.NeighborOptions{Types: []string{"PERSON"}, Kinds: []graph.EdgeKind{graph.Interaction}})
	if err != nil {
		t.Fatal(err)
	}
	if len(people.Neighbors) == 0 {
		t.Fatal("no PERSON neighbour by interaction")
	}
	for _, n := range people.Neighbors {
		if n.Entity.Type != "PERSON" || n.Counts[graph.Cooccur]+n.Counts[graph.Context] > 0 || n.Evidence.Predicate == "" {
			t.Errorf("filtered neighbour %s %s %v %+v", n.Entity.Name, n.Entity.Type, n.Counts, n.Evidence)
		}
	}
	dated, err := query.Neighbors(ctx, st, kerry.ID, query.NeighborOptions{Range: query.Range{Since: "2016-12-01", Until: "2016-12-31"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range dated.Neighbors {
		if n.LastSeen < "2016-12-01" || n.FirstSeen > "2016-12-31" || n.Evidence != nil && (n.Evidence.Date < "2016-12-01" || n.Evidence.Date > "2016-12-31") {
			t.Errorf("%s seen %s..%s, evidence %+v: outside December 2016", n.Entity.Name, n.FirstSeen, n.LastSeen, n.Evidence)
		}
	}
	if len(dated.Neighbors) >= res.Linked {
		t.Errorf("the date range kept %d of %d neighbours", len(dated.Neighbors), res.Linked)
	}

	// Rankings.
	for _, by := range []string{query.ByDocuments, query.ByNPMI} {
		r, err := query.Neighbors(ctx, st, kerry.ID, query.NeighborOptions{By: by})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(r.Neighbors); i++ {
			a, b := r.Neighbors[i-1], r.Neighbors[i]
			if by == query.ByDocuments && b.Documents > a.Documents || by == query.ByNPMI && b.NPMI > a.NPMI {
				t.Errorf("by %s: %s after %s", by, b.Entity.Name, a.Entity.Name)
			}
			if by == query.ByNPMI && (a.NPMI < -1 || a.NPMI > 1) {
				t.Errorf("npmi %v out of range", a.NPMI)
			}
		}
	}
	for _, bad := range []query.NeighborOptions{{By: "fame"}, {Kinds: []graph.EdgeKind{"likes"}}, {Range: query.Range{Since: "2016-13"}}} {
		if _, err := query.Neighbors(ctx, st, kerry.ID, bad); !errors.Is(err, query.ErrInvalid) {
			t.Errorf("%+v: err %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := query.Neighbors(ctx, st, "0000000000000000", query.NeighborOptions{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown id: err %v, want ErrNotFound", err)
	}
}

func names(ns []query.Neighbor) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Entity.Name)
	}
	return out
}

// The example: Kerry's relations include a meeting with Lavrov on
// 2016-12-09, with its sentence (the seed Current Events item).
func TestRelationsSeed(t *testing.T) {
	st := fixtureStore(t, seedArticle, seedWCEP)
	kerry := lookup(t, st, "Kerry")
	res, err := query.Relations(context.Background(), st, kerry.ID, query.RelationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range res.Interactions {
		if in.Partner.Name == "Sergey Lavrov" && in.Date == "2016-12-09" && (in.Predicate == relation.Met || in.Predicate == relation.Talks) &&
			strings.Contains(in.Evidence.Text, "Lavrov") && in.Evidence.Source != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no 2016-12-09 meeting with Sergey Lavrov among %+v", res.Interactions)
	}
	for i := 1; i < len(res.Interactions); i++ {
		a, b := res.Interactions[i-1], res.Interactions[i]
		if a.Date != "" && b.Date != "" && b.Date < a.Date {
			t.Errorf("interactions out of date order: %s after %s", b.Date, a.Date)
		}
	}
	phone, err := query.Relations(context.Background(), st, kerry.ID, query.RelationOptions{Predicates: []string{relation.Phone}})
	if err != nil {
		t.Fatal(err)
	}
	if len(phone.Interactions) == 0 {
		t.Error("no phone call between Kerry and Lavrov (the Al-Monitor article)")
	}
	for _, in := range phone.Interactions {
		if in.Predicate != relation.Phone || in.Date != "2016-09-28" {
			t.Errorf("predicate filter kept %+v", in)
		}
	}
}

func TestRelationsFixtures(t *testing.T) {
	st := fixtureStore(t, fixtures)
	kerry := lookup(t, st, "john kerry")
	res, err := query.Relations(context.Background(), st, kerry.ID, query.RelationOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Interactions) > 3 || res.Total < len(res.Interactions) {
		t.Errorf("limit 3: %d shown of %d", len(res.Interactions), res.Total)
	}
	var lavrov *query.Partner
	for i, p := range res.Partners {
		if p.Entity.Name == "Sergey Lavrov" {
			lavrov = &res.Partners[i]
		}
		if i > 0 && p.Weight > res.Partners[i-1].Weight {
			t.Errorf("partners not ranked: %v", res.Partners)
		}
	}
	if lavrov == nil {
		t.Fatalf("Kerry's partners lack Sergey Lavrov: %+v", res.Partners)
	}
	if lavrov.Predicates[relation.Met] == 0 || lavrov.LastSeen != "2016-12-09" {
		t.Errorf("Kerry — Lavrov: %+v; want a meeting, last seen 2016-12-09", lavrov)
	}
	all, err := query.Relations(context.Background(), st, kerry.ID, query.RelationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	repeats := 0
	for _, in := range all.Interactions {
		k := in.Date + "|" + in.Predicate + "|" + in.Partner.ID + "|" + in.Evidence.Text
		if seen[k] {
			t.Errorf("interaction listed twice: %s", k)
		}
		seen[k] = true
		repeats += in.Repeats
	}
	if repeats == 0 {
		t.Error("the fixtures repeat Current Events items in several pages, but no interaction counts repeats")
	}
}

func TestPaths(t *testing.T) {
	st := fixtureStore(t, fixtures)
	ctx := context.Background()
	kerry, lavrov := lookup(t, st, "Kerry"), lookup(t, st, "Lavrov")
	res, err := query.Paths(ctx, st, kerry.ID, lavrov.ID, query.PathOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Paths) != 1 {
		t.Fatalf("%d paths, want the shortest", len(res.Paths))
	}
	p := res.Paths[0]
	if p.Nodes[0].ID != kerry.ID || p.Nodes[len(p.Nodes)-1].ID != lavrov.ID || len(p.Hops) != len(p.Nodes)-1 {
		t.Fatalf("path %+v", p)
	}
	for _, h := range p.Hops {
		if h.Weight <= 0 || h.Evidence == nil || h.Evidence.Text == "" {
			t.Errorf("hop %s — %s: weight %d, evidence %+v", h.From.Name, h.To.Name, h.Weight, h.Evidence)
		}
	}
	k, err := query.Paths(ctx, st, kerry.ID, lavrov.ID, query.PathOptions{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Paths) < 2 || len(k.Paths) > 3 {
		t.Fatalf("%d paths, want 2 or 3", len(k.Paths))
	}
	seen := map[string]bool{}
	for i, r := range k.Paths {
		var ids []string
		for _, n := range r.Nodes {
			ids = append(ids, n.ID)
		}
		key := strings.Join(ids, ">")
		if seen[key] {
			t.Errorf("path %d repeats %s", i, key)
		}
		seen[key] = true
		if i > 0 && r.Cost < k.Paths[i-1].Cost-1e-9 {
			t.Errorf("paths not cheapest first: %v after %v", r.Cost, k.Paths[i-1].Cost)
		}
	}
	if k.Paths[0].Cost != p.Cost {
		t.Errorf("the first of the k paths costs %v, the shortest %v", k.Paths[0].Cost, p.Cost)
	}
	unicef := lookup(t, st, "UNICEF")
	_, err = query.Paths(ctx, st, kerry.ID, unicef.ID, query.PathOptions{Filter: graph.Filter{Kinds: []graph.EdgeKind{graph.Interaction}}})
	if !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Kerry to UNICEF by interactions only: err %v, want ErrNotFound", err)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTopDeterministic(t *testing.T) {
	st := fixtureStore(t, fixtures)
	ctx := context.Background()
	for _, by := range []string{query.ByDegree, query.ByWeightedDegree, query.ByPageRank, query.ByBetweenness} {
		a, err := query.Top(ctx, st, query.TopOptions{By: by, Limit: 15})
		if err != nil {
			t.Fatal(err)
		}
		b, err := query.Top(ctx, st, query.TopOptions{By: by, Limit: 15})
		if err != nil {
			t.Fatal(err)
		}
		if jsonOf(t, a) != jsonOf(t, b) {
			t.Errorf("top by %s differs between two runs", by)
		}
		if len(a.Nodes) != 15 || a.Total < 15 {
			t.Fatalf("top by %s: %d of %d", by, len(a.Nodes), a.Total)
		}
		for i, n := range a.Nodes {
			if n.Rank != i+1 || i > 0 && n.Score > a.Nodes[i-1].Score {
				t.Errorf("top by %s: rank %d %s score %v after %v", by, n.Rank, n.Name, n.Score, a.Nodes[i-1].Score)
			}
		}
	}
	people, err := query.Top(ctx, st, query.TopOptions{By: query.ByPageRank, Type: "person"})
	if err != nil {
		t.Fatal(err)
	}
	if len(people.Nodes) == 0 {
		t.Fatal("no person in the top")
	}
	for _, n := range people.Nodes {
		if n.Type != "PERSON" {
			t.Errorf("--type PERSON kept %s (%s)", n.Name, n.Type)
		}
	}
	if _, err := query.Top(ctx, st, query.TopOptions{By: "fame"}); !errors.Is(err, query.ErrInvalid) {
		t.Errorf("by fame: %v", err)
	}
}

func TestCommunitiesDeterministic(t *testing.T) {
	st := fixtureStore(t, fixtures)
	ctx := context.Background()
	a, err := query.Communities(ctx, st, query.CommunityOptions{Limit: 5, Members: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, err := query.Communities(ctx, st, query.CommunityOptions{Limit: 5, Members: 4})
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(t, a) != jsonOf(t, b) {
		t.Error("communities differ between two runs")
	}
	if len(a.Communities) == 0 || a.Total < len(a.Communities) {
		t.Fatalf("%d communities of %d", len(a.Communities), a.Total)
	}
	for i, c := range a.Communities {
		if c.ID != i+1 || len(c.Members) > 4 || len(c.Members) > c.Size || i > 0 && c.Size > a.Communities[i-1].Size {
			t.Errorf("community %d: %+v", i, c)
		}
		for _, m := range c.Members[1:] {
			if m.Community != c.Members[0].Community {
				t.Errorf("community %d mixes %d and %d", c.ID, m.Community, c.Members[0].Community)
			}
		}
	}
	// Top numbers a node's community as Communities does.
	top, err := query.Top(ctx, st, query.TopOptions{By: "degree", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]int{}
	for _, c := range a.Communities {
		for _, m := range c.Members {
			in[m.ID] = c.ID
		}
	}
	checked := 0
	for _, n := range top.Nodes {
		if id, ok := in[n.ID]; ok {
			checked++
			if n.Community != id {
				t.Errorf("%s: community %d in Top, %d in Communities", n.Name, n.Community, id)
			}
		}
	}
	if checked == 0 {
		t.Error("no node of Top is among the communities' members")
	}
}

// The tables name what the JSON holds, one evidence line per row.
func TestWriteText(t *testing.T) {
	st := fixtureStore(t, seedArticle, seedWCEP)
	ctx := context.Background()
	kerry := lookup(t, st, "kerry")
	lavrov := lookup(t, st, "lavrov")
	nb, err := query.Neighbors(ctx, st, kerry.ID, query.NeighborOptions{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := query.Relations(ctx, st, kerry.ID, query.RelationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path, err := query.Paths(ctx, st, kerry.ID, lavrov.ID, query.PathOptions{})
	if err != nil {
		t.Fatal(err)
	}
	top, err := query.Top(ctx, st, query.TopOptions{})
	if err != nil {
		t.Fatal(err)
	}
	comm, err := query.Communities(ctx, st, query.CommunityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, write func(*bytes.Buffer, query.TextOptions) error, want ...string) {
		var with, without bytes.Buffer
		if err := write(&with, query.TextOptions{Evidence: true}); err != nil {
			t.Fatal(err)
		}
		if err := write(&without, query.TextOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(with.String(), w) {
				t.Errorf("%s: no %q in\n%s", name, w, with.String())
			}
		}
		if strings.Count(with.String(), "\n") < strings.Count(without.String(), "\n") {
			t.Errorf("%s: evidence removed lines", name)
		}
		t.Logf("%s:\n%s", name, with.String())
	}
	check("neighbors", func(b *bytes.Buffer, o query.TextOptions) error { return nb.WriteText(b, o) }, "Neighbours of John Kerry", "Sergey Lavrov", "“")
	check("relations", func(b *bytes.Buffer, o query.TextOptions) error { return rel.WriteText(b, o) }, "Interactions of John Kerry", "2016-12-09", "Sergey Lavrov")
	check("path", func(b *bytes.Buffer, o query.TextOptions) error { return path.WriteText(b, o) }, "Path 1: John Kerry — Sergey Lavrov")
	check("top", func(b *bytes.Buffer, o query.TextOptions) error { return top.WriteText(b, o) }, "PAGERANK", fmt.Sprint(top.Nodes[0].Name))
	check("communities", func(b *bytes.Buffer, o query.TextOptions) error { return comm.WriteText(b, o) }, "Louvain")
}
