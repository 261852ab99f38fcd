package source

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Plain text saved from a web page often keeps the page's furniture: "Skip
// to main content", "Sign in", newsletter lists, membership offers and
// prices, mostly after the article. When Options.TrimBoilerplate is set,
// text files have that furniture blanked to spaces (offsets do not move):
//
//   - a short line (at most 8 words) that matches a furniture pattern
//     (sign in, subscribe, newsletter, membership, free trial, prices per
//     month, cookies, privacy policy, skip to content, share on ...);
//   - the tail of the text, outside its first third, from the first
//     furniture line after which at least half of the non-blank lines are
//     furniture (short lines of the
//     kinds above, bullet-list items of at most 6 words, or lines without
//     sentence punctuation), with at least 3 furniture lines; the tail
//     reaches back over the paragraphs just before it that read as
//     promotion (two or more of: join, professionals, members, exclusive,
//     insights, readers, subscribers, trial, premium, "PRO").
//
// Prose lines longer than 8 words are never blanked one by one, so an
// article that mentions a newsletter keeps its sentence.

var (
	reFurniture = regexp.MustCompile(`(?i)\b(?:sign[ -]?in|sign[ -]?up|log[ -]?in|log[ -]?out|register|subscribe|subscription|subscribers?|newsletters?|membership|become (?:a )?member|already a member|members? only|free trial|billed (?:annually|monthly)|per month|team plans|inbox|cookies?|privacy (?:policy|settings)|terms (?:of|and) (?:use|service|conditions)|all rights reserved|skip to (?:main )?content|advertisement|sponsored|share (?:on|this)|follow us|related (?:articles|stories)|most (?:popular|read)|read more|what's included|premium)\b`)
	rePrice     = regexp.MustCompile(`[$€£]\s?\d+(?:[.,]\d\d)?\s*(?:/|per)\s*(?:month|year|week|mo|yr)|[$€£]\s?\d+(?:[.,]\d\d)?\s*$`)
	reBullet    = regexp.MustCompile(`^\s*[•·▪◦‣*-]\s+\S`)
	rePromo     = regexp.MustCompile(`(?i)\b(?:join|professionals|members?|exclusive|insights|readers|subscribers|trial|premium)\b|\bPRO\b`)
)

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

// trimBoilerplate blanks web-page furniture in text (in place).
func trimBoilerplate(text []byte) {
	type line struct{ start, end int }
	var lines []line
	for start := 0; start < len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if len(bytes.TrimSpace(text[start:end])) > 0 {
			lines = append(lines, line{start, end})
		}
		start = end + 1
	}
	kind := make([]int, len(lines)) // 0 prose, 1 weak furniture, 2 strong furniture
	for i, l := range lines {
		s := string(text[l.start:l.end])
		words := countWords(s)
		if words > 30 { // prose
			continue
		}
		furniture := reFurniture.MatchString(s)
		switch {
		case words <= 8 && (furniture || rePrice.MatchString(s)):
			kind[i] = 2
		case words <= 7 && reBullet.MatchString(s):
			kind[i] = 1
		case words <= 8 && !endsSentence(s):
			kind[i] = 1
		case furniture && !strings.ContainsAny(s, "“\""):
			kind[i] = 1
		}
	}
	// The tail: the earliest strong furniture line from which on at least
	// half of the lines are furniture.
	tail := len(lines)
	furn, total := 0, 0
	for i := len(lines) - 1; i >= len(lines)/3; i-- {
		total++
		if kind[i] > 0 {
			furn++
		}
		if kind[i] == 2 && furn*2 >= total && furn >= 3 {
			tail = i
		}
	}
	if tail < len(lines) {
		for tail > len(lines)/3 && kind[tail-1] != 2 && len(rePromo.FindAllString(string(text[lines[tail-1].start:lines[tail-1].end]), -1)) >= 2 &&
			!bytes.ContainsAny(text[lines[tail-1].start:lines[tail-1].end], "“\"") {
			tail--
		}
		blank(text[lines[tail].start:])
	}
	for i := 0; i < tail; i++ {
		if kind[i] == 2 {
			blank(text[lines[i].start:lines[i].end])
		}
	}
}
