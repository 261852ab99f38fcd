package graph

import (
	"fmt"
	"math/rand/v2"
)

// synth makes reproducible contributions over a vocabulary of entities, for
// tests and benchmarks.
type synth struct {
	rng      *rand.Rand
	names    []string
	types    []string
	perDoc   int // entities per document
	perSent  int // entities per sentence
	evidence bool
}

var synthTypes = []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "MISC"}

func newSynth(seed uint64, entities int) *synth {
	s := &synth{rng: rand.New(rand.NewPCG(seed, 7)), perDoc: 8, perSent: 3, evidence: true}
	for i := range entities {
		s.names = append(s.names, fmt.Sprintf("Entity %d", i))
		s.types = append(s.types, synthTypes[i%len(synthTypes)])
	}
	return s
}

// pick returns an entity index, skewed so that low indexes are frequent.
func (s *synth) pick() int {
	n := len(s.names)
	if s.rng.IntN(2) == 0 {
		return s.rng.IntN(min(n, 50))
	}
	return s.rng.IntN(n)
}

// doc makes the contribution of document i.
func (s *synth) doc(i int) Contribution {
	date := ""
	if i%5 != 0 {
		date = fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+i%28)
	}
	c := Contribution{Doc: Document{ID: fmt.Sprintf("doc-%06d", i), Source: fmt.Sprintf("corpus/%d.txt", i), Date: date, Bytes: 1000, Sentences: 3}}
	ents := map[int]*Entity{}
	var order []int
	for sent := 0; sent < s.perDoc/s.perSent+1; sent++ {
		var inSent []int
		for range s.perSent {
			e := s.pick()
			if len(ents) >= s.perDoc && ents[e] == nil {
				continue
			}
			en := ents[e]
			if en == nil {
				en = &Entity{ID: EntityID(s.names[e], s.types[e]), Name: s.names[e], Type: s.types[e], Aliases: map[string]int{}, Documents: 1, FirstSeen: date, LastSeen: date}
				ents[e] = en
				order = append(order, e)
			}
			alias := s.names[e]
			if s.rng.IntN(3) == 0 {
				alias = fmt.Sprintf("E%d", e)
			}
			en.Aliases[alias]++
			en.Mentions++
			start := sent*100 + len(inSent)*10
			c.Mentions = append(c.Mentions, Mention{Entity: en.ID, Start: start, End: start + 5, Text: alias, Sentence: sent})
			inSent = append(inSent, e)
		}
		for a := 0; a < len(inSent); a++ {
			for b := a + 1; b < len(inSent); b++ {
				if inSent[a] == inSent[b] {
					continue
				}
				kind := Cooccur
				var preds map[string]int
				pred := ""
				if s.rng.IntN(4) == 0 {
					kind, pred, preds = Interaction, "met", map[string]int{"met": 1}
				}
				ed := Edge{Kind: kind, Source: ents[inSent[a]].ID, Target: ents[inSent[b]].ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date, Predicates: preds}
				if s.evidence {
					ed.Evidence = []Evidence{{Doc: c.Doc.ID, Start: sent * 100, End: sent*100 + 90, Date: date, Predicate: pred,
						Text: fmt.Sprintf("%s and %s appear in sentence %d of document %d.", s.names[inSent[a]], s.names[inSent[b]], sent, i)}}
				}
				c.Edges = append(c.Edges, ed)
			}
		}
	}
	for _, e := range order {
		c.Entities = append(c.Entities, *ents[e])
	}
	c.Doc.Mentions = len(c.Mentions)
	return c
}

func (s *synth) docs(from, to int) []Contribution {
	cs := make([]Contribution, 0, to-from)
	for i := from; i < to; i++ {
		cs = append(cs, s.doc(i))
	}
	return cs
}
