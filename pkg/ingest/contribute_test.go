package ingest

import (
	"context"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// fakeExtractor knows one country; other bare names are Misc.
type fakeExtractor struct{}

func (fakeExtractor) Extract(context.Context, string, ner.Hints) (*ner.Analysis, error) {
	return nil, nil
}
func (fakeExtractor) Classify(name string) (string, ner.Type) {
	if name == "United States" {
		return name, ner.GPE
	}
	return name, ner.Misc
}

func TestContribute(t *testing.T) {
	text := "Kerry met Lavrov in Geneva. Kerry flew home."
	a := &ner.Analysis{
		Text:      text,
		Sentences: []ner.Sentence{{Start: 0, End: 27}, {Start: 28, End: 44}},
		Mentions: []ner.Mention{
			{Start: 0, End: 5, Text: "Kerry", Type: ner.Person, Sentence: 0, Entity: "John Kerry"},
			{Start: 10, End: 16, Text: "Lavrov", Type: ner.Person, Sentence: 0, Entity: "Sergey Lavrov"},
			{Start: 20, End: 26, Text: "Geneva", Type: ner.GPE, Sentence: 0, Entity: "Geneva"},
			{Start: 28, End: 33, Text: "Kerry", Type: ner.Person, Sentence: 1, Entity: "John Kerry"},
		},
	}
	doc := source.Document{Path: "a.txt", ID: "d1", Date: "2016-12-09", Text: text,
		Contexts: [][]string{{"John Kerry", "Sergey Lavrov", "United States"}}, Topic: "Battle of Aleppo"}
	c := Contribute(doc, a, fakeExtractor{}, SentenceWindow)

	kerry := graph.EntityID("John Kerry", "PERSON")
	lavrov := graph.EntityID("Sergey Lavrov", "PERSON")
	us := graph.EntityID("United States", "GPE")
	topic := graph.EntityID("Battle of Aleppo", "EVENT")
	ents := map[string]graph.Entity{}
	for _, e := range c.Entities {
		ents[e.ID] = e
	}
	if e := ents[kerry]; e.Mentions != 2 || e.Aliases["Kerry"] != 2 || e.Documents != 1 || e.FirstSeen != "2016-12-09" {
		t.Errorf("John Kerry = %+v", e)
	}
	if _, ok := ents[us]; !ok {
		t.Error("the Context name United States is no entity")
	}
	if _, ok := ents[topic]; !ok {
		t.Error("the topic is no EVENT entity")
	}
	edge := func(kind graph.EdgeKind, x, y string) *graph.Edge {
		if y < x {
			x, y = y, x
		}
		for i, e := range c.Edges {
			if e.Kind == kind && e.Source == x && e.Target == y {
				return &c.Edges[i]
			}
		}
		return nil
	}
	co := edge(graph.Cooccur, kerry, lavrov)
	if co == nil || co.Weight != 1 || len(co.Evidence) != 1 || co.Evidence[0].Text != "Kerry met Lavrov in Geneva." {
		t.Errorf("cooccur Kerry—Lavrov = %+v", co)
	}
	if e := edge(graph.Context, kerry, us); e == nil || e.Weight != 1 {
		t.Errorf("context Kerry—United States = %+v", e)
	}
	if e := edge(graph.Context, topic, kerry); e == nil {
		t.Error("no edge from the topic to John Kerry")
	}
	for _, e := range c.Edges {
		if e.Source >= e.Target {
			t.Errorf("edge %s—%s not normalised or a self-loop", e.Source, e.Target)
		}
	}
	if c.Doc.Mentions != 4 || c.Doc.Sentences != 2 || c.Doc.Date != "2016-12-09" {
		t.Errorf("doc record %+v", c.Doc)
	}
}

func TestContributeWindows(t *testing.T) {
	text := "Kerry flew in. Lavrov waited.\n\nPutin stayed home."
	a := &ner.Analysis{
		Text:      text,
		Sentences: []ner.Sentence{{Start: 0, End: 14}, {Start: 15, End: 29}, {Start: 31, End: 49}},
		Mentions: []ner.Mention{
			{Start: 0, End: 5, Text: "Kerry", Type: ner.Person, Sentence: 0, Entity: "John Kerry"},
			{Start: 15, End: 21, Text: "Lavrov", Type: ner.Person, Sentence: 1, Entity: "Sergey Lavrov"},
			{Start: 31, End: 36, Text: "Putin", Type: ner.Person, Sentence: 2, Entity: "Vladimir Putin"},
		},
	}
	doc := source.Document{Path: "a.txt", ID: "d1", Text: text}
	for _, tt := range []struct {
		window   Window
		edges    int
		evidence string // of the Kerry—Lavrov edge
	}{
		{SentenceWindow, 0, ""},
		{ParagraphWindow, 1, "Kerry flew in. Lavrov waited."},
		{DocumentWindow, 3, "Kerry flew in. Lavrov waited. Putin stayed home."},
	} {
		c := Contribute(doc, a, fakeExtractor{}, tt.window)
		if len(c.Edges) != tt.edges {
			t.Errorf("window %d: %d edges, want %d", tt.window, len(c.Edges), tt.edges)
		}
		for _, e := range c.Edges {
			kl := map[string]bool{e.Source: true, e.Target: true}
			if kl[graph.EntityID("John Kerry", "PERSON")] && kl[graph.EntityID("Sergey Lavrov", "PERSON")] && e.Evidence[0].Text != tt.evidence {
				t.Errorf("window %d: evidence %q, want %q", tt.window, e.Evidence[0].Text, tt.evidence)
			}
		}
	}
	if _, err := ParseWindow("chapter"); err == nil {
		t.Error("ParseWindow accepted an unknown window")
	}
}
