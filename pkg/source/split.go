package source

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// splitDocument splits d when its Text is longer than max bytes (max > 0)
// into parts of at most max bytes, cut where cutPoint says. Parts get IDs
// d.ID+"#1", "#2", ...; their Offset is shifted when d.Offset >= 0 (-1
// stays -1). Contexts stay with the first part only, so context edges are
// not counted once per part, and so do d's Warnings, plus one saying the
// document was split.
func splitDocument(d Document, max int) []Document {
	if max <= 0 || len(d.Text) <= max {
		return []Document{d}
	}
	text := d.Text
	var parts []Document
	for start, i := 0, 1; start < len(text); i++ {
		end := len(text)
		if end-start > max {
			end = start + cutPoint(text[start:], max)
		}
		p := d
		p.Text = text[start:end]
		p.ID = partID(d.ID, i)
		if d.Offset >= 0 {
			p.Offset = d.Offset + start
		}
		if i > 1 {
			p.Contexts = nil
			p.Warnings = nil
		} else {
			p.Warnings = append(append([]string(nil), d.Warnings...), splitWarning(d.ID, len(text), max))
		}
		parts = append(parts, p)
		start = end
	}
	return parts
}

func partID(id string, i int) string { return id + "#" + strconv.Itoa(i) }

func splitWarning(id string, size, max int) string {
	return fmt.Sprintf("document %s of %d bytes split into parts of at most %d bytes", id, size, max)
}

// cutPoint returns where to end a part of at most max bytes taken from the
// start of s (len(s) > max): after the last blank line within the first max
// bytes if there is one (a paragraph boundary), else after the last line
// end, else after the last space, else at the last rune boundary (at least
// one rune).
func cutPoint[T ~string | ~[]byte](s T, max int) int {
	w := s[:max]
	if i := lastParagraphBreak(w); i > 0 {
		return i
	}
	for i := len(w) - 1; i > 0; i-- {
		if w[i] == '\n' {
			return i + 1
		}
	}
	for i := len(w) - 1; i > 0; i-- {
		if w[i] == ' ' {
			return i + 1
		}
	}
	end := max
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	if end == 0 { // max is smaller than the first rune
		end = 1
		for end < len(s) && !utf8.RuneStart(s[end]) {
			end++
		}
	}
	return end
}

// lastParagraphBreak returns the index just after the last blank line in s
// ("\n\n", possibly with spaces or "\r" between), or -1.
func lastParagraphBreak[T ~string | ~[]byte](s T) int {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] != '\n' {
			continue
		}
		j := i - 1
		for j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j--
		}
		if j >= 0 && s[j] == '\n' {
			return i + 1
		}
	}
	return -1
}
