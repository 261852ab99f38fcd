package relation

import (
	"github.com/graphbuild/graphbuild/pkg/ner"
	"slices"
	"sort"
	"strings"
)

// Relation says that a sentence reports an interaction between two
// mentions: a meeting, talks, a phone call, a visit, hosting or receiving,
// negotiating or signing with each other.
type Interaction struct {
	// A and B index Analysis.Mentions. A is the actor when the sentence
	// names one (the host, the caller, the visitor), else the first named.
	A, B int
	// Predicate is one of the Pred constants.
	Predicate string
	// Sentence indexes Analysis.Sentences.
	Sentence int
}

// The predicates Relations reports, normalised from the words that say them.
const (
	Met        = "met"
	Talks      = "talks"
	Phone      = "phone call"
	Visit      = "visit"
	Hosted     = "hosted"
	Received   = "received"
	Negotiated = "negotiated"
	Signed     = "signed"
	Dinner     = "dinner" // a dinner, lunch or breakfast together
)

// Predicates lists every predicate Extract reports.
var Predicates = []string{Met, Talks, Phone, Visit, Hosted, Received, Negotiated, Signed, Dinner}

// Extract finds the interactions each sentence of a reports between a
// PERSON and another PERSON, ORG or GPE. It reads the part-of-speech tags
// and the shape of the sentence rather than pairing names near a verb: the
// subject of an interaction verb is the name right before it (through
// titles, appositions, coordination, auxiliaries and "who"), its partners
// are its object or the object of "with"/"to"/"by"; nouns ("talks",
// "meeting", "phone call", "visit") take their parties from "between X and
// Y", a possessive, "by X ... to Y" or the subject of a light verb ("held
// talks with"). Reported speech gives the interaction of the reported
// clause only, and negated or refused interactions give none.
//
// A party may be named in an earlier sentence of the text: a subject "he",
// "she" or "the prime minister" stands for the one person named just before
// who fits (none when two do), and a lone word of a person's full name
// named earlier ("Xi" after "Xi Jinping") for that person when no other
// person's name holds it. Such an Interaction's mention is the earlier one.
//
// Interactions come in sentence order, at most one per pair of entities per
// sentence. Extract reads a without changing it and is safe for concurrent
// use.
func Extract(a *ner.Analysis) []Interaction {
	if a == nil || len(a.Mentions) == 0 {
		return nil
	}
	var out []Interaction
	c := relClause{a: a}
	candidateSentences(a, func(si, lo, hi int) {
		if !relCandidates(a.Mentions[lo:hi], lo > 0) {
			return
		}
		c.reset(si, lo, hi)
		c.run()
		out = append(out, c.out...)
	})
	return out
}

// candidateSentences calls fn for each sentence the rules may read, in
// order, with its mentions a.Mentions[lo:hi]: a sentence with a trigger
// word and two mentions or more, or one mention after a mention of an
// earlier sentence (a pronoun, a role or a lone surname may name the other
// party). Mentions must be in text order. It does not look at types.
func candidateSentences(a *ner.Analysis, fn func(si, lo, hi int)) {
	for lo := 0; lo < len(a.Mentions); {
		hi := lo + 1
		for hi < len(a.Mentions) && a.Mentions[hi].Sentence == a.Mentions[lo].Sentence {
			hi++
		}
		if si := a.Mentions[lo].Sentence; candidate(a, si, lo, hi) {
			fn(si, lo, hi)
		}
		lo = hi
	}
}

// candidate reports whether sentence si with mentions a.Mentions[lo:hi] is
// one the rules read.
func candidate(a *ner.Analysis, si, lo, hi int) bool {
	if si < 0 || si >= len(a.Sentences) || (hi-lo < 2 && lo == 0) {
		return false
	}
	s := a.Sentences[si]
	trigger := false
	for _, t := range a.Tokens[s.First:s.Last] {
		if _, ok := lowerLookup(t.Text, relTriggers); ok {
			trigger = true
			break
		}
	}
	if !trigger || hi-lo >= 2 {
		return trigger
	}
	// One mention: the other party must be a pronoun, a role or a lone
	// word of an earlier name.
	for _, t := range a.Tokens[s.First:s.Last] {
		if _, ok := lowerLookup(t.Text, relReferring); ok {
			return true
		}
	}
	for t := s.First; t < s.Last; t++ {
		if w := a.Tokens[t].Text; nameWord(w) && !(a.Tokens[t].Start >= a.Mentions[lo].Start && a.Tokens[t].Start < a.Mentions[lo].End) && earlierNameWord(a, lo, w) {
			return true
		}
	}
	return false
}

// relReferring are the words that may name a person of an earlier
// sentence: pronouns and the heads of roles.
var relReferring = func() map[string]string {
	m := map[string]string{"he": "", "she": "", "him": "", "her": ""}
	for w := range relRoles {
		m[w] = ""
	}
	return m
}()

// earlierNameWord reports whether w is the first or last word of a name
// of two words or more among a.Mentions[:lo], whatever its type.
func earlierNameWord(a *ner.Analysis, lo int, w string) bool {
	for _, m := range a.Mentions[:lo] {
		if !strings.Contains(m.Text, " ") {
			continue
		}
		if strings.HasPrefix(m.Text, w+" ") || strings.HasSuffix(m.Text, " "+w) {
			return true
		}
	}
	return false
}

// relCandidates reports whether the mentions of a sentence hold a PERSON and
// another mention that could be its partner, or, after earlier mentions
// (earlier), a mention that may meet a person named before.
func relCandidates(ms []ner.Mention, earlier bool) bool {
	person, other := 0, 0
	for _, m := range ms {
		switch m.Type {
		case ner.Person:
			person++
		case ner.Org, ner.GPE:
			other++
		}
	}
	return person >= 1 && person+other >= 2 || earlier && person+other >= 1
}

// relClause holds the working state for one sentence; its slices are reused
// from sentence to sentence.
type relClause struct {
	a      *ner.Analysis
	sent   int
	lo, hi int   // token range of the sentence
	ment   []int // per token of the sentence: mention id or -1
	mFirst []int // per mention (offset by mlo): first token
	mLast  []int // last token (inclusive)
	mlo    int
	mhi    int
	// proxies are mentions of earlier sentences that tokens of this one
	// stand for (a pronoun, a role, a lone surname); proxy k has the
	// mention id len(a.Mentions)+k.
	proxies []proxy
	names   map[string]int // lone words of people's names: see nameWords
	namesOK bool
	main    []int // subject of the main clause, computed lazily
	mainOK  bool
	places  bool // a place noun after a name keeps the name (visits)
	out     []Interaction
	seen    [][2]int
}

// proxy is a mention of an earlier sentence standing at tokens first..last.
type proxy struct{ idx, first, last int }

func (c *relClause) reset(si, mlo, mhi int) {
	a := c.a
	s := a.Sentences[si]
	c.sent, c.lo, c.hi, c.mlo, c.mhi = si, s.First, s.Last, mlo, mhi
	c.proxies = c.proxies[:0]
	n := s.Last - s.First
	if cap(c.ment) < n {
		c.ment = make([]int, n)
	}
	c.ment = c.ment[:n]
	for i := range c.ment {
		c.ment[i] = -1
	}
	c.mFirst, c.mLast = c.mFirst[:0], c.mLast[:0]
	for mi := mlo; mi < mhi; mi++ {
		m := a.Mentions[mi]
		first, last := -1, -1
		for t := s.First; t < s.Last; t++ {
			tk := a.Tokens[t]
			if tk.Start >= m.End {
				break
			}
			if tk.End() > m.Start && tk.Start < m.End {
				if first < 0 {
					first = t
				}
				last = t
				if c.ment[t-s.First] < 0 {
					c.ment[t-s.First] = mi
				}
			}
		}
		c.mFirst = append(c.mFirst, first)
		c.mLast = append(c.mLast, last)
	}
	if mlo > 0 {
		c.loneNames()
	}
	c.main, c.mainOK = nil, false
	c.out, c.seen = c.out[:0], c.seen[:0]
}

// Token accessors; i is an absolute token index.

func (c *relClause) in(i int) bool { return i >= c.lo && i < c.hi }

func (c *relClause) word(i int) string {
	if !c.in(i) {
		return ""
	}
	return c.a.Tokens[i].Text
}

func (c *relClause) tag(i int) string {
	if !c.in(i) {
		return ""
	}
	return c.a.Tokens[i].Tag
}

func (c *relClause) is(i int, words ...string) bool {
	w := c.word(i)
	for _, x := range words {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

func (c *relClause) mention(i int) int {
	if !c.in(i) {
		return -1
	}
	return c.ment[i-c.lo]
}

func (c *relClause) first(m int) int {
	if m >= len(c.a.Mentions) {
		return c.proxies[m-len(c.a.Mentions)].first
	}
	return c.mFirst[m-c.mlo]
}

func (c *relClause) last(m int) int {
	if m >= len(c.a.Mentions) {
		return c.proxies[m-len(c.a.Mentions)].last
	}
	return c.mLast[m-c.mlo]
}

// ref returns the index in a.Mentions of mention id m.
func (c *relClause) ref(m int) int {
	if m >= len(c.a.Mentions) {
		return c.proxies[m-len(c.a.Mentions)].idx
	}
	return m
}

func (c *relClause) typ(m int) ner.Type { return c.a.Mentions[c.ref(m)].Type }

// addProxy records that tokens first..last stand for mention idx of an
// earlier sentence and returns its mention id.
func (c *relClause) addProxy(idx, first, last int) int {
	c.proxies = append(c.proxies, proxy{idx, first, last})
	return len(c.a.Mentions) + len(c.proxies) - 1
}

// lookup looks token i up in table, folded to lower case.
func (c *relClause) lookup(i int, table map[string]string) (string, bool) {
	return lowerLookup(c.word(i), table)
}

// lowerLookup folds w to lower case in a stack buffer and looks it up in
// table, without allocating; words over 24 bytes are in no table.
func lowerLookup(w string, table map[string]string) (string, bool) {
	if len(w) == 0 || len(w) > 24 {
		return "", false
	}
	var buf [24]byte
	for j := 0; j < len(w); j++ {
		b := w[j]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[j] = b
	}
	v, ok := table[string(buf[:len(w)])]
	return v, ok
}

func (c *relClause) inSet(i int, set map[string]string) bool {
	_, ok := c.lookup(i, set)
	return ok
}

func isVerbTag(t string) bool { return strings.HasPrefix(t, "VB") || t == "MD" }
func isFiniteTag(t string) bool {
	return t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD"
}

func (c *relClause) isPunct(i int) bool {
	switch c.word(i) {
	case ",", ";", ":", ".", "!", "?", "(", ")", "\"", "“", "”", "—", "–", "--":
		return true
	}
	return false
}

func (c *relClause) capitalised(i int) bool {
	w := c.word(i)
	return w != "" && 'A' <= w[0] && w[0] <= 'Z'
}

// Word tables. Values are the predicate (verbs, nouns) or unused.

// relVerbs are interaction verbs by form. Forms that are also nouns
// ("talks", "visit") are told apart by context.
var relVerbs = map[string]string{
	"meet": Met, "meets": Met, "met": Met, "meeting": Met,
	"talk": Talks, "talks": Talks, "talked": Talks, "talking": Talks,
	"speak": Talks, "speaks": Talks, "spoke": Talks, "spoken": Talks, "speaking": Talks,
	"confer": Talks, "conferred": Talks, "confers": Talks,
	"phone": Phone, "phoned": Phone, "phones": Phone,
	"telephone": Phone, "telephoned": Phone, "telephones": Phone,
	"visit": Visit, "visits": Visit, "visited": Visit, "visiting": Visit,
	"host": Hosted, "hosts": Hosted, "hosted": Hosted, "hosting": Hosted,
	"receive": Received, "receives": Received, "received": Received, "receiving": Received,
	"negotiate": Negotiated, "negotiates": Negotiated, "negotiated": Negotiated, "negotiating": Negotiated,
	"sign": Signed, "signs": Signed, "signed": Signed, "signing": Signed,
	"greet": Met, "greets": Met, "greeted": Met, "greeting": Met,
	"welcome": Received, "welcomes": Received, "welcomed": Received, "welcoming": Received,
	"dine": Dinner, "dines": Dinner, "dined": Dinner, "dining": Dinner, "lunched": Dinner, "breakfasted": Dinner,
	"spent": Met, "spends": Met, "spend": Met, "spending": Met,
	"sat": Met, "sits": Met, "sit": Met, "sitting": Met,
}

// relVerbNoun are the verb forms that are also nouns.
var relVerbNoun = map[string]string{
	"meet": "", "meeting": "", "talk": "", "talks": "", "phone": "", "telephone": "",
	"visit": "", "visits": "", "host": "", "sign": "", "signs": "",
}

// relDirect are verbs whose direct object is the partner ("met Lavrov").
var relDirect = map[string]string{
	Met: "", Phone: "", Visit: "", Hosted: "", Received: "",
}

// relWithOnly are verbs whose partner only follows "with" ("spent three
// hours with Putin", "sat down with Trump").
var relWithOnly = map[string]string{
	"spent": "", "spends": "", "spend": "", "spending": "", "sat": "", "sits": "", "sit": "", "sitting": "",
}

// relWithTo are verbs whose partner may follow "to" ("spoke to Lavrov").
var relWithTo = map[string]string{"talk": "", "talks": "", "talked": "", "talking": "",
	"speak": "", "speaks": "", "spoke": "", "spoken": "", "speaking": ""}

// relPassive are the past participles a passive interaction is made of.
var relPassive = map[string]string{"met": "", "hosted": "", "received": "", "visited": "", "phoned": "", "telephoned": ""}

// relComm are verbs that become a phone call when the clause says so
// ("discussed Syria in a telephone conversation"); their object is a
// topic, except for relTell.
var relComm = map[string]string{
	"discussed": "", "discuss": "", "discusses": "", "agreed": "", "agree": "", "agrees": "",
	"told": "", "tells": "", "tell": "", "assured": "", "assures": "", "urged": "", "urges": "",
	"warned": "", "warns": "", "informed": "", "informs": "", "briefed": "", "briefs": "",
}

var relTell = map[string]string{"told": "", "tells": "", "tell": "", "assured": "", "assures": "",
	"urged": "", "urges": "", "warned": "", "warns": "", "informed": "", "informs": "", "briefed": "", "briefs": ""}

// relNouns are interaction nouns.
var relNouns = map[string]string{
	"meeting": Met, "meetings": Met, "summit": Met,
	"talks": Talks, "discussions": Talks, "conversation": Talks, "conversations": Talks,
	"negotiations": Negotiated, "call": Phone, "calls": Phone,
	"visit": Visit, "visits": Visit,
	"dinner": Dinner, "lunch": Dinner, "breakfast": Dinner, "banquet": Dinner, "dinners": Dinner, "lunches": Dinner,
	"discussion": Talks, "chat": Talks, "conference": Phone, "videoconference": Phone,
}

// relLight are light verbs whose subject is the party of an interaction
// noun ("held talks with", "paid a visit to").
var relLight = map[string]string{
	"hold": "", "holds": "", "held": "", "holding": "", "have": "", "has": "", "had": "", "having": "",
	"make": "", "makes": "", "made": "", "making": "", "pay": "", "pays": "", "paid": "", "paying": "",
	"conduct": "", "conducts": "", "conducted": "", "begin": "", "begins": "", "began": "", "begun": "",
	"start": "", "starts": "", "started": "", "open": "", "opens": "", "opened": "",
	"resume": "", "resumes": "", "resumed": "", "continue": "", "continues": "", "continued": "",
	"attend": "", "attends": "", "attended": "", "join": "", "joins": "", "joined": "",
	"wrap": "", "wrapped": "", "conclude": "", "concluded": "", "concludes": "",
}

// relAdverbial are the prepositions that attach an interaction noun to the
// sentence's subject ("during a visit to", "following talks with").
var relAdverbial = map[string]string{
	"during": "", "following": "", "after": "", "before": "", "in": "", "for": "", "at": "", "amid": "", "over": "",
}

// relMotion are verbs of travel after which "for talks" is the traveller's.
var relMotion = map[string]string{
	"leave": "", "leaves": "", "left": "", "travel": "", "travels": "", "travelled": "", "traveled": "",
	"fly": "", "flies": "", "flew": "", "head": "", "heads": "", "headed": "", "arrive": "", "arrives": "",
	"arrived": "", "go": "", "goes": "", "went": "", "come": "", "comes": "", "came": "", "set": "",
	"flying": "", "travelling": "", "traveling": "", "heading": "", "arriving": "", "visited": "",
	"visits": "", "visiting": "", "returned": "", "returns": "", "return": "",
}

// relAux may stand between a subject and its verb ("is expected to meet").
var relAux = map[string]string{
	"will": "", "would": "", "shall": "", "should": "", "can": "", "could": "", "may": "", "might": "",
	"must": "", "is": "", "are": "", "was": "", "were": "", "be": "", "been": "", "being": "",
	"has": "", "have": "", "had": "", "did": "", "does": "", "do": "", "to": "", "expected": "",
	"scheduled": "", "due": "", "set": "", "going": "", "agreed": "", "agrees": "", "plans": "",
	"planned": "", "planning": "", "plan": "", "later": "", "also": "", "then": "", "reportedly": "",
	"separately": "", "again": "", "finally": "", "already": "", "first": "", "recently": "",
	"briefly": "", "yesterday": "", "today": "", "tomorrow": "", "personally": "", "privately": "",
	"secretly": "", "jointly": "", "both": "", "all": "", "each": "", "once": "", "last": "", "week": "",
	"'s": "", "’s": "", "'ve": "", "'d": "", "'ll": "",
}

// relNeg cancels an interaction ("did not meet", "refused to meet").
var relNeg = map[string]string{
	"not": "", "n't": "", "never": "", "no": "", "refused": "", "refuses": "", "refuse": "",
	"declined": "", "declines": "", "decline": "", "rejected": "", "rejects": "", "failed": "", "fails": "",
	"cancelled": "", "canceled": "", "cancels": "", "postponed": "", "postpones": "", "without": "",
	"nor": "", "neither": "", "denied": "", "denies": "", "deny": "", "sought": "", "seeks": "", "seek": "",
	"proposed": "", "proposes": "", "wants": "", "want": "", "wanted": "", "hopes": "", "hoped": "",
	"urged": "", "asked": "", "invited": "", "called": "", "offered": "", "requested": "", "demanded": "",
}

var relBe = map[string]string{"is": "", "are": "", "was": "", "were": "", "be": "", "been": "", "being": "", "'s": ""}

// relReport are reporting verbs: a pronoun after one refers to its subject.
var relReport = map[string]string{
	"said": "", "says": "", "say": "", "told": "", "tells": "", "added": "", "adds": "", "stated": "",
	"states": "", "announced": "", "announces": "", "confirmed": "", "confirms": "", "claimed": "",
	"claims": "", "wrote": "", "writes": "", "noted": "", "notes": "", "revealed": "", "reveals": "",
}

// relTitles are common nouns and adjectives of titles between a name and
// what governs it ("his Russian counterpart Sergey Lavrov").
var relTitles = map[string]string{
	"counterpart": "", "counterparts": "", "colleague": "", "host": "", "guest": "", "ally": "",
	"rival": "", "pilot": "", "candidate": "", "autocrat": "", "strongman": "", "diplomat": "",
	"envoy": "", "president": "", "minister": "", "secretary": "", "leader": "", "chief": "",
	"head": "", "chancellor": "", "premier": "", "prince": "", "crown": "", "king": "", "queen": "",
	"prime": "", "foreign": "", "deputy": "", "spokesman": "", "spokeswoman": "", "official": "",
	"president-elect": "", "ambassador": "", "governor": "", "mayor": "", "senator": "", "general": "",
	"commander": "", "director": "", "adviser": "", "advisor": "", "opposition": "", "guerrilla": "",
	"rebel": "", "incumbent": "", "former": "", "new": "", "then": "", "actor": "", "actress": "",
	"lawyer": "", "judge": "", "pope": "", "emir": "", "sheikh": "", "supreme": "", "policy": "",
	"affairs": "", "defense": "", "defence": "", "state": "", "secretary-general": "", "executive": "",
}

// relGroupNouns head a phrase that stands for the organisation or country
// that modifies them ("leaders of FARC", "Goldman Sachs executives").
var relGroupNouns = map[string]string{
	"leaders": "", "leader": "", "leadership": "", "officials": "", "executives": "", "delegation": "",
	"delegates": "", "representatives": "", "envoys": "", "negotiators": "", "diplomats": "",
	"ministers": "", "headquarters": "", "government": "", "team": "", "officers": "", "members": "",
}

// relTimeStart open a time phrase after a name ("last week").
var relTimeStart = map[string]string{"last": "", "next": "", "this": "", "earlier": "", "later": "", "early": "", "late": ""}

// relGovNouns, after a person's possessive, stand for the person ("May's
// government").
var relGovNouns = map[string]string{"government": "", "administration": "", "cabinet": ""}

// relPlaceNouns, after a place or organisation, are still that place for a
// visit ("the West Bank settlement", "the Kremlin offices").
var relPlaceNouns = map[string]string{
	"settlement": "", "settlements": "", "city": "", "capital": "", "region": "", "province": "",
	"town": "", "village": "", "camp": "", "base": "", "embassy": "", "office": "", "offices": "",
	"campus": "", "plant": "", "factory": "", "port": "",
}

// relPronoun are the personal pronouns a subject or possessor can be.
var relPronoun = map[string]string{"he": "n", "she": "n", "his": "p", "her": "p"}

// relTriggers are the words run starts from: every relation needs one of
// them outside a name, so a sentence without one needs no POS tags.
var relTriggers = func() map[string]string {
	m := map[string]string{}
	for _, t := range []map[string]string{relNouns, relVerbs, relComm} {
		for w := range t {
			m[w] = ""
		}
	}
	for _, w := range []string{"shook", "shake", "shakes", "shaking", "called", "calls", "rang", "rings"} {
		m[w] = ""
	}
	// "conference" counts only after "video", "phone" or "telephone":
	// those are the triggers, not the common word.
	delete(m, "conference")
	m["video"] = ""
	return m
}()

// NeedsTags is the ner.TagFilter of the rules: it accepts every sentence
// whose tags Extract may read, whatever the types of its mentions (two
// mentions or more, or one after an earlier sentence's, and a trigger
// word), so that an Extractor
// built with ner.Extractor.WithTagFilter(NeedsTags) tags only those.
func NeedsTags(a *ner.Analysis, si int) bool {
	lo := sort.Search(len(a.Mentions), func(i int) bool { return a.Mentions[i].Sentence >= si })
	hi := lo
	for hi < len(a.Mentions) && a.Mentions[hi].Sentence == si {
		hi++
	}
	return hi > lo && candidate(a, si, lo, hi)
}

// run finds the sentence's relations. Keep relTriggers in step with the
// words it starts from.
func (c *relClause) run() {
	for i := c.lo; i < c.hi; i++ {
		if c.mention(i) >= 0 {
			continue
		}
		if pred, ok := c.lookup(i, relNouns); ok && c.nounUse(i) {
			if pred == Phone && !c.phoneCall(i) {
				continue
			}
			c.nominal(i, pred)
			continue
		}
		if pred, ok := c.lookup(i, relVerbs); ok {
			if c.inSet(i, relVerbNoun) && !c.verbUse(i) {
				continue
			}
			c.verbal(i, pred)
			continue
		}
		if c.inSet(i, relComm) && c.verbUse(i) && c.phoneCue(i) {
			c.verbal(i, Phone)
			continue
		}
		if c.is(i, "discuss", "discussed", "discusses", "discussing") && c.verbUse(i) && c.withPartner(i+1, false) != nil {
			c.verbal(i, Talks) // "to discuss the conflict with Raisi"
			continue
		}
		if c.is(i, "shook", "shake", "shakes", "shaking") && c.is(i+1, "hands") {
			c.verbal(i, Met) // "Obama and Castro shook hands"
			continue
		}
		if c.is(i, "called", "calls", "rang", "rings") && isVerbTag(c.tag(i)) && c.callObject(i) {
			c.verbal(i, Phone)
		}
	}
}

// nounUse reports whether token i, an interaction noun, is used as a noun.
func (c *relClause) nounUse(i int) bool {
	if c.is(i, "meeting", "talks", "visit", "visits", "call", "calls") && !c.nounContext(i) {
		return false
	}
	return true
}

// nounContext tells a noun from a verb of the same form by what precedes it.
func (c *relClause) nounContext(i int) bool {
	if c.is(i+1, "between") {
		return true
	}
	p := i - 1
	if !c.in(p) {
		return c.tag(i) != "VBZ" && c.tag(i) != "VBG"
	}
	if c.mention(p) >= 0 {
		return false // "Kerry meets", "Lavrov talks with"
	}
	t := c.tag(p)
	switch {
	case c.is(p, "to"):
		return c.tag(i) == "NN" || c.tag(i) == "NNS" // the tagger's call: "to visits" is rare
	case t == "DT" || t == "PRP$" || t == "JJ" || t == "JJS" || t == "JJR" || t == "POS" || t == "CD":
		return true
	case t == "IN" || t == "NN" || t == "NNS" || t == "NNP":
		return !c.inSet(p, relAux)
	case c.inSet(p, relLight):
		return true
	case isVerbTag(t) && !c.inSet(p, relAux):
		return true // "continue talks", "sought a meeting"
	}
	return false
}

// verbUse reports whether token i is used as a verb.
func (c *relClause) verbUse(i int) bool {
	if c.inSet(i, relVerbNoun) || c.is(i, "meeting", "talks", "visits") {
		if c.is(i+1, "between") {
			return false
		}
		p := i - 1
		for c.in(p) && c.tag(p) == "RB" && !c.inSet(p, relNeg) {
			p--
		}
		if !c.in(p) {
			return false
		}
		if c.mention(p) >= 0 || c.inSet(p, relAux) || c.is(p, "who", "and", "he", "she", "they", "we", ",") {
			// "Kerry and Lavrov meet", "will meet", "who meets"
			if c.is(p, ",") {
				t := c.tag(i)
				return t == "VBD" || t == "VBZ" || t == "VBP" || c.is(i, "meets", "visits") ||
					c.is(i, "meeting") && c.mention(p-1) >= 0 && !c.is(i+1, "between", "with") && !c.is(i+1, "of")
			}
			return true
		}
		return false
	}
	t := c.tag(i)
	if t == "DT" || t == "IN" {
		return false
	}
	return true
}

// phoneCall reports whether "call" at i is a telephone call.
func (c *relClause) phoneCall(i int) bool {
	if c.is(i-1, "phone", "telephone", "video") || c.is(i+1, "between") {
		return true
	}
	// "in a call with Kishida", "in a call that lasted an hour"
	if !c.is(i, "call", "calls") || !c.is(i-1, "a", "the", "their", "his", "her", "joint", "brief", "long", "lengthy", "hour-long", "first", "second") {
		return false
	}
	return c.is(i+1, "with", "that", "which", "lasting", "late", "earlier") || c.is(i+1, "on") && c.is(i-2, "in", "during")
}

// callObject reports whether "called" at i is a phone call: a person
// object followed by a time, a purpose or the end of the clause ("called
// Lavrov on Friday to discuss"), not "called Lavrov a liar" or "called on".
func (c *relClause) callObject(i int) bool {
	m := c.mention(i + 1)
	if m < 0 || c.typ(m) != ner.Person {
		return false
	}
	n := c.last(m) + 1
	if c.is(n, "'s", "’s") {
		return false
	}
	return !c.in(n) || c.is(n, "on", "to", "by", "late", "last", "earlier", "from", ".", ",", ";", "and", "after", "before", "yesterday", "today") && !(c.is(n, "to") && c.is(n+1, "account", "order"))
}

// phoneCue reports whether the clause from i to the next comma says the
// exchange was by telephone.
func (c *relClause) phoneCue(i int) bool {
	for j := i + 1; j < c.hi && j <= i+12; j++ {
		if c.is(j, ",", ";", ".") {
			return false
		}
		if c.is(j, "phone", "telephone", "phone-call", "telephonically") {
			return true
		}
		if c.is(j, "call") && c.is(j-1, "a", "video") && !c.is(j+1, "for", "to") {
			return true // "spoke for an hour in a call"
		}
	}
	return false
}

// verbal handles an interaction verb at i.
func (c *relClause) verbal(i int, pred string) {
	if c.is(i, "spoke", "speak", "speaks", "spoken", "speaking", "talked", "talk", "talks", "talking") && c.phoneCue(i) {
		pred = Phone
	}
	comm := c.inSet(i, relComm)
	// Passive: "Erdogan was received by Putin".
	if c.inSet(i, relPassive) {
		p := i - 1
		for c.in(p) && c.tag(p) == "RB" && !c.inSet(p, relNeg) {
			p--
		}
		if c.inSet(p, relBe) {
			if c.negated(p) {
				return
			}
			j := i + 1
			for c.in(j) && c.tag(j) == "RB" {
				j++
			}
			if !c.is(j, "by") {
				return
			}
			agents, _ := c.phraseList(j + 1)
			patients := c.subject(p)
			c.pairs(agents, patients, pred)
			return
		}
	}
	if c.inSet(i, relWithOnly) && (c.is(i, "sat", "sits", "sit", "sitting") && !(c.is(i+1, "down") && c.is(i+2, "with")) || c.withPartner(i+1, false) == nil) {
		return
	}
	subj := c.subject(i)
	if subj == nil && c.is(i-1, ",") && c.mention(i-2) >= 0 && c.is(i, "meeting", "speaking", "talking", "visiting") {
		subj = c.subject(i - 1) // "Blinken and Wang Yi, meeting on the sidelines, discuss"
	}
	if subj == nil {
		return
	}
	if c.is(i-1, "to") && subj[0] < len(c.a.Mentions) && c.inSet(c.titleStart(subj[0])-1, relNeg) {
		return // "urged Trump to meet him"
	}
	_, direct := relDirect[pred]
	if pred == Hosted && c.mealAfter(i) {
		pred = Dinner // "hosts Meloni and Sánchez for dinner"
	}
	var objs []int
	j := i + 1
	if c.is(j, "hands") {
		j++
	}
	for c.in(j) && (c.tag(j) == "RB" || c.tag(j) == "RP") && !c.is(j, "by") {
		j++
	}
	if c.inSet(i, relWithOnly) {
		direct = false
	}
	c.places = pred == Visit
	defer func() { c.places = false }()
	switch {
	case comm:
		if c.inSet(i, relTell) {
			objs, _ = c.phrase(j)
		}
		objs = append(objs, c.withPartner(j, false)...)
	case c.is(j, "with") || (c.is(j, "to") && c.inSet(i, relWithTo)):
		objs, _ = c.phraseList(j + 1)
	case direct:
		var end int
		objs, end = c.phraseList(j)
		if objs == nil && end == j {
			objs = c.withPartner(j, false)
		}
		if objs == nil && c.is(j, "him", "her") && (!c.in(j+1) || c.isPunct(j+1) || c.tag(j+1) == "IN") {
			if m := c.objectPronoun(j, subj); m >= 0 {
				objs = []int{m} // "Trump welcomed him in the Oval Office"
			}
		}
	default:
		// "signed an agreement with", "negotiated for two days with"
		objs = c.withPartner(j, c.inSet(i, relWithTo))
	}
	if pred == Received {
		objs = c.onlyType(objs, ner.Person)
	}
	if len(objs) > 0 {
		c.pairs(subj, objs, pred)
		return
	}
	if len(subj) >= 2 && pred != Visit && pred != Hosted && pred != Received {
		for x := 0; x < len(subj); x++ {
			for y := x + 1; y < len(subj); y++ {
				c.add(subj[x], subj[y], pred)
			}
		}
	}
}

func (c *relClause) onlyType(ms []int, t ner.Type) []int {
	out := ms[:0]
	for _, m := range ms {
		if c.typ(m) == t {
			out = append(out, m)
		}
	}
	return out
}

// withPartner skips a noun phrase and prepositional phrases after a verb or
// noun (at most a dozen tokens, no verb, no comma) and returns the phrases
// after the "with" (or "to", when to is true) that follows.
func (c *relClause) withPartner(j int, to bool) []int {
	for k := j; k < c.hi && k < j+12; k++ {
		if c.is(k, "with") || (to && c.is(k, "to")) {
			ms, _ := c.phraseList(k + 1)
			return ms
		}
		if c.isPunct(k) || c.is(k, "but", "that", "who", "which", "while", "because") {
			return nil
		}
		if c.is(k, "and", "or") && (isVerbTag(c.tag(k+1)) && c.mention(k+1) < 0) {
			return nil
		}
		if isVerbTag(c.tag(k)) && c.mention(k) < 0 && !c.is(k, "sitting", "proposed", "planned") {
			return nil
		}
	}
	return nil
}

// negated reports whether a negation or a verb of refusal comes right
// before position i within the clause (after the subject).
func (c *relClause) negated(i int) bool {
	for p := i; p >= c.lo && p > i-6; p-- {
		if c.mention(p) >= 0 || c.isPunct(p) {
			return false
		}
		if c.inSet(p, relNeg) {
			return true
		}
		if !c.inSet(p, relAux) && c.tag(p) != "RB" && p != i {
			return false
		}
	}
	return false
}

// subject returns the mentions that are the subject of the verb at i: the
// name right before it through auxiliaries and adverbs, an apposition or
// "who", with the names coordinated with it; a pronoun's antecedent; the
// main clause's subject for a verb coordinated with the main verb.
func (c *relClause) subject(i int) []int {
	j := i - 1
	for c.in(j) && c.mention(j) < 0 {
		if c.inSet(j, relNeg) {
			return nil
		}
		if c.inSet(j, relAux) || (c.tag(j) == "RB" && !c.is(j, "so", "as")) {
			j--
			continue
		}
		break
	}
	if !c.in(j) {
		return nil
	}
	if c.is(i-1, "to") {
		// "Merkel will travel to Washington to meet Trump"
		// "Blinken flies to Nairobi for the first time since the election
		// to meet with Ruto"
		for k := i - 2; k >= c.lo && k > i-18; k-- {
			if c.isPunct(k) {
				break
			}
			if c.inSet(k, relMotion) && (isVerbTag(c.tag(k)) || c.mention(k-1) >= 0) {
				return c.subject(k)
			}
		}
	}
	if c.mention(j) < 0 {
		if kind, ok := c.lookup(j, relPronoun); ok && kind == "n" {
			if c.hearsay(j) {
				return nil
			}
			if m := c.antecedent(j, false); m >= 0 {
				return []int{m}
			}
			if idx := c.earlierPerson(nil); idx >= 0 {
				return []int{c.addProxy(idx, j, j)} // "He later met Modi"
			}
			return nil
		}
		if m := c.roleSubject(j); m >= 0 {
			return []int{m} // "The Italian prime minister met Scholz"
		}
		if c.is(j, "who") {
			j--
			if c.is(j, ",") {
				j--
			}
		} else if c.is(j, ",") {
			if g := c.namedApposition(j); g != nil {
				return g // "The two leaders, Putin and Erdogan, signed"
			}
			j = c.skipApposition(j)
		} else if c.is(j, "and") && isFiniteTag(c.tag(i)) {
			// "Blinken accused Moscow ... and met Zelensky"
			main := c.mainSubject()
			if len(main) > 0 && c.last(main[len(main)-1]) < j {
				return main
			}
			return nil
		}
		if c.mention(j) < 0 {
			return nil
		}
	}
	head := c.mention(j)
	if c.last(head) != j {
		return nil
	}
	if c.hearsay(c.titleStart(head)) {
		return nil
	}
	if c.is(j+1, "'s", "’s") && j+1 != i {
		return nil
	}
	start := c.titleStart(head)
	if c.typ(head) != ner.Person && (c.tag(start-1) == "IN" || c.is(start-1, "to")) {
		return nil // "the leader of North Korea met"
	}
	group := []int{head}
	sawAnd := false
	for {
		k := start - 1
		if !c.is(k, "and", "&", ",") || (c.is(k, ",") && !sawAnd) {
			break
		}
		sawAnd = sawAnd || c.is(k, "and", "&")
		k--
		if c.is(k, ",") {
			k--
		}
		if c.is(k+1, ",") && !c.is(start-1, "and") && c.mention(k) < 0 {
			break
		}
		m := c.mention(k)
		if m < 0 {
			// "Santos and FARC leader Londono, also known as Timochenko,"
			k2 := c.skipApposition(k + 1)
			if k2 == k+1 || c.mention(k2) < 0 {
				break
			}
			m, k = c.mention(k2), k2
		}
		if c.last(m) != k || c.is(k+1, "'s", "’s") {
			break
		}
		group = append(group, m)
		start = c.titleStart(m)
	}
	// Text order.
	for x, y := 0, len(group)-1; x < y; x, y = x+1, y-1 {
		group[x], group[y] = group[y], group[x]
	}
	return group
}

// namedApposition returns the people named between the comma at j and the
// comma before them when nothing else stands there ("The president of
// France, Emmanuel Macron, will visit"), else nil.
func (c *relClause) namedApposition(j int) []int {
	var group []int
	k := j - 1
	for {
		m := c.mention(k)
		if m < 0 || c.typ(m) != ner.Person || c.last(m) != k {
			return nil
		}
		group = append(group, m)
		k = c.first(m) - 1
		if c.is(k, "and") {
			k--
			continue
		}
		break
	}
	if !c.is(k, ",") || k == c.lo {
		return nil
	}
	slices.Reverse(group)
	return group
}

// hearsay reports whether the clause starting at i is only reported as a
// claim or denied: "reports that he had met", "denied that he met".
func (c *relClause) hearsay(i int) bool {
	if !c.is(i-1, "that") {
		return false
	}
	return c.inSet(i-2, relHearsay)
}

// relHearsay are words after which a "that" clause is not asserted.
var relHearsay = map[string]string{
	"reports": "", "report": "", "claims": "", "claim": "", "allegations": "", "rumors": "", "rumours": "",
	"speculation": "", "suggestions": "", "denied": "", "denies": "", "deny": "", "dismissed": "", "dismisses": "",
	"rejected": "", "rejects": "", "disputed": "", "disputes": "", "doubted": "", "doubts": "",
}

// skipApposition returns the token before the comma that opens the
// apposition or relative clause closed by the comma at j, or j when there
// is none ("Kim Jong Un, the leader of North Korea, met").
func (c *relClause) skipApposition(j int) int {
	for k := j - 1; k >= c.lo && k > j-25; k-- {
		if !c.is(k, ",") {
			if c.is(k, ";", ".", "\"", "“", "”") || c.inSet(k, relReport) {
				return j
			}
			continue
		}
		seg := k + 1
		rel := c.is(seg, "who", "during", "also", "the", "a", "an", "his", "her", "in", "after", "before", "speaking")
		if !rel {
			for t := seg; t < j; t++ {
				if isFiniteTag(c.tag(t)) {
					return j
				}
			}
		}
		if c.mention(k-1) >= 0 {
			return k - 1
		}
		return j
	}
	return j
}

// titleStart returns the first token of the titles and modifiers before
// mention m ("U.S. Secretary of State John Kerry", "FARC guerrilla leader").
func (c *relClause) titleStart(m int) int {
	s := c.first(m)
	for k := s - 1; k >= c.lo && k > c.first(m)-10; k-- {
		if mm := c.mention(k); mm >= 0 {
			if c.typ(mm) == ner.Person {
				break
			}
			k = c.first(mm)
			s = k
			continue
		}
		t := c.tag(k)
		switch {
		case c.is(k, "of"):
			if !c.inSet(k-1, relTitles) && !c.capitalised(k-1) {
				return s
			}
			s = k
		case c.is(k, "'s", "’s"):
			if mm := c.mention(k - 1); mm >= 0 && c.typ(mm) != ner.Person {
				s = k
				continue
			}
			return s
		case t == "DT" || t == "PRP$":
			return k
		case t == "NNP" || t == "NNPS" || t == "JJ" || c.inSet(k, relTitles) || (t == "NN" && c.capitalised(k)):
			if c.capitalised(k) || c.inSet(k, relTitles) || t == "JJ" {
				s = k
				continue
			}
			return s
		default:
			return s
		}
	}
	return s
}

// phrase parses the noun phrase starting at j and returns its head mention
// (or the organisation standing for its head: "leaders of FARC") and the
// token after it.
func (c *relClause) phrase(j int) ([]int, int) {
	k := j
	lastM := -1
	afterNoun := "" // common noun after the last mention
	possessed := false
	for k < c.hi && k < j+16 {
		if m := c.mention(k); m >= 0 {
			lastM, afterNoun, possessed = m, "", false
			k = c.last(m) + 1
			continue
		}
		t := c.tag(k)
		if lastM >= 0 && c.inSet(k, relTimeStart) {
			return c.head(lastM, afterNoun, possessed), k // "visited Washington last week"
		}
		switch {
		case c.is(k, "of"):
			// "President of Russia Vladimir Putin", "Secretary of State", "leaders of FARC".
			n := k + 1
			if c.is(n, "the") {
				n++
			}
			if m := c.mention(n); m >= 0 {
				after := c.last(m) + 1
				for after < c.hi && c.mention(after) < 0 && (c.inSet(after, relTitles) || c.tag(after) == "NNP") && after < c.last(m)+5 {
					after++
				}
				if mm := c.mention(after); mm >= 0 && c.typ(mm) == ner.Person {
					k = n
					continue
				}
				if c.inSet(k-1, relGroupNouns) || c.inSet(k-1, relTitles) {
					return []int{m}, c.last(m) + 1
				}
				return c.head(lastM, afterNoun, possessed), k
			}
			if c.capitalised(n) && (c.inSet(k-1, relTitles) || c.capitalised(k-1)) {
				k = n
				continue
			}
			return c.head(lastM, afterNoun, possessed), k
		case c.is(k, "'s", "’s") || c.is(k, "'", "’") && c.tag(k) == "POS":
			possessed = lastM >= 0 && afterNoun == ""
			if possessed && c.inSet(k+1, relGovNouns) {
				// "Theresa May's government" stands for her
				return []int{lastM}, k + 2
			}
			k++
		case t == "DT" || t == "PRP$" || t == "JJ" || t == "JJR" || t == "JJS" || t == "CD" || t == "VBN" && k > j && !c.is(k, "met") ||
			t == "VBG" && k > j && (c.tag(k+1) == "NN" || c.tag(k+1) == "NNS") && c.mention(k+1) < 0: // "the Senate's outgoing speaker"
			if c.is(k, "no") {
				return nil, k
			}
			k++
		case t == "NNP" || t == "NNPS":
			k++
		case t == "NN" || t == "NNS" || c.is(k, "-"):
			if lastM >= 0 {
				afterNoun = strings.ToLower(c.word(k))
			}
			k++
		default:
			return c.head(lastM, afterNoun, possessed), k
		}
	}
	return c.head(lastM, afterNoun, possessed), k
}

// head picks the head mention of a parsed noun phrase: its last mention
// when nothing but names and titles follow it, or the organisation a group
// noun stands for; none when the mention is a possessor or a modifier.
func (c *relClause) head(lastM int, afterNoun string, possessed bool) []int {
	if lastM < 0 || possessed {
		return nil
	}
	if afterNoun == "" {
		return []int{lastM}
	}
	if _, ok := relGroupNouns[afterNoun]; ok && c.typ(lastM) != ner.Person {
		return []int{lastM} // "Goldman Sachs executives"
	}
	if _, ok := relPlaceNouns[afterNoun]; ok && c.places && c.typ(lastM) != ner.Person {
		return []int{lastM} // "a visit to the West Bank settlement"
	}
	return nil // "Putin's envoy", "the Yasukuni Shrine visitors"
}

// phraseList parses coordinated noun phrases from j ("Kim Yong Chol and
// Moon Jae-in", "Rouhani, Putin and Erdogan") and returns their heads and
// the token after the list.
func (c *relClause) phraseList(j int) ([]int, int) {
	heads, end := c.appositive(c.phrase(j))
	if heads == nil && !(c.is(end, "and") && end > j) {
		return nil, end
	}
	for c.is(end, "and", ",", "&") {
		n := end + 1
		comma := c.is(end, ",")
		if comma && c.is(n, "and") {
			n++
			comma = false
		}
		if isVerbTag(c.tag(n)) && c.mention(n) < 0 {
			break
		}
		more, e := c.appositive(c.phrase(n))
		if more == nil {
			break
		}
		if comma && !c.is(e, ",", "and", ".") && c.in(e) {
			break // "with Wang Yi, the State Department said": not a list
		}
		heads = append(heads, more...)
		end = e
	}
	return heads, end
}

// appositive takes the result of phrase: when the phrase names no person
// and a person's name follows after a comma, set off by a comma or ending
// the clause ("the Senate's outgoing speaker, Ken Lusaka, on the budget",
// "the leader of the Republicans, Laurent Wauquiez"), that person is the
// head.
func (c *relClause) appositive(heads []int, end int) ([]int, int) {
	if !c.is(end, ",") || len(heads) > 0 && c.typ(heads[0]) == ner.Person {
		return heads, end
	}
	m := c.mention(end + 1)
	if m < 0 || c.typ(m) != ner.Person || c.first(m) != end+1 {
		return heads, end
	}
	// The phrase ends in a common noun (the title).
	if t := c.tag(end - 1); t != "NN" && t != "NNS" && !c.inSet(end-1, relTitles) && !c.inSet(end-1, relRoles) && c.mention(end-1) < 0 {
		return heads, end
	}
	n := c.last(m) + 1
	switch {
	case !c.in(n) || c.is(n, ".", ";"):
		return []int{m}, n
	case c.is(n, ","):
		if !c.in(n+1) || c.tag(n+1) == "IN" || c.is(n+1, "and", "to", "on", "in", "at", "after", "before") {
			return []int{m}, n
		}
	}
	return heads, end
}

// mealAfter reports whether a meal follows the hosting verb at i in its
// clause ("for dinner", "for a breakfast meeting").
func (c *relClause) mealAfter(i int) bool {
	for k := i + 1; k < c.hi && k < i+14; k++ {
		if c.is(k, ";", ".") {
			return false
		}
		if c.is(k, "for") {
			for n := k + 1; n < c.hi && n < k+5; n++ {
				if p, ok := c.lookup(n, relNouns); ok && p == Dinner {
					return true
				}
				if c.mention(n) >= 0 || c.isPunct(n) {
					break
				}
			}
		}
	}
	return false
}

// nominal handles an interaction noun at i.
func (c *relClause) nominal(i int, pred string) {
	if c.is(i, "conference") && !c.is(i-1, "video", "phone", "telephone") {
		return
	}
	if c.is(i, "call", "calls") || c.is(i-1, "phone", "telephone", "video") && pred == Talks {
		pred = Phone
	}
	// Modifiers before the noun: "a secret October meeting", "his first
	// visit", "emergency talks", "their annual leaders' meeting".
	b := i - 1
	joint := false
	for c.in(b) && c.mention(b) < 0 {
		if c.is(b, "'", "'s", "’s") && c.mention(b-1) < 0 && (c.tag(b-1) == "NNS" || c.tag(b-1) == "NN") {
			b -= 2 // "leaders' meeting"
			continue
		}
		if !c.modifier(b) {
			break
		}
		if c.is(b, "no", "proposed", "planned") {
			return
		}
		joint = joint || c.is(b, "joint")
		b--
	}
	// "three hours of talks", "a round of talks".
	if c.is(b, "of") && c.inSet(b-1, relQuantity) {
		b -= 2
		for c.in(b) && c.mention(b) < 0 && (c.tag(b) == "CD" || c.tag(b) == "JJ" || c.tag(b) == "JJR" || c.is(b, "more", "than", "several", "two", "three", "many")) {
			b--
		}
	}
	if c.calledOff(i) || c.cancelled(b) {
		return
	}
	// "talks between X and Y".
	if c.is(i+1, "between") {
		ms, end := c.phraseList(i + 2)
		for x := 0; x < len(ms); x++ {
			for y := x + 1; y < len(ms); y++ {
				c.add(ms[x], ms[y], pred)
			}
		}
		if len(ms) == 1 {
			c.betweenUnnamed(ms[0], end, pred)
		}
		return
	}
	var agents, partners []int
	after := i + 1
	if c.is(after, "hosted", "given", "offered", "thrown") && c.is(after+1, "by") {
		after++ // "the dinner hosted by Macron for Biden"
	}
	if c.is(after, "by", "from") {
		var end int
		agents, end = c.phraseList(after + 1)
		after = end
		if agents != nil && c.is(after, "for") {
			partners, _ = c.phraseList(after + 1)
		}
	}
	switch {
	case agents != nil:
	case c.is(b, "'s", "’s") && c.mention(b-1) >= 0:
		agents = []int{c.mention(b - 1)}
	case c.inSet(b, relPronoun):
		if m := c.antecedent(b, true); m >= 0 {
			agents = []int{m}
		}
	case c.is(b, "their"):
		// "Abe and Trump played golf after their meeting", "Kishida and
		// Yoon, at their summit at Camp David with Biden, agreed"
		if ms := c.parenSubject(b - 1); len(ms) >= 2 {
			agents = ms
		} else if ms := c.mainSubject(); len(ms) >= 2 && c.last(ms[len(ms)-1]) < b {
			agents = ms
		} else if len(ms) == 1 && c.fronted(b) && c.typ(ms[0]) == ner.Person {
			// "During their conversation, Modi told Putin": the two are
			// the main clause's subject and its person object.
			if o := c.clauseObject(c.last(ms[0]) + 1); o >= 0 {
				c.add(ms[0], o, pred)
			}
			return
		}
		joint = true
	default:
		if c.is(b, "a", "an", "the") {
			b--
		}
		switch {
		case c.inSet(b, relLight):
			if c.negated(b - 1) {
				return
			}
			agents = c.subject(b)
			if agents == nil && c.tag(b) == "VBG" {
				agents = c.mainSubject()
			}
		case c.inSet(b, relAdverbial):
			if c.is(b, "for") && !(c.mention(b-1) >= 0 || c.inSet(b-1, relMotion) || c.is(b-1, "down")) {
				return
			}
			if c.is(b, "for") && c.mention(b-1) >= 0 && c.hostBefore(b) {
				return // "hosted Modi for dinner": the verb's
			}
			if c.is(b, "in") && c.phoneCall(i) && c.commBefore(b) {
				return // "discussed Syria in a phone call": the verb's
			}
			agents = c.parenSubject(b)
			if agents == nil {
				agents = c.mainSubject()
			}
		}
	}
	if agents == nil {
		return
	}
	c.places = pred == Visit
	if partners == nil {
		partners = c.withPartner(after, pred == Visit || pred == Phone)
	}
	c.places = false
	if joint && len(agents) >= 2 && partners != nil {
		for x := 0; x < len(agents); x++ {
			for y := x + 1; y < len(agents); y++ {
				c.add(agents[x], agents[y], pred)
			}
		}
	}
	if partners == nil && len(agents) >= 2 && pred != Visit {
		// "Kerry and Lavrov held talks"
		for x := 0; x < len(agents); x++ {
			for y := x + 1; y < len(agents); y++ {
				c.add(agents[x], agents[y], pred)
			}
		}
		return
	}
	c.pairs(agents, partners, pred)
}

// betweenUnnamed handles "calls between X and foreign leaders show that X
// disagreed with Y": the one named party X of the calls, when the sentence
// goes on to say X did something with Y, had them with Y.
func (c *relClause) betweenUnnamed(x, end int, pred string) {
	for k := end; k < c.hi && k < end+16; k++ {
		if !c.is(k, "with") || !isVerbTag(c.tag(k-1)) || c.mention(k-1) >= 0 {
			continue
		}
		subj := c.subject(k - 1)
		if len(subj) != 1 || !strings.EqualFold(relName(c.a.Mentions[c.ref(subj[0])]), relName(c.a.Mentions[c.ref(x)])) {
			return
		}
		ys, _ := c.phraseList(k + 1)
		for _, y := range ys {
			c.add(x, y, pred)
		}
		return
	}
}

// modifier reports whether token b may modify an interaction noun after
// it ("emergency", "high-stakes", "first", "October", "video").
func (c *relClause) modifier(b int) bool {
	if c.is(b, "phone", "telephone", "video", "working", "surprise", "first", "second", "new", "secret", "peace", "bilateral", "private", "brief", "lengthy", "face-to-face", "direct", "official", "state", "emergency", "crisis", "urgent", "fresh", "joint") {
		return true
	}
	t := c.tag(b)
	switch {
	case c.inSet(b, relLight) || c.inSet(b, relAdverbial) || c.inSet(b, relAux) && !c.is(b, "first", "last") || c.inSet(b, relTitles) && !c.is(b, "state", "new", "former"):
		return false
	case t == "JJ" || t == "JJR" || t == "JJS" || t == "CD" || t == "VBN" || t == "NN":
		return !c.inSet(b, relVerbs) || c.is(b, "working")
	case t == "NNP":
		return true
	}
	return strings.Contains(c.word(b), "-") && t != ""
}

// relQuantity are the nouns of "N of talks".
var relQuantity = map[string]string{"hours": "", "days": "", "weeks": "", "months": "", "round": "", "rounds": "", "series": "", "day": "", "hour": ""}

// cancelled reports whether the word governing the noun phrase that ends at
// b cancels it ("cancels his meeting with", "called off talks").
func (c *relClause) cancelled(b int) bool {
	if c.is(b, "a", "an", "the", "his", "her", "their", "its") {
		b--
	}
	if c.is(b, "off") && c.is(b-1, "called", "calls", "call", "calling") {
		return true
	}
	return c.is(b, "cancels", "cancelled", "canceled", "cancel", "cancelling", "postponed", "postpones", "postpone", "scrapped", "scraps", "scrap", "about", "skipped", "skips", "skip", "boycotted", "boycotts", "delayed", "delays")
}

// parenSubject returns the names before the comma that opens the
// parenthetical starting at the preposition b ("Macron and Ruto, in a
// video call, discuss"), or nil.
func (c *relClause) parenSubject(b int) []int {
	if !c.inSet(b, relAdverbial) && !c.is(b, "over", "on") || !c.is(b-1, ",") || c.mention(b-2) < 0 {
		return nil
	}
	return c.subject(b - 1)
}

// hostBefore reports whether a hosting verb comes before b in its clause.
func (c *relClause) hostBefore(b int) bool {
	for k := b - 1; k >= c.lo && k > b-12; k-- {
		if c.isPunct(k) {
			return false
		}
		if p, ok := c.lookup(k, relVerbs); ok && (p == Hosted || p == Received) {
			return true
		}
	}
	return false
}

// commBefore reports whether a verb of relComm comes before b in its
// clause ("discussed Syria in a phone call").
func (c *relClause) commBefore(b int) bool {
	for k := b - 1; k >= c.lo && k > b-12; k-- {
		if c.isPunct(k) {
			return false
		}
		if c.inSet(k, relComm) && isVerbTag(c.tag(k)) {
			return true
		}
	}
	return false
}

// calledOff reports whether the clause after an interaction noun cancels
// it ("Merkel's meeting with Erdogan was postponed").
func (c *relClause) calledOff(i int) bool {
	for k := i + 1; k < c.hi && k < i+12; k++ {
		if c.is(k, ",", ";", ".") {
			return false
		}
		if c.is(k, "postponed", "cancelled", "canceled", "scrapped", "delayed", "off", "suspended", "proposed", "never") {
			return true
		}
	}
	return false
}

// antecedent returns the person a pronoun at i refers to: for a
// possessive, the main subject when it precedes; otherwise the nearest
// person named before it.
func (c *relClause) antecedent(i int, possessive bool) int {
	if possessive {
		if ms := c.mainSubject(); len(ms) == 1 && c.typ(ms[0]) == ner.Person && (c.last(ms[0]) < i || c.fronted(i)) {
			return ms[0]
		}
	}
	for k := i - 1; k >= c.lo; k-- {
		if m := c.mention(k); m >= 0 && c.typ(m) == ner.Person {
			return m
		}
	}
	return -1
}

// objectPronoun returns the mention "him" or "her" at j stands for: the
// nearest person before it in the sentence other than the subject, or the
// one person named in the nearest earlier sentence; -1 when none fits.
func (c *relClause) objectPronoun(j int, subj []int) int {
	for k := j - 1; k >= c.lo; k-- {
		if m := c.mention(k); m >= 0 && c.typ(m) == ner.Person && !slices.Contains(subj, m) {
			return m
		}
	}
	if idx := c.earlierPerson(subj); idx >= 0 {
		return c.addProxy(idx, j, j)
	}
	return -1
}

// clauseObject returns the first person named from j to the end of its
// clause, or -1.
func (c *relClause) clauseObject(j int) int {
	for k := j; k < c.hi && k < j+8; k++ {
		if m := c.mention(k); m >= 0 {
			if c.typ(m) == ner.Person {
				return m
			}
			return -1
		}
		if c.isPunct(k) || c.is(k, "that", "and", "but") {
			return -1
		}
	}
	return -1
}

// fronted reports whether token i is in an opening adverbial clause
// ("During his visit to Beijing, Macron met Xi").
func (c *relClause) fronted(i int) bool {
	if c.tag(c.lo) != "IN" {
		return false
	}
	for k := c.lo; k < i; k++ {
		if c.is(k, ",") {
			return false
		}
	}
	return true
}

// mainSubject returns the subject of the sentence's first finite verb,
// skipping an opening adverbial clause ("After ..., X met").
func (c *relClause) mainSubject() []int {
	if c.mainOK {
		return c.main
	}
	c.mainOK = true
	k := c.lo
	if c.tag(k) == "IN" || c.tag(k) == "VBN" {
		for k < c.hi && !c.is(k, ",") {
			k++
		}
	}
	for ; k < c.hi; k++ {
		if c.mention(k) >= 0 {
			continue
		}
		if isFiniteTag(c.tag(k)) || (c.inSet(k, relVerbs) && c.mention(k-1) >= 0) {
			c.main = c.subject(k)
			return c.main
		}
	}
	return nil
}

// pairs adds every agent × partner pair.
func (c *relClause) pairs(agents, partners []int, pred string) {
	for _, x := range agents {
		for _, y := range partners {
			c.add(x, y, pred)
		}
	}
}

// add records one relation when the pair may interact and is new.
func (c *relClause) add(x, y int, pred string) {
	x, y = c.ref(x), c.ref(y)
	if x == y {
		return
	}
	mx, my := c.a.Mentions[x], c.a.Mentions[y]
	if !relEligible(mx.Type, my.Type) {
		return
	}
	if strings.EqualFold(relName(mx), relName(my)) {
		return
	}
	for _, s := range c.seen {
		ox, oy := c.a.Mentions[s[0]], c.a.Mentions[s[1]]
		if (strings.EqualFold(relName(ox), relName(mx)) && strings.EqualFold(relName(oy), relName(my))) ||
			(strings.EqualFold(relName(ox), relName(my)) && strings.EqualFold(relName(oy), relName(mx))) {
			return
		}
	}
	c.seen = append(c.seen, [2]int{x, y})
	c.out = append(c.out, Interaction{A: x, B: y, Predicate: pred, Sentence: c.sent})
}

func relName(m ner.Mention) string {
	if m.Entity != "" {
		return m.Entity
	}
	return m.Text
}

// relEligible reports whether two types can interact: a person with a
// person, an organisation or a country.
func relEligible(a, b ner.Type) bool {
	ok := func(t ner.Type) bool { return t == ner.Person || t == ner.Org || t == ner.GPE }
	return ok(a) && ok(b) && (a == ner.Person || b == ner.Person)
}
