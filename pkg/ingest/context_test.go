package ingest

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// TestContextPairCoverage: on the Current Events fixtures, the pairs of
// names of a Context line are edges of the default export (both ends of
// a default type), but for names that are no entity at all (an office, a
// common noun), which make no node.
func TestContextPairCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the recognizer on the fixtures")
	}
	ex, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	var inputs []source.Input
	filepath.Walk("../../fixtures", func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "LICENSE.md") && !strings.HasSuffix(p, "README.md") {
			inputs = append(inputs, source.Input{Path: p, Size: fi.Size()})
		}
		return nil
	})
	def := map[string]bool{}
	for _, t := range graph.DefaultTypes {
		def[t] = true
	}
	pairs, kept, named := 0, 0, 0
	misc := map[string]int{}
	seen := map[string]bool{}
	err = Run(context.Background(), inputs, ex, Options{}, func(r Result) error {
		if seen[r.Doc.ID] {
			return nil
		}
		seen[r.Doc.ID] = true
		c := Contribute(r.Doc, r.Analysis, ex, SentenceWindow)
		typ := map[string]string{}
		for _, e := range c.Entities {
			typ[e.ID] = e.Type
		}
		edges := map[[2]string]bool{}
		for _, e := range c.Edges {
			if e.Kind == graph.Context {
				edges[[2]string{e.Source, e.Target}] = true
			}
		}
		for _, line := range r.Doc.Contexts {
			n := len(line)
			named += n * (n - 1) / 2
			var ids []string
			for _, n := range line {
				name, tp, ok := ContextEntity(r.Analysis, ex, n)
				if !ok {
					continue // no entity: no node, no pair
				}
				id := graph.EntityID(name, string(tp))
				if !def[string(tp)] {
					misc[n+" ("+string(tp)+")"]++
				}
				ids = append(ids, id)
			}
			ids = uniq(ids)
			for i := range ids {
				for j := i + 1; j < len(ids); j++ {
					pairs++
					x, y := ids[i], ids[j]
					if y < x {
						x, y = y, x
					}
					if edges[[2]string{x, y}] && def[typ[x]] && def[typ[y]] {
						kept++
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range misc {
		names = append(names, n)
	}
	sort.Strings(names)
	share := float64(kept) / float64(max(pairs, 1))
	t.Logf("%d of %d Context pairs of entities are edges of the default export (%.1f%%; %d pairs of names in all, %.1f%%); not of a default type: %s",
		kept, pairs, 100*share, named, 100*float64(kept)/float64(max(named, 1)), strings.Join(names, "; "))
	if share < 0.95 {
		t.Errorf("%.1f%% of the Context pairs are default-export edges, want >= 95%%", 100*share)
	}
}

// Context titles are typed from their form; offices and common nouns make
// no node; a title before a person's name is cut.
func TestContextTitles(t *testing.T) {
	ex, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := source.Document{Path: "a.md", ID: "/news/2016/8/5/a.md", Date: "2016-08-05",
		Text: "The Games opened in Rio de Janeiro on Friday, officials said.",
		Contexts: [][]string{{"2016 Summer Olympics", "Syrian Civil War", "Nice truck attack", "Philippine general election, 2016",
			"China–India relations", "Parliament of Kenya", "Cabinet of Justin Trudeau", "Volkswagen AG", "Supreme Court of India",
			"Boko Haram", "Russian President Vladimir Putin", "Prime Minister of Italy", "French President", "copper", "euro"}}}
	a, err := ex.Extract(context.Background(), doc.Text, ner.Hints{Names: doc.Contexts[0]})
	if err != nil {
		t.Fatal(err)
	}
	c := Contribute(doc, a, ex, SentenceWindow)
	got := map[string]string{}
	for _, e := range c.Entities {
		got[e.Name] = e.Type
	}
	want := map[string]string{
		"2016 Summer Olympics": "EVENT", "Syrian Civil War": "EVENT", "Nice truck attack": "EVENT",
		"Philippine general election, 2016": "EVENT", "China–India relations": "EVENT",
		"Parliament of Kenya": "ORG", "Cabinet of Justin Trudeau": "ORG", "Volkswagen": "ORG",
		"Supreme Court of India": "ORG", "Boko Haram": "ORG", "Vladimir Putin": "PERSON",
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%q: %q, want %s", name, got[name], typ)
		}
	}
	for _, none := range []string{"Prime Minister of Italy", "French President", "copper", "euro", "Russian President Vladimir Putin"} {
		if typ, ok := got[none]; ok {
			t.Errorf("%q is a node (%s)", none, typ)
		}
	}
}
