package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Markdown is read without changing any byte offset: markup is blanked to
// spaces byte for byte, so the text of a document is a slice of the file
// where every byte is either the file's byte or a space. What is blanked:
// heading marks, list numbers and bullets, block-quote marks, horizontal
// rules, link and image syntax (the brackets and the "(target)"; an image's
// alt text too), HTML tags and autolinks, {{templates}}, emphasis marks
// (* and _ at a word edge, '' wiki italics), backticks and backslash
// escapes, HTML entities (the '&' of "&amp;" is kept, the rest blanked; an
// apostrophe entity before a possessive "s" takes the "s" with it),
// "Formats: [HTML](...)" lines and "_Context: ..._" lines, whose names are
// parsed into Document.Contexts.

// MaxContextNames is the most names kept from one "_Context:_" line (the
// first ones): Wikipedia's lines have a handful, and every pair of a line
// becomes an edge, so a line of thousands would cost millions.
const MaxContextNames = 50

// MaxDocContextNames is the most context names kept for one document, in
// its first lines: with MaxContextNames per line it bounds the context
// edges of a document to about 25,000.
const MaxDocContextNames = 1000

// capContexts keeps the first lines of d's Contexts that hold at most
// MaxDocContextNames names in all, with a warning when it drops some.
func capContexts(d *Document) {
	total := 0
	for i, line := range d.Contexts {
		if total+len(line) > MaxDocContextNames {
			dropped := len(d.Contexts) - i
			d.Contexts = d.Contexts[:i:i]
			d.Warnings = append(d.Warnings, fmt.Sprintf("more than %d context names: the last %d _Context:_ line(s) dropped", MaxDocContextNames, dropped))
			return
		}
		total += len(line)
	}
}

// contextLine is one "_Context: A, B_" found while blanking.
type contextLine struct {
	pos   int // byte offset of the line start in the file
	names []string
	cut   int // names dropped beyond MaxContextNames
}

// contextWarning describes the context lines cut to MaxContextNames, or is
// "" when none was.
func contextWarning(ctxs []contextLine) string {
	lines, most := 0, 0
	for _, c := range ctxs {
		if c.cut > 0 {
			lines++
			most = max(most, len(c.names)+c.cut)
		}
	}
	if lines == 0 {
		return ""
	}
	return fmt.Sprintf("%d _Context:_ line(s) with more than %d names (up to %d): the first %d of each kept", lines, MaxContextNames, most, MaxContextNames)
}

// blankMarkdown returns a copy of src with markup blanked to spaces (same
// length) and the context lines found, in file order.
func blankMarkdown(src []byte) ([]byte, []contextLine) {
	dst := append([]byte(nil), src...)
	var ctxs []contextLine
	for start := 0; start < len(dst); {
		end := bytes.IndexByte(dst[start:], '\n')
		if end < 0 {
			end = len(dst)
		} else {
			end += start
		}
		if names := blankLine(dst[start:end]); len(names) > 0 {
			c := contextLine{pos: start, names: names}
			if len(names) > MaxContextNames {
				c.names, c.cut = names[:MaxContextNames:MaxContextNames], len(names)-MaxContextNames
			}
			ctxs = append(ctxs, c)
		}
		start = end + 1
	}
	return dst, ctxs
}

var (
	reHeading    = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]|$)`)
	reListMarker = regexp.MustCompile(`^[ \t]*(?:\d{1,9}[.)]|[-*+])(?:[ \t]|$)`)
	reQuote      = regexp.MustCompile(`^[ \t]*(?:>[ \t]?)+`)
	reRule       = regexp.MustCompile(`^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	reFormats    = regexp.MustCompile(`^[ \t]*Formats:[ \t]*\[`)
	reTag        = regexp.MustCompile(`<(?:[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*[ \t]*|!--[^<>]*--|[a-z][a-z0-9+.-]*:[^<>\s]*)>`)
	reEntity     = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)
)

// apostrophe entities: blanking one before a possessive "s" blanks the "s".
var apostropheEntities = map[string]bool{
	"&#8217;": true, "&rsquo;": true, "&#39;": true, "&apos;": true, "&#x27;": true, "&#x2019;": true,
}

// blankLine blanks the markup of one line in place and returns the names of
// its "_Context: ..._" part (empty when it has none).
func blankLine(l []byte) []string {
	var names []string
	if i := bytes.Index(l, []byte("_Context:")); i >= 0 {
		if j := bytes.LastIndexByte(l, '_'); j >= i+len("_Context:") {
			names = parseContextNames(string(l[i+len("_Context:") : j]))
			if names == nil {
				names = []string{}
			}
			blank(l[i : j+1])
		}
	}
	if reFormats.Match(l) {
		blank(l)
		return names
	}
	if reRule.Match(l) {
		blank(l)
		return names
	}
	if m := reQuote.FindIndex(l); m != nil {
		blank(l[:m[1]])
	}
	if m := reHeading.FindIndex(l); m != nil {
		blank(l[:m[1]])
		// closing #s of an ATX heading
		t := bytes.TrimRight(l, " \t")
		k := len(t)
		for k > 0 && t[k-1] == '#' {
			k--
		}
		if k < len(t) && k > 0 && (t[k-1] == ' ' || t[k-1] == '\t') {
			blank(t[k:])
		}
	} else if m := reListMarker.FindIndex(l); m != nil && !reRule.Match(l) {
		blank(l[:m[1]])
	}
	blankLinks(l)
	for _, m := range reTag.FindAllIndex(l, -1) {
		blank(l[m[0]:m[1]])
	}
	blankTemplates(l)
	for _, m := range reEntity.FindAllIndex(l, -1) {
		ent := string(l[m[0]:m[1]])
		if ent == "&amp;" {
			blank(l[m[0]+1 : m[1]])
			continue
		}
		blank(l[m[0]:m[1]])
		if apostropheEntities[strings.ToLower(ent)] && m[1] < len(l) && l[m[1]] == 's' &&
			(m[1]+1 == len(l) || !isWordByte(l[m[1]+1])) {
			l[m[1]] = ' '
		}
	}
	blankInline(l)
	return names
}

// blankLinks blanks "[", "](target)" of links and the whole of images, and
// "[", "][ref]" of reference links. A bracket pair not followed by a target
// ("[sic]") is left alone.
func blankLinks(l []byte) {
	for i := 0; i < len(l); i++ {
		if l[i] != '[' {
			continue
		}
		close := matchBracket(l, i, '[', ']')
		if close < 0 {
			continue
		}
		image := i > 0 && l[i-1] == '!'
		// An inline link [text](target) or a reference link [text][ref]:
		// the brackets and the target are blanked, the text kept; an image
		// is blanked whole.
		if close+1 >= len(l) || (l[close+1] != '(' && l[close+1] != '[') {
			continue
		}
		closer := byte(')')
		if l[close+1] == '[' {
			closer = ']'
		}
		end := matchBracket(l, close+1, l[close+1], closer)
		if end < 0 {
			continue
		}
		if image {
			blank(l[i-1 : end+1])
		} else {
			l[i] = ' '
			blank(l[close : end+1])
		}
		if closer == ')' {
			i = close // continue after "[": the link text is kept as text
		}
	}
}

// matchBracket returns the index of the bracket closing the one at l[open],
// counting nesting, or -1.
func matchBracket(l []byte, open int, o, c byte) int {
	depth := 0
	for k := open; k < len(l); k++ {
		switch l[k] {
		case '\\':
			k++
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// blankTemplates blanks wiki "{{...}}" templates.
func blankTemplates(l []byte) {
	for {
		i := bytes.Index(l, []byte("{{"))
		if i < 0 {
			return
		}
		j := bytes.Index(l[i:], []byte("}}"))
		if j < 0 {
			return
		}
		blank(l[i : i+j+2])
		l = l[i+j+2:]
	}
}

// blankInline blanks emphasis marks, wiki italics, backticks and backslash
// escapes.
func blankInline(l []byte) {
	for i := 0; i < len(l); i++ {
		switch c := l[i]; c {
		case '`':
			l[i] = ' '
		case '\\':
			if i+1 < len(l) && isASCIIPunct(l[i+1]) {
				l[i] = ' '
				i++
			}
		case '\'':
			if i+1 < len(l) && l[i+1] == '\'' {
				j := i
				for j < len(l) && l[j] == '\'' {
					j++
				}
				blank(l[i:j])
				i = j - 1
			}
		case '*', '_':
			j := i
			for j < len(l) && l[j] == c {
				j++
			}
			before := i == 0 || !isWordByte(l[i-1])
			after := j == len(l) || !isWordByte(l[j])
			if before || after {
				blank(l[i:j])
			}
			i = j - 1
		}
	}
}

func blank(b []byte) {
	for i := range b {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// isWordByte reports letters, digits and any byte of a multi-byte rune.
func isWordByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !isWordByte(c)
}

// titleSuffix matches a comma-separated part that continues the title before
// it rather than starting a new one: a year or number ("2016", "1990s",
// "2015-present", "2016-17"), or a name suffix ("Jr.", "Inc.", "III").
var titleSuffix = regexp.MustCompile(`^(?:\d[\d,.]*s?|\d{3,4}[-–](?:\d{2,4}|present)|(?:Jr|Sr|Inc|Ltd|Co|Corp|LLC|LLP|PLC|S\.A|N\.V|L\.P)\.?|II|III|IV|V|VI)$`)

// parseContextNames splits the names of a "_Context: A, B, C_" line. Names
// are separated by ", ", but a part that is only a year or number, or a
// name suffix such as "Jr." (see titleSuffix), stays with the name before
// it: "Gambian presidential election, 2016" is one name. Wiki italics (”)
// are removed from names; empty names are dropped. Parentheses are never
// split ("Aleppo offensive (November-December 2016)").
func parseContextNames(s string) []string {
	var out []string
	depth := 0
	last := 0
	var parts []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 && i+1 < len(s) && s[i+1] == ' ' {
				parts = append(parts, s[last:i])
				last = i + 2
			}
		}
	}
	parts = append(parts, s[last:])
	for _, p := range parts {
		p = strings.TrimSpace(strings.ReplaceAll(p, "''", ""))
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		if len(out) > 0 && titleSuffix.MatchString(p) {
			out[len(out)-1] += ", " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// ParseContext parses a Current Events context line ("_Context: A, B_", with
// or without the underscores and the "Context:" label) into its names.
// Names are separated by ", ", except that a part which is only a year or
// number ("2016", "1990s", "2015-present", "2016-17") or a name suffix
// ("Jr.", "Inc.", "III") stays with the name before it, and nothing inside
// parentheses is split: "Gambian presidential election, 2016" and "Aleppo
// offensive (November-December 2016)" are one name each. Wiki italics
// (doubled apostrophes) are removed and white space is collapsed.
func ParseContext(line string) []string {
	s := strings.TrimSpace(line)
	s = strings.TrimPrefix(s, "_")
	s = strings.TrimSuffix(s, "_")
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "Context:")
	return parseContextNames(s)
}
