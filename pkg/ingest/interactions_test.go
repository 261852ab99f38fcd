package ingest

import (
	"sort"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// An interaction sentence adds an interaction edge with its predicate and
// sentence; a sentence that only names both adds to cooccur alone.
func TestContributeInteractions(t *testing.T) {
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	text := "Kerry and Lavrov met in Geneva. Kerry criticized Lavrov. Lavrov spoke by phone with Kerry on Saturday."
	tokens, sentences := an.Analyze(text)
	if len(sentences) != 3 {
		t.Fatalf("%d sentences", len(sentences))
	}
	a := &ner.Analysis{Text: text, Tokens: tokens, Sentences: sentences}
	for si, s := range sentences {
		for _, name := range []string{"Kerry", "Lavrov", "Geneva"} {
			off := s.Start
			for {
				i := strings.Index(text[off:s.End], name)
				if i < 0 {
					break
				}
				start := off + i
				typ, entity := ner.Person, map[string]string{"Kerry": "John Kerry", "Lavrov": "Sergey Lavrov"}[name]
				if name == "Geneva" {
					typ, entity = ner.GPE, "Geneva"
				}
				a.Mentions = append(a.Mentions, ner.Mention{Start: start, End: start + len(name), Text: name, Type: typ, Sentence: si, Entity: entity})
				off = start + len(name)
			}
		}
	}
	sort.Slice(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
	doc := source.Document{Path: "a.txt", ID: "d1", Date: "2016-12-09", Text: text}
	c := Contribute(doc, a, fakeExtractor{}, SentenceWindow)
	kerry, lavrov := graph.EntityID("John Kerry", "PERSON"), graph.EntityID("Sergey Lavrov", "PERSON")
	var inter, co *graph.Edge
	for i, e := range c.Edges {
		pair := (e.Source == kerry && e.Target == lavrov) || (e.Source == lavrov && e.Target == kerry)
		switch {
		case e.Kind == graph.Interaction && pair:
			inter = &c.Edges[i]
		case e.Kind == graph.Interaction:
			t.Errorf("unexpected interaction %+v", e)
		case e.Kind == graph.Cooccur && pair:
			co = &c.Edges[i]
		}
	}
	if inter == nil || co == nil {
		t.Fatalf("edges %+v", c.Edges)
	}
	if inter.Weight != 2 || inter.Predicates["met"] != 1 || inter.Predicates["phone call"] != 1 || len(inter.Evidence) != 2 || inter.Documents != 1 {
		t.Errorf("interaction %+v", inter)
	}
	for _, ev := range inter.Evidence {
		if ev.Predicate == "" || ev.Date != "2016-12-09" || text[ev.Start:ev.End] != ev.Text || !strings.Contains(ev.Text, "Lavrov") {
			t.Errorf("evidence %+v", ev)
		}
	}
	if co.Weight != 3 {
		t.Errorf("cooccur weight %d, want 3", co.Weight)
	}
}
