package ner

import (
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Aliaser maps a name as written to the canonical name and type of what it
// names ("U.S." → "United States", GPE). The gazetteer is one.
type Aliaser interface {
	Lookup(name string) (canonical string, typ Type, ok bool)
}

// builtinAliases is the fallback Aliaser used when no gazetteer is given: the
// handful of names every news text abbreviates.
type builtinAliases struct{}

var builtinTable = map[string]struct {
	name string
	typ  Type
}{
	"U.S.": {"United States", GPE}, "US": {"United States", GPE}, "USA": {"United States", GPE},
	"U.S.A.": {"United States", GPE}, "United States of America": {"United States", GPE},
	"UK": {"United Kingdom", GPE}, "U.K.": {"United Kingdom", GPE}, "Britain": {"United Kingdom", GPE},
	"Great Britain": {"United Kingdom", GPE},
	"UN":            {"United Nations", Org}, "U.N.": {"United Nations", Org},
	"EU": {"European Union", Org}, "E.U.": {"European Union", Org},
	"Russian Federation": {"Russia", GPE},
}

func (builtinAliases) Lookup(name string) (string, Type, bool) {
	if e, ok := builtinTable[name]; ok {
		return e.name, e.typ, true
	}
	return "", "", false
}

// normalizeName folds the runs of white space inside a name to one space and
// strips a trailing possessive.
func normalizeName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, suf := range []string{"'s", "’s"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// resolveDocument gives every mention its canonical name and one type per
// name within a document: gazetteer aliases, the document's Context names,
// surnames and partial names of a person named in full elsewhere in the
// text, and acronyms the text defines ("United Nations Children's Fund
// (UNICEF)").
func resolveDocument(text string, ms []Mention, alias Aliaser, hints []string) {
	if len(ms) == 0 {
		return
	}
	fixed := make([]bool, len(ms)) // type set by the gazetteer
	hintByLower := make(map[string]string, len(hints))
	for _, h := range hints {
		hintByLower[strings.ToLower(h)] = h
	}
	for i := range ms {
		m := &ms[i]
		m.Entity = normalizeName(m.Text)
		if h, ok := hintByLower[strings.ToLower(m.Entity)]; ok {
			m.Entity = h
		}
	}
	// People named in full: by each of their name parts. A part met alone
	// ("Kirby", "Obama") is that person, even where the gazetteer knows a
	// place or a company of that name.
	full := map[string]map[string]bool{} // lower-case name part → full names
	addFull := func(name string) {
		parts := strings.Fields(name)
		if len(parts) < 2 {
			return
		}
		for _, p := range parts {
			lp := strings.ToLower(p)
			if full[lp] == nil {
				full[lp] = map[string]bool{}
			}
			full[lp][name] = true
		}
	}
	for _, m := range ms {
		if m.Type == Person {
			addFull(m.Entity)
		}
	}
	// A Context name that looks like a person's is one, unless the text
	// names it as something else ("Eastern Europe" found as a place).
	gaz, _ := alias.(*Gazetteer)
	notPerson := map[string]bool{}
	for _, m := range ms {
		if m.Type != Person {
			notPerson[m.Entity] = true
		}
	}
	for _, h := range hints {
		if looksLikePersonName(h, gaz) && !notPerson[h] {
			addFull(h)
		}
	}
	person := make([]bool, len(ms))
	for i := range ms {
		m := &ms[i]
		if name, ok := uniqueFullName(full, m.Entity); ok {
			m.Entity, m.Type, person[i] = name, Person, true
			continue
		}
		if alias != nil {
			if c, t, ok := alias.Lookup(m.Entity); ok {
				m.Entity, m.Type, fixed[i] = c, t, true
			} else if c, ok := placeInCapitals(alias, m); ok {
				m.Entity = c // "LONDON" in a dateline is London
			}
		}
	}
	// Acronyms defined in the text: "Full Name (ACR)"; the full name
	// resolves to the acronym.
	acr := map[string]string{}
	for i := range ms {
		m := ms[i]
		rest := text[m.End:]
		if !strings.HasPrefix(rest, " (") {
			continue
		}
		end := strings.IndexByte(rest, ')')
		if end < 3 || end > 12 {
			continue
		}
		a := rest[2:end]
		if abbreviates(a, m.Entity) {
			acr[m.Entity] = a // the abbreviation is the stabler name across texts
		}
	}
	for i := range ms {
		m := &ms[i]
		if a, ok := acr[m.Entity]; ok && !fixed[i] && !person[i] {
			m.Entity = a
		}
		fixed[i] = fixed[i] || person[i]
	}
	voteTypes(ms, fixed)
}

// uniqueFullName returns the one full person name that the partial name
// (one or more of its parts, last name first in importance) belongs to.
func uniqueFullName(full map[string]map[string]bool, name string) (string, bool) {
	parts := strings.Fields(name)
	if len(parts) == 0 || len(parts) > 2 {
		return "", false
	}
	var cands map[string]bool
	for _, p := range parts {
		c := full[strings.ToLower(p)]
		if cands == nil {
			cands = c
			continue
		}
		inter := map[string]bool{}
		for n := range c {
			if cands[n] {
				inter[n] = true
			}
		}
		cands = inter
	}
	if len(cands) != 1 {
		return "", false
	}
	for n := range cands {
		if n != name && len(strings.Fields(n)) > len(parts) {
			return n, true
		}
	}
	return "", false
}

// countryAbbrev are the abbreviations among titleWords ("UN Envoy"); they
// count as titles only in capitals.
var countryAbbrev = setOf("un", "us", "uk", "eu")

// looksLikePersonName is a weak test used for Context names: two to four
// capitalised words without digits or commas, no title word,
// and no words that make it a place or an organisation (see headType; g,
// which may be nil, knows first names).
func looksLikePersonName(s string, g *Gazetteer) bool {
	parts := strings.Fields(s)
	if len(parts) < 2 || len(parts) > 4 || strings.ContainsAny(s, ",0123456789()") {
		return false
	}
	for _, p := range parts {
		if !capitalised(p) || isTitleWord(p) && !(countryAbbrev[strings.ToLower(p)] && p != strings.ToUpper(p)) {
			return false // a title ("United Nations Secretary-General"); "Un" in "Kim Jong Un" is no "UN"
		}
	}
	last := parts[len(parts)-1]
	_, other := headType(parts[0], last, len(parts), g)
	return !other && !eventHeads[last] // "Mexican Drug War"
}

// abbreviates reports whether a, an upper-case abbreviation, can be built
// from name: its first letter starts the name and its letters appear in the
// name in order ("UNICEF" of "United Nations Children's Fund").
func abbreviates(a, name string) bool {
	letters := make([]rune, 0, len(a))
	for _, r := range a {
		switch {
		case unicode.IsUpper(r):
			letters = append(letters, unicode.ToLower(r))
		case r == '.' || r == '&' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	lname := []rune(strings.ToLower(name))
	if len(letters) < 2 || len(letters) > 10 || len(lname) == 0 || lname[0] != letters[0] || len(strings.Fields(name)) < 2 {
		return false
	}
	j := 0
	for _, r := range lname {
		if j < len(letters) && r == letters[j] {
			j++
		}
	}
	return j == len(letters)
}

// voteTypes gives every mention of one canonical name the type most of its
// mentions have; a gazetteer type wins over the votes.
func voteTypes(ms []Mention, fixed []bool) {
	votes := map[string]map[Type]int{}
	for i, m := range ms {
		if votes[m.Entity] == nil {
			votes[m.Entity] = map[Type]int{}
		}
		w := 1
		if fixed[i] {
			w = 1000
		}
		votes[m.Entity][m.Type] += w
	}
	best := make(map[string]Type, len(votes))
	for name, v := range votes {
		var bt Type
		bn := -1
		for _, t := range Types { // fixed order breaks ties
			if v[t] > bn {
				bt, bn = t, v[t]
			}
		}
		best[name] = bt
	}
	for i := range ms {
		ms[i].Type = best[ms[i].Entity]
	}
}

// Registry resolves partial person names across documents: a one-word
// mention ("Kerry") resolves to the one person with that name part seen in
// full ("John Kerry") in the documents already resolved. It is safe for
// concurrent use, but results depend on the order documents are resolved,
// so callers feed it in input order.
//
// It also keeps one type per name across the corpus: a name takes the type
// most of its mentions so far have had, so that "Aleppo" tagged a place in
// one text and a person in another stays one node.
type Registry struct {
	mu    sync.RWMutex
	full  map[string]map[string]bool
	votes map[string]map[Type]int // lower-case canonical name → mentions by type
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry {
	return &Registry{full: map[string]map[string]bool{}, votes: map[string]map[Type]int{}}
}

// LearnType records n mentions of name with type t (for example from
// entities already stored).
func (r *Registry) LearnType(name string, t Type, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.learnType(name, t, n)
}

func (r *Registry) learnType(name string, t Type, n int) {
	k := strings.ToLower(name)
	v := r.votes[k]
	if v == nil {
		v = map[Type]int{}
		r.votes[k] = v
	}
	v[t] += n
}

// Learn records a person's full name.
func (r *Registry) Learn(name string) {
	parts := strings.Fields(name)
	if len(parts) < 2 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range parts {
		lp := strings.ToLower(p)
		if r.full[lp] == nil {
			r.full[lp] = map[string]bool{}
		}
		r.full[lp][name] = true
	}
}

// Resolve rewrites the partial person names of a to full names seen in
// earlier documents, then learns a's full names.
func (r *Registry) Resolve(a *Analysis) {
	r.mu.RLock()
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if m.Type != Person || strings.Contains(m.Entity, " ") {
			continue
		}
		if n, ok := uniqueFullName(r.full, m.Entity); ok {
			m.Entity = n
		}
	}
	r.mu.RUnlock()

	// One type per name: this text's votes added to the corpus's.
	r.mu.Lock()
	for _, m := range a.Mentions {
		r.learnType(m.Entity, m.Type, 1)
	}
	for i := range a.Mentions {
		m := &a.Mentions[i]
		v := r.votes[strings.ToLower(m.Entity)]
		best, bn := m.Type, v[m.Type]
		for _, t := range Types {
			if v[t] > bn {
				best, bn = t, v[t]
			}
		}
		m.Type = best
	}
	r.mu.Unlock()

	var names []string
	for _, m := range a.Mentions {
		if m.Type == Person {
			names = append(names, m.Entity)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		r.Learn(n)
	}
}

// placeInCapitals returns the canonical name of a place written in
// capitals ("NEW YORK"), when the gazetteer knows it in title case.
func placeInCapitals(alias Aliaser, m *Mention) (string, bool) {
	if m.Type != GPE && m.Type != Loc || strings.ToUpper(m.Entity) != m.Entity {
		return "", false
	}
	c, t, ok := alias.Lookup(titleCaseWords(m.Entity))
	if !ok || t != GPE {
		return "", false
	}
	return c, true
}
