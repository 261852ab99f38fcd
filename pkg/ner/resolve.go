package ner

import (
	"strings"
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
	s = strings.TrimSuffix(strings.TrimPrefix(s, "''"), "''") // "''The Hollywood Reporter''" in wiki text
	s = strings.Trim(s, `"“”`)
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
	gaz, _ := alias.(*Gazetteer)
	hintByLower := make(map[string]string, len(hints))
	for _, h := range hints {
		hintByLower[strings.ToLower(h)] = h
	}
	hinted := make([]bool, len(ms)) // named as a Context name: that is the canonical form
	for i := range ms {
		m := &ms[i]
		m.Entity = normalizeName(m.Text)
		if a, b, ok := strings.Cut(m.Entity, "-"); ok && a == b {
			m.Entity = a // "Esther Williams-Esther Williams"
		}
		if m.Type == Misc && gaz != nil && !hinted[i] {
			switch {
			case gaz.teamLike(m.Entity):
				m.Type = Org // "Los Angeles Angels"
			case pluralName(m.Entity) && gaz.Country(m.Entity) == "" && gaz.phrases[phraseHash(m.Entity)]&(gNORP|gPlace) == 0:
				m.Type = Org // "Sixers", "Blazers": a team or a band, not a nationality
			case strings.Contains(m.Entity, " ") && namedLikePerson(m.Entity, gaz):
				m.Type = Person // "Stephen A. Smith"
			}
		}
		if m.Type == Person && !strings.Contains(m.Entity, " ") && afterLocative(text, m.Start) && gaz.place(m.Entity) {
			m.Type = GPE // "in Palmer"
		}
		if m.Type == Person && !strings.Contains(m.Entity, " ") {
			if t, ok := placeAppositive(text[m.End:]); ok {
				m.Type, fixed[i] = t, true // "Petra, the ancient city in southern Jordan"
			}
		}
		if h, ok := hintByLower[strings.ToLower(m.Entity)]; ok {
			m.Entity, hinted[i] = h, true
			if t, known := classifyTitle(h, gaz); known && t != "" && (m.Type == Misc || t == Event) {
				m.Type, fixed[i] = t, true // "Syrian Civil War" is an event
			} else if m.Type == Misc && looksLikePersonName(h, gaz) {
				m.Type = Person // "Ban Ki-moon"
			}
		}
	}
	// People named in full (by the recognizer, or as a Context name that
	// looks like a person's and that the text does not name as something
	// else): a partial name ("Kerry", "Obama", "Tayyip Erdogan", "Leyen")
	// is the one of them it is part of, even where the gazetteer knows a
	// place or a company of that name; when it is part of several ("Biden"
	// beside Joe and Jill Biden), the one named nearest before it (else
	// after it) in the text. Only the document itself and the fixed
	// knowledge (gazetteer, aliases) take part, so the result does not
	// depend on which other documents were read, or in which order.
	for i := range ms {
		// A "person" whose name ends in an organisation's or a building's
		// head word is none: "Warner Bros", "Betty Ford Clinic".
		if m := &ms[i]; m.Type == Person && !hinted[i] && strings.Contains(m.Entity, " ") {
			ws := strings.Fields(m.Entity)
			if t, ok := notPersonHeads[strings.ToLower(ws[len(ws)-1])]; ok {
				m.Type = t
			}
		}
	}
	people := newPeople(text)
	for i := range ms {
		if m := &ms[i]; m.Type == Person {
			if strings.Contains(m.Entity, " ") && !hinted[i] {
				// One spelling of a name known in several ("Sergei",
				// "Sergey"; "Erdogan", "Erdoğan").
				m.Entity = canonicalGiven(m.Entity)
				if c, ok := gaz.personVariant(m.Entity); ok {
					m.Entity = c
				}
			}
			people.add(m.Entity, i, m.Start)
		}
	}
	notPerson := map[string]bool{}
	for _, m := range ms {
		if m.Type != Person {
			notPerson[m.Entity] = true
		}
	}
	for _, h := range hints {
		if looksLikePersonName(h, gaz) && !notPerson[h] {
			people.add(h, -1, -1)
		}
	}
	person := make([]bool, len(ms))
	for i := range ms {
		m := &ms[i]
		if gaz.countryLike(m.Entity) && possessiveTitle(text[m.End:]) {
			m.Type = GPE // "Jordan's King Abdullah" is no Michael Jordan
		}
		if name, ok := people.resolve(m, gaz); ok {
			m.Entity, m.Type, person[i] = name, Person, true
			continue
		}
		if gaz != nil && m.Type != Org && m.Type != Person && !strings.Contains(m.Entity, " ") && gaz.knownSurname(m.Entity) && !gaz.countryLike(m.Entity) && !afterLocative(text, m.Start) {
			// A known person's surname is no town ("Bush" is not Būsh).
			m.Type, fixed[i] = Person, true
		}
		if m.Type == Person && !strings.Contains(m.Entity, " ") && gaz != nil {
			if c, ok := gaz.personBySurname(m.Entity); ok {
				// "Biden" alone: the one Biden the gazetteer knows.
				m.Entity, person[i] = c, true
				continue
			}
			if gaz.ambiguousSurname(m.Entity) {
				// "Clinton" alone, with no Clinton in the text: two known
				// people; left unresolved (MISC) rather than made a node
				// of its own.
				m.Type, fixed[i], person[i] = Misc, true, true
				continue
			}
		}
		if m.Type == Person && (fixed[i] || !strings.Contains(m.Entity, " ") && gaz.knownSurname(m.Entity) && !gaz.countryLike(m.Entity)) {
			person[i] = true // "Obama" the person, not the town
			continue
		}
		if m.Type == Org {
			m.Entity = stripCompanySuffix(m.Entity) // "T-Mobile USA", "Volkswagen AG"
			if c, ok := gaz.teamByNickname(m.Entity); ok {
				m.Entity, fixed[i] = c, true // "76ers" is the Philadelphia 76ers
				continue
			}
		}
		if alias != nil {
			if c, t, ok := alias.Lookup(m.Entity); ok {
				m.Entity, m.Type, fixed[i] = c, t, true
			} else if c, ok := placeInCapitals(alias, m); ok {
				m.Entity = c // "LONDON" in a dateline is London
			}
		}
		if m.Type == Org && !fixed[i] && !hinted[i] && gaz.teamLike(m.Entity) {
			// A team the gazetteer does not know goes by its name without
			// its town ("Boston Red Sox" and "Red Sox" are one), so that
			// texts that give the town and texts that do not agree.
			ws := strings.Fields(m.Entity)
			if !orgHeadWords[strings.ToLower(ws[len(ws)-1])] {
				m.Entity = strings.Join(ws[gaz.placePrefix(ws):], " ")
			}
		}
	}
	// Names of several words the gazetteer does not know take the type
	// their head word says ("Betty Ford Clinic" is a facility whatever the
	// model made of it in this text), one spelling of "Center", so one
	// name is one node across texts.
	for i := range ms {
		m := &ms[i]
		if fixed[i] || person[i] || hinted[i] || !strings.Contains(m.Entity, " ") {
			continue
		}
		ws := strings.Fields(m.Entity)
		head := strings.ToLower(ws[len(ws)-1])
		switch {
		case shipPrefixes[ws[0]]:
			m.Type = Fac // "USS Fitzgerald"
		case head == "centre" || head == "center" || head == "clinic" || head == "rehab" || facHeadWords[head] && m.Type != GPE && m.Type != Loc:
			m.Type = Fac
		case orgHeadWords[head] && m.Type != NORP && m.Type != Event:
			m.Type = Org
		}
		if m.Type == Fac || m.Type == Org {
			m.Entity = strings.ReplaceAll(m.Entity, "Centre", "Center")
		}
	}
	// A person's name right after "at" or "into" in a text that names a
	// facility after that person is the facility ("checked into Betty
	// Ford" beside "the Betty Ford Center").
	facilities := map[string]string{}
	for _, m := range ms {
		if m.Type != Fac && m.Type != Org {
			continue
		}
		for _, h := range facilityHeads {
			if base, ok := strings.CutSuffix(strings.ToLower(m.Entity), " "+h); ok && strings.Contains(base, " ") {
				facilities[base] = m.Entity
			}
		}
	}
	for i := range ms {
		if m := &ms[i]; m.Type == Person && !hinted[i] && len(facilities) > 0 && afterLocative(text, m.Start) {
			if f, ok := facilities[strings.ToLower(m.Entity)]; ok {
				m.Entity, m.Type, person[i], fixed[i] = f, Fac, false, true
			}
		}
	}
	// Acronyms defined in the text: "Full Name (ACR)". Both take the name
	// the gazetteer knows the acronym by ("IMF" → International Monetary
	// Fund), else the full name when the gazetteer knows it (Advanced
	// Micro Devices), else the acronym, the stabler name across texts.
	acr := map[string]string{} // full name or acronym → the name of both
	for i := range ms {
		m := ms[i]
		rest := text[m.End:]
		if person[i] || !strings.HasPrefix(rest, " (") {
			continue
		}
		end := strings.IndexByte(rest, ')')
		if end < 3 || end > 12 {
			continue
		}
		a := rest[2:end]
		if !abbreviates(a, m.Entity) {
			continue
		}
		target := a
		if c, _, ok := lookup(alias, a); ok {
			target = c
		} else if fixed[i] {
			target = m.Entity
		}
		acr[m.Entity], acr[a] = target, target
	}
	// Teams and companies named in full and in short in one text
	// ("Indianapolis Colts", "Colts"): the short name is the full one when
	// it ends exactly one longer organisation name of the text.
	var orgs []string
	for _, m := range ms {
		if m.Type == Org && strings.Contains(m.Entity, " ") && !containsStr(orgs, m.Entity) {
			orgs = append(orgs, m.Entity)
		}
	}
	for i := range ms {
		m := &ms[i]
		if person[i] {
			fixed[i] = true
			continue
		}
		if a, ok := acr[m.Entity]; ok {
			m.Entity = a
			continue
		}
		if (m.Type == Org || m.Type == NORP) && !hinted[i] && !strings.Contains(m.Entity, " ") {
			// "Conservatives", "Conservative" beside "Conservative Party".
			base := strings.TrimSuffix(m.Entity, "s")
			for _, o := range orgs {
				if o == base+" Party" {
					m.Entity, m.Type = o, Org
					break
				}
			}
		}
		if m.Type == Org && !hinted[i] {
			var long string
			n := 0
			for _, o := range orgs {
				// "Colts" ends "Indianapolis Colts" (but a common word
				// such as "Defense" or "Academy" ends many names);
				// "Academy" begins "Academy of Motion Picture Arts and
				// Sciences".
				if len(o) > len(m.Entity) && (strings.HasSuffix(o, " "+m.Entity) && (!gaz.commonWord(m.Entity) || strings.HasSuffix(m.Entity, "s")) || strings.HasPrefix(o, m.Entity+" of ")) {
					long, n = o, n+1
				}
			}
			if n == 1 {
				m.Entity = long
			}
		}
	}
	voteTypes(ms, fixed)
}

// notPersonHeads end names of organisations and buildings, never a
// person's.
var notPersonHeads = map[string]Type{
	"bros": Org, "bros.": Org, "inc": Org, "inc.": Org, "corp": Org, "corp.": Org, "ltd": Org, "ltd.": Org,
	"llc": Org, "plc": Org, "party": Org, "army": Org, "council": Org, "ministry": Org, "committee": Org,
	"commission": Org, "agency": Org, "foundation": Org, "institute": Org, "association": Org,
	"company": Org, "corporation": Org, "airlines": Org, "university": Org, "center": Fac, "centre": Fac,
	"clinic": Fac, "hospital": Fac, "airport": Fac, "stadium": Fac, "rehab": Fac,
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
		if nameParticles[p] {
			continue // "Artur Mas i Gavarro", "Kate del Castillo"
		}
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

// afterLocative reports a mention right after "in", "at", "near", "from",
// "to" or "into": "in Palmer" is the town.
func afterLocative(text string, start int) bool {
	before := strings.TrimRight(text[:start], " ")
	i := strings.LastIndexAny(before, " \n\t")
	switch strings.ToLower(before[i+1:]) {
	case "in", "at", "near", "from", "to", "into", "outside", "across":
		return true
	}
	return false
}

// placeNouns are the heads of an appositive that says a name is a place:
// "Petra, the ancient city", "Ajaccio, a port on Corsica".
var placeNouns = map[string]Type{
	"city": GPE, "town": GPE, "village": GPE, "capital": GPE, "port": GPE,
	"province": GPE, "state": GPE, "county": GPE, "district": GPE, "municipality": GPE, "suburb": GPE,
	"region": Loc, "island": Loc, "site": Loc, "valley": Loc, "desert": Loc, "mountain": Loc, "river": Loc, "lake": Loc,
}

// placeFollowers are the words that may follow the place noun of an
// appositive: "the city in", "the town of", "the village where".
var placeFollowers = map[string]bool{
	"in": true, "on": true, "of": true, "near": true, "north": true, "south": true, "east": true,
	"west": true, "that": true, "which": true, "where": true, "known": true, "famous": true, "and": true,
}

// placeAppositive reports text right after a name that opens an appositive
// headed by a place noun within its first four words (", the ancient
// city", ", a small town"), and the type the noun gives.
func placeAppositive(rest string) (Type, bool) {
	if !strings.HasPrefix(rest, ", ") {
		return "", false
	}
	ws := strings.Fields(rest[2:])
	if len(ws) < 2 {
		return "", false
	}
	switch strings.ToLower(ws[0]) {
	case "the", "a", "an":
	default:
		return "", false
	}
	for j := 1; j < min(len(ws), 5); j++ {
		w := strings.TrimRight(ws[j], ",.;:")
		if t, ok := placeNouns[w]; ok {
			// The noun ends the appositive or a preposition follows:
			// "the city in", not "the city manager".
			if w != ws[j] || j+1 == len(ws) || placeFollowers[strings.ToLower(ws[j+1])] {
				return t, true
			}
			break
		}
		if capitalised(w) || strings.HasSuffix(w, "'s") {
			break // "Jordan, the country's king": the noun must be the appositive's own
		}
	}
	return "", false
}

// possessiveTitle reports text that goes on with "'s" and a title word
// ("'s King Abdullah", "’s President").
func possessiveTitle(rest string) bool {
	for _, p := range []string{"'s ", "’s "} {
		if strings.HasPrefix(rest, p) {
			w, _, _ := strings.Cut(strings.TrimSpace(rest[len(p):]), " ")
			return capitalised(w) && isTitleWord(w)
		}
	}
	return false
}

// pluralName reports one capitalised word in the plural ("Sixers"), not an
// event ("Olympics") and not in capitals.
func pluralName(w string) bool {
	return !strings.Contains(w, " ") && len(w) > 3 && capitalised(w) && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		w != strings.ToUpper(w) && !eventHeadWords[strings.ToLower(w)] && !notPluralNames[strings.ToLower(w)]
}

// notPluralNames are capitalised plurals that name no organisation:
// awards, holidays, decades.
var notPluralNames = setOf("oscars", "tonys", "emmys", "grammys", "globes", "baftas", "golds", "christmas", "xmas",
	"fifties", "sixties", "seventies", "eighties", "nineties", "twenties", "thirties", "forties", "majors",
	"olympics", "paralympics", "games", "finals", "playoffs", "sectionals", "regionals", "mondays",
	"fridays", "saturdays", "sundays", "weekends", "mothers", "fathers")

// lookup is alias.Lookup for a possibly nil alias.
func lookup(alias Aliaser, name string) (string, Type, bool) {
	if alias == nil {
		return "", "", false
	}
	return alias.Lookup(name)
}

// companySuffixes end company names without naming anything else.
var companySuffixes = setOf("Inc.", "Inc", "Incorporated", "Corp.", "Corp", "Corporation", "Co.", "Co", "Ltd",
	"Ltd.", "Limited", "LLC", "L.L.C.", "plc", "PLC", "AG", "SA", "S.A.", "N.V.", "NV", "GmbH", "USA", "Bros.")

// stripCompanySuffix returns an organisation's name without a company
// suffix ("T-Mobile USA" → "T-Mobile", "Volkswagen AG" → "Volkswagen",
// "Tyson Foods, Inc." → "Tyson Foods"), so that one company has one node.
func stripCompanySuffix(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 || !companySuffixes[ws[len(ws)-1]] {
		return name
	}
	out := strings.TrimRight(strings.Join(ws[:len(ws)-1], " "), ",")
	if len(out) < 2 || ws[len(ws)-1] == "Bros." {
		if ws[len(ws)-1] == "Bros." {
			return strings.TrimSuffix(name, ".") // "Warner Bros." and "Warner Bros"
		}
		return name
	}
	return out
}

// placeInCapitals returns the canonical name of a place written in
// capitals ("NEW YORK"), when the gazetteer knows it in title case.
func placeInCapitals(alias Aliaser, m *Mention) (string, bool) {
	if strings.ToUpper(m.Entity) != m.Entity || len(m.Entity) < 5 && !strings.Contains(m.Entity, " ") {
		return "", false
	}
	c, t, ok := alias.Lookup(titleCaseWords(m.Entity))
	if !ok || t != GPE && !(t == Org && strings.Contains(m.Entity, " ")) {
		return "", false // "UNITED NATIONS (AP)" is the United Nations too
	}
	return c, true
}
