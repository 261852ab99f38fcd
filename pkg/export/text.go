package export

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// CleanText returns s as every format writes it: invalid UTF-8 bytes and
// the characters XML 1.0 forbids (C0 controls other than tab and newline,
// U+FFFE, U+FFFF) become U+FFFD; a carriage return, alone or before a
// newline, becomes one newline. Everything else — quotes, backslashes,
// markup, emoji, right-to-left text — is kept and escaped by each writer.
// Clean strings are returned unchanged without copying.
func CleanText(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' {
				return cleanSlow(s, i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
			return cleanSlow(s, i)
		}
		i += n
	}
	return s
}

func cleanSlow(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				b.WriteByte('\n')
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			case c < 0x20 && c != '\t' && c != '\n':
				b.WriteRune(utf8.RuneError)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// appendXML appends CleanText(s) escaped for XML text and attribute values
// (double-quoted): & < > " ' and tab, newline as character references so
// that attribute normalisation keeps them.
func appendXML(dst []byte, s string) []byte {
	if xmlPlain(s, true) {
		return append(dst, s...)
	}
	s = CleanText(s)
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&apos;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// xmlPlain reports whether appendXML (attr) or appendXMLText writes s
// unchanged: printable ASCII, and tab and newline in text, without the
// characters they escape. Most names, dates and sentences are, and are
// then copied after one pass instead of three.
func xmlPlain(s string, attr bool) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i := 0
	// Eight bytes at a time: a word is plain when no byte has the high
	// bit, is below 0x20, or is one of & < > (and " ' in attributes).
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		bad := w&hi | (w-0x20*lo)&^w&hi | zeroByte(w^'&'*lo) | zeroByte(w^'<'*lo) | zeroByte(w^'>'*lo)
		if attr {
			bad |= zeroByte(w^'"'*lo) | zeroByte(w^'\''*lo)
		}
		if bad != 0 {
			break // the bytes below say which, and whether tab or newline
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < 0x20 && (attr || c != '\t' && c != '\n') {
			return false
		}
		switch c {
		case '&', '<', '>':
			return false
		case '"', '\'':
			if attr {
				return false
			}
		}
	}
	return true
}

// zeroByte is non-zero when a byte of w is zero.
func zeroByte(w uint64) uint64 {
	return (w - 0x0101010101010101) &^ w & 0x8080808080808080
}

// appendXMLText appends CleanText(s) escaped for XML element content: only
// &, < and > become references; tabs and newlines stay raw (element content
// keeps them) because Gephi's GraphML reader drops text events that are
// only whitespace, which a lone &#xA; becomes.
func appendXMLText(dst []byte, s string) []byte {
	if xmlPlain(s, false) {
		return append(dst, s...)
	}
	s = CleanText(s)
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// appendQuoted appends CleanText(s) as a double-quoted string that JSON,
// N-Quads (STRING_LITERAL_QUOTE) and Go all read the same way: the escapes
// \" \\ \n \t (and \u00XX for any other control character, which
// CleanText does not leave) are common to the three, and Dgraph unquotes
// N-Quads strings as Go strings.
func appendQuoted(dst []byte, s string) []byte {
	s = CleanText(s)
	dst = append(dst, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\t':
			esc = `\t`
		case c < 0x20:
			dst = append(dst, s[last:i]...)
			dst = append(dst, `\u00`...)
			dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
			last = i + 1
			continue
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	dst = append(dst, s[last:]...)
	return append(dst, '"')
}

const hexDigits = "0123456789ABCDEF"

// appendDOT appends CleanText(s) as a double-quoted DOT string. With label
// set it is an escString for a label: backslashes are doubled (Graphviz
// reads \n, \l, \N... as escapes), newlines become \n, tabs spaces and & is
// written &amp; because Graphviz decodes HTML entities in labels.
func appendDOT(dst []byte, s string, label bool) []byte {
	s = CleanText(s)
	dst = append(dst, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\t':
			esc = " "
		case '&':
			if !label {
				continue
			}
			esc = "&amp;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	dst = append(dst, s[last:]...)
	return append(dst, '"')
}

// appendCSV appends CleanText(s) as one RFC 4180 field, quoted when it
// holds a comma, quote, newline or edge spaces.
func appendCSV(dst []byte, s string) []byte {
	s = CleanText(s)
	need := len(s) > 0 && (s[0] == ' ' || s[len(s)-1] == ' ' || s[0] == '\t' || s[len(s)-1] == '\t')
	if !need {
		need = strings.ContainsAny(s, ",\"\n")
	}
	if !need {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			dst = append(dst, s[last:i+1]...)
			dst = append(dst, '"')
			last = i + 1
		}
	}
	dst = append(dst, s[last:]...)
	return append(dst, '"')
}

// appendFloat appends v in the shortest form that reads back exactly; NaN
// and infinities, which several formats cannot hold, are written as 0.
func appendFloat(dst []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	return strconv.AppendFloat(dst, v, 'g', -1, 64)
}

// aliasList returns up to max aliases of e other than its name, most
// mentioned first, ties by name.
func aliasList(e *graph.Entity, max int) []string {
	if max <= 0 || len(e.Aliases) == 0 {
		return nil
	}
	type ac struct {
		s string
		n int
	}
	all := make([]ac, 0, len(e.Aliases))
	for s, n := range e.Aliases {
		if s != e.Name {
			all = append(all, ac{s, n})
		}
	}
	slices.SortFunc(all, func(a, b ac) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return strings.Compare(a.s, b.s)
	})
	if len(all) > max {
		all = all[:max]
	}
	out := make([]string, len(all))
	for i, a := range all {
		out[i] = a.s
	}
	return out
}

// aliasesString joins aliasList with "; ".
func aliasesString(e *graph.Entity, max int) string {
	return strings.Join(aliasList(e, max), "; ")
}

// predicatesString writes predicate counts as "met=2; talks=1", most
// frequent first, ties by name.
func predicatesString(p map[string]int) string {
	if len(p) == 0 {
		return ""
	}
	if len(p) == 1 {
		for k, n := range p {
			return k + "=" + strconv.Itoa(n)
		}
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if p[a] != p[b] {
			return cmp.Compare(p[b], p[a])
		}
		return strings.Compare(a, b)
	})
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.Itoa(p[k]))
	}
	return b.String()
}

// kindsCache holds the kinds strings of every subset of graph.EdgeKinds, so
// writing a million links allocates none.
var kindsCache = func() []string {
	n := len(graph.EdgeKinds)
	c := make([]string, 1<<n)
	for m := range c {
		var parts []string
		for i, k := range graph.EdgeKinds {
			if m&(1<<i) != 0 {
				parts = append(parts, string(k))
			}
		}
		c[m] = strings.Join(parts, ";")
	}
	return c
}()

// kindsString returns the link's kinds joined by ";" in graph.EdgeKinds
// order ("cooccur;context"); a kind counts when it is listed in Kinds or
// has a weight in Counts. Unknown kinds follow, sorted.
func kindsString(l *graph.Link) string {
	m := 0
	var extra []string
	for _, k := range l.Kinds {
		if i := kindIndex(k); i < len(graph.EdgeKinds) {
			m |= 1 << i
		} else {
			extra = append(extra, string(k))
		}
	}
	for i, k := range graph.EdgeKinds { // other kinds in Counts do not count
		if l.Counts[k] != 0 {
			m |= 1 << i
		}
	}
	if extra == nil {
		return kindsCache[m]
	}
	sort.Strings(extra)
	s := kindsCache[m]
	for _, x := range extra {
		if s != "" {
			s += ";"
		}
		s += x
	}
	return s
}

// strongestKind is the kind a picture should show: interaction over context
// over cooccur. A kind counts as kindsString counts it.
func strongestKind(l *graph.Link) graph.EdgeKind {
	for _, k := range []graph.EdgeKind{graph.Interaction, graph.Context} {
		if l.Counts[k] != 0 || slices.Contains(l.Kinds, k) {
			return k
		}
	}
	return graph.Cooccur
}
