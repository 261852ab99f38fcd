package ingest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/relation"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// Window is the stretch of text within which two entities co-occur.
type Window int

// The co-occurrence windows.
const (
	SentenceWindow  Window = iota // the same sentence (the default)
	ParagraphWindow               // the same paragraph (text between blank lines)
	DocumentWindow                // the same document
)

// ParseWindow returns the Window named sentence, paragraph or document.
func ParseWindow(s string) (Window, error) {
	switch s {
	case "sentence", "":
		return SentenceWindow, nil
	case "paragraph":
		return ParagraphWindow, nil
	case "document":
		return DocumentWindow, nil
	}
	return 0, fmt.Errorf("unknown co-occurrence window %q (want sentence, paragraph or document)", s)
}

// units returns, for each sentence, the index of the window unit it
// belongs to, and each unit's byte span.
func units(a *ner.Analysis, w Window) (unitOf []int, spans [][2]int) {
	unitOf = make([]int, len(a.Sentences))
	for i, s := range a.Sentences {
		switch {
		case w == SentenceWindow:
			spans = append(spans, [2]int{s.Start, s.End})
		case i == 0:
			spans = append(spans, [2]int{s.Start, s.End})
		case w == ParagraphWindow && strings.Count(a.Text[a.Sentences[i-1].End:s.Start], "\n") >= 2:
			spans = append(spans, [2]int{s.Start, s.End})
		default:
			spans[len(spans)-1][1] = s.End
		}
		unitOf[i] = len(spans) - 1
	}
	return unitOf, spans
}

// Contribute turns one analysed document into what it adds to the graph:
// the document record, its mentions, its entities with their surface forms,
// a cooccur edge for every pair of entities named in one window (sentence,
// paragraph or document; weight = windows), a context edge for every pair
// named in one "_Context:_" line, and an edge of kind context from the
// document's topic (an EVENT) to each entity.
func Contribute(doc source.Document, a *ner.Analysis, ex Extractor, w Window) graph.Contribution {
	c := graph.Contribution{Doc: graph.Document{
		ID: doc.ID, Source: doc.Path, Title: doc.Title, Date: doc.Date, URL: doc.URL,
		Bytes: len(doc.Text), Sentences: len(a.Sentences), Mentions: len(a.Mentions),
	}}
	ents := map[string]*graph.Entity{}
	entity := func(name string, typ ner.Type) *graph.Entity {
		id := graph.EntityID(name, string(typ))
		e := ents[id]
		if e == nil {
			e = &graph.Entity{ID: id, Name: name, Type: string(typ), Documents: 1,
				FirstSeen: doc.Date, LastSeen: doc.Date, Aliases: map[string]int{}}
			ents[id] = e
		}
		return e
	}
	unitOf, spans := units(a, w)
	bySentence := map[int][]string{} // window unit → entity ids
	for _, m := range a.Mentions {
		e := entity(m.Entity, m.Type)
		e.Mentions++
		e.Aliases[strings.Join(strings.Fields(m.Text), " ")]++
		c.Mentions = append(c.Mentions, graph.Mention{Entity: e.ID, Start: m.Start, End: m.End, Text: m.Text, Sentence: m.Sentence})
		if m.Sentence >= 0 && m.Sentence < len(unitOf) {
			u := unitOf[m.Sentence]
			bySentence[u] = append(bySentence[u], e.ID)
		}
	}

	edges := map[[3]string]*graph.Edge{}
	addEdge := func(kind graph.EdgeKind, x, y string, ev graph.Evidence) {
		if x == y {
			return
		}
		if y < x {
			x, y = y, x
		}
		k := [3]string{string(kind), x, y}
		e := edges[k]
		if e == nil {
			e = &graph.Edge{Kind: kind, Source: x, Target: y, Documents: 1, FirstSeen: doc.Date, LastSeen: doc.Date}
			edges[k] = e
		}
		e.Weight++
		if len(e.Evidence) < graph.MaxEvidenceOf(e.Kind) {
			e.Evidence = append(e.Evidence, ev)
		}
	}
	sents := make([]int, 0, len(bySentence))
	for s := range bySentence {
		sents = append(sents, s)
	}
	sort.Ints(sents)
	for _, s := range sents {
		ids := uniq(bySentence[s])
		if len(ids) < 2 {
			continue
		}
		sp := spans[s]
		ev := graph.Evidence{Doc: doc.ID, Start: sp[0], End: sp[1], Date: doc.Date, Text: clip(a.Text[sp[0]:sp[1]])}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				addEdge(graph.Cooccur, ids[i], ids[j], ev)
			}
		}
	}

	addInteractions(doc, a, ents, edges)

	// Context lines: a name takes the type its mentions in the text have,
	// else the gazetteer's or the recognizer's.
	typeOf := map[string]ner.Type{}
	for _, m := range a.Mentions {
		typeOf[strings.ToLower(m.Entity)] = m.Type
	}
	resolveName := func(name string) (string, ner.Type, bool) { return contextEntity(typeOf, ex, name) }
	for _, line := range doc.Contexts {
		var ids []string
		for _, n := range line {
			name, typ, ok := resolveName(n)
			if !ok {
				continue
			}
			e := entity(name, typ)
			ids = append(ids, e.ID)
		}
		ids = uniq(ids)
		ev := graph.Evidence{Doc: doc.ID, Start: -1, End: -1, Date: doc.Date, Text: clip("Context: " + strings.Join(line, ", "))}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				addEdge(graph.Context, ids[i], ids[j], ev)
			}
		}
	}
	if doc.Topic != "" {
		// A topic heading that names a known entity ("European Union",
		// "Kirk Douglas") is that entity; others ("Battle of Aleppo") are
		// events.
		name, typ, ok := resolveName(doc.Topic)
		if !ok {
			name, typ = doc.Topic, ner.Event
		}
		if typ == ner.Misc {
			typ = ner.Event
		}
		topic := entity(name, typ)
		ev := graph.Evidence{Doc: doc.ID, Start: -1, End: -1, Date: doc.Date, Text: clip("Topic: " + doc.Topic)}
		var ids []string
		for id := range ents {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			addEdge(graph.Context, topic.ID, id, ev)
		}
	}

	for _, e := range ents {
		c.Entities = append(c.Entities, *e)
	}
	sort.Slice(c.Entities, func(i, j int) bool { return c.Entities[i].ID < c.Entities[j].ID })
	for _, e := range edges {
		c.Edges = append(c.Edges, *e)
	}
	sort.Slice(c.Edges, func(i, j int) bool {
		x, y := c.Edges[i], c.Edges[j]
		if x.Source != y.Source {
			return x.Source < y.Source
		}
		if x.Target != y.Target {
			return x.Target < y.Target
		}
		return x.Kind < y.Kind
	})
	return c
}

func uniq(ids []string) []string {
	sort.Strings(ids)
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// clip cuts s to graph.MaxEvidenceText bytes at a rune boundary, folding
// white space.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= graph.MaxEvidenceText {
		return s
	}
	cut := graph.MaxEvidenceText - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// addInteractions adds an interaction edge for every pair of entities that
// a sentence says met, held talks, phoned, visited, hosted, received,
// negotiated or signed with each other (relation.Extract). Weight counts the
// sentences, Predicates the predicates, and each evidence sentence carries
// its predicate. Both ends are entities of ents (the document's).
func addInteractions(doc source.Document, a *ner.Analysis, ents map[string]*graph.Entity, edges map[[3]string]*graph.Edge) {
	for _, r := range relation.Extract(a) {
		ma, mb := a.Mentions[r.A], a.Mentions[r.B]
		x := graph.EntityID(ma.Entity, string(ma.Type))
		y := graph.EntityID(mb.Entity, string(mb.Type))
		if x == y || ents[x] == nil || ents[y] == nil {
			continue
		}
		if y < x {
			x, y = y, x
		}
		k := [3]string{string(graph.Interaction), x, y}
		e := edges[k]
		if e == nil {
			e = &graph.Edge{Kind: graph.Interaction, Source: x, Target: y, Documents: 1,
				FirstSeen: doc.Date, LastSeen: doc.Date, Predicates: map[string]int{}}
			edges[k] = e
		}
		e.Weight++
		e.Predicates[r.Predicate]++
		if len(e.Evidence) < graph.MaxEvidenceOf(e.Kind) {
			sent := a.Sentences[r.Sentence]
			e.Evidence = append(e.Evidence, graph.Evidence{Doc: doc.ID, Start: sent.Start, End: sent.End,
				Date: doc.Date, Text: clip(a.Text[sent.Start:sent.End]), Predicate: r.Predicate})
		}
	}
}

// ContextEntity returns the entity a Context name of a document stands
// for, as Contribute makes it: the name as the document's text resolved
// it, else as ex classifies it; ok is false for a name that is no entity
// (an office, a common noun).
func ContextEntity(a *ner.Analysis, ex Extractor, name string) (canonical string, typ ner.Type, ok bool) {
	typeOf := map[string]ner.Type{}
	for _, m := range a.Mentions {
		typeOf[strings.ToLower(m.Entity)] = m.Type
	}
	return contextEntity(typeOf, ex, name)
}

// contextEntity is ContextEntity given the types of the text's entities
// by lower-case name.
func contextEntity(typeOf map[string]ner.Type, ex Extractor, name string) (string, ner.Type, bool) {
	t, ok := typeOf[strings.ToLower(name)]
	if ok && t != ner.Misc && t != ner.NORP {
		return name, t, true
	}
	c, ct := ex.Classify(name)
	switch {
	case ct == "":
		return "", "", false // an office, a common noun: no node
	case ok && (t == ner.Misc || ct != ner.GPE):
		return name, t, true // as the text has it
	case ok:
		return c, ct, true // a nationality in a Context line stands for its country
	}
	t = ct
	if tt, ok := typeOf[strings.ToLower(c)]; ok {
		return c, tt, true
	}
	return c, t, true
}
