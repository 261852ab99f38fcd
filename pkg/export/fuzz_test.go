package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// FuzzHostileNames writes a three-node graph whose name, alias, type,
// predicate and one node id come from the fuzzer, in every format, and
// checks that each output is well-formed for its consumer's parser
// (encoding/xml, encoding/json, encoding/csv, a DOT lexer, the N-Quads line
// grammar with Go unquoting as Dgraph does) and gives every node back
// under CleanText of its name.
func FuzzHostileNames(f *testing.F) {
	for i, n := range hostileNames {
		f.Add(n, hostileNames[(i+1)%len(hostileNames)], "PERSON", "met")
	}
	f.Add("", "", "", "")
	f.Add("\\", "\"", "A;B:C", "x=y; z")
	f.Add("ends with backslash\\", "\\\"", "<ORG>", "\n")
	ws := writers(f)
	f.Fuzz(func(t *testing.T, name, alias, typ, pred string) {
		a := graph.Node{Entity: graph.Entity{ID: graph.EntityID(name, typ), Name: name, Type: typ,
			Aliases: map[string]int{alias: 2, name: 1}, Mentions: 3, Documents: 1, FirstSeen: "2016-12-09", LastSeen: name}}
		b := graph.Node{Entity: graph.Entity{ID: graph.EntityID("Plain", "PERSON"), Name: "Plain", Type: "PERSON"}}
		c := graph.Node{Entity: graph.Entity{ID: "id:" + name, Name: alias, Type: typ}}
		nodes := []graph.Node{a, b}
		if a.ID != b.ID {
			nodes = append(nodes, c)
		} else {
			nodes = nodes[:1]
		}
		var links []graph.Link
		for i := range nodes {
			for j := i + 1; j < len(nodes); j++ {
				l := link(nodes[i], nodes[j], map[graph.EdgeKind]int{graph.Cooccur: 1, graph.Interaction: 2}, 1, name, "2016-12-10", map[string]int{pred: 1, alias: 2})
				links = append(links, l)
			}
		}
		want := map[string]string{}
		for _, n := range nodes {
			want[CleanText(n.ID)] = CleanText(n.Name)
		}
		kinds := 2 * len(links)
		for format, w := range ws {
			g := &Slices{NodeList: append([]graph.Node(nil), nodes...), LinkList: append([]graph.Link(nil), links...)}
			outs := render(t, w, g)
			p, count, err := readBack(format, outs)
			if err != nil {
				t.Fatalf("%s: %v\n%s", format, err, outs[0])
			}
			wantEdges := len(links)
			switch count {
			case "kinds":
				wantEdges = kinds
			case "kinds2":
				wantEdges = 2 * kinds
			}
			if p.edges != wantEdges {
				t.Errorf("%s: %d edges, want %d", format, p.edges, wantEdges)
			}
			for id, label := range want {
				if format == "dot" {
					id = strings.ReplaceAll(id, "\t", " ")
					label = strings.ReplaceAll(label, "\t", " ")
				}
				if got, ok := p.labels[id]; !ok || got != label {
					t.Errorf("%s: node %q: label %q (found %v), want %q", format, id, got, ok, label)
				}
			}
		}
	})
}

// FuzzCleanText: the result is valid UTF-8 without the characters XML 1.0
// forbids or carriage returns, cleaning is idempotent, and clean input
// comes back unchanged.
func FuzzCleanText(f *testing.F) {
	for _, n := range hostileNames {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CleanText(s)
		if !utf8.ValidString(c) {
			t.Fatalf("CleanText(%q) = %q: invalid UTF-8", s, c)
		}
		for _, r := range c {
			if (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
				t.Fatalf("CleanText(%q) = %q keeps %U", s, c, r)
			}
		}
		if CleanText(c) != c {
			t.Fatalf("CleanText not idempotent on %q", s)
		}
		if c != s && !strings.ContainsAny(s, "\r") && utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF
		}) {
			t.Fatalf("clean input %q changed to %q", s, c)
		}
	})
}

// xmlEscapeRef is appendXML and appendXMLText without their fast path:
// CleanText, then every character either escapes replaced.
func xmlEscapeRef(s string, attr bool) string {
	s = CleanText(s)
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	if attr {
		r = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\t", "&#x9;", "\n", "&#xA;")
	}
	return r.Replace(s)
}

// FuzzAppendXML: the plain-text fast path of the XML escapes writes what
// cleaning and escaping every string writes.
func FuzzAppendXML(f *testing.F) {
	for _, s := range append(hostileNames, "", "plain", "tab\there", "line\nbreak", "cr\r\nlf", "a & b", `"q" 'a'`, "\x7f\x00", "é", "\xff", "01234567&89", "abcdefg\x01hijklmnop", "abcdefgh\"ijkl", "long plain sentence of words\tand a tab", "ascii then é after eight") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendXML([]byte("x"), s)), "x"+xmlEscapeRef(s, true); got != want {
			t.Errorf("appendXML(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendXMLText([]byte("x"), s)), "x"+xmlEscapeRef(s, false); got != want {
			t.Errorf("appendXMLText(%q) = %q, want %q", s, got, want)
		}
	})
}
