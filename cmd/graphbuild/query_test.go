package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestQuery(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "../../fixtures")

	out := mustRun(t, "query", "--db", db, "neighbors", "kerry", "--limit", "5")
	if !strings.Contains(out, "Neighbours of John Kerry") || !strings.Contains(out, "Sergey Lavrov") || !strings.Contains(out, "“") {
		t.Errorf("neighbors kerry:\n%s", out)
	}
	if lines := strings.Count(out, "\n"); lines != 2+2*5 {
		t.Errorf("neighbors kerry --limit 5: %d lines, want a title, a header and 5 rows with their evidence:\n%s", lines, out)
	}
	if out := mustRun(t, "query", "--db", db, "--evidence=false", "neighbors", "kerry", "--limit", "5"); strings.Count(out, "\n") != 2+5 {
		t.Errorf("--evidence=false:\n%s", out)
	}

	var nb struct {
		Entity    struct{ Name string }
		Neighbors []struct {
			Entity   struct{ Name, Type string }
			Weight   int
			Evidence struct{ Text, Predicate string }
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "query", "--db", db, "--json", "neighbors", "Kerry", "--types", "person", "--kinds", "interaction")), &nb); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range nb.Neighbors {
		found = found || n.Entity.Name == "Sergey Lavrov"
		if n.Entity.Type != "PERSON" || n.Evidence.Predicate == "" {
			t.Errorf("filtered neighbour %+v", n)
		}
	}
	if nb.Entity.Name != "John Kerry" || !found {
		t.Errorf("neighbors --json: %+v", nb)
	}

	var rel struct {
		Partners []struct {
			Entity     struct{ Name string }
			Predicates map[string]int
		}
		Interactions []struct {
			Partner   struct{ Name string }
			Predicate string
			Date      string
			Evidence  struct{ Text, Source string }
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "query", "--db", db, "--json", "relations", "lavrov")), &rel); err != nil {
		t.Fatal(err)
	}
	found = false
	for _, p := range rel.Partners {
		found = found || p.Entity.Name == "John Kerry" && p.Predicates["met"] > 0
	}
	if !found || len(rel.Interactions) == 0 || rel.Interactions[0].Evidence.Text == "" || rel.Interactions[0].Evidence.Source == "" {
		t.Errorf("relations lavrov: %+v", rel)
	}
	if out := mustRun(t, "query", "--db", db, "relations", "Sergey Lavrov"); !strings.Contains(out, "John Kerry") || !strings.Contains(out, "PREDICATE") {
		t.Errorf("relations table:\n%s", out)
	}

	out = mustRun(t, "query", "--db", db, "path", "kerry", "lavrov", "--k", "2")
	if !strings.Contains(out, "Path 1: John Kerry — Sergey Lavrov") || !strings.Contains(out, "Path 2: John Kerry — ") {
		t.Errorf("path kerry lavrov --k 2:\n%s", out)
	}

	for _, args := range [][]string{
		{"top", "--by", "betweenness", "--limit", "8"},
		{"top", "--by", "degree", "--type", "PERSON"},
		{"communities", "--members", "5"},
		{"--json", "communities"},
	} {
		full := append([]string{"query", "--db", db}, args...)
		a, b := mustRun(t, full...), mustRun(t, full...)
		if a != b {
			t.Errorf("%s: two runs differ:\n%s\n%s", strings.Join(args, " "), a, b)
		}
		if len(a) < 50 {
			t.Errorf("%s: %q", strings.Join(args, " "), a)
		}
	}
	if out := mustRun(t, "query", "--db", db, "top", "--type", "person", "--limit", "3"); strings.Count(out, "PERSON") != 3 {
		t.Errorf("top --type person:\n%s", out)
	}
	if out := mustRun(t, "query", "--db", db, "neighbors", "US", "--limit", "1"); !strings.Contains(out, "Neighbours of United States") {
		t.Errorf("US is not the United States:\n%s", out)
	}

	// An unknown name fails with suggestions; bad usage exits 2.
	code, _, errs := gb(t, "query", "--db", db, "neighbors", "kery")
	if code != 1 || !strings.Contains(errs, "did you mean") || !strings.Contains(errs, "John Kerry") {
		t.Errorf("unknown name: exit %d, stderr %q", code, errs)
	}
	for _, args := range [][]string{
		{"query", "--db", db},
		{"query", "--db", db, "path", "kerry"},
		{"query", "--db", db, "who", "kerry"},
		{"query", "--db", db, "top", "--by", "fame"},
		{"query", "--db", db, "neighbors", "kerry", "--by", "fame"},
		{"query", "--db", db, "neighbors", "kerry", "--since", "2016-13"},
		{"query", "--db", db, "path", "kerry", "lavrov", "--kinds", "likes"},
	} {
		if code, _, errs := gb(t, args...); code != 2 {
			t.Errorf("%s: exit %d, want 2 (%s)", strings.Join(args, " "), code, errs)
		}
	}
	if code, _, errs := gb(t, "query", "--db", filepath.Join(t.TempDir(), "none"), "top"); code != 1 || errs == "" {
		t.Errorf("missing store: exit %d, stderr %q", code, errs)
	}
}

// On the whole fixture corpus, where Kerry and Lavrov interact in many
// documents, the 2016-12-09 meeting keeps its evidence.
func TestRelationsKeepEveryMeeting(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "../../fixtures")
	out := mustRun(t, "query", "--db", db, "--json", "relations", "kerry")
	var res struct {
		Interactions []struct {
			Date, Predicate string
			Partner         struct{ Name string }
			Evidence        struct{ Text string }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	found := false
	for _, in := range res.Interactions {
		if in.Date == "2016-12-09" && in.Partner.Name == "Sergey Lavrov" && strings.Contains(in.Evidence.Text, "Lavrov") {
			found = true
		}
	}
	if !found {
		t.Errorf("no 2016-12-09 interaction with Sergey Lavrov in %d interactions", len(res.Interactions))
	}
}

// Issue 14: a period and predicates cut the counts, dates and evidence of
// neighbors and relations; NPMI is shown whatever the ranking; an unknown
// predicate is bad usage.
func TestQueryPeriod(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "../../fixtures")
	var nb struct {
		Neighbors []struct {
			Entity    struct{ Name string }
			Weight    int
			FirstSeen string `json:"first_seen"`
		}
	}
	all := mustRun(t, "query", "--db", db, "--json", "neighbors", "kerry", "--kinds", "interaction")
	cut := mustRun(t, "query", "--db", db, "--json", "neighbors", "kerry", "--kinds", "interaction", "--since", "2016-01-01")
	weight := map[string]int{}
	if err := json.Unmarshal([]byte(all), &nb); err != nil {
		t.Fatal(err)
	}
	for _, n := range nb.Neighbors {
		weight[n.Entity.Name] = n.Weight
	}
	nb.Neighbors = nil
	if err := json.Unmarshal([]byte(cut), &nb); err != nil {
		t.Fatal(err)
	}
	lavrov := false
	for _, n := range nb.Neighbors {
		if n.FirstSeen < "2016-01-01" {
			t.Errorf("%s: first seen %s, before --since", n.Entity.Name, n.FirstSeen)
		}
		if n.Entity.Name == "Sergey Lavrov" {
			lavrov = true
			if n.Weight >= weight[n.Entity.Name] {
				t.Errorf("Lavrov since 2016: weight %d, all time %d (the 2014 meeting still counted)", n.Weight, weight[n.Entity.Name])
			}
		}
	}
	if !lavrov {
		t.Errorf("no Lavrov since 2016:\n%s", cut)
	}
	if out := mustRun(t, "query", "--db", db, "neighbors", "kerry", "--limit", "3"); strings.Contains(out, "     -  ") {
		t.Errorf("NPMI not shown:\n%s", out)
	}
	var rel struct {
		Partners []struct {
			Entity     struct{ Name string }
			Documents  int
			Predicates map[string]int
			FirstSeen  string `json:"first_seen"`
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "query", "--db", db, "--json", "relations", "kerry", "--predicates", "phone call")), &rel); err != nil {
		t.Fatal(err)
	}
	for _, p := range rel.Partners {
		if len(p.Predicates) != 1 || p.Predicates["phone call"] == 0 || p.Documents != p.Predicates["phone call"] {
			t.Errorf("relations --predicates 'phone call': %+v", p)
		}
	}
	if code, _, _ := gb(t, "query", "--db", db, "relations", "kerry", "--predicates", "phone"); code != 2 {
		t.Errorf("--predicates phone: exit %d, want 2", code)
	}
}
