package source

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// splitDocument splits d when its Text is longer than max bytes (max > 0):
// at paragraph boundaries (blank lines) where it can, else at line ends,
// else after a space, else at a rune boundary; each part is at most max
// bytes. Parts get IDs d.ID+"#1", "#2", ...; their Offset is shifted when
// d.Offset >= 0 (-1 stays -1); Contexts stay with the first part only, so
// context edges are not counted once per part; each part carries a warning.
func splitDocument(d Document, max int) []Document {
	if max <= 0 || len(d.Text) <= max {
		return []Document{d}
	}
	var cuts []int // end offsets of parts
	text := d.Text
	for start := 0; start < len(text); {
		if len(text)-start <= max {
			cuts = append(cuts, len(text))
			break
		}
		window := text[start : start+max]
		end := -1
		if i := lastParagraphBreak(window); i > 0 {
			end = start + i
		} else if i := strings.LastIndexByte(window, '\n'); i > 0 {
			end = start + i + 1
		} else if i := strings.LastIndexByte(window, ' '); i > 0 {
			end = start + i + 1
		} else {
			end = start + max
			for end > start && !utf8.RuneStart(text[end]) {
				end--
			}
			if end == start { // max smaller than one rune
				_, size := utf8.DecodeRuneInString(text[start:])
				end = start + size
			}
		}
		cuts = append(cuts, end)
		start = end
	}
	warn := fmt.Sprintf("%s: document %s of %d bytes split into %d parts of at most %d bytes", d.Path, d.ID, len(text), len(cuts), max)
	parts := make([]Document, 0, len(cuts))
	start := 0
	for i, end := range cuts {
		p := d
		p.Text = text[start:end]
		p.ID = d.ID + "#" + strconv.Itoa(i+1)
		if d.Offset >= 0 {
			p.Offset = d.Offset + start
		}
		if i > 0 {
			p.Contexts = nil
		}
		p.Warnings = append(append([]string(nil), d.Warnings...), warn)
		parts = append(parts, p)
		start = end
	}
	return parts
}

// lastParagraphBreak returns the index just after the last blank line in s
// ("\n\n", possibly with spaces or "\r" between), or -1.
func lastParagraphBreak(s string) int {
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
