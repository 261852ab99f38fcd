package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page clutter. Text saved from a web page often keeps the page's
// furniture: "Skip to main content", "Sign in", newsletter lists,
// membership offers, prices, photo-agency credits, mostly after the
// article. This file is the one place that decides what is clutter; with
// Options.TrimBoilerplate (the default) every document except a Current
// Events item has its clutter blanked to spaces (offsets do not move) and
// listed in Document.Dropped, which `graphbuild text` prints and `build`
// counts in its summary.
//
// A line is dropped only when it does not read as a sentence (see
// readsAsSentence: a finite verb, not an imperative, not a promotion in the
// second person), so "Erdogan approved Sweden's NATO membership on
// Tuesday, Stoltenberg said." stays whatever words it contains. Of the
// other lines, these are clutter:
//
//   - a line of at most 40 words with a clutter phrase (sign in,
//     subscribe, newsletter, membership, free trial, cookies, privacy
//     policy, skip to content, share on, read more ...), a price per month,
//     or starting with "Join ";
//   - the tail of the text, outside its first third, from the first such
//     line after which at least half of the non-blank lines are clutter
//     (the kinds above, bullet items of at most 7 words, short lines
//     without sentence punctuation), with at least 3 clutter lines: every
//     line of it that does not read as a sentence; the tail reaches back
//     over the paragraphs just before it that read as promotion (two or
//     more of: join, professionals, members, exclusive, insights, readers,
//     subscribers, trial, premium, "PRO");
//   - within any line, a photo credit ("REUTERS/Abdalrhman Ismail").

var (
	reFurniture = regexp.MustCompile(`(?i)\b(?:sign[ -]?in|sign[ -]?up|log[ -]?in|log[ -]?out|register|subscribe|subscription|subscribers?|newsletters?|membership|become (?:a )?member|already a member|members? only|free trial|billed (?:annually|monthly)|per month|team plans|inbox|cookies?|privacy (?:policy|settings)|terms (?:of|and) (?:use|service|conditions)|all rights reserved|skip to (?:main )?content|advertisement|sponsored|share (?:on|this)|follow us|related (?:articles|stories)|most (?:popular|read)|read more|what's included|premium|for free|click here|download the app|create (?:an )?account|forgot password|exclusive (?:insights|access))\b`)
	rePrice     = regexp.MustCompile(`[$€£]\s?\d+(?:[.,]\d\d)?\s*(?:/|per)\s*(?:month|year|week|mo|yr)|[$€£]\s?\d+(?:[.,]\d\d)?\s*$`)
	reBullet    = regexp.MustCompile(`^\s*[•·▪◦‣*-]\s+\S`)
	rePromo     = regexp.MustCompile(`(?i)\b(?:join|professionals|members?|exclusive|insights|readers|subscribers|trial|premium)\b|\bPRO\b`)
	reCredit    = regexp.MustCompile(`\b(?:REUTERS|Reuters|AFP|AP Photo|Getty Images|EPA|Anadolu)/(?:\s?\p{Lu}[\p{L}.'’-]*){1,4}`)
)

// Span is a byte range [Start, End) of a Document's Text; in
// Document.Dropped, Text is what the range held before it was blanked.
type Span struct {
	Start, End int
	Text       string
}

// countWords counts the space-separated words of s.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// endsSentence reports a line ending in sentence punctuation or a quote.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(".?!\"”'’:;)…", r)
}

// finiteVerbs are the verb forms that make a line a statement: auxiliaries
// and modals, and the verbs news text uses most in the present and past
// (words in -ed count too, see readsAsSentence).
var finiteVerbs = setOf(
	"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
	"must", "shall", "should", "does", "did", "am", "isn't", "aren't", "wasn't", "weren't", "won't",
	"said", "says", "told", "tells", "met", "meets", "won", "wins", "lost", "loses", "made", "makes",
	"took", "takes", "gave", "gives", "went", "goes", "came", "comes", "saw", "sees", "left", "leaves",
	"held", "holds", "began", "begins", "became", "becomes", "got", "gets", "led", "leads", "ran", "runs",
	"spoke", "speaks", "wrote", "writes", "found", "finds", "sent", "sends", "kept", "keeps", "brought",
	"brings", "thought", "thinks", "knew", "knows", "fell", "falls", "rose", "rises", "struck", "strikes",
	"calls", "visits", "signs", "approves", "rejects", "warns", "urges", "vows", "plans", "faces",
	"seeks", "announces", "launches", "opens", "kills", "arrests", "backs", "denies", "agrees", "wants",
	"needs", "hosts", "welcomes", "condemns", "accuses", "claims", "promises", "threatens", "sought",
	"fought", "bought", "sold", "sells", "built", "builds", "paid", "pays", "hit", "hits", "set", "put",
)

// notVerbs are words in -ed that are no verb in clutter ("Sponsored",
// "Related stories", "Unlimited access").
var notVerbs = setOf("sponsored", "related", "featured", "billed", "recommended", "unlimited", "limited",
	"selected", "curated", "trusted", "detailed", "dedicated", "advanced", "need", "speed", "feed", "red",
	"bed", "seed", "hundred", "hundreds")

// imperatives are the verbs a call to action starts with ("Sign up for
// our newsletter.", "Join hundreds of professionals.").
var imperatives = setOf("sign", "subscribe", "join", "click", "read", "follow", "share", "download", "start",
	"try", "create", "log", "become", "get", "see", "watch", "listen", "register", "enter", "support",
	"donate", "learn", "discover", "explore", "upgrade", "unlock", "save", "enjoy", "continue", "go",
	"visit", "please", "don't", "stay", "receive", "choose", "shop", "buy", "order", "call", "email",
	"contact", "check", "find", "view", "tap", "swipe", "scroll", "prioritize", "hear", "access")

// secondPerson are the words of a page talking to its reader.
var secondPerson = setOf("you", "your", "you're", "you'll", "we", "we'll", "we're", "our", "us")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// readsAsSentence reports whether a line reads as a statement: at least
// four words, one of them a finite verb (an auxiliary, a common news verb
// or a word in -ed, or a contraction with 'll 're 've n't), not starting
// with an imperative, and not a promotion (a clutter phrase addressed to
// the reader: "We also offer team plans.").
func readsAsSentence(s string) bool {
	words := strings.Fields(s)
	if len(words) < 4 {
		return false
	}
	first := strings.ToLower(strings.Trim(words[0], `"“”'‘’([•·*-`))
	if imperatives[first] {
		return false
	}
	verb, reader := false, false
	for _, w := range words {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }))
		w = strings.ReplaceAll(w, "’", "'")
		if w == "" {
			continue
		}
		if secondPerson[w] {
			reader = true
		}
		switch {
		case finiteVerbs[w]:
			verb = true
		case strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "'re") || strings.HasSuffix(w, "'ve") || strings.HasSuffix(w, "n't"):
			verb = true
		case len(w) >= 5 && strings.HasSuffix(w, "ed") && !notVerbs[w]:
			verb = true
		}
	}
	if !verb {
		return false
	}
	if reader && !strings.ContainsAny(s, "“\"") && reFurniture.MatchString(s) {
		return false
	}
	return true
}

// Clutter returns the byte ranges of text that are page clutter (see
// above), in order and without overlaps.
func Clutter(text string) []Span {
	type line struct{ start, end int }
	var lines []line
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			lines = append(lines, line{start, end})
		}
		start = end + 1
	}
	const (
		prose = iota
		weak
		strong
		statement // reads as a sentence: never dropped
	)
	kind := make([]int, len(lines))
	for i, l := range lines {
		s := text[l.start:l.end]
		words := countWords(s)
		if words > 40 {
			continue
		}
		if readsAsSentence(s) {
			kind[i] = statement
			continue
		}
		furniture := reFurniture.MatchString(s)
		t := strings.TrimSpace(s)
		switch {
		case furniture || rePrice.MatchString(s) || strings.HasPrefix(t, "Join "):
			kind[i] = strong
		case words <= 7 && reBullet.MatchString(s):
			kind[i] = weak
		case words <= 8 && !endsSentence(s):
			kind[i] = weak
		}
	}
	// The tail: the earliest strong line from which on at least half of
	// the lines are clutter.
	tail := len(lines)
	furn, total := 0, 0
	for i := len(lines) - 1; i >= len(lines)/3; i-- {
		total++
		if kind[i] == weak || kind[i] == strong {
			furn++
		}
		if kind[i] == strong && furn*2 >= total && furn >= 3 {
			tail = i
		}
	}
	if tail < len(lines) {
		for tail > len(lines)/3 && kind[tail-1] == prose {
			s := text[lines[tail-1].start:lines[tail-1].end]
			if len(rePromo.FindAllString(s, -1)) < 2 || strings.ContainsAny(s, "“\"") {
				break
			}
			tail--
		}
	}
	var out []Span
	for i, l := range lines {
		if kind[i] == strong || i >= tail && kind[i] != statement {
			out = append(out, Span{Start: l.start, End: l.end})
			continue
		}
		if strings.IndexByte(text[l.start:l.end], '/') < 0 {
			continue
		}
		for _, m := range reCredit.FindAllStringIndex(text[l.start:l.end], -1) {
			out = append(out, Span{Start: l.start + m[0], End: l.start + m[1]})
		}
	}
	return out
}

// trimBoilerplate blanks the clutter of text in place and returns it.
func trimBoilerplate(text []byte) []Span {
	spans := Clutter(string(text))
	for _, sp := range spans {
		blank(text[sp.Start:sp.End])
	}
	return spans
}

// trimDocument blanks the clutter of d's Text and lists it in d.Dropped;
// Current Events items (a topic or Context lines) are edited text and left
// alone.
func trimDocument(d *Document) {
	if d.Topic != "" || len(d.Contexts) > 0 {
		return
	}
	spans := Clutter(d.Text)
	if len(spans) == 0 {
		return
	}
	b := []byte(d.Text)
	for i, sp := range spans {
		spans[i].Text = d.Text[sp.Start:sp.End]
		blank(b[sp.Start:sp.End])
	}
	d.Text = string(b)
	d.Dropped = spans
}
