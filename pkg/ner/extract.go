package ner

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Extractor runs the whole pipeline on one text: analysis, recognition,
// clean-up and resolution within the text. Page clutter is the readers'
// business (source.Clutter): every name the text holds is kept. It is safe for
// concurrent use; build it once and share it.
type Extractor struct {
	analyzer   Analyzer
	recognizer Recognizer
	alias      Aliaser
	tags       TagFilter
}

// NewExtractor composes an Extractor from its stages. alias may be nil, in
// which case a small built-in table of common abbreviations is used.
func NewExtractor(a Analyzer, r Recognizer, alias Aliaser) *Extractor {
	if alias == nil {
		alias = builtinAliases{}
	}
	return &Extractor{analyzer: a, recognizer: r, alias: alias}
}

// WithTagFilter returns a copy of e that, when its recognizer reads no POS
// tags, tags only the sentences f accepts (the others' Tag stays empty).
// Without a filter, the default, every token is tagged.
func (e *Extractor) WithTagFilter(f TagFilter) *Extractor {
	c := *e
	c.tags = f
	return &c
}

// Hints is what a source knows about a text beyond its words.
type Hints struct {
	// Names are canonical names known to be relevant (a Current Events item's
	// Context line): a mention that matches one takes it as its canonical form.
	Names []string
}

// Extract analyses text and returns its tokens, sentences and resolved
// mentions. A panic inside a stage is recovered and returned as an error.
func (e *Extractor) Extract(ctx context.Context, text string, hints Hints) (a *Analysis, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("ner: extract: internal error: %v", r)
		}
	}()
	var tokens []Token
	var sentences []Sentence
	split, lazy := e.lazyTags()
	if lazy {
		tokens, sentences = split.Split(text)
	} else {
		tokens, sentences = e.analyzer.Analyze(text)
	}
	spans := e.recognizer.Recognize(text, tokens, sentences)
	spans = cleanSpans(text, tokens, spans)
	spans = addAcronyms(text, tokens, sentences, spans, e.alias)
	kept := spans[:0]
	for _, sp := range spans {
		if w := text[sp.Start:sp.End]; !(notAcronyms[w] && allUpper(w)) {
			kept = append(kept, sp) // no "POTUS", no "EDT"
		}
	}
	spans = kept
	a = &Analysis{Text: text, Tokens: tokens, Sentences: sentences}
	for _, sp := range spans {
		a.Mentions = append(a.Mentions, Mention{
			Start: sp.Start, End: sp.End, Text: text[sp.Start:sp.End], Type: sp.Type,
			Sentence: sentenceOf(sentences, sp.Start),
		})
	}
	names := hints.Names
	if len(names) > 0 {
		g, _ := e.alias.(*Gazetteer)
		names = make([]string, len(hints.Names))
		for i, n := range hints.Names {
			names[i] = cleanContextName(n, g)
		}
		a.Mentions = addHintMentions(text, sentences, a.Mentions, names)
	}
	resolveDocument(text, a.Mentions, e.alias, names)
	if lazy {
		for si, s := range a.Sentences {
			if e.tags(a, si) {
				split.TagSentence(a.Tokens[s.First:s.Last])
			}
		}
	}
	return a, nil
}

// lazyTags returns the analyzer as a Splitter when tagging can wait until
// after recognition: the recognizer does not read tags and a filter says
// which sentences need them.
func (e *Extractor) lazyTags() (Splitter, bool) {
	if e.tags == nil {
		return nil, false
	}
	sp, ok := e.analyzer.(Splitter)
	if !ok {
		return nil, false
	}
	tr, ok := e.recognizer.(tagReader)
	if !ok || tr.NeedsTags() {
		return nil, false
	}
	return sp, true
}

// Classify returns the canonical name and type of a bare name (a Context
// title) as its form, the gazetteer and the recognizer see it: the title
// cleaned of wiki markup and of a title before a person's name
// ("Russian President Vladimir Putin" → "Vladimir Putin"), typed by its
// form ("2016 Summer Olympics" EVENT, "Parliament of Kenya" ORG), a
// nationality as its country ("Polish" → Poland), else by the model, else
// Misc. typ is "" for a name that is no entity: an office ("Prime
// Minister of Italy"), a year, a common noun or description in lower case.
func (e *Extractor) Classify(name string) (canonical string, typ Type) {
	g, _ := e.alias.(*Gazetteer)
	name = cleanContextName(name, g)
	if c, t, ok := e.alias.Lookup(name); ok {
		if t == NORP && g != nil {
			if country := g.Country(name); country != "" {
				return country, GPE
			}
		}
		return c, t
	}
	if t, known := classifyTitle(name, g); known {
		if t == Org {
			name = stripCompanySuffix(name)
		}
		return name, t
	}
	tokens, sentences := e.analyzer.Analyze(name)
	spans := cleanSpans(name, tokens, e.recognizer.Recognize(name, tokens, sentences))
	if len(spans) == 1 && spans[0].Start == 0 && spans[0].End == len(name) {
		typ := spans[0].Type
		if typ == Person && !e.personEvidence(name, tokens) {
			// Without a sentence around it, a capitalised word looks like
			// a person to the model ("Zika", "Frontex", "Tasnim").
			typ = Misc
		}
		if typ == Org {
			name = stripCompanySuffix(name)
		}
		if typ == Misc && namedLikePerson(name, g) {
			typ = Person // "Ban Ki-moon": a person's name whatever the model makes of it alone
		}
		return name, typ
	}
	if namedLikePerson(name, g) {
		return name, Person
	}
	return name, Misc
}

// namedLikePerson is looksLikePersonName with a given name or a surname
// the gazetteer knows at either end, or a hyphenated given name last
// ("Ban Ki-moon"), and no word the gazetteer knows as a common word
// ("Internet Explorer", "Arch Coal").
func namedLikePerson(name string, g *Gazetteer) bool {
	if !looksLikePersonName(name, g) || g == nil {
		return false
	}
	ws := strings.Fields(name)
	first, last := ws[0], ws[len(ws)-1]
	if strings.Contains(last, "-") && !strings.Contains(first, "-") {
		return true
	}
	for _, w := range ws {
		if !nameParticles[w] && g.single(w)&gWord != 0 && g.single(w)&(gFirst|gLast) == 0 {
			return false
		}
	}
	return g.single(first)&gFirst != 0 || g.single(last)&gLast != 0
}

// personEvidence reports whether a bare name may be a person's: a name of
// several words may (the model has its shape to go by), a single word only
// when the gazetteer knows it as a person, a first name or a surname.
func (e *Extractor) personEvidence(name string, tokens []Token) bool {
	g, ok := e.alias.(*Gazetteer)
	if !ok || len(tokens) != 1 {
		return true
	}
	return g.phrases[phraseHash(name)]&gPerson != 0 || g.single(tokens[0].Text)&(gFirst|gLast) != 0
}

// notAcronyms are capitalised abbreviations that name no entity.
var notAcronyms = setOf("I", "A", "OK", "TV", "AM", "PM", "CEO", "CFO", "COO", "GDP", "DNA", "HIV", "AIDS", "MVP",
	"USD", "EUR", "GBP", "ID", "IQ", "PR", "PC", "CD", "DVD", "GPS", "SUV", "ATM", "VIP", "FAQ", "CV", "PS",
	"ET", "EST", "PST", "GMT", "UTC", "BST", "CET", "AD", "BC", "RIP", "LOL", "OMG", "CPI", "IPO", "R&D", "HQ",
	"MP", "MPS", "PHD", "MBA", "BA", "MA", "MD", "DJ", "UFO", "LGBT", "LGBTQ", "COVID", "SARS", "MERS", "TB",
	"KO", "TKO", "RBI", "ERA", "NO", "YES", "AND", "OR", "THE", "OF", "IN", "ON", "TO", "FOR", "AT", "BY",
	"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "NEW", "UPDATE", "BREAKING", "EXCLUSIVE", "VIDEO", "PHOTOS",
	"WATCH", "LIVE", "READ", "MORE", "EDT", "EDST", "PDT", "CDT", "MDT", "CST", "MST", "IST",
	"AEST", "AEDT", "JST", "KST", "AKDT", "AKST", "HST", "DDT", "ESC", "EET", "EEST", "CEST", "WET", "WEST", "MSK", "POTUS", "FLOTUS", "VPOTUS", "VP", "RHP", "LHP", "GI", "PRO", "OPS", "SOS", "CC", "LLC", "INC", "LTD", "PLC",
	"ATV", "RPG", "AKA", "FYI", "ASAP", "TBA", "TBD", "PDF", "URL", "HTML", "WWW", "MPH", "KPH", "KM", "LB", "LBS")

// addAcronyms adds the capitalised acronyms the recognizer left out
// ("the IBF and WBO titles") as organisations, or as what the gazetteer
// knows them as: two to five capitals, inside a sentence that is not
// written in capitals, not a common abbreviation (notAcronyms).
func addAcronyms(text string, tokens []Token, sentences []Sentence, spans []Span, alias Aliaser) []Span {
	g, _ := alias.(*Gazetteer)
	var added []Span
	j := 0
	for _, s := range sentences {
		caps := 0
		for _, t := range tokens[s.First:s.Last] {
			if len(t.Text) > 1 && strings.ToUpper(t.Text) == t.Text && strings.ToLower(t.Text) != t.Text {
				caps++
			}
		}
		if caps*3 > s.Last-s.First {
			continue // a headline or a dateline in capitals
		}
		for i := s.First + 1; i < s.Last; i++ {
			t := tokens[i]
			if teamAfterThe(tokens, i, s.First, g) || knownOrgWord(tokens, i, s.First, s.Last, g) {
				for j < len(spans) && spans[j].End <= t.Start {
					j++
				}
				if j >= len(spans) || spans[j].Start >= t.End() {
					added = append(added, Span{Start: t.Start, End: t.End(), Type: Org}) // "the Angels"
				}
				continue
			}
			if len(t.Text) < 2 || len(t.Text) > 5 || notAcronyms[t.Text] || !allUpper(t.Text) {
				continue
			}
			for j < len(spans) && spans[j].End <= t.Start {
				j++
			}
			inside := j < len(spans) && spans[j].Start < t.End()
			if shipPrefixes[t.Text] && i+1 < s.Last && capitalised(tokens[i+1].Text) {
				// "INS Mysore", "MV ACX Crystal": the ship, not an acronym
				// and a town.
				k := i + 1
				for k+1 < s.Last && capitalised(tokens[k+1].Text) && tokens[k+1].Start <= tokens[k].End()+1 {
					k++
				}
				next := tokens[k]
				i = k
				switch {
				case inside && spans[j].End >= next.End():
					spans[j].Type = Fac
				case inside:
					spans[j].End, spans[j].Type = next.End(), Fac
					if j+1 < len(spans) && spans[j+1].Start == next.Start {
						spans[j].End = spans[j+1].End
						spans = append(spans[:j+1], spans[j+2:]...)
					}
				case j < len(spans) && spans[j].Start == next.Start:
					spans[j].Start, spans[j].Type = t.Start, Fac
				default:
					added = append(added, Span{Start: t.Start, End: next.End(), Type: Fac})
				}
				continue
			}
			if inside || monthWords[strings.ToLower(t.Text)] {
				continue // inside a name found; "JUNE"
			}
			_, gt, known := lookup(alias, t.Text)
			if !known && (len(t.Text) < 3 || g != nil && g.single(strings.ToLower(t.Text))&gWord != 0) {
				continue // "AK", "MOON", "FIRE": a state code or a word in capitals
			}
			typ := Org
			if known {
				typ = gt
			}
			added = append(added, Span{Start: t.Start, End: t.End(), Type: typ})
		}
	}
	if len(added) == 0 {
		return spans
	}
	spans = append(spans, added...)
	sort.Slice(spans, func(a, b int) bool { return spans[a].Start < spans[b].Start })
	return spans
}

// knownOrgWord reports a capitalised word inside a sentence, alone (no
// capitalised word beside it), that the gazetteer knows as the name of a
// magazine, a company, a team, a party or an international organisation
// ("People", "Newsday"): the recognizer missed it.
func knownOrgWord(tokens []Token, i, first, last int, g *Gazetteer) bool {
	w := tokens[i].Text
	if g == nil || i-1 <= first || len(w) < 3 || !capitalised(w) || w == strings.ToUpper(w) ||
		capitalised(tokens[i-1].Text) || i+1 < last && capitalised(tokens[i+1].Text) || isPunct(tokens[i-1].Text) {
		return false
	}
	if i+1 < last {
		if n := strings.ToLower(tokens[i+1].Text); nameParticles[n] || hasArticlePrefix(n) {
			return false // "Bab al-Maqam"
		}
	}
	c := g.phrases[phraseHash(w)]
	if c&(gPlace|gNORP|gFirst) != 0 || regionNames[w] {
		return false
	}
	if c&gMedia != 0 {
		return true // "People", even though people are a common word
	}
	return c&(gCompany|gTeam|gParty|gIGO) != 0 && !g.commonWord(w) // not "Highway"
}

// teamAfterThe reports a capitalised plural after a lower-case "the"
// inside a sentence that the gazetteer knows as no place, people or event
// ("the Angels", "the Nationals"): a team, a band, a party.
func teamAfterThe(tokens []Token, i, first int, g *Gazetteer) bool {
	w := tokens[i].Text
	if i-1 <= first || tokens[i-1].Text != "the" || !pluralName(w) || i+1 < len(tokens) && capitalised(tokens[i+1].Text) {
		return false
	}
	return g != nil && g.phrases[phraseHash(w)]&(gPlace|gNORP) == 0 && g.Country(w) == "" && !regionNames[w]
}

func allUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// addHintMentions adds a mention for each place the text writes a Context
// name (of two words or more) that no mention covers: the recognizer
// missed "Ban Ki-moon", the Context line names him. ms is sorted by Start
// and stays so.
func addHintMentions(text string, sentences []Sentence, ms []Mention, names []string) []Mention {
	var added []Mention
	for _, h := range names {
		if !strings.Contains(h, " ") {
			continue
		}
		for from := 0; ; {
			i := strings.Index(text[from:], h)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(h)
			from = end
			if start > 0 && isNameByte(text[start-1]) || end < len(text) && isNameByte(text[end]) {
				continue
			}
			covered := false
			for _, m := range ms {
				if m.Start < end && start < m.End {
					covered = true
					break
				}
			}
			if !covered {
				added = append(added, Mention{Start: start, End: end, Text: h, Type: Misc, Sentence: sentenceOf(sentences, start)})
			}
		}
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func sentenceOf(sentences []Sentence, off int) int {
	i := sort.Search(len(sentences), func(i int) bool { return sentences[i].End > off })
	if i == len(sentences) {
		return len(sentences) - 1
	}
	return i
}

// Default returns the Extractor graphbuild uses: prose's tokenizer, sentence
// splitter and tagger, graphbuild's trained recognizer and its gazetteer.
// Models load once per process.
func Default() (*Extractor, error) {
	return defaultExtractor()
}

var defaultExtractor = sync.OnceValues(func() (*Extractor, error) {
	an, err := NewProseAnalyzer()
	if err != nil {
		return nil, err
	}
	rec, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	gaz, err := DefaultGazetteer()
	if err != nil {
		return nil, err
	}
	return NewExtractor(an, rec, gaz), nil
})
