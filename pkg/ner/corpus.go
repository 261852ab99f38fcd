package ner

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// Corpus-wide resolution. resolveDocument sees one document and the fixed
// knowledge (gazetteer, aliases file), so that a document's entities never
// depend on which other documents were read. Some names can only be
// resolved with the rest of the corpus: "Cheeks" in a text that never
// gives the coach's first name, "Mo Cheeks" for Maurice Cheeks, "Bettie
// Page" and "Betty Page", "Gulf of Eden" for the Gulf of Aden, "Betty Ford
// Clinic" beside "Betty Ford Center". CorpusMerges decides those from the
// set of entities the documents resolved to, and from nothing else: the
// same set gives the same merges whatever the order the documents came
// in, and a corpus read in two runs gives what one run gives.

// CorpusEntity is an entity as the documents of a corpus resolved it: its
// canonical name, its type, and how many mentions it has in all.
type CorpusEntity struct {
	Name     string
	Type     Type
	Mentions int
}

// EntityKey identifies an entity the way the graph store does: by its
// name in lower case and its type.
type EntityKey struct {
	Name string
	Type Type
}

// KeyOf returns the EntityKey of a name and type.
func KeyOf(name string, t Type) EntityKey { return EntityKey{strings.ToLower(name), t} }

// corpusTypes are the types corpus-wide resolution merges.
var corpusTypes = map[Type]bool{Person: true, Org: true, GPE: true, Loc: true, Fac: true}

// CorpusMerges returns, for every entity of ents that names the same thing
// as another entity of the set, the entity it is merged into (name and
// type). Entities merged into themselves are not in the map. The rules,
// each of which merges only when the match is unique in the corpus:
//
//   - spellings of one person's name: accents, doubled letters and
//     endings ("Bettie"/"Betty", "Zelensky"/"Zelenskyy");
//   - a person's name with and without middle names or initials ("George
//     Bush", "George W. Bush") when the corpus has one such longer name;
//   - a common short form of the first name or a prefix of it ("Mo
//     Cheeks" → "Maurice Cheeks", "Sam" → "Samuel");
//   - a surname alone ("Cheeks") when the corpus names one person with it
//     in full (not by an initial: "U. Adele") and the gazetteer knows no
//     other person by it;
//   - an organisation's or facility's name with another generic head
//     ("Betty Ford Clinic", "Betty Ford Treatment Center", "Betty Ford
//     Center") or with a town before it ("Indian INS Mysore"; not when
//     the rest is made of common words: "Los Angeles Superior Court" is not
//     every "Superior Court");
//   - a name of several words one letter away from a name at least three
//     times as frequent that the gazetteer does not know ("Gulf of
//     Eden");
//   - a word that ends one organisation's name of several words ("Colts"
//     → "Indianapolis Colts"; not a common word, unless a plural) and an
//     acronym of the initials of one ("CEC").
//
// The target of a merged set is its most mentioned entity, a person's full
// name before a surname alone (ties: the longer name, then the smaller
// key), so the result is a function of the set alone. g, which
// may be nil, supplies common words, surnames of several people and town
// names.
func CorpusMerges(ents []CorpusEntity, g *Gazetteer) map[EntityKey]CorpusEntity {
	c := newCorpusSet(ents)
	if len(c.ents) < 2 {
		return nil
	}
	c.personSpellings()
	c.middleNames(g)
	c.surnames(g)
	c.headVariants(g)
	c.oneEdit(g)
	c.shortOrgNames(g)
	out := map[EntityKey]CorpusEntity{}
	for i := range c.ents {
		if r := c.find(i); r != i {
			out[c.key(i)] = c.ents[r].CorpusEntity
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

type corpusEntity struct {
	CorpusEntity
	key EntityKey
}

// corpusSet is a union-find over the entities of a corpus.
type corpusSet struct {
	ents   []corpusEntity // sorted: most mentioned first, then the longer name, then by key
	parent []int
}

func newCorpusSet(ents []CorpusEntity) *corpusSet {
	byKey := map[EntityKey]int{}
	var all []corpusEntity
	for _, e := range ents {
		if !corpusTypes[e.Type] || strings.TrimSpace(e.Name) == "" {
			continue
		}
		k := KeyOf(e.Name, e.Type)
		if i, ok := byKey[k]; ok {
			all[i].Mentions += e.Mentions
			if e.Name < all[i].Name {
				all[i].Name = e.Name
			}
			continue
		}
		byKey[k] = len(all)
		all = append(all, corpusEntity{e, k})
	}
	slices.SortFunc(all, func(a, b corpusEntity) int {
		return cmp.Or(-cmp.Compare(a.Mentions, b.Mentions), -cmp.Compare(len(a.key.Name), len(b.key.Name)),
			cmp.Compare(a.key.Name, b.key.Name), cmp.Compare(a.key.Type, b.key.Type))
	})
	c := &corpusSet{ents: all, parent: make([]int, len(all))}
	for i := range c.parent {
		c.parent[i] = i
	}
	return c
}

func (c *corpusSet) key(i int) EntityKey { return c.ents[i].key }

func (c *corpusSet) find(i int) int {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

// union joins the sets of i and j. The root is the better name of the
// two roots: a person's full name before a surname alone, then the more
// mentioned (the smaller index).
func (c *corpusSet) union(i, j int) {
	a, b := c.find(i), c.find(j)
	if a == b {
		return
	}
	if c.better(b, a) {
		a, b = b, a
	}
	c.parent[b] = a
}

func (c *corpusSet) better(i, j int) bool {
	si, sj := c.loneName(i), c.loneName(j)
	if si != sj {
		return sj
	}
	return i < j
}

// loneName reports a person named by one word.
func (c *corpusSet) loneName(i int) bool {
	return c.ents[i].Type == Person && !strings.Contains(strings.TrimSpace(c.ents[i].Name), " ")
}

// groupBy unions the entities of the given type set that share a key;
// key "" leaves an entity alone.
func (c *corpusSet) groupBy(types map[Type]bool, key func(e corpusEntity) string) {
	first := map[string]int{}
	for i, e := range c.ents {
		if !types[e.Type] {
			continue
		}
		k := key(e)
		if k == "" {
			continue
		}
		if j, ok := first[k]; ok {
			c.union(j, i)
		} else {
			first[k] = i
		}
	}
}

var personOnly = map[Type]bool{Person: true}

// personWords returns the words of a person's name that count for
// matching, as name keys: particles and suffixes left out.
func personWords(name string) []string {
	return strings.Fields(spellingKey(name))
}

// spellingKey is keySeq with one more ending folded: a final "ie" sounds
// as "y" ("Bettie", "Betty").
func spellingKey(name string) string {
	ws := strings.Fields(keySeq(name))
	for i, w := range ws {
		if len(w) > 3 && strings.HasSuffix(w, "ie") {
			ws[i] = w[:len(w)-2] + "y"
		}
	}
	return strings.Join(ws, " ")
}

// personSpellings merges the spellings of one name of two words or more.
func (c *corpusSet) personSpellings() {
	c.groupBy(personOnly, func(e corpusEntity) string {
		if !strings.Contains(e.Name, " ") {
			return ""
		}
		return spellingKey(e.Name)
	})
}

// middleNames merges "First Last" into the one "First Middle... Last" of
// the corpus, and a short form of a first name ("Mo", "Bill", "Sam") into
// the one full name it can stand for.
func (c *corpusSet) middleNames(g *Gazetteer) {
	type full struct {
		i     int
		words []string
	}
	byLast := map[string][]full{}
	for i, e := range c.ents {
		if e.Type != Person {
			continue
		}
		ws := personWords(e.Name)
		if len(ws) < 2 {
			continue
		}
		last := ws[len(ws)-1]
		byLast[last] = append(byLast[last], full{i, ws})
	}
	for _, group := range byLast {
		for _, short := range group {
			first := short.words[0]
			var match []int
			for _, long := range group {
				if long.i == short.i || c.find(long.i) == c.find(short.i) {
					continue
				}
				lf := long.words[0]
				sameFirst := lf == first
				if len(long.words) > len(short.words) && sameFirst && len(short.words) == 2 {
					match = appendRoot(match, c.find(long.i))
					continue
				}
				if len(long.words) >= len(short.words) && !sameFirst && len(short.words) == 2 && shortFormOf(first, lf) {
					match = appendRoot(match, c.find(long.i))
				}
			}
			if len(match) == 1 {
				c.union(match[0], short.i)
			}
		}
	}
}

// appendRoot adds r to roots unless it is there already.
func appendRoot(roots []int, r int) []int {
	if slices.Contains(roots, r) {
		return roots
	}
	return append(roots, r)
}

// shortFormOf reports whether the name key s is a short form of the first
// name key f: a usual one ("bil" of "wiliam": keys have single letters),
// or the first three letters or more of it ("sam" of "samuel").
func shortFormOf(s, f string) bool {
	if len(s) >= 3 && len(f) > len(s) && strings.HasPrefix(f, s) {
		return true
	}
	return slices.Contains(shortForms[s], f)
}

// shortForms are usual English short forms of first names, as name keys
// (doubled letters single, so "Bill" is "bil" and "William" "wiliam").
var shortForms = map[string][]string{
	"bil": {"wiliam"}, "wil": {"wiliam"}, "bily": {"wiliam"}, "bob": {"robert"}, "boby": {"robert"}, "rob": {"robert"},
	"dick": {"richard"}, "rick": {"richard"}, "rich": {"richard"}, "jim": {"james"}, "jimy": {"james"},
	"joe": {"joseph"}, "mike": {"michael"}, "mick": {"michael"}, "tony": {"anthony", "antony"},
	"tom": {"thomas"}, "tomy": {"thomas"}, "chris": {"christopher", "christian", "christine", "christina"},
	"dave": {"david"}, "steve": {"steven", "stephen"}, "ben": {"benjamin"}, "alex": {"alexander", "alexandra"},
	"sam": {"samuel"}, "nick": {"nicholas", "nikolas"}, "mat": {"matthew", "mathew"}, "dan": {"daniel"},
	"ed": {"edward"}, "ted": {"edward", "theodore"}, "jef": {"jefrey"}, "lary": {"lawrence"},
	"liz": {"elizabeth"}, "beth": {"elizabeth"}, "bety": {"elizabeth"}, "kate": {"katherine", "catherine", "kathryn"},
	"katy": {"katherine", "catherine", "kathryn"}, "pat": {"patrick", "patricia"}, "ron": {"ronald"},
	"tim": {"timothy"}, "andy": {"andrew"}, "drew": {"andrew"}, "greg": {"gregory"}, "jon": {"jonathan"},
	"ken": {"kenneth"}, "fred": {"frederick"}, "al": {"albert", "alan", "alfred"}, "hank": {"henry"},
	"chuck": {"charles"}, "charly": {"charles"}, "mo": {"maurice", "mohamed", "mohammed"},
	"jack": {"john"}, "jeny": {"jennifer"}, "sue": {"susan"}, "peg": {"margaret"}, "pegy": {"margaret"},
	"maggie": {"margaret"}, "mag": {"margaret"}, "vince": {"vincent"}, "walt": {"walter"}, "larry": {"lawrence"},
	"don": {"donald"}, "doug": {"douglas"}, "gene": {"eugene"}, "jery": {"gerald", "jerome"}, "hal": {"harold", "henry"},
	"abe": {"abraham"}, "zach": {"zachary"}, "josh": {"joshua"}, "jake": {"jacob"}, "nate": {"nathan", "nathaniel"},
}

// initial reports a word that is a bare initial ("U.", "J").
func initial(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return len([]rune(w)) == 1
}

// surnames merges a surname written alone into the one person of the
// corpus named in full with that surname (a first name, not an initial,
// before it), unless the gazetteer knows the surname for another person
// or for several.
func (c *corpusSet) surnames(g *Gazetteer) {
	byLast := map[string][]int{}
	for i, e := range c.ents {
		if e.Type != Person {
			continue
		}
		ws := personWords(e.Name)
		if len(ws) < 2 {
			continue
		}
		last := ws[len(ws)-1]
		if initial(strings.Fields(e.Name)[0]) {
			// "U. Adele" says little of who "Adele" is; it still makes
			// the surname ambiguous.
			last = "\x00" + last
		}
		byLast[last] = appendRoot(byLast[last], c.find(i))
	}
	for i, e := range c.ents {
		// A surname the gazetteer knows for several people stays; one it
		// knows for one person goes only to that person ("Saleh" may be
		// Ali Abdullah Saleh whoever else the corpus names).
		if e.Type != Person || strings.Contains(strings.TrimSpace(e.Name), " ") || g.ambiguousSurname(e.Name) {
			continue
		}
		var known string // the first initial of the one person the gazetteer knows by this surname
		if g.knownSurname(e.Name) {
			known = keySeq(g.people().bySurname[nameKey(stripName(e.Name))][0])[:1]
		}
		ws := personWords(e.Name)
		if len(ws) != 1 {
			continue
		}
		var roots []int
		for _, r := range byLast[ws[0]] {
			roots = appendRoot(roots, c.find(r))
		}
		if len(byLast["\x00"+ws[0]]) > 0 {
			continue
		}
		if len(roots) == 1 && (known == "" || strings.HasPrefix(keySeq(c.ents[roots[0]].Name), known)) {
			c.union(roots[0], i)
		}
	}
}

// facilityHeads are the generic heads one facility goes by in different
// texts ("Betty Ford Center", "Betty Ford Clinic").
var facilityHeads = []string{"treatment center", "treatment centre", "treatment facility", "rehab center",
	"rehabilitation center", "recovery center", "center", "centre", "clinic", "rehab", "facility"}

var orgLike = map[Type]bool{Org: true, Fac: true, Loc: true}

// headVariants merges organisations and facilities whose names differ
// only in a generic head, and a name with a town before it into the name
// without it.
func (c *corpusSet) headVariants(g *Gazetteer) {
	first := map[string]int{}
	for i, e := range c.ents {
		if !orgLike[e.Type] {
			continue
		}
		for _, k := range headKeys(e.Name, g) {
			if j, ok := first[k]; ok {
				c.union(j, i)
			} else {
				first[k] = i
			}
		}
	}
	if g == nil {
		return
	}
	byName := map[string]int{}
	for i, e := range c.ents {
		if orgLike[e.Type] {
			if _, ok := byName[e.key.Name]; !ok {
				byName[e.key.Name] = i
			}
		}
	}
	for i, e := range c.ents {
		if !orgLike[e.Type] {
			continue
		}
		ws := strings.Fields(e.Name)
		n := g.placePrefix(ws)
		if n == 0 && e.Type == Fac && len(ws) >= 3 && capitalised(ws[0]) && !g.commonWord(ws[0]) {
			n = 1 // "Indian INS Mysore": a facility named with its town or country
		}
		if n == 0 || len(ws)-n < 2 || allCommon(ws[n:], g) {
			// "Athens Bank" is no "Bank"; "Los Angeles Superior Court",
			// "Anchorage Daily News" are not every "Superior Court" or
			// "Daily News".
			continue
		}
		rest := strings.ToLower(strings.Join(ws[n:], " "))
		if j, ok := byName[rest]; ok && j != i {
			c.union(j, i)
		}
	}
}

// headKeys returns the forms of an organisation's or facility's name that
// another name of it may share: the name of several words itself, and the
// name without each generic head it ends in, when what is left can
// identify it ("Morningside Recovery Center" → "morningside recovery
// center", "morningside recovery", "morningside"). Hyphens count as
// spaces ("SAP-Arena").
func headKeys(name string, g *Gazetteer) []string {
	l := strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(name), "-", " ")), " ")
	var keys []string
	if strings.Contains(l, " ") && distinctive(l, g) {
		keys = append(keys, l)
	}
	for _, h := range facilityHeads {
		if base, ok := strings.CutSuffix(l, " "+h); ok && distinctive(base, g) {
			keys = append(keys, base)
		}
	}
	return keys
}

// allCommon reports names made of common words only.
func allCommon(ws []string, g *Gazetteer) bool {
	for _, w := range ws {
		if !g.commonWord(w) && !nameParticles[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// distinctive reports whether the lower-case base of a name can identify
// it: not a single common word ("the center"), not empty.
func distinctive(base string, g *Gazetteer) bool {
	base = strings.TrimPrefix(base, "the ")
	if base == "" {
		return false
	}
	if !strings.Contains(base, " ") {
		return len(base) > 2 && !g.commonWord(base)
	}
	return true
}

// oneEdit merges a name of several words that is one letter (added,
// dropped or changed, never a digit) away from a name of the same kind at
// least three times as mentioned (as mentioned, for long names; see
// minRatio), when the gazetteer does not know the rarer name: a
// misspelling.
func (c *corpusSet) oneEdit(g *Gazetteer) {
	const minLen = 10
	kinds := map[Type]string{GPE: "place", Loc: "place", Fac: "place", Org: "org"}
	byDeletion := map[string][]int{}
	for i, e := range c.ents {
		k, ok := kinds[e.Type]
		if !ok || len(e.key.Name) < minLen || !strings.Contains(e.key.Name, " ") {
			continue
		}
		for _, d := range deletions(e.key.Name) {
			byDeletion[k+"\x00"+d] = append(byDeletion[k+"\x00"+d], i)
		}
	}
	for i, e := range c.ents {
		k, ok := kinds[e.Type]
		if !ok || len(e.key.Name) < minLen || !strings.Contains(e.key.Name, " ") || g.knows(e.Name) {
			continue
		}
		best := -1
		for _, d := range deletions(e.key.Name) {
			for _, j := range byDeletion[k+"\x00"+d] {
				if j >= i || c.ents[j].Mentions < minRatio(e.key.Name)*e.Mentions || !oneEditApart(e.key.Name, c.ents[j].key.Name) {
					continue
				}
				if best < 0 || j < best {
					best = j
				}
			}
		}
		if best >= 0 {
			c.union(best, i)
		}
	}
}

// minRatio is how many times more mentioned than a name the name it is
// taken for a misspelling of must be: three times, or as often for names
// of 20 letters or more, where one letter is almost surely a slip.
func minRatio(name string) int {
	if len(name) >= 20 {
		return 1
	}
	return 3
}

// knows reports whether the gazetteer has name as a name of its own.
func (g *Gazetteer) knows(name string) bool {
	if g == nil {
		return false
	}
	if _, _, ok := g.Lookup(name); ok {
		return true
	}
	return g.phrases[phraseHash(name)]&(gPlace|gOrgAny|gNORP|gPerson) != 0
}

// deletions returns s and s with each of its bytes left out: two strings
// one edit apart share one of them.
func deletions(s string) []string {
	out := make([]string, 0, len(s)+1)
	out = append(out, s)
	for i := range len(s) {
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

// oneEditApart reports a and b one byte apart by one insertion, deletion
// or substitution, where the byte is no digit.
func oneEditApart(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:] && !isDigit(a[i]) && !isDigit(b[i])
	}
	return a[i:] == b[i+1:] && !isDigit(b[i])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// shortOrgNames merges a one-word organisation name that ends exactly one
// longer organisation name of the corpus ("Colts", "Indianapolis Colts") and an
// acronym of the initials of exactly one ("CEC", "Central Election
// Commission").
func (c *corpusSet) shortOrgNames(g *Gazetteer) {
	endings := map[string][]int{}
	initials := map[string][]int{}
	for i, e := range c.ents {
		if e.Type != Org {
			continue
		}
		ws := strings.Fields(e.Name)
		if len(ws) < 2 {
			continue
		}
		last := strings.ToLower(ws[len(ws)-1])
		endings[last] = appendRoot(endings[last], c.find(i))
		if a := initialsOf(ws); len(a) >= 3 {
			initials[a] = appendRoot(initials[a], c.find(i))
		}
	}
	for i, e := range c.ents {
		if e.Type != Org || strings.Contains(e.Name, " ") {
			continue
		}
		var cands []int
		if e.Name == strings.ToUpper(e.Name) && len(e.Name) >= 3 {
			cands = initials[e.Name]
		} else if (!g.commonWord(e.Name) || pluralName(e.Name)) && len(e.Name) > 2 {
			cands = endings[e.key.Name]
		}
		var roots []int
		for _, r := range cands {
			roots = appendRoot(roots, c.find(r))
		}
		if len(roots) == 1 {
			c.union(roots[0], i)
		}
	}
}

// initialsOf returns the upper-case initials of the capitalised words of
// a name ("Central Election Commission" → "CEC"; "of", "and", "the", "for"
// left out), or "" when a word is neither.
func initialsOf(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		switch strings.ToLower(w) {
		case "of", "and", "the", "for", "&":
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) {
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}
