package ner

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleWords are words of titles and offices that precede a name
// ("Secretary of State John Kerry") and are not part of it. Lower case.
var titleWords = setOf(
	"president", "vice", "prime", "minister", "ministers", "foreign", "secretary", "secretary-general",
	"general", "gen.", "gen", "sen.", "sen", "senator", "rep.", "representative", "governor", "gov.",
	"mayor", "king", "queen", "prince", "princess", "pope", "chancellor", "ambassador", "envoy",
	"spokesman", "spokeswoman", "spokesperson", "chief", "executive", "director", "deputy",
	"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "prof.", "professor", "sir", "dame",
	"judge", "justice", "attorney", "commander", "colonel", "col.", "lt.", "lieutenant", "captain",
	"capt.", "sgt.", "sergeant", "admiral", "adm.", "chairman", "chairwoman", "chairperson", "ceo",
	"founder", "leader", "premier", "defense", "defence", "interior", "finance", "former", "acting",
	"supreme", "emir", "crown", "cardinal", "archbishop", "bishop", "rev.", "reverend", "dictator",
	"opposition", "speaker", "coach", "manager", "officer", "official", "councillor", "councilor",
	"congressman", "congresswoman", "senior", "adviser", "advisor", "head", "state", "of", "the",
	"u.s.", "us", "un", "u.n.", "uk", "eu", "russian", "american", "syrian", "british", "french",
	"german", "iranian", "turkish", "chinese", "israeli", "egyptian", "iraqi", "ukrainian",
	"assistant", "under", "special", "national", "security", "homeland", "health", "trade",
	"economy", "energy", "affairs", "commissioner", "high", "counterpart", "gov", "field", "marshal",
	"sheriff", "police", "mp", "lawmaker", "activist", "journalist", "reporter", "correspondent",
	"analyst", "author", "actor", "actress", "singer", "producer", "player", "striker", "midfielder",
)

// monthWords are dates that trail a name in news copy ("Sergey Lavrov
// Sept. 28"). Lower case.
var monthWords = setOf(
	"jan", "jan.", "january", "feb", "feb.", "february", "mar", "mar.", "march", "apr", "apr.", "april",
	"may", "jun", "jun.", "june", "jul", "jul.", "july", "aug", "aug.", "august", "sep", "sep.",
	"sept", "sept.", "september", "oct", "oct.", "october", "nov", "nov.", "november", "dec", "dec.",
	"december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"today", "yesterday", "tomorrow",
)

// notNames are capitalised words that are never a name on their own.
var notNames = setOf(
	"i", "the", "a", "an", "he", "she", "it", "we", "they", "you", "his", "her", "its", "our",
	"their", "this", "that", "these", "those", "but", "and", "or", "if", "in", "on", "at", "of",
	"for", "to", "as", "by", "with", "from", "mr", "mrs", "ms", "dr", "sir", "president",
	"minister", "secretary", "government", "state", "city", "today", "news", "update", "breaking",
	"source", "related", "context", "formats", "html", "json", "xml", "photo", "video", "read",
	"more", "share", "click", "here", "sign", "log", "menu", "search", "home", "subscribe",
	"newsletter", "newsletters", "member", "premium", "pro", "join", "free", "trial", "advertisement",
	"ad", "cookie", "cookies", "privacy", "policy", "terms", "contact", "about", "follow", "yes", "no",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// cleanSpans trims and splits recognizer spans into clean mention spans:
// titles before names are dropped ("Secretary of State John Kerry" → "John
// Kerry"), an organisation or place fused to a titled name is split off
// ("UNICEF Deputy Executive Director Justin Forsyth" → "UNICEF", "Justin
// Forsyth"), trailing dates ("Sergey Lavrov Sept"), possessives, quotes,
// brackets, hashtags and a leading "the" are cut, and what is left that
// cannot be a name is dropped.
func cleanSpans(text string, tokens []Token, spans []Span) []Span {
	out := make([]Span, 0, len(spans))
	for _, sp := range spans {
		first, last := tokenRange(tokens, sp.Start, sp.End)
		if first >= last {
			continue
		}
		// Brackets and quotes inside a span separate names
		// ("[Secretary of Defense] Ash Carter"), and so do gaps of more than
		// one space or a blank line: no name spans them, and Markdown markup
		// blanked to spaces leaves such gaps.
		piece := first
		for i := first; i <= last; i++ {
			if i > piece && i < last && wideGap(text[tokens[i-1].End():tokens[i].Start]) {
				out = appendCleaned(out, tokens[piece:i], sp.Type)
				piece = i
			}
			if i == last || isBreaker(tokens[i].Text) {
				if i > piece {
					out = appendCleaned(out, tokens[piece:i], sp.Type)
				}
				piece = i + 1
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// Drop overlaps left by splitting.
	kept := out[:0]
	for _, s := range out {
		if len(kept) > 0 && s.Start < kept[len(kept)-1].End {
			continue
		}
		kept = append(kept, s)
	}
	return joinParticles(text, kept)
}

// dayAbbrevs are abbreviated weekdays that trail a name in news copy
// ("at Betty Ford Center Fri.").
var dayAbbrevs = setOf("mon.", "tue.", "tues.", "wed.", "thu.", "thur.", "thurs.", "fri.", "sat.", "sun.")

// joinParticles mends person names the recognizer cut at their lower-case
// particles: "Ursula" + "von der" + "Leyen" is one name, and "Leyen" after
// "von der" is "von der Leyen".
func joinParticles(text string, spans []Span) []Span {
	out := spans[:0]
	for _, sp := range spans {
		if sp.Type == GPE || sp.Type == Loc {
			if end := orgHeadAfter(text, sp.End); end > 0 {
				sp.End, sp.Type = end, Org // "Surrey Police", "Hollywood Reporter"
			}
		}
		if n := len(out); n > 0 && shipPrefixes[text[out[n-1].Start:out[n-1].End]] && sp.Start == out[n-1].End+1 {
			out[n-1].End, out[n-1].Type = sp.End, Fac // "USS" + "Fitzgerald"
			continue
		}
		if sp.Type == Org || sp.Type == Fac {
			if w := capitalBefore(text, sp.Start); w >= 0 && (len(out) == 0 || out[len(out)-1].End < w) {
				sp.Start = w // "into Promises Treatment Center": the model left "Promises" out
			}
		}
		if sp.Type != Person {
			out = append(out, sp)
			continue
		}
		start := particlesBefore(text, sp.Start)
		if n := len(out); n > 0 && start < sp.Start {
			prev := out[n-1]
			if prev.Type == Person && strings.TrimSpace(text[prev.End:start]) == "" && start-prev.End <= 1 {
				out[n-1].End = sp.End // Ursula von der Leyen
				continue
			}
		}
		sp.Start = start
		out = append(out, sp)
	}
	return out
}

// capitalBefore returns the start of a capitalised word written just
// before off, inside a sentence (after a lower-case word), that is no
// title, article or date; else -1.
func capitalBefore(text string, off int) int {
	if off < 2 || text[off-1] != ' ' {
		return -1
	}
	j := strings.LastIndexByte(text[:off-1], ' ') + 1
	w := text[j : off-1]
	if j < 2 || w == "" || !capitalised(w) || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return -1
	}
	lw := strings.ToLower(w)
	if isTitleWord(w) || leadingJunk[lw] || monthWords[lw] || dayNames[lw] || w == strings.ToUpper(w) {
		return -1
	}
	k := strings.LastIndexByte(text[:j-1], ' ') + 1
	prev := text[k : j-1]
	if prev == "" || !unicode.IsLower(rune(prev[0])) || strings.ContainsAny(prev, ".!?;:\n") {
		return -1
	}
	return j
}

// placeOrgHeads make an organisation of the place they follow.
var placeOrgHeads = setOf("Police", "Reporter", "Herald", "Tribune", "Journal", "Gazette", "Telegraph",
	"Chronicle", "Globe", "Times", "Post", "Courier", "Examiner", "Register", "Star", "Council", "Assembly",
	"Parliament", "Government", "Constabulary", "Fire", "Airport", "University", "College")

// orgHeadAfter returns the end of a capitalised organisation head written
// right after a place name ending at off ("Surrey| Police"), or -1.
func orgHeadAfter(text string, off int) int {
	if off+2 >= len(text) || text[off] != ' ' {
		return -1
	}
	end := off + 1
	for end < len(text) && (text[end] >= 'a' && text[end] <= 'z' || text[end] >= 'A' && text[end] <= 'Z') {
		end++
	}
	if !placeOrgHeads[text[off+1:end]] {
		return -1
	}
	return end
}

var dayNames = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// particlesBefore returns where the name particles ("von der ", "de ",
// "bin ") written just before off begin, or off.
func particlesBefore(text string, off int) int {
	start := off
	for {
		i := start
		if i == 0 || text[i-1] != ' ' {
			return start
		}
		j := strings.LastIndexByte(text[:i-1], ' ') + 1
		w := text[j : i-1]
		if w == "" || !nameParticles[w] || w == "i" || w == "y" || w == "a" {
			return start
		}
		start = j
	}
}

// tokenRange returns the tokens [first, last) that lie inside [start, end).
func tokenRange(tokens []Token, start, end int) (int, int) {
	first := sort.Search(len(tokens), func(i int) bool { return tokens[i].Start >= start })
	last := first
	for last < len(tokens) && tokens[last].End() <= end {
		last++
	}
	return first, last
}

func appendCleaned(out []Span, toks []Token, typ Type) []Span {
	toks = trimPunct(toks)
	// Split at a run of title words followed by a name: what precedes the
	// title (an organisation or country) and the name after it.
	if lastTitle := lastTitleRun(toks); lastTitle >= 0 && lastTitle+1 < len(toks) {
		firstTitle := lastTitle
		for firstTitle > 0 && isTitleWord(toks[firstTitle-1].Text) {
			firstTitle--
		}
		head := toks[:firstTitle]
		tail := toks[lastTitle+1:]
		if nameLike(tail) && (typ == Person || personLike(tail)) {
			if len(head) > 0 && nameLike(head) {
				htyp := typ
				if htyp == Person {
					htyp = Org
				}
				out = appendSpan(out, head, htyp)
			}
			return appendSpan(out, tail, Person)
		}
	}
	return appendSpan(out, toks, typ)
}

// lastTitleRun returns the index of the last title word that is followed
// only by capitalised, non-title tokens, or -1.
func lastTitleRun(toks []Token) int {
	for i := len(toks) - 1; i >= 0; i-- {
		w := toks[i].Text
		if isJoiner(w) {
			continue
		}
		if isTitleWord(w) {
			if i == len(toks)-1 || isJoiner(toks[i+1].Text) {
				return -1
			}
			return i
		}
		if !capitalised(w) {
			return -1
		}
	}
	return -1
}

func isJoiner(w string) bool { return w == "of" || w == "the" || w == "-" }

func isTitleWord(w string) bool { return titleWords[strings.ToLower(w)] }

func appendSpan(out []Span, toks []Token, typ Type) []Span {
	toks = trimPunct(toks)
	// Leading "the" and conjunctions, trailing titles, dates and possessives.
	for len(toks) > 0 && leadingJunk[strings.ToLower(toks[0].Text)] {
		toks = toks[1:]
	}
	for len(toks) > 1 && personalTitles[strings.ToLower(toks[len(toks)-1].Text)] {
		toks = toks[:len(toks)-1]
	}
	for len(toks) > 0 {
		w := strings.ToLower(toks[len(toks)-1].Text)
		if monthWords[w] || dayAbbrevs[w] || isNumber(w) || w == "'s" || w == "’s" || w == "'" || w == "’" {
			toks = toks[:len(toks)-1]
			toks = trimPunct(toks)
			continue
		}
		break
	}
	if !nameLike(toks) {
		return out
	}
	if len(toks) == 1 && notNames[strings.ToLower(strings.TrimSuffix(toks[0].Text, "."))] {
		return out
	}
	if typ == Person && allTitles(toks) {
		return out
	}
	return append(out, Span{Start: toks[0].Start, End: toks[len(toks)-1].End(), Type: typ})
}

// trimPunct drops leading and trailing tokens that are punctuation, quotes,
// brackets, hashtag or at signs.
func trimPunct(toks []Token) []Token {
	for len(toks) > 0 && isPunct(toks[0].Text) {
		toks = toks[1:]
	}
	for len(toks) > 0 && isPunct(toks[len(toks)-1].Text) {
		toks = toks[:len(toks)-1]
	}
	return toks
}

func isPunct(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) && r != ',' && r != '.' && r != ':' {
			return false
		}
	}
	return true
}

// nameLike reports whether tokens can be a name: at least one token starts
// with an upper-case letter or digit-letter mix and some letter is present.
func nameLike(toks []Token) bool {
	if len(toks) == 0 {
		return false
	}
	letters := 0
	upper := false
	for _, t := range toks {
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if capitalised(t.Text) {
			upper = true
		}
	}
	if !upper || letters < 2 && len(toks) == 1 {
		return false
	}
	return true
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) && r > 0x2e7f
}

func allCapitalised(toks []Token) bool {
	for _, t := range toks {
		if !capitalised(t.Text) && !isJoiner(t.Text) && !isPunct(t.Text) {
			return false
		}
	}
	return true
}

// personLike reports whether the words after a title in an organisation's
// span can be a person's name ("UNICEF Deputy Executive Director Justin
// Forsyth"): two to four capitalised words, no "of", and no organisation,
// facility or place word last ("High Court of Australia", "National
// Economic Council" stay whole).
func personLike(toks []Token) bool {
	if len(toks) < 2 || len(toks) > 4 || !allCapitalised(toks) {
		return false
	}
	for _, t := range toks {
		if isJoiner(t.Text) {
			return false
		}
	}
	last := toks[len(toks)-1].Text
	return !orgHeads[last] && !facHeads[last] && !placeHeads[last]
}

func allTitles(toks []Token) bool {
	for _, t := range toks {
		if !isTitleWord(t.Text) && !isJoiner(t.Text) && !isPunct(t.Text) {
			return false
		}
	}
	return true
}

var leadingJunk = setOf("the", "and", "but", "or", "so", "then", "when", "while", "as", "if", "of", "in", "on", "at", "by", "for", "to", "from", "with")

// personalTitles are offices that trail an organisation or country in a span
// ("US Ambassador"): cut, leaving the country.
var personalTitles = setOf("president", "minister", "secretary", "ambassador", "envoy", "spokesman",
	"spokeswoman", "spokesperson", "chief", "director", "official", "officials", "leader", "chairman",
	"governor", "mayor", "senator", "general", "commander", "counterpart")

func isBreaker(w string) bool {
	switch w {
	case "[", "]", "(", ")", "{", "}", "\"", "“", "”", "«", "»", "|", "/", ";", ":":
		return true
	}
	return false
}

// wideGap reports whether the white space between two tokens is wider than
// one space or one line break.
func wideGap(gap string) bool {
	switch gap {
	case "", " ", "\n", "\t", "\r\n", "\u00a0":
		return false
	}
	return true
}
