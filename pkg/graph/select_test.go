package graph

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// specStore builds a store from lines "A B kind weight [date]", one document
// per line; entity "X" has the type given in types, else PERSON.
func specStore(t testing.TB, types map[string]string, lines ...string) *Store {
	t.Helper()
	s := openMem(t)
	var cs []Contribution
	for i, line := range lines {
		f := strings.Fields(line)
		w, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatalf("spec %q: %v", line, err)
		}
		date := ""
		if len(f) > 4 {
			date = f[4]
		}
		ent := func(name string) Entity {
			typ := types[name]
			if typ == "" {
				typ = "PERSON"
			}
			return Entity{ID: EntityID(name, typ), Name: name, Type: typ, Mentions: w, Documents: 1, FirstSeen: date, LastSeen: date, Aliases: map[string]int{name: w}}
		}
		a, b := ent(f[0]), ent(f[1])
		cs = append(cs, Contribution{
			Doc:      Document{ID: fmt.Sprint("doc", i), Date: date},
			Entities: []Entity{a, b},
			Edges: []Edge{{Kind: EdgeKind(f[2]), Source: a.ID, Target: b.ID, Weight: w, Documents: 1, FirstSeen: date, LastSeen: date,
				Evidence: []Evidence{{Doc: fmt.Sprint("doc", i), Date: date, Text: line}}}},
		})
	}
	mustApply(t, s, cs)
	return s
}

// names renders a subgraph as "nodes | links" with entity names.
func names(g *Subgraph) string {
	var ns, ls []string
	name := map[string]string{}
	for _, n := range g.Nodes {
		ns = append(ns, n.Name)
		name[n.ID] = n.Name
	}
	for _, l := range g.Links {
		a, b := name[l.Source], name[l.Target]
		if b < a {
			a, b = b, a
		}
		ls = append(ls, fmt.Sprintf("%s-%s:%d", a, b, l.Weight))
	}
	slices.Sort(ns)
	slices.Sort(ls)
	return strings.Join(ns, " ") + " | " + strings.Join(ls, " ")
}

func TestSelect(t *testing.T) {
	types := map[string]string{"R": "NORP", "M": "MISC", "G": "GPE"}
	s := specStore(t, types,
		"A B cooccur 3 2016-01-05",
		"A B interaction 1 2016-02-01",
		"B C cooccur 1 2016-03-01",
		"C D context 2",
		"A R cooccur 5 2016-01-01",
		"A M cooccur 5 2016-01-01",
		"D G cooccur 1 2016-06-01",
		"G E cooccur 1 2016-06-02",
		"E F cooccur 1 2016-06-03",
	)
	id := func(name string) string {
		typ := types[name]
		if typ == "" {
			typ = "PERSON"
		}
		return EntityID(name, typ)
	}
	for _, tc := range []struct {
		name string
		f    Filter
		want string
	}{
		{"default types", Filter{}, "A B C D E F G | A-B:4 B-C:1 C-D:2 D-G:1 E-F:1 E-G:1"},
		{"all types", Filter{Types: []string{"PERSON", "NORP", "MISC", "GPE"}},
			"A B C D E F G M R | A-B:4 A-M:5 A-R:5 B-C:1 C-D:2 D-G:1 E-F:1 E-G:1"},
		{"persons only", Filter{Types: []string{"PERSON"}}, "A B C D E F | A-B:4 B-C:1 C-D:2 E-F:1"},
		{"min weight on merged links", Filter{MinWeight: 2}, "A B C D | A-B:4 C-D:2"},
		{"kinds", Filter{Kinds: []EdgeKind{Interaction, Context}}, "A B C D | A-B:1 C-D:2"},
		{"kinds then min weight", Filter{Kinds: []EdgeKind{Cooccur}, MinWeight: 3}, "A B | A-B:3"},
		{"top", Filter{Top: 2}, "A B | A-B:4"},
		{"top ties by mentions then id", Filter{Top: 4}, "A B C D | A-B:4 B-C:1 C-D:2"},
		{"since", Filter{Since: "2016-06-02"}, "E F G | E-F:1 E-G:1"},
		{"until", Filter{Until: "2016-01-31"}, "A B | A-B:3"},
		{"range", Filter{Since: "2016-02-01", Until: "2016-03-31"}, "A B C | A-B:1 B-C:1"},
		{"months", Filter{Since: "2016-02", Until: "2016-03"}, "A B C | A-B:1 B-C:1"},
		{"year", Filter{Since: "2016", Until: "2016"}, "A B C D E F G | A-B:4 B-C:1 D-G:1 E-F:1 E-G:1"},
		{"until a month", Filter{Until: "2016-01"}, "A B | A-B:3"},
		{"focus", Filter{Focus: id("C")}, "B C D | B-C:1 C-D:2"},
		{"focus depth 2", Filter{Focus: id("C"), Depth: 2}, "A B C D G | A-B:4 B-C:1 C-D:2 D-G:1"},
		{"focus with types", Filter{Focus: id("D"), Depth: 2, Types: []string{"PERSON"}}, "B C D | B-C:1 C-D:2"},
		{"focus of a dropped type is kept", Filter{Focus: id("R")}, "A R | A-R:5"},
		{"focus and min weight", Filter{Focus: id("B"), MinWeight: 2}, "A B | A-B:4"},
		{"focus and top keeps the focus", Filter{Focus: id("C"), Depth: 3, Top: 2}, "B C | B-C:1"},
		{"no links left keeps nodes", Filter{MinWeight: 100, Types: []string{"NORP", "MISC"}}, "M R | "},
		{"nothing in range", Filter{Since: "2030-01-01"}, " | "},
		{"no links, isolated focus", Filter{Focus: id("F"), Kinds: []EdgeKind{Context}}, "F | "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Select(context.Background(), s, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(g); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !slices.IsSortedFunc(g.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) }) {
				t.Error("nodes not sorted by id")
			}
			if !slices.IsSortedFunc(g.Edges(), edgeCompare) {
				t.Error("edges not sorted")
			}
			for _, l := range g.Links {
				if l.Source >= l.Target {
					t.Errorf("link %s-%s not normalised", l.Source, l.Target)
				}
				if _, ok := g.Node(l.Source); !ok {
					t.Errorf("link to missing node %s", l.Source)
				}
			}
			for _, e := range g.Edges() {
				if e.Evidence != nil {
					t.Error("Select kept evidence")
				}
			}
		})
	}
}

func TestSelectLinkMerge(t *testing.T) {
	s := specStore(t, nil,
		"A B cooccur 3 2016-01-05",
		"B A interaction 1 2016-02-01",
		"A B context 2 2015-12-31",
	)
	g, err := Select(context.Background(), s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Links) != 1 || len(g.Edges()) != 3 {
		t.Fatalf("links %d edges %d, want 1 and 3", len(g.Links), len(g.Edges()))
	}
	l := g.Links[0]
	if l.Weight != 6 || !slices.Equal(l.Kinds, EdgeKinds) || l.Counts[Cooccur] != 3 || l.Counts[Context] != 2 || l.Counts[Interaction] != 1 ||
		l.FirstSeen != "2015-12-31" || l.LastSeen != "2016-02-01" || l.Documents != 1 {
		t.Errorf("link = %+v", l)
	}
	for _, n := range g.Nodes {
		if n.Degree != 1 || n.WeightedDegree != 6 {
			t.Errorf("node %s metrics %+v", n.Name, n.Metrics)
		}
	}
}

func TestSelectErrors(t *testing.T) {
	s := specStore(t, nil, "A B cooccur 1")
	if _, err := Select(context.Background(), s, Filter{Focus: EntityID("Nobody", "PERSON")}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown focus: %v", err)
	}
	if _, err := Select(context.Background(), s, Filter{Focus: "nonsense"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("malformed focus: %v", err)
	}
	if _, err := Select(context.Background(), s, Filter{Kinds: []EdgeKind{"likes"}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown kind: %v", err)
	}
	for _, d := range []string{"16", "2016-1", "2016/01/02", "yesterday", "2016-01-02T00"} {
		if _, err := Select(context.Background(), s, Filter{Since: d}); !errors.Is(err, ErrInvalid) {
			t.Errorf("date %q: %v", d, err)
		}
	}
}

func TestFilterKey(t *testing.T) {
	same := [][2]Filter{
		{{}, {Types: DefaultTypes}},
		{{Types: []string{"ORG", "PERSON"}}, {Types: []string{"PERSON", "ORG"}}},
		{{Kinds: []EdgeKind{Context, Cooccur}}, {Kinds: []EdgeKind{Cooccur, Context}}},
		{{Focus: "x"}, {Focus: "x", Depth: 1}},
		{{Depth: 3}, {}},
		{{MinWeight: 1}, {}}, // every link weighs at least 1
		{{Since: "2016", Until: "2016-02"}, {Since: "2016-01-01", Until: "2016-02-31"}},
	}
	for _, p := range same {
		if p[0].key() != p[1].key() {
			t.Errorf("filters %+v and %+v should share a key", p[0], p[1])
		}
	}
	differ := []Filter{{}, {MinWeight: 2}, {Top: 5}, {Since: "2016-01-01"}, {Until: "2016-01-01"}, {Focus: "x"}, {Focus: "x", Depth: 2}, {Kinds: []EdgeKind{Cooccur}}, {Types: []string{"PERSON"}}}
	keys := map[uint64]int{}
	for i, f := range differ {
		if j, ok := keys[f.key()]; ok {
			t.Errorf("filters %+v and %+v share a key", differ[j], f)
		}
		keys[f.key()] = i
	}
}

func TestSelectIsolatedTop(t *testing.T) {
	// No links of the kept kinds: the nodes are the entities, Top of them
	// by mentions (specStore gives each end the weight as mentions).
	s := specStore(t, nil, "A B cooccur 5", "C D cooccur 2", "E F cooccur 9")
	g, err := Select(context.Background(), s, Filter{Kinds: []EdgeKind{Context}, Top: 3})
	if err != nil {
		t.Fatal(err)
	}
	// A and B have 5 mentions, E and F 9: the top 3 are E, F and one of A, B.
	var top []string
	for _, n := range g.Nodes {
		top = append(top, n.Name)
		if n.Aliases == nil {
			t.Errorf("node %s lost its aliases", n.Name)
		}
	}
	slices.Sort(top)
	if len(top) != 3 || top[1] != "E" || top[2] != "F" || (top[0] != "A" && top[0] != "B") {
		t.Errorf("top 3 by mentions = %v", top)
	}
}

// TestSelectFocusSweep checks that a focus selection gives the same graph
// whether its outer ring is expanded through the adjacency index or found
// by a sweep of every edge.
func TestSelectFocusSweep(t *testing.T) {
	s := openMem(t)
	mustApply(t, s, newSynth(31, 120).docs(0, 400))
	var ids []string
	s.Entities(context.Background(), func(e Entity) error {
		if len(ids) < 6 {
			ids = append(ids, e.ID)
		}
		return nil
	})
	defer func(old int) { focusScanRing = old }(focusScanRing)
	for _, id := range ids {
		for _, f := range []Filter{{Focus: id}, {Focus: id, Depth: 2, MinWeight: 2}, {Focus: id, Depth: 2, Kinds: []EdgeKind{Cooccur}, Types: synthTypes}} {
			focusScanRing = 1 << 30
			a, err := Select(context.Background(), s, f)
			if err != nil {
				t.Fatal(err)
			}
			focusScanRing = 0
			b, err := Select(context.Background(), s, f)
			if err != nil {
				t.Fatal(err)
			}
			if names(a) != names(b) || !reflect.DeepEqual(a.Edges(), b.Edges()) || !reflect.DeepEqual(a.Links, b.Links) {
				t.Errorf("filter %+v: expanded %s\nswept %s", f, names(a), names(b))
			}
		}
	}
}
