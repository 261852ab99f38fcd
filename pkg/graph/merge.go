package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The merge rules below make the stored graph a function of the set of
// documents applied, whatever the order they arrive in: counts add, first
// dates take the minimum, last dates the maximum, evidence keeps the
// MaxEvidenceOf(kind)-1 first pieces in evidenceCompare order and the last.

func addCounts(dst map[string]int, src map[string]int) map[string]int {
	if len(src) == 0 {
		return dst
	}
	if dst == nil {
		dst = make(map[string]int, len(src))
	}
	for k, v := range src {
		dst[k] += v
	}
	return dst
}

// mergeEntity adds src, another record of the same entity, into dst.
//
// The canonical name is the most frequent alias spelled like the name up to
// case (ties: the smallest string); when no alias is, the smallest name
// given. Both choices depend only on what was merged, not on its order.
func mergeEntity(dst *Entity, src *Entity) {
	dst.Mentions += src.Mentions
	dst.Documents += src.Documents
	dst.FirstSeen = MinDate(dst.FirstSeen, src.FirstSeen)
	dst.LastSeen = MaxDate(dst.LastSeen, src.LastSeen)
	dst.Aliases = addCounts(dst.Aliases, src.Aliases)
	if dst.Type == "" {
		dst.Type = src.Type
	}
	if dst.Name == "" || (src.Name != "" && src.Name < dst.Name) {
		dst.Name = src.Name
	}
	dst.Name = canonicalName(dst.Name, dst.Aliases)
}

// canonicalName picks the display form of name, as mergeEntity documents.
func canonicalName(name string, aliases map[string]int) string {
	lower := strings.ToLower(name)
	best, bestN := "", 0
	for a, n := range aliases {
		if strings.ToLower(a) != lower {
			continue
		}
		if n > bestN || (n == bestN && a < best) {
			best, bestN = a, n
		}
	}
	if best == "" {
		return name
	}
	return best
}

// evidenceCompare orders evidence: dated before undated, earlier dates
// first, then by document, offsets, predicate and text.
func evidenceCompare(a, b Evidence) int {
	if (a.Date == "") != (b.Date == "") {
		if a.Date == "" {
			return 1
		}
		return -1
	}
	return cmp.Or(
		cmp.Compare(a.Date, b.Date),
		cmp.Compare(a.Doc, b.Doc),
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
		cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Text, b.Text),
	)
}

// mergeEvidence returns the union of a and b without duplicates, sorted by
// evidenceCompare and cut to max pieces: the max-1 first and the last, so
// an edge shows where it started and where it was seen last. The result
// does not depend on the order records are merged in.
func mergeEvidence(a, b []Evidence, max int) []Evidence {
	if len(b) == 0 && len(a) <= max {
		return a
	}
	all := make([]Evidence, 0, len(a)+len(b))
	all = append(all, a...)
	all = append(all, b...)
	slices.SortFunc(all, evidenceCompare)
	all = slices.CompactFunc(all, func(x, y Evidence) bool { return evidenceCompare(x, y) == 0 })
	if len(all) > max {
		last := all[len(all)-1]
		all = append(all[:max-1:max-1], last)
	}
	return all
}

// mergeEdge adds src, another record of the same edge, into dst.
func mergeEdge(dst *Edge, src *Edge) {
	dst.Weight += src.Weight
	dst.Documents += src.Documents
	dst.FirstSeen = MinDate(dst.FirstSeen, src.FirstSeen)
	dst.LastSeen = MaxDate(dst.LastSeen, src.LastSeen)
	dst.Predicates = addCounts(dst.Predicates, src.Predicates)
	dst.Evidence = mergeEvidence(dst.Evidence, src.Evidence, MaxEvidenceOf(dst.Kind))
}

// cutText cuts s to at most n bytes at a rune boundary.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// prepared is a validated Contribution with parsed ids, entities and edges
// of one id merged.
type prepared struct {
	doc      Document
	mentions []Mention
	entities map[uint64]*Entity
	edges    map[edgeID]*Edge
}

// edgeID names an edge: its endpoints (src < dst) and kind byte.
type edgeID struct {
	src, dst uint64
	kind     byte
}

// Validate reports whether the Store can apply c: a document id of 1 to
// 4096 bytes; entities with ids as EntityID makes them and a type; edges
// of a known kind between two different entities that c itself lists. The
// error wraps ErrInvalid and names the document.
func (c *Contribution) Validate() error {
	_, err := prepare(c)
	return err
}

// prepare validates c and normalizes it: edges get Source < Target,
// evidence text is cut to MaxEvidenceText, records of one id are merged and
// every entity and edge counts one document.
func prepare(c *Contribution) (*prepared, error) {
	id := c.Doc.ID
	bad := func(format string, args ...any) error {
		return fmt.Errorf("document %q: %s: %w", shortID(id), fmt.Sprintf(format, args...), ErrInvalid)
	}
	if id == "" {
		return nil, fmt.Errorf("document with source %q: empty id: %w", c.Doc.Source, ErrInvalid)
	}
	if len(id) > maxDocIDLen {
		return nil, bad("id longer than %d bytes", maxDocIDLen)
	}
	p := &prepared{
		doc:      c.Doc,
		mentions: c.Mentions,
		entities: make(map[uint64]*Entity, len(c.Entities)),
		edges:    make(map[edgeID]*Edge, len(c.Edges)),
	}
	for i := range c.Mentions {
		if _, err := parseID(c.Mentions[i].Entity); err != nil {
			return nil, bad("mention %d: %v", i, err)
		}
	}
	for i := range c.Entities {
		en := c.Entities[i]
		eid, err := parseID(en.ID)
		if err != nil {
			return nil, bad("%v", err)
		}
		if en.Type == "" {
			return nil, bad("entity %s (%q) has no type", en.ID, en.Name)
		}
		if old, ok := p.entities[eid]; ok {
			mergeEntity(old, &en)
			continue
		}
		en.Aliases = addCounts(nil, en.Aliases)
		en.Name = canonicalName(en.Name, en.Aliases)
		p.entities[eid] = &en
	}
	for i := range c.Edges {
		ed := c.Edges[i]
		kb, ok := kindByte(ed.Kind)
		if !ok {
			return nil, bad("edge kind %q", ed.Kind)
		}
		src, err := parseID(ed.Source)
		if err != nil {
			return nil, bad("edge source: %v", err)
		}
		dst, err := parseID(ed.Target)
		if err != nil {
			return nil, bad("edge target: %v", err)
		}
		if src == dst {
			return nil, bad("self-loop on entity %s", ed.Source)
		}
		if src > dst {
			src, dst = dst, src
			ed.Source, ed.Target = ed.Target, ed.Source
		}
		if p.entities[src] == nil || p.entities[dst] == nil {
			return nil, bad("edge %s-%s: entity not in the contribution", ed.Source, ed.Target)
		}
		ev := make([]Evidence, len(ed.Evidence))
		for j, e := range ed.Evidence {
			e.Text = cutText(e.Text, MaxEvidenceText)
			ev[j] = e
		}
		ed.Evidence = mergeEvidence(nil, ev, MaxEvidenceOf(ed.Kind))
		ed.Predicates = addCounts(nil, ed.Predicates)
		key := edgeID{src, dst, kb}
		if old, ok := p.edges[key]; ok {
			mergeEdge(old, &ed)
			continue
		}
		p.edges[key] = &ed
	}
	// One contribution is one document, however its records were split.
	for _, en := range p.entities {
		en.Documents = 1
	}
	for _, ed := range p.edges {
		ed.Documents = 1
	}
	return p, nil
}
