package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context names are Wikipedia titles or their link texts. Their form
// often says what they name before any model is asked: "2016 Summer
// Olympics", "Syrian Civil War", "Shooting of Philando Castile" and
// "China–India relations" are events (topics count as events, DESIGN.md);
// "Parliament of Kenya", "Supreme Court of India", "Volkswagen AG" are
// organisations; "Brussels Airport" is a facility; "Prime Minister of
// Italy", "French President" are offices and "copper", "2016" or "US$"
// no entity at all.

// cleanContextName removes the wiki markup left in a Context name (the
// doubled quotes of "USS ”Fitzgerald”", a trailing apostrophe) and a
// title before a person's name ("Russian President Vladimir Putin" →
// "Vladimir Putin", "Justice Anthony Kennedy" → "Anthony Kennedy").
func cleanContextName(name string, g *Gazetteer) string {
	name = strings.ReplaceAll(name, "''", "")
	name = strings.TrimRight(strings.TrimSpace(name), "'’")
	name = strings.Join(strings.Fields(name), " ")
	ws := strings.Fields(name)
	i, titled := 0, false
	for i < len(ws)-1 {
		w := ws[i]
		switch {
		case isTitleWord(w) && !countryAbbrev[strings.ToLower(w)]:
			titled = true
		case g != nil && (g.Country(w) != "" || g.phrases[phraseHash(w)]&(gCountry|gNORP) != 0):
		case countryAbbrev[strings.ToLower(w)] || w == "U.S.":
		default:
			goto done
		}
		i++
	}
done:
	if titled && i > 0 && i < len(ws) {
		if rest := strings.Join(ws[i:], " "); looksLikePersonName(rest, g) {
			return rest
		}
	}
	return name
}

// functionWords may be written in lower case inside a title.
var functionWords = setOf("of", "the", "and", "in", "for", "on", "at", "to", "de", "del", "da", "du", "des",
	"la", "le", "i", "y", "v", "vs", "vs.", "von", "van", "der", "al", "bin", "a", "an", "with", "from", "by", "against", "over")

// eventHeadWords end the titles of events and topics (lower case).
var eventHeadWords = setOf("war", "battle", "olympics", "paralympics", "games", "cup", "election", "elections",
	"summit", "conference", "revolution", "uprising", "massacre", "crisis", "festival", "championship",
	"championships", "attack", "attacks", "bombing", "bombings", "shooting", "shootings", "protests", "protest",
	"conflict", "insurgency", "rebellion", "offensive", "coup", "referendum", "survey", "selection",
	"transition", "collision", "relations", "independence", "ceasefire", "negotiations", "talks", "scandal",
	"affair", "disaster", "earthquake", "hurricane", "typhoon", "cyclone", "tsunami", "pandemic", "outbreak",
	"epidemic", "crash", "fire", "wildfire", "floods", "flood", "eve", "siege", "invasion", "occupation",
	"genocide", "strike", "strikes", "riots", "unrest", "hijacking", "kidnapping", "explosion", "derailment",
	"sinking", "spill", "trial", "impeachment", "hearings", "inauguration", "funeral", "visit", "deal",
	"agreement", "accord", "treaty", "crackdown", "operation", "campaign", "intervention", "standoff",
	"dispute", "controversy", "d'état", "d'etat", "d'tat", "award", "awards", "prize", "marathon",
	"season", "tour", "expo", "rally", "march", "incident", "migration", "famine", "drought")

// eventPrefixes begin the titles of events ("Battle of Aleppo").
var eventPrefixes = []string{"battle of ", "war in ", "war of ", "war on ", "siege of ", "shooting of ",
	"killing of ", "death of ", "assassination of ", "aftermath of ", "insurgency in ", "presidential transition of ",
	"golden age of ", "age of ", "invasion of ", "occupation of ", "impeachment of ", "trial of ", "arrest of ",
	"protests in ", "timeline of ", "history of ", "disappearance of ", "execution of ", "bombing of ",
	"annexation of ", "sinking of ", "fall of ", "liberation of ", "capture of ", "attack on ", "attacks on "}

// orgPrefixes begin the titles of organisations ("Parliament of Kenya").
var orgPrefixes = []string{"parliament of ", "cabinet of ", "supreme court of ", "high court of ", "court of ",
	"ministry of ", "department of ", "government of ", "house of ", "senate of ", "chamber of ", "council of ",
	"bank of ", "university of ", "national assembly of ", "congress of ", "army of ", "navy of ", "police of ",
	"office of ", "federation of ", "union of ", "league of ", "church of ", "party of ", "people's party of "}

// orgHeadWords end the titles of organisations (lower case).
var orgHeadWords = setOf("party", "army", "navy", "forces", "force", "court", "council", "parliament", "assembly",
	"ministry", "commission", "committee", "agency", "bank", "university", "service", "patrol", "police",
	"guard", "observatory", "foundation", "institute", "association", "union", "federation", "front",
	"movement", "league", "organization", "organisation", "group", "company", "corporation", "incorporated",
	"inc", "inc.", "corp", "corp.", "ltd", "ltd.", "ag", "sa", "plc", "llc", "co", "co.", "bros", "bros.",
	"foods", "airlines", "airways", "deputies", "senate", "congress", "cabinet", "government", "office",
	"department", "bureau", "authority", "board", "tribunal", "coalition", "alliance", "brigade", "brigades",
	"appeals", "network", "times", "post", "news", "press", "magazine", "club", "fc", "team", "society",
	"church", "school", "college", "academy", "hospital", "museum", "orchestra", "records", "studios",
	"pictures", "motors", "holdings", "industries", "systems", "technologies", "pharmaceuticals", "bancorp",
	"reserve", "exchange", "fund", "program", "programme", "taliban", "hezbollah", "hamas")

// innerOrgHeads are organisation heads followed by what the organisation
// is for ("Syrian Observatory for Human Rights", "Committee to Protect
// Journalists").
var innerOrgHeads = setOf("observatory", "committee", "council", "commission", "court", "ministry", "agency",
	"organization", "organisation", "institute", "association", "union", "federation", "party", "army", "bank",
	"university", "foundation", "fund", "front", "movement", "league", "coalition", "alliance", "centre", "center")

func innerOrgHead(lws []string) bool {
	for i := 1; i+1 < len(lws); i++ {
		if innerOrgHeads[lws[i]] && (lws[i+1] == "for" || lws[i+1] == "of" || lws[i+1] == "on" || lws[i+1] == "to") {
			return true
		}
	}
	return false
}

// facHeadWords end the names of buildings and works (lower case).
var facHeadWords = setOf("airport", "station", "square", "street", "bridge", "tower", "towers", "stadium", "arena",
	"prison", "palace", "hotel", "dam", "highway", "road", "avenue", "base", "embassy", "mosque", "cathedral",
	"temple", "plant", "mine", "port", "harbour", "harbor", "terminal", "tunnel", "canal", "building", "center",
	"centre", "park", "mall", "market", "memorial", "monument", "castle")

// roadPrefixes number roads ("Interstate 94").
var roadPrefixes = setOf("interstate", "route", "highway", "autobahn", "motorway")

// stripNickname removes a quoted nickname from a name.
func stripNickname(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}} {
		i := strings.Index(s, " "+q[0])
		if i < 0 {
			continue
		}
		j := strings.Index(s[i+1+len(q[0]):], q[1])
		if j < 0 {
			continue
		}
		end := i + 1 + len(q[0]) + j + len(q[1])
		return strings.Join(strings.Fields(s[:i]+s[end:]), " ")
	}
	return s
}

// shipPrefixes name ships ("USS Fitzgerald").
var shipPrefixes = setOf("USS", "HMS", "MV", "SS", "RMS", "INS", "HMAS", "HMCS", "MS", "FV")

// classifyTitle types a Context name by its form. known is false when the
// form says nothing; typ is "" (with known true) for a name that is no
// entity: an office, a year, a currency sign, a common noun or a
// description in lower case.
func classifyTitle(name string, g *Gazetteer) (typ Type, known bool) {
	r, _ := utf8.DecodeRuneInString(name)
	if name == "" || unicode.IsLower(r) || !strings.ContainsFunc(name, unicode.IsLetter) || strings.ContainsAny(name, "$€£¥") {
		return "", true // "coal", "same-sex marriage", "2016", "US$"
	}
	core := name
	if i := strings.Index(core, " ("); i > 0 && strings.HasSuffix(core, ")") {
		core = core[:i] // "Aleppo offensive (November-December 2016)"
	}
	core = strings.TrimSuffix(strings.TrimSuffix(core, "'s"), "'")
	low := strings.ToLower(core)
	ws := strings.Fields(core)
	lws := strings.Fields(low)
	last := lws[len(lws)-1]
	hasYear := false
	for _, w := range lws {
		if isYearWord(strings.Trim(w, ",")) {
			hasYear = true
		}
	}
	if nick := stripNickname(core); nick != core && looksLikePersonName(nick, g) {
		return Person, true // Joaquin "El Chapo" Guzman
	}
	switch {
	case len(ws) > 1 && shipPrefixes[ws[0]] && !eventHeadWords[last]:
		return Fac, true
	case len(ws) == 2 && roadPrefixes[lws[0]] && strings.ContainsAny(ws[1], "0123456789"):
		return Fac, true // "Interstate 94"
	case hasPrefixAny(low, eventPrefixes) || eventHeadWords[last] && len(ws) > 1 && !orgHeadWords[lws[0]] ||
		hasYear && len(ws) > 1 || strings.ContainsAny(core, "–") && last == "relations":
		return Event, true
	case isOffice(ws, g):
		return "", true
	case hasPrefixAny(low, orgPrefixes) || len(ws) > 1 && orgHeadWords[last] || innerOrgHead(lws):
		return Org, true
	case len(ws) == 2 && last == "state" && g != nil:
		return GPE, true // "Borno State"
	case len(ws) > 1 && (ws[0] == "St." || ws[0] == "St" || ws[0] == "Saint") && !orgHeadWords[last]:
		return GPE, true // "St. Paul"
	case len(ws) > 1 && facHeadWords[last]:
		return Fac, true
	}
	for _, w := range ws[1:] {
		lw := strings.ToLower(strings.Trim(w, ",.:;"))
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !functionWords[lw] && !nameParticles[lw] {
			return "", true // a description: "Turkish troops", "European coast"
		}
	}
	return "", false
}

// isOffice reports an office rather than its holder: title words only,
// after a country, nationality or organisation ("United States Secretary
// of State", "French President", "Prime Minister of Italy", "President").
func isOffice(ws []string, g *Gazetteer) bool {
	i := 0
	for i < len(ws) {
		w := ws[i]
		if isTitleWord(w) && !countryAbbrev[strings.ToLower(w)] && strings.ToLower(w) != "of" && strings.ToLower(w) != "the" {
			break
		}
		if i+1 < len(ws) && g != nil && g.phrases[phraseHash(w+" "+ws[i+1])]&(gCountry|gIGO|gNORP) != 0 {
			i += 2 // "United States", "United Nations"
			continue
		}
		if g != nil && (g.Country(w) != "" || g.phrases[phraseHash(w)]&(gCountry|gNORP|gIGO) != 0) || countryAbbrev[strings.ToLower(w)] {
			i++
			continue
		}
		return false
	}
	titles := 0
	for ; i < len(ws); i++ {
		lw := strings.ToLower(ws[i])
		if lw == "of" {
			return titles > 0 // "... of Italy", "Secretary of State"
		}
		if !isTitleWord(ws[i]) && lw != "general" && lw != "attorney" && lw != "secretary-general" {
			return false
		}
		titles++
	}
	return titles > 0
}

func isYearWord(w string) bool {
	if len(w) >= 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
		for i := 0; i < 4; i++ {
			if w[i] < '0' || w[i] > '9' {
				return false
			}
		}
		return len(w) == 4 || w[4] == '-' || strings.HasPrefix(w[4:], "–")
	}
	return false
}

func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
