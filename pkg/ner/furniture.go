package ner

import (
	"regexp"
	"strings"
)

// Page furniture: the navigation, subscription prompts, newsletter lists,
// prices and photo-agency credits that saved web pages carry around the
// article. Mentions inside furniture are dropped.

var furniturePhrases = []string{
	"sign in", "sign up", "log in", "log out", "subscribe", "subscription", "newsletter",
	"free trial", "membership", "become member", "become a member", "already a member",
	"skip to main content", "skip to content", "cookie", "all rights reserved", "privacy policy",
	"terms of use", "terms of service", "follow us", "share this", "read more", "advertisement",
	"click here", "your inbox", "premium", "billed annually", "team plans", "for free",
	"download the app", "start your", "try it", "exclusive insights", "exclusive access", "create an account", "create account", "forgot password", "sponsored",
}

var (
	priceRe  = regexp.MustCompile(`[$€£]\s?\d+(?:[.,]\d\d)?\s*(?:/|per)\s*(?:month|year|mo|yr|week)`)
	creditRe = regexp.MustCompile(`\b(?:REUTERS|Reuters|AFP|AP Photo|Getty Images|EPA|Anadolu)/[^\n]*`)
)

// furniture returns the byte ranges of text that are page furniture, in
// order: single furniture lines, photo credits, and the tail of a page from
// the first furniture line after which furniture dominates.
func furniture(text string) [][2]int {
	type line struct {
		start, end int
		strong     bool // a furniture phrase or a price
		weak       bool // a bullet or a fragment
		blank      bool
		article    bool // long, punctuated prose
	}
	var lines []line
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		l := line{start: start, end: end}
		s := strings.TrimSpace(text[start:end])
		switch {
		case s == "":
			l.blank = true
		default:
			words := countWords(s)
			if strings.ContainsAny(s, "$€£") && priceRe.MatchString(s) || strings.HasPrefix(s, "Join ") && words <= 40 {
				l.strong = true
			} else if words <= 40 {
				low := strings.ToLower(s)
				for _, p := range furniturePhrases {
					if strings.Contains(low, p) {
						l.strong = true
						break
					}
				}
			}
			if !l.strong {
				bullet := strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·") || strings.HasPrefix(s, "* ")
				last := s[len(s)-1]
				l.weak = bullet && words <= 10 || words <= 4 && last != '.' && last != '"'
				l.article = words >= 15 && strings.ContainsAny(s[len(s)-3:], ".!?\"”")
			}
		}
		lines = append(lines, l)
		start = end + 1
	}
	var out [][2]int
	// The tail: the earliest strong line after the last line of article
	// prose (long and punctuated), when at least two strong lines follow it.
	tail := len(lines)
	strong := 0
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.article {
			break
		}
		if l.strong {
			strong++
			if strong >= 2 {
				tail = i
			}
		}
	}
	for i, l := range lines {
		if i >= tail {
			out = append(out, [2]int{l.start, len(text)})
			break
		}
		if l.strong {
			out = append(out, [2]int{l.start, l.end})
			continue
		}
		if strings.IndexByte(text[l.start:l.end], '/') < 0 {
			continue
		}
		for _, m := range creditRe.FindAllStringIndex(text[l.start:l.end], -1) {
			out = append(out, [2]int{l.start + m[0], l.start + m[1]})
		}
	}
	return out
}

// inRanges reports whether [start, end) overlaps one of the sorted ranges.
func inRanges(rs [][2]int, start, end int) bool {
	for _, r := range rs {
		if r[0] >= end {
			return false
		}
		if start < r[1] {
			return true
		}
	}
	return false
}

// countWords counts the runs of non-space bytes in s without allocating.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
