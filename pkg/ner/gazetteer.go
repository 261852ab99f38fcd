package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

//go:embed data/gaz/*.tsv.gz
var gazFS embed.FS

// gazClass is a bit set of gazetteer classes.
type gazClass uint32

const (
	gCountry gazClass = 1 << iota
	gCapital
	gCity
	gState
	gNORP
	gIGO
	gCompany
	gGovOrg
	gOrgX // other organisations (armed groups, NGOs)
	gUniv
	gMedia
	gTeam
	gParty
	gPerson
	gFirst
	gLast
	gWord
	// WordNet's named instances and peoples: features only (no canonical
	// form, no type of their own).
	gWNPlace
	gWNPerson
	gWNFac
	gWNEvent
	gWNGroup
	gWNPeople
	gNumClasses = iota
)

// gPrefix marks a hash that begins a longer phrase, so that matching can
// stop as soon as the text leaves every phrase.
const gPrefix gazClass = 1 << 30

var gazClassNames = map[string]gazClass{
	"COUNTRY": gCountry, "CAPITAL": gCapital, "CITY": gCity, "STATE": gState, "NORP": gNORP,
	"IGO": gIGO, "COMPANY": gCompany, "GOVORG": gGovOrg, "ORGX": gOrgX, "UNIV": gUniv,
	"MEDIA": gMedia, "TEAM": gTeam, "PARTY": gParty, "PERSON": gPerson,
	"FIRST": gFirst, "LAST": gLast, "WORD": gWord,
	"WNPLACE": gWNPlace, "WNPERSON": gWNPerson, "WNFAC": gWNFac, "WNEVENT": gWNEvent,
	"WNGROUP": gWNGroup, "WNPEOPLE": gWNPeople,
}

const (
	gPlace   = gCountry | gCapital | gCity | gState
	gOrgAny  = gIGO | gCompany | gGovOrg | gOrgX | gUniv | gMedia | gTeam | gParty
	gSingles = gFirst | gLast | gWord // matched per token, not as phrases
	gWordNet = gWNPlace | gWNPerson | gWNFac | gWNEvent | gWNGroup | gWNPeople
)

// typeOf returns the entity Type a gazetteer class stands for.
func (c gazClass) typeOf() Type {
	switch {
	case c&gPlace != 0:
		return GPE
	case c&gNORP != 0:
		return NORP
	case c&gOrgAny != 0:
		return Org
	case c&gPerson != 0:
		return Person
	}
	return ""
}

// maxGazTokens bounds the length in tokens of a gazetteer phrase match.
const maxGazTokens = 7

// Gazetteer knows names of countries, cities, subdivisions, nationalities,
// international and other organisations, leaders, first names and surnames,
// and the common English words, from public lists embedded in the binary
// (see data/gaz/README.md for sources and licenses). It is safe for
// concurrent use.
type Gazetteer struct {
	// phrases maps the hash of a name with its spaces removed to its
	// classes, so a match does not depend on how the text was tokenized.
	phrases map[uint64]gazClass
	aliases map[string]gazAlias
	country map[string]string // demonym → country

	peopleOnce sync.Once
	gpeople    *gazPeople
	leaders    map[string]bool // canonical names from the heads-of-state list
	teamsOnce  sync.Once
	teams      map[string]string // nickname → team, for nicknames of one team only
}

type gazAlias struct {
	canon string
	cls   gazClass
	rank  int
	force bool // a manual alias: trusted whatever its form
}

// aliasRank orders the sources when one alias has several canonical
// names: countries before organisations before cities.
func aliasRank(c gazClass) int {
	switch {
	case c&gCountry != 0:
		return 0
	case c&gIGO != 0:
		return 1
	case c&gNORP != 0:
		return 2
	case c&gState != 0:
		return 3
	case c&gCapital != 0:
		return 4
	case c&gCity != 0:
		return 5
	case c&gGovOrg != 0:
		return 6
	case c&gPerson != 0:
		return 7
	case c&(gCompany|gUniv|gMedia|gParty|gTeam|gOrgX) != 0:
		return 8
	}
	return 99
}

// manualAliases are well-known short forms the lists lack or get wrong.
var manualAliases = []struct {
	alias, canon string
	cls          gazClass
}{
	{"US", "United States", gCountry}, {"U.S.", "United States", gCountry}, {"U.S", "United States", gCountry},
	{"USA", "United States", gCountry}, {"U.S.A.", "United States", gCountry}, {"America", "United States", gCountry},
	{"United States", "United States", gCountry}, {"United States of America", "United States", gCountry},
	{"UK", "United Kingdom", gCountry}, {"U.K.", "United Kingdom", gCountry}, {"Britain", "United Kingdom", gCountry},
	{"Great Britain", "United Kingdom", gCountry}, {"United Kingdom", "United Kingdom", gCountry},
	{"UN", "United Nations", gIGO}, {"U.N.", "United Nations", gIGO}, {"United Nations", "United Nations", gIGO},
	{"EU", "European Union", gIGO}, {"E.U.", "European Union", gIGO}, {"European Union", "European Union", gIGO},
	{"NATO", "NATO", gIGO}, {"North Atlantic Treaty Organization", "NATO", gIGO},
	{"UAE", "United Arab Emirates", gCountry}, {"U.A.E.", "United Arab Emirates", gCountry},
	{"USSR", "Soviet Union", gCountry}, {"Soviet Union", "Soviet Union", gCountry},
	{"Russia", "Russia", gCountry}, {"Russian Federation", "Russia", gCountry},
	{"Syria", "Syria", gCountry}, {"Iran", "Iran", gCountry}, {"North Korea", "North Korea", gCountry},
	{"South Korea", "South Korea", gCountry}, {"DPRK", "North Korea", gCountry},
	{"UNICEF", "UNICEF", gIGO}, {"WHO", "World Health Organization", gIGO}, {"IMF", "International Monetary Fund", gIGO},
	{"Washington", "Washington, D.C.", gCapital}, {"Washington, D.C.", "Washington, D.C.", gCapital},
	{"Washington D.C.", "Washington, D.C.", gCapital},
	{"Islamic State", "Islamic State", gOrgX}, {"ISIL", "Islamic State", gOrgX}, {"ISIS", "Islamic State", gOrgX},
	{"Daesh", "Islamic State", gOrgX}, {"Islamic State of Iraq and the Levant", "Islamic State", gOrgX},
	{"Islamic State in Iraq and the Levant", "Islamic State", gOrgX}, {"Islamic State of Iraq and Syria", "Islamic State", gOrgX},
	{"PKK", "Kurdistan Workers' Party", gOrgX}, {"Kurdistan Workers' Party", "Kurdistan Workers' Party", gOrgX},
	{"Kurdistan Workers Party", "Kurdistan Workers' Party", gOrgX},
	{"MSF", "Médecins Sans Frontières", gOrgX}, {"Médecins Sans Frontières", "Médecins Sans Frontières", gOrgX},
	{"Medecins Sans Frontieres", "Médecins Sans Frontières", gOrgX}, {"Doctors Without Borders", "Médecins Sans Frontières", gOrgX},
	{"International Monetary Fund", "International Monetary Fund", gIGO},
	// Seats of government stand for the government (metonymy): one node,
	// an organisation, not a person or a place.
	{"Kremlin", "Kremlin", gGovOrg}, {"White House", "White House", gGovOrg}, {"Pentagon", "Pentagon", gGovOrg},
	{"Downing Street", "Downing Street", gGovOrg}, {"Élysée", "Élysée Palace", gGovOrg}, {"Elysee", "Élysée Palace", gGovOrg},
	{"Élysée Palace", "Élysée Palace", gGovOrg}, {"Elysee Palace", "Élysée Palace", gGovOrg},
	{"Blue House", "Blue House", gGovOrg}, {"Zhongnanhai", "Zhongnanhai", gGovOrg},
}

var defaultGazetteer = sync.OnceValues(func() (*Gazetteer, error) { return loadGazetteer(gazFS) })

// DefaultGazetteer returns the embedded gazetteer, loaded once per process.
func DefaultGazetteer() (*Gazetteer, error) { return defaultGazetteer() }

func loadGazetteer(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{
		phrases: make(map[uint64]gazClass, 320000),
		aliases: make(map[string]gazAlias, 120000),
		country: make(map[string]string, 300),
	}
	files, err := fs.Glob(fsys, "data/gaz/*.tsv.gz")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	sort.Strings(files)
	g.leaders = map[string]bool{}
	for _, name := range files {
		if err := g.loadFile(fsys, name); err != nil {
			return nil, fmt.Errorf("gazetteer: load %s: %w", name, err)
		}
	}
	for _, m := range manualAliases {
		g.addAlias(m.alias, m.canon, m.cls, true)
		g.phrases[phraseHash(m.alias)] |= m.cls
		g.addPrefixes(m.alias)
	}
	return g, nil
}

func (g *Gazetteer) loadFile(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(zr, 64*1024)
	leaders := strings.Contains(name, "leaders")
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			line = strings.TrimSuffix(line, "\n")
			g.addLine(line)
			if f := strings.Split(line, "\t"); leaders && len(f) >= 3 && f[1] == "PERSON" {
				g.leaders[f[2]] = true
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	return zr.Close()
}

func (g *Gazetteer) addLine(line string) {
	alias, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return
	}
	clsName, rest, _ := strings.Cut(rest, "\t")
	cls, ok := gazClassNames[clsName]
	if !ok {
		return
	}
	g.phrases[phraseHash(alias)] |= cls
	if cls&gSingles != 0 {
		return
	}
	g.addPrefixes(alias)
	if cls&gWordNet != 0 {
		return // a feature only: no canonical form
	}
	canon, country, _ := strings.Cut(rest, "\t")
	if canon != "" {
		g.addAlias(alias, canon, cls, false)
	}
	if cls == gNORP && country != "" {
		if _, ok := g.country[canon]; !ok {
			g.country[canon] = country
		}
		if _, ok := g.country[alias]; !ok {
			g.country[alias] = country
		}
	}
}

// addAlias records that alias names canon. When two entries give one
// alias, a name of its own (alias == canon) beats another place's old or
// foreign name ("Philadelphia" the city, not Amman, once called
// Philadelphia), unless that is a country's, an international body's or a
// nationality's; else the better-ranked class wins (see aliasRank), then
// the smaller name. Spellings of one name ("Bogota", Bogotá) are no other
// place's name.
func (g *Gazetteer) addAlias(alias, canon string, cls gazClass, force bool) {
	a := gazAlias{canon: canon, cls: cls, rank: aliasRank(cls), force: force}
	if old, ok := g.aliases[alias]; ok && !force {
		if old.force {
			return
		}
		oldOwn, newOwn := old.canon == alias && old.rank > 2, canon == alias && a.rank > 2
		switch {
		case oldOwn && !newOwn && a.rank > 2 && !sameSpelling(alias, canon):
			return
		case newOwn && !oldOwn && old.rank > 2 && !sameSpelling(alias, old.canon):
		case old.rank < a.rank || old.rank == a.rank && old.canon <= canon:
			return
		}
	}
	g.aliases[alias] = a
}

// addPrefixes marks the beginnings of alias where a token may end: before
// a space and before and after punctuation ("St. John's" gives "St.",
// "St", "St.John" ...).
func (g *Gazetteer) addPrefixes(alias string) {
	h := uint64(fnvOffset)
	for i := 0; i < len(alias)-1; i++ {
		c := alias[i]
		if c == ' ' {
			g.phrases[h] |= gPrefix
			continue
		}
		punct := !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80)
		if punct && i > 0 {
			g.phrases[h] |= gPrefix // before the mark
		}
		h ^= uint64(c)
		h *= fnvPrime
		next := alias[i+1]
		if punct || !(next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' || next >= '0' && next <= '9' || next >= 0x80) {
			g.phrases[h] |= gPrefix // after the mark, or before the next one
		}
	}
}

// Lookup returns the canonical name and type of a known name: "U.S.",
// "USA" and "America" give "United States" (GPE), "UN" gives "United
// Nations" (ORG), "Russian" gives "Russian" (NORP; see Country). The
// match is case-sensitive ("US" is known, "us" is not) after collapsing
// runs of white space. ok is false for unknown names.
//
// A canonical name that does not match the name is not given: the lists
// carry odd pairs ("Mohammed Deif" → "Izz Ad-Din AL Qassam", "International
// Monetary Fund" → "Imf"). Matching means the same words up to accents and
// case, an acronym of the canonical name ("IMF"), one name's words among
// the other's ("Colts", "Indianapolis Colts"), or a country, place, people
// or international organisation (their other names are real: "Burma",
// "Holland"), or a manual alias.
func (g *Gazetteer) Lookup(name string) (canonical string, typ Type, ok bool) {
	a, found := g.aliases[name]
	if !found {
		name = strings.Join(strings.Fields(name), " ")
		if a, found = g.aliases[name]; !found {
			return "", "", false
		}
	}
	if !a.force && !aliasMatches(name, a.canon, a.cls) {
		return "", "", false
	}
	if !a.force && g.foldedTownWord(name, a) {
		return "", "", false
	}
	return a.canon, a.cls.typeOf(), true
}

// foldedTownWord reports an alias that is a town's name without its
// accents and also an English word or a surname ("Bank" for Bānk, "Palin"
// for Palín): the text means the word or the person, so the mention keeps
// its own spelling. Countries, capitals and subdivisions keep their
// folded spellings ("Bogota" is Bogotá).
func (g *Gazetteer) foldedTownWord(name string, a gazAlias) bool {
	if name == a.canon || a.cls&(gCountry|gCapital|gState) != 0 || a.cls&gCity == 0 || strings.Contains(name, " ") {
		return false
	}
	return g.single(name)&(gWord|gLast) != 0
}

// sameSpelling reports two spellings of one name: accents, doubled
// letters, hyphens and apostrophes aside.
func sameSpelling(a, b string) bool {
	return foldAccents(a) == foldAccents(b) || keySeq(a) == keySeq(b)
}

// aliasMatches reports whether canon may stand for name (see Lookup).
func aliasMatches(name, canon string, cls gazClass) bool {
	if name == canon || cls&(gPlace|gNORP|gIGO) != 0 {
		return true
	}
	if foldAccents(name) == foldAccents(canon) || keySeq(name) == keySeq(canon) {
		return true
	}
	if name == strings.ToUpper(name) && abbreviates(name, canon) {
		return true
	}
	nw, cw := strings.Fields(foldAccents(name)), strings.Fields(foldAccents(canon))
	return subsetOf(nw, cw) || subsetOf(cw, nw)
}

func subsetOf(xs, ys []string) bool {
	for _, x := range xs {
		if !containsStr(ys, x) {
			return false
		}
	}
	return len(xs) > 0
}

// Country returns the country a demonym belongs to ("Russian" and
// "Russians" → "Russia"), or "" when demonym is not known.
func (g *Gazetteer) Country(demonym string) string { return g.country[demonym] }

// phraseHash hashes s with its spaces removed (FNV-1a, 64 bits).
func phraseHash(s string) uint64 { return extendHash(fnvOffset, s) }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// extendHash continues an FNV-1a hash over s, skipping spaces.
func extendHash(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			continue
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// gazMatch is a phrase found in a token sequence.
type gazMatch struct {
	first, last int // token range, last exclusive
	cls         gazClass
}

// match finds, for every start token and every phrase class, the longest
// gazetteer phrase starting there. Single-token classes (names, words)
// are not reported.
func (g *Gazetteer) match(words []string, out []gazMatch) []gazMatch {
	for i := range words {
		if !startsName(words[i]) {
			continue
		}
		h := uint64(fnvOffset)
		var seen gazClass
		var found [maxGazTokens]gazClass
		n := 0
		for j := i; j < len(words) && j-i < maxGazTokens; j++ {
			h = extendHash(h, words[j])
			c := g.phrases[h]
			found[j-i] = c &^ (gSingles | gPrefix)
			n = j - i + 1
			if c&gPrefix == 0 {
				break
			}
		}
		for l := n; l >= 1; l-- {
			c := found[l-1] &^ seen
			if c == 0 {
				continue
			}
			// A phrase must end on a token that can end a name.
			if l > 1 && !endsName(words[i+l-1]) {
				continue
			}
			out = append(out, gazMatch{first: i, last: i + l, cls: c})
			seen |= c
		}
	}
	return out
}

// startsName reports whether a word can begin a gazetteer phrase: it
// starts with an upper-case letter or a digit.
func startsName(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func endsName(w string) bool {
	if w == "" {
		return false
	}
	c := w[len(w)-1]
	return c != ',' && c != '-' && c != '&' && c != '('
}

// single returns the single-token classes of a word: first name, surname,
// common English word (looked up in lower case), and the phrase classes
// of the word on its own.
func (g *Gazetteer) single(w string) gazClass {
	return g.singleHashed(phraseHash(w), lowerHash(w))
}

// singleHashed is single given the word's hash and lower-case hash (as
// strHash and lowerHash compute them; the same as phraseHash for words
// without spaces).
func (g *Gazetteer) singleHashed(wh, lh uint64) gazClass {
	c := g.phrases[wh]
	out := c & (gFirst | gLast | gPerson | gPlace | gNORP | gOrgAny | gWordNet)
	if lh == wh {
		return out | c&gWord
	}
	return out | g.phrases[lh]&gWord
}

// gazPeople indexes the gazetteer's people by surname and by whole name
// (keySeq), built on first use.
type gazPeople struct {
	bySurname map[string][]string // surname key → people, one per first initial
	bySeq     map[string]string   // keySeq → canonical name
	leaders   map[string]bool     // the heads of state and government among them
}

func (g *Gazetteer) people() *gazPeople {
	g.peopleOnce.Do(func() {
		p := &gazPeople{bySurname: map[string][]string{}, bySeq: map[string]string{}, leaders: map[string]bool{}}
		var names []string
		seen := map[string]bool{}
		for _, a := range g.aliases {
			if a.cls&gPerson != 0 && !seen[a.canon] {
				seen[a.canon] = true
				short := g.shortForm(a.canon)
				if g.leaders[a.canon] {
					p.leaders[short] = true
				}
				names = append(names, short)
			}
		}
		sort.Slice(names, func(i, j int) bool {
			ki, kj := strings.Count(keySeq(names[i]), " "), strings.Count(keySeq(names[j]), " ")
			if ki != kj {
				return ki < kj // "Joe Biden" before "Joseph Robinette Biden Jr."
			}
			return names[i] < names[j]
		})
		initials := map[string]bool{}
		for _, n := range names {
			seq := keySeq(n)
			if _, ok := p.bySeq[seq]; !ok && strings.Contains(seq, " ") {
				p.bySeq[seq] = n
			}
			for _, k := range surnameKeys(n) {
				ini := k + "\x00" + seq[:1]
				if !initials[ini] { // George W. and George H. W. Bush count once
					initials[ini] = true
					p.bySurname[k] = append(p.bySurname[k], n)
				}
			}
		}
		g.gpeople = p
	})
	return g.gpeople
}

// shortForm returns the name news text gives a person the lists know
// with a middle name: "Barack Hussein Obama" → "Barack Obama", when the
// middle word is a known given name and no part is a short syllable of an
// East Asian name ("Kim Jong Un" stays).
func (g *Gazetteer) shortForm(name string) string {
	ws := strings.Fields(name)
	if len(ws) != 3 || strings.ContainsAny(name, "-.") {
		return name
	}
	for _, w := range ws {
		if len(w) <= 2 || nameParticles[strings.ToLower(w)] {
			return name
		}
	}
	if g.phrases[phraseHash(ws[1])]&gFirst == 0 {
		return name
	}
	return ws[0] + " " + ws[2]
}

// knownSurname reports whether w is the surname of a person the gazetteer
// knows.
func (g *Gazetteer) knownSurname(w string) bool {
	return g != nil && len(g.people().bySurname[nameKey(stripName(w))]) > 0
}

// ambiguousSurname reports whether w is the surname of two or more people
// the gazetteer knows (with different first initials).
func (g *Gazetteer) ambiguousSurname(w string) bool {
	return g != nil && len(g.people().bySurname[nameKey(stripName(w))]) > 1
}

// personBySurname returns the one person the gazetteer knows by surname
// w, if it knows exactly one and that one is a head of state or government
// or the surname is no common one ("Biden" → "Joe Biden", "Merkel" →
// "Angela Merkel", "Obama" → "Barack Obama").
func (g *Gazetteer) personBySurname(w string) (string, bool) {
	if g == nil {
		return "", false
	}
	p := g.people()
	ps := p.bySurname[nameKey(stripName(w))]
	if len(ps) != 1 || !p.leaders[ps[0]] && (g.phrases[phraseHash(w)]&gLast != 0 || strings.Count(keySeq(ps[0]), " ") != 1) {
		// A common surname alone ("Fitzgerald") is no congressman the
		// lists know; only a head of state's or a rare one is.
		// Not "Barack Hussein Obama" for "Obama": the lists' full names
		// are not the ones news text uses, and the text's would split.
		return "", false
	}
	return ps[0], true
}

// personVariant returns the gazetteer's spelling of a person's full name
// written another way ("Recep Tayyip Erdogan" → "Recep Tayyip Erdoğan",
// "Volodymyr Zelensky" → "Volodymyr Zelenskyy"): same words up to accents
// and transliteration, never another name.
func (g *Gazetteer) personVariant(name string) (string, bool) {
	if g == nil || !strings.Contains(name, " ") {
		return "", false
	}
	c, ok := g.people().bySeq[keySeq(name)]
	if !ok || c == name {
		return "", false
	}
	return c, true
}

// countryLike reports whether the gazetteer knows w as a country, a state
// or a capital.
func (g *Gazetteer) countryLike(w string) bool {
	const c = gCountry | gState | gCapital
	return g != nil && (g.phrases[phraseHash(w)]&c != 0 || g.phrases[phraseHash(titleCaseWords(w))]&c != 0)
}

// place reports whether the gazetteer knows w as a country, a city or a
// subdivision.
func (g *Gazetteer) place(w string) bool {
	return g != nil && g.phrases[phraseHash(w)]&gPlace != 0
}

// placePrefix returns the number of leading words of ws that name a place
// the gazetteer knows (up to three: "Los Angeles", "Kansas City").
func (g *Gazetteer) placePrefix(ws []string) int {
	for n := min(3, len(ws)-1); n >= 1; n-- {
		if g.phrases[phraseHash(strings.Join(ws[:n], " "))]&(gCity|gState|gCapital) != 0 {
			return n
		}
	}
	return 0
}

// teamLike reports a name of a place followed by a capitalised plural
// ("Los Angeles Angels", "Portland Trailblazers"): a team's.
func (g *Gazetteer) teamLike(name string) bool {
	if g == nil {
		return false
	}
	ws := strings.Fields(name)
	n := g.placePrefix(ws)
	if n == 0 {
		return false
	}
	last := ws[len(ws)-1]
	return capitalised(ws[n]) && (strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") || last == "Sox") && !placeOrgHeads[last]
}

// teamByNickname returns the team the gazetteer knows by name without its
// place ("76ers" → "Philadelphia 76ers"), when one team has that name.
func (g *Gazetteer) teamByNickname(name string) (string, bool) {
	if g == nil {
		return "", false
	}
	g.teamsOnce.Do(func() {
		teams := map[string]string{}
		dup := map[string]bool{}
		for _, a := range g.aliases {
			if a.cls&gTeam == 0 {
				continue
			}
			ws := strings.Fields(a.canon)
			n := g.placePrefix(ws)
			if n == 0 {
				continue
			}
			nick := strings.Join(ws[n:], " ")
			if old, ok := teams[nick]; ok && old != a.canon {
				dup[nick] = true
			}
			teams[nick] = a.canon
		}
		for n := range dup {
			delete(teams, n)
		}
		g.teams = teams
	})
	c, ok := g.teams[name]
	return c, ok
}

// commonWord reports a single word the lexicon knows in lower case
// ("Defense", "Academy").
func (g *Gazetteer) commonWord(w string) bool {
	return g != nil && !strings.Contains(w, " ") && g.single(strings.ToLower(w))&gWord != 0
}
