package relation

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

// The rules below look at sentences before the current one through their
// words and mentions only, never their tags: NeedsTags does not tag them.

// lookBack is how many sentences back a pronoun or a role may find its
// person.
const lookBack = 3

// loneNames marks the tokens of the sentence that are a lone word of the
// full name of a person named before ("Xi" after "Xi Jinping", "Kim" after
// "Kim Jong Un"), which the recognizer does not always find, as proxies of
// that person's mention.
func (c *relClause) loneNames() {
	for t := c.lo; t < c.hi; t++ {
		if c.mention(t) >= 0 || !c.capitalised(t) {
			continue
		}
		idx, ok := c.nameWords()[c.word(t)]
		if !ok || idx < 0 || c.a.Mentions[idx].Start >= c.a.Tokens[t].Start || c.a.Mentions[idx].Type != ner.Person {
			continue
		}
		// A word of a longer unrecognised name is not a lone name
		// ("Kim Yo Jong"); a title before it is fine ("President Xi").
		if (t > c.lo && c.mention(t-1) < 0 && c.capitalised(t-1) && !c.inSet(t-1, relTitles)) || (c.mention(t+1) < 0 && c.capitalised(t+1)) {
			continue
		}
		c.ment[t-c.lo] = c.addProxy(idx, t, t)
	}
}

// nameWords maps the first and the last word of every name of two words or
// more to its first mention, or to -1 when the names of two entities share
// the word. It is built once per text, on first use.
func (c *relClause) nameWords() map[string]int {
	if c.namesOK {
		return c.names
	}
	c.namesOK = true
	for i, m := range c.a.Mentions {
		if m.Type != ner.Person {
			continue
		}
		words := strings.Fields(m.Text)
		if len(words) < 2 {
			continue
		}
		for _, w := range []string{words[0], words[len(words)-1]} {
			if !nameWord(w) {
				continue
			}
			if c.names == nil {
				c.names = map[string]int{}
			}
			prev, seen := c.names[w]
			switch {
			case !seen:
				c.names[w] = i
			case prev >= 0 && !strings.EqualFold(relName(c.a.Mentions[prev]), relName(m)):
				c.names[w] = -1
			}
		}
	}
	return c.names
}

// nameWord reports whether w may stand alone for a person: a capitalised
// word of two letters or more that is no title.
func nameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 2 {
		return false
	}
	_, title := lowerLookup(w, relTitles)
	return !title
}

// people calls fn for the PERSON mentions of the lookBack sentences before
// the current one, nearest sentence first, until fn returns false.
func (c *relClause) people(fn func(sentence, idx int) bool) {
	for i := c.mlo - 1; i >= 0; i-- {
		m := c.a.Mentions[i]
		if m.Sentence < c.sent-lookBack {
			return
		}
		if m.Sentence < c.sent && m.Type == ner.Person && !fn(m.Sentence, i) {
			return
		}
	}
}

// earlierPerson returns the mention of the one person named in the nearest
// earlier sentence that names a person other than those of skip, or -1
// when it names several ("he" is then ambiguous) or none is near.
func (c *relClause) earlierPerson(skip []int) int {
	found, sent := -1, -1
	ambiguous := false
	c.people(func(si, idx int) bool {
		for _, s := range skip {
			if strings.EqualFold(relName(c.a.Mentions[c.ref(s)]), relName(c.a.Mentions[idx])) {
				return true
			}
		}
		if sent >= 0 && si != sent {
			return false
		}
		sent = si
		if found < 0 {
			found = idx
		} else if !strings.EqualFold(relName(c.a.Mentions[found]), relName(c.a.Mentions[idx])) {
			ambiguous = true
			return false
		}
		return true
	})
	if ambiguous || found >= 0 && c.unnamed(c.a.Mentions[found].Sentence) {
		return -1
	}
	return found
}

// unnamed reports whether sentence si holds a capitalised word inside the
// sentence that no mention covers, a name the recognizer may have missed
// ("Scholz spoke about Macron. He met Biden": "he" may be Macron). Days,
// months and titles do not count.
func (c *relClause) unnamed(si int) bool {
	s := c.a.Sentences[si]
	mi := sort.Search(len(c.a.Mentions), func(i int) bool { return c.a.Mentions[i].Sentence >= si })
	for t := s.First + 1; t < s.Last; t++ {
		tk := c.a.Tokens[t]
		for mi < len(c.a.Mentions) && c.a.Mentions[mi].Sentence == si && c.a.Mentions[mi].End <= tk.Start {
			mi++
		}
		if mi < len(c.a.Mentions) && c.a.Mentions[mi].Sentence == si && c.a.Mentions[mi].Start <= tk.Start {
			continue // inside a mention
		}
		r, _ := utf8.DecodeRuneInString(tk.Text)
		if !unicode.IsUpper(r) {
			continue
		}
		if _, ok := lowerLookup(tk.Text, relCapitalised); ok {
			continue
		}
		if _, ok := lowerLookup(tk.Text, relTitles); ok {
			continue
		}
		if _, ok := lowerLookup(tk.Text, relRoles); ok {
			continue
		}
		return true
	}
	return false
}

// relCapitalised are capitalised words that name no one.
var relCapitalised = map[string]string{
	"monday": "", "tuesday": "", "wednesday": "", "thursday": "", "friday": "", "saturday": "", "sunday": "",
	"january": "", "february": "", "march": "", "april": "", "may": "", "june": "", "july": "", "august": "",
	"september": "", "october": "", "november": "", "december": "", "i": "", "the": "", "a": "", "an": "",
}

// relRoles are the head nouns of a role that may stand for a person named
// before ("the Italian prime minister met Scholz").
var relRoles = map[string]string{
	"president": "", "minister": "", "chancellor": "", "secretary": "", "chief": "", "leader": "",
	"premier": "", "king": "", "queen": "", "envoy": "", "ambassador": "", "pope": "", "emir": "",
	"prince": "", "governor": "", "mayor": "", "senator": "", "commander": "", "director": "",
	"taoiseach": "", "speaker": "", "diplomat": "", "negotiator": "", "monarch": "", "general": "",
	"president-elect": "", "secretary-general": "", "head": "", "chairman": "", "chairwoman": "",
}

// roleSubject parses a role ending at token j ("The Italian prime
// minister") that opens the clause and returns the proxy of the person it
// names, or -1. The person is the one named in the lookBack sentences
// before whose title has the role's head noun; failing that, the only
// person named there when no title says otherwise. Two candidates give none.
func (c *relClause) roleSubject(j int) int {
	if !c.inSet(j, relRoles) {
		return -1
	}
	k := j - 1
	for k >= c.lo && k > j-6 && !c.is(k, "the", "The") {
		if m := c.mention(k); m >= 0 {
			if c.typ(m) == ner.Person {
				return -1
			}
			k = c.first(m) - 1
			continue
		}
		if c.isPunct(k) {
			return -1
		}
		k--
	}
	if !c.is(k, "the", "The") {
		return -1
	}
	if k != c.lo && !(c.is(k-1, ",") && c.fronted(k-1)) {
		return -1
	}
	noun := strings.ToLower(c.word(j))
	match, only, other := -1, -1, false
	ambiguous, many := false, false
	c.people(func(_, idx int) bool {
		titles := c.titleWords(idx)
		if strings.Contains(titles, " "+noun+" ") {
			if match >= 0 && !strings.EqualFold(relName(c.a.Mentions[match]), relName(c.a.Mentions[idx])) {
				ambiguous = true
				return false
			}
			if match < 0 {
				match = idx
			}
		}
		if only >= 0 && !strings.EqualFold(relName(c.a.Mentions[only]), relName(c.a.Mentions[idx])) {
			many = true
		}
		if only < 0 {
			only = idx
			other = titles != " "
		}
		return true
	})
	switch {
	case ambiguous:
		return -1
	case match >= 0:
		return c.addProxy(match, k, j)
	case only >= 0 && !many && !other && !c.unnamed(c.a.Mentions[only].Sentence):
		return c.addProxy(only, k, j)
	}
	return -1
}

// titleWords returns the title words before mention idx, folded to lower
// case and framed by spaces (" italian prime minister "), read from the
// words of its sentence without their tags.
func (c *relClause) titleWords(idx int) string {
	m := c.a.Mentions[idx]
	s := c.a.Sentences[m.Sentence]
	first := -1
	for t := s.First; t < s.Last; t++ {
		if c.a.Tokens[t].End() > m.Start {
			first = t
			break
		}
	}
	if first < 0 {
		return " "
	}
	var words []string
	for t := first - 1; t >= s.First && t > first-6; t-- {
		w := c.a.Tokens[t].Text
		_, title := lowerLookup(w, relTitles)
		r, _ := utf8.DecodeRuneInString(w)
		if !title && !unicode.IsUpper(r) {
			break
		}
		words = append(words, strings.ToLower(w))
	}
	if len(words) == 0 {
		return " "
	}
	return " " + strings.Join(words, " ") + " "
}
