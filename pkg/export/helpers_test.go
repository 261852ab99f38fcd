package export

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// hostile names: every character class a format could trip over.
var hostileNames = []string{
	`O'Brien "The Boss" <&> Ltd.`,
	`C:\path\to\ and \"quoted\" \N`,
	"Line one\nLine two\tand a tab",
	"Windows\r\nline\rend",
	"NUL\x00and BEL\x07 and ESC\x1b",
	"bad \xff\xfe UTF-8 \xc3",
	"emoji 🚀 🇺🇦 👩‍👩‍👧",
	"عبد الله بن الحسين",
	"שלום RTL mixed ‏ok‎",
	"{braces} [brackets] (parens); semi, comma",
	"-- graph { node } -> edge",
	"]]> <!-- --> <?pi?> &amp; &#x41;",
	"  padded  ",
	"=cmd|' /C calc'!A0",
	"\uFFFE\uFFFF non-characters",
	"_:blank <iri> \"lit\"@en .",
}

func node(name, typ string, mentions int, first, last string, aliases map[string]int) graph.Node {
	return graph.Node{Entity: graph.Entity{
		ID: graph.EntityID(name, typ), Name: name, Type: typ, Aliases: aliases,
		Mentions: mentions, Documents: (mentions + 1) / 2, FirstSeen: first, LastSeen: last,
	}}
}

func link(a, b graph.Node, counts map[graph.EdgeKind]int, docs int, first, last string, preds map[string]int) graph.Link {
	s, t := a.ID, b.ID
	if s > t {
		s, t = t, s
	}
	l := graph.Link{Source: s, Target: t, Counts: counts, Documents: docs, FirstSeen: first, LastSeen: last, Predicates: preds}
	for _, k := range graph.EdgeKinds {
		if counts[k] > 0 {
			l.Kinds = append(l.Kinds, k)
			l.Weight += counts[k]
		}
	}
	return l
}

// sample is a small news graph plus one node per hostile name, with
// metrics filled in.
func sample() *Slices {
	kerry := node("John Kerry", "PERSON", 12, "2016-12-09", "2016-12-20",
		map[string]int{"John Kerry": 5, "Kerry": 6, "Secretary of State John Kerry": 1})
	lavrov := node("Sergey Lavrov", "PERSON", 7, "2016-12-09", "2016-12-18",
		map[string]int{"Sergey Lavrov": 4, "Lavrov": 3})
	us := node("United States", "GPE", 9, "2016-12-01", "2016-12-20",
		map[string]int{"U.S.": 4, "US": 3, "United States": 2})
	aleppo := node("Aleppo", "GPE", 15, "2016-12-09", "2016-12-22", nil)
	unicef := node("UNICEF", "ORG", 2, "", "", nil)
	battle := node("Battle of Aleppo", "EVENT", 3, "2016-12-12", "2016-12-12", nil)
	nodes := []graph.Node{kerry, lavrov, us, aleppo, unicef, battle}
	links := []graph.Link{
		link(kerry, lavrov, map[graph.EdgeKind]int{graph.Cooccur: 5, graph.Context: 2, graph.Interaction: 3}, 4,
			"2016-12-09", "2016-12-18", map[string]int{"met": 2, "phone call": 1}),
		link(kerry, us, map[graph.EdgeKind]int{graph.Cooccur: 4}, 3, "2016-12-09", "2016-12-20", nil),
		link(lavrov, aleppo, map[graph.EdgeKind]int{graph.Cooccur: 2, graph.Context: 1}, 2, "2016-12-10", "2016-12-18", nil),
		link(aleppo, unicef, map[graph.EdgeKind]int{graph.Cooccur: 1}, 1, "", "", nil),
		link(aleppo, battle, map[graph.EdgeKind]int{graph.Context: 1}, 1, "2016-12-12", "2016-12-12", nil),
	}
	types := []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"}
	for i, name := range hostileNames {
		n := node(name, types[i%len(types)], i+1, "2016-12-1"+string(rune('0'+i%10)), "2016-12-2"+string(rune('0'+i%10)),
			map[string]int{name + " alias": 1, "a,b;c\"d": 2})
		nodes = append(nodes, n)
		other := nodes[i%6]
		preds := map[string]int(nil)
		if i%3 == 0 {
			preds = map[string]int{name: 1}
		}
		links = append(links, link(n, other, map[graph.EdgeKind]int{graph.Cooccur: i%4 + 1, graph.Interaction: i % 2}, 1,
			"2016-12-15", "bad-date", preds))
	}
	// Chain the hostile nodes so names meet names.
	for i := 6; i+1 < len(nodes); i++ {
		links = append(links, link(nodes[i], nodes[i+1], map[graph.EdgeKind]int{graph.Context: 1}, 1, "", "", nil))
	}
	deg := map[string]int{}
	for _, l := range links {
		deg[l.Source]++
		deg[l.Target]++
	}
	for i := range nodes {
		n := &nodes[i]
		n.Degree = deg[n.ID]
		n.WeightedDegree = float64(deg[n.ID]) * 1.5
		n.PageRank = float64(deg[n.ID]) / float64(2*len(links))
		n.Betweenness = float64(i) / 7
		n.Community = i % 5
	}
	return &Slices{NodeList: nodes, LinkList: links}
}

// render writes g with w into buffers, one per file.
func render(t testing.TB, w Writer, g Graph) [][]byte {
	t.Helper()
	bufs := make([]*bytes.Buffer, len(w.Files()))
	outs := make([]io.Writer, len(bufs))
	for i := range bufs {
		bufs[i] = new(bytes.Buffer)
		outs[i] = bufs[i]
	}
	if err := w.Write(context.Background(), g, outs...); err != nil {
		t.Fatalf("%T.Write: %v", w, err)
	}
	res := make([][]byte, len(bufs))
	for i, b := range bufs {
		res[i] = b.Bytes()
	}
	return res
}

// writers returns every format with metrics on.
func writers(t testing.TB) map[string]Writer {
	t.Helper()
	m := map[string]Writer{}
	for _, name := range Formats {
		w, err := New(name, Options{Metrics: true})
		if err != nil {
			t.Fatal(err)
		}
		m[name] = w
	}
	return m
}
