package source

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// The Wikipedia Current Events portal as Markdown (the export of
// thecontext.net) comes as day pages, news/YYYY/MM/D/index.md, and item
// files, news/YYYY/MM/D/<slug>.md. Every item and every "### Related:"
// entry becomes its own Document:
//
//   - ID is the item's link path ("/news/2016/3/22/<slug>.md") with any
//     "@hash" suffix of the file name removed, so the same item met in many
//     files is one document. An item file's own path comes from its place
//     under news/, or else from its date heading and the slug of its
//     headline.
//   - Date (YYYY-MM-DD) comes from the link path, else from the date
//     heading.
//   - Topic is the "##### Topic" heading the item is listed under, else the
//     first of the topic prefixes of its headline ("Battle of Aleppo: Aleppo
//     offensive (November-December 2016): Russia and ..."). Topic prefixes
//     are blanked from Text; Title is the headline without them.
//   - Offset is the byte offset of the item in the file; Text is that slice
//     of the file with markup blanked (see blankMarkdown) and white space
//     trimmed at both ends.
//   - "### Source(s):" and "### Changes:" lists are no documents.

var (
	reLinkDate    = regexp.MustCompile(`^/news/(\d{4})/(\d{1,2})/(\d{1,2})/`)
	reDateHeading = regexp.MustCompile(`^#{2,3} +\[ *(\d{4}-\d{1,2}-\d{1,2}) *\]\((/news/[^)\s]*)\)\s*$`)
	reDayItem     = regexp.MustCompile(`^### +\[(.*)\]\((/news/[^)\s]+\.md)\)\s*$`)
	reSection     = regexp.MustCompile(`^### +(Sources?|Related|Changes)\s*:\s*$`)
	reRelated     = regexp.MustCompile(`^\d+\.\s+\[`)
	reTopicHead   = regexp.MustCompile(`^#####\s+(.+?)\s*$`)
	reCEProbe     = regexp.MustCompile(`(?m)^(?:#{2,3} +\[\d{4}-\d{1,2}-\d{1,2}\]\(/news/|### +Related:\s*$)`)
)

// isCurrentEventsPath reports whether path lies in a Current Events tree
// (news/YYYY/MM/D/*.md).
func isCurrentEventsPath(path string) bool {
	return NewsLinkID(path) != ""
}

// looksLikeCurrentEvents reports whether Markdown content has the headings of
// a Current Events day page or item file.
func looksLikeCurrentEvents(b []byte) bool {
	if len(b) > 16<<10 {
		b = b[:16<<10]
	}
	return reCEProbe.Match(b)
}

// NewsLinkID returns the document ID of a Current Events link path: the path
// with any "@hash" suffix of its file name removed. The input may be a file
// path containing ".../news/YYYY/MM/D/slug.md"; the result then starts at
// "/news/". It returns "" when s is no news link.
func NewsLinkID(s string) string {
	s = filepath.ToSlash(s)
	for from := len(s); ; {
		i := strings.LastIndex(s[:from], "news/")
		if i < 0 {
			return ""
		}
		if i == 0 || s[i-1] == '/' {
			if id, ok := newsLink(s[i:]); ok {
				return id
			}
		}
		from = i
	}
}

// newsLink parses "news/YYYY/M/D/name.md" (nothing after), dropping an
// "@hash" suffix of the name.
func newsLink(s string) (string, bool) {
	rest := s[len("news/"):]
	for _, width := range [][2]int{{4, 4}, {1, 2}, {1, 2}} {
		j := strings.IndexByte(rest, '/')
		if j < width[0] || j > width[1] || !isDigits(rest[:j]) {
			return "", false
		}
		rest = rest[j+1:]
	}
	name := rest
	if !strings.HasSuffix(name, ".md") || strings.ContainsRune(name, '/') || len(name) <= 3 {
		return "", false
	}
	base := strings.TrimSuffix(name, ".md")
	if at := strings.LastIndexByte(base, '@'); at > 0 && isAlnum(base[at+1:]) {
		base = base[:at]
	}
	return "/" + s[:len(s)-len(name)] + base + ".md", true
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) || s[i] >= 0x80 {
			return false
		}
	}
	return s != ""
}

// linkDate returns the YYYY-MM-DD date of a "/news/Y/M/D/..." link, or ""
// (also when that day does not exist).
func linkDate(link string) string {
	m := reLinkDate.FindStringSubmatch(link)
	if m == nil {
		return ""
	}
	return mkdate(m[1], atoi(m[2]), atoi(m[3]))
}

// ceItem is a document being assembled from a Current Events file.
type ceItem struct {
	start, end int // byte range in the file
	id, date   string
	topic      string
	title      string
	url        string
	contexts   [][]string
}

// parseCurrentEvents splits a Current Events Markdown file into documents.
// raw is the file (after UTF-8 repair), text the same bytes with markup
// blanked, ctxs the context lines found by blankMarkdown.
func parseCurrentEvents(path string, raw, text []byte, ctxs []contextLine) []Document {
	pathID := NewsLinkID(path)
	pageDate := ""
	if pathID != "" {
		pageDate = linkDate(pathID)
	}
	var (
		items   []*ceItem
		cur     *ceItem
		topic   string
		section string // "", "item", "source", "related", "changes"
		mainDoc *ceItem
	)
	flush := func() {
		if cur != nil {
			items = append(items, cur)
			cur = nil
		}
	}
	ctxAt := map[int][]string{}
	for _, c := range ctxs {
		ctxAt[c.pos] = c.names
	}
	dotStyle := dotStyleFile(raw, ctxAt)
	for start := 0; start < len(raw); {
		end := bytes.IndexByte(raw[start:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += start
		}
		lineEnd := end
		if lineEnd > start && raw[lineEnd-1] == '\r' {
			lineEnd--
		}
		line := string(raw[start:lineEnd])
		t := strings.TrimSpace(line)
		lineStart := start
		start = end + 1

		switch {
		case t == "":
			continue
		case t[0] == '#' && reDateHeading.MatchString(t):
			flush()
			m := reDateHeading.FindStringSubmatch(t)
			if d := NormalizeDate(m[1]); d != "" && pageDate == "" {
				pageDate = d
			} else if pageDate == "" {
				pageDate = linkDate(m[2])
			}
			section = ""
		case strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "#### ") || strings.HasPrefix(t, "###### "):
			flush()
			section = ""
		case strings.HasPrefix(t, "#####") && reTopicHead.MatchString(t):
			flush()
			topic = reTopicHead.FindStringSubmatch(t)[1]
			section = ""
		case strings.HasPrefix(t, "### ") && reSection.MatchString(t):
			flush()
			section = strings.ToLower(strings.TrimSuffix(reSection.FindStringSubmatch(t)[1], "s"))
		case strings.HasPrefix(t, "### ") && section != "related" && reDayItem.MatchString(t):
			flush()
			lead := strings.Index(line, t) // t is line without its surrounding space
			m := reDayItem.FindStringSubmatchIndex(t)
			for k := range m {
				m[k] += lead
			}
			link := line[m[4]:m[5]]
			it := &ceItem{start: lineStart, end: lineEnd, id: NewsLinkID(link), topic: topic}
			it.date = linkDate(it.id)
			if it.date == "" {
				it.date = pageDate
			}
			hs, he := lineStart+m[2], lineStart+m[3]
			it.title = headlineTopics(raw, text, hs, he, nil, dotStyle, it)
			cur = it
			section = "item"
		case strings.HasPrefix(t, "# "):
			flush()
			it := &ceItem{start: lineStart, end: lineEnd, topic: topic}
			hs := lineStart + strings.Index(line, "#") + 1
			it.title = headlineTopics(raw, text, hs, lineEnd, nil, dotStyle, it)
			headline := strings.TrimPrefix(line[strings.Index(line, "#")+1:], " ")
			it.id = pathID
			if it.id == "" && pageDate != "" {
				if s := slugify(headline); s != "" {
					y, mo, d := pageDate[:4], pageDate[5:7], strings.TrimPrefix(pageDate[8:10], "0")
					it.id = fmt.Sprintf("/news/%s/%s/%s/%s.md", y, mo, d, s)
				}
			}
			it.date = pageDate
			if it.date == "" && it.id != "" {
				it.date = linkDate(it.id)
			}
			cur = it
			mainDoc = it
			section = "item"
		case t[0] == '#' && reHeading.MatchString(t): // any other heading ends the item
			flush()
			section = ""
		case section == "related" && t[0] >= '0' && t[0] <= '9' && reRelated.MatchString(t):
			if it := relatedEntry(raw, text, lineStart, lineEnd, ctxAt[lineStart], dotStyle); it != nil {
				items = append(items, it)
			}
		case section == "source":
			if mainDoc != nil && mainDoc.url == "" {
				if i := strings.Index(line, "]("); i >= 0 {
					if j := strings.IndexByte(line[i+2:], ')'); j > 0 {
						u := line[i+2 : i+2+j]
						if strings.HasPrefix(u, "http") && !strings.Contains(line[:i], "Cover Image") {
							mainDoc.url = u
						}
					}
				}
			}
		case section == "item" && cur != nil:
			cur.end = lineEnd
			if names, ok := ctxAt[lineStart]; ok {
				cur.contexts = append(cur.contexts, names)
			}
		}
	}
	flush()

	seen := map[string]bool{}
	var docs []Document
	for _, it := range items {
		s, e := trimSpace(text, it.start, it.end)
		if s >= e {
			continue
		}
		id := it.id
		if id == "" {
			id = hashID(raw[it.start:it.end])
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		docs = append(docs, Document{
			Path:     path,
			ID:       id,
			Title:    it.title,
			Date:     it.date,
			URL:      it.url,
			Text:     string(text[s:e]),
			Offset:   s,
			Contexts: it.contexts,
			Topic:    it.topic,
		})
	}
	return docs
}

// relatedEntry parses "N. [Topic: text](/news/...md) _Context: A, B_".
func relatedEntry(raw, text []byte, start, end int, names []string, dotStyle bool) *ceItem {
	line := string(raw[start:end])
	open := strings.IndexByte(line, '[')
	close := strings.LastIndex(line, "](/news/")
	if open < 0 || close < open {
		return nil
	}
	rest := line[close+2:]
	j := strings.IndexByte(rest, ')')
	if j < 0 {
		return nil
	}
	link := rest[:j]
	it := &ceItem{start: start, end: end, id: NewsLinkID(link)}
	if it.id == "" {
		return nil
	}
	it.date = linkDate(it.id)
	if names != nil {
		it.contexts = [][]string{names}
	}
	it.title = headlineTopics(raw, text, start+open+1, start+close, names, dotStyle, it)
	return it
}

// headlineTopics finds the topic prefixes of the headline raw[hs:he], blanks
// them in text, sets it.topic when it has none, and returns the headline
// without them, white space collapsed.
func headlineTopics(raw, text []byte, hs, he int, names []string, dotStyle bool, it *ceItem) string {
	h := string(raw[hs:he])
	cut := topicPrefixLen(h, names, dotStyle)
	if cut > 0 {
		if it.topic == "" {
			first := topicName(h[:cut])
			it.topic = first
		}
		blank(text[hs : hs+cut])
	}
	return titleText(text[hs+cut : he])
}

// titleText collapses the white space of blanked text, and the space a
// blanked mark leaves before punctuation ("USS ”Fitzgerald”, a").
func titleText(b []byte) string {
	out := make([]byte, 0, len(b))
	space := false
	for _, c := range b {
		if isSpace(c) {
			space = len(out) > 0
			continue
		}
		if space && !strings.ContainsRune(",.;:?!)", rune(c)) {
			out = append(out, ' ')
		}
		space = false
		out = append(out, c)
	}
	return string(out)
}

// topicName returns the first topic of a prefix such as "Russia-United
// States relations, Syrian peace process: War in Donbass: ".
func topicName(prefix string) string {
	seg := prefix
	if i := strings.Index(seg, ": "); i >= 0 {
		seg = seg[:i]
	} else if i := strings.Index(seg, ". "); i >= 0 {
		seg = seg[:i]
	}
	seg = strings.TrimRight(strings.TrimSpace(seg), ":;,.")
	names := parseContextNames(seg)
	if len(names) == 0 {
		return seg
	}
	return names[0]
}

// nonTopicWords are words that show a prefix before ": " is a sentence
// ("Kerry says: ...") rather than a topic.
var nonTopicWords = map[string]bool{
	"says": true, "said": true, "say": true, "tells": true, "told": true, "announces": true,
	"announced": true, "reports": true, "reported": true, "warns": true, "writes": true,
	"asks": true, "states": true, "stated": true, "claims": true, "confirms": true, "adds": true,
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "will": true,
}

// topicPrefixLen returns the length of the run of topic prefixes at the start
// of headline h, separators included, or 0. A prefix ends at ": " and is
// title-like (see titleLike), or equals one of names (the entry's Context
// names). Some exports separate topics with ". " instead; such a prefix
// counts when it equals one of names, or, in a file that uses that style
// (dotStyle), when it is title-like with 2 to 10 words and does not end in
// an abbreviation ("U.S."). The headline must go on after the prefixes.
func topicPrefixLen(h string, names []string, dotStyle bool) int {
	pos := len(h) - len(strings.TrimLeft(h, " \t"))
	cut := 0
	for {
		rest := h[pos:]
		i := strings.Index(rest, ": ")
		ok := i > 0 && (titleLike(rest[:i]) || isName(rest[:i], names))
		if !ok {
			if j := strings.Index(rest, ". "); j > 0 && (isName(rest[:j], names) || dotStyle && dotTopic(rest[:j])) {
				i, ok = j, true
			}
		}
		if !ok {
			break
		}
		next := pos + i + 2
		if strings.TrimSpace(h[next:]) == "" {
			break
		}
		pos = next
		for pos < len(h) && h[pos] == ' ' {
			pos++
		}
		cut = pos
	}
	return cut
}

// dotTopic reports a title-like prefix that ended at ". ".
func dotTopic(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 10 || !titleLike(s) {
		return false
	}
	last := words[len(words)-1]
	return len(last) > 1 && !strings.Contains(last, ".") && !abbreviations[last]
}

// abbreviations end a sentence-looking prefix that is no topic ("Sgt. ").
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Sgt": true, "Gen": true, "Lt": true,
	"Col": true, "Capt": true, "Cpl": true, "Jr": true, "Sr": true, "Co": true, "Inc": true, "Ltd": true,
	"No": true, "Vol": true, "Gov": true, "Sen": true, "Rep": true, "Rev": true, "Prof": true, "Maj": true,
}

// dotStyleFile reports a Current Events file whose topics are separated by
// ". ": one of its Related entries starts with one of its Context names
// followed by ". ".
func dotStyleFile(raw []byte, ctxAt map[int][]string) bool {
	for pos, names := range ctxAt {
		end := bytes.IndexByte(raw[pos:], '\n')
		if end < 0 {
			end = len(raw) - pos
		}
		line := string(raw[pos : pos+end])
		open := strings.IndexByte(line, '[')
		if open < 0 || !reRelated.MatchString(strings.TrimSpace(line)) {
			continue
		}
		text := strings.TrimLeft(line[open+1:], " ")
		for _, n := range names {
			if strings.HasPrefix(text, n+". ") {
				return true
			}
		}
	}
	return false
}

func isName(s string, names []string) bool {
	s = strings.TrimSpace(s)
	for _, n := range names {
		if n == s {
			return true
		}
	}
	return false
}

func titleLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 || strings.Contains(s, ". ") || strings.ContainsAny(s, "\"“”") {
		return false
	}
	c := s[0]
	if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 12 {
		return false
	}
	for _, w := range words {
		if nonTopicWords[w] {
			return false
		}
	}
	return true
}

// slugify makes the file-name slug of a Current Events headline as the
// export does: the headline cut after 140 characters, where ": " counts as
// three (the export's topic separator was " – "); then ASCII letters and
// digits lower-cased, every other run of ASCII bytes one "-", the bytes of
// non-ASCII characters read as Latin-1 and folded to ASCII ("ó" gives "a3")
// or dropped, no "-" at either end. On the fixtures it reproduces the file
// name of every item file whose topics are separated by ": ".
func slugify(h string) string {
	n := 0
	for i, r := range h {
		w := 1
		if r == ':' && strings.HasPrefix(h[i:], ": ") {
			w = 2
		}
		if n+w > 140 {
			h = h[:i]
			break
		}
		n += w
	}
	var b strings.Builder
	dash := false
	for i := 0; i < len(h); i++ {
		c := h[i]
		var out string
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			out = string(c)
		case c >= 'A' && c <= 'Z':
			out = string(c + 'a' - 'A')
		case c >= 0x80:
			out = latin1Fold(c)
			if out == "" {
				continue
			}
		default:
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(out)
	}
	return strings.Trim(b.String(), "-")
}

// latin1Fold folds a byte read as a Latin-1 character to ASCII ("" to drop).
func latin1Fold(c byte) string {
	switch {
	case c >= 0xC0 && c <= 0xC5, c >= 0xE0 && c <= 0xE5:
		return "a"
	case c == 0xC6, c == 0xE6:
		return "ae"
	case c == 0xC7, c == 0xE7:
		return "c"
	case c >= 0xC8 && c <= 0xCB, c >= 0xE8 && c <= 0xEB:
		return "e"
	case c >= 0xCC && c <= 0xCF, c >= 0xEC && c <= 0xEF:
		return "i"
	case c == 0xD1, c == 0xF1:
		return "n"
	case c >= 0xD2 && c <= 0xD6, c == 0xD8, c >= 0xF2 && c <= 0xF6, c == 0xF8:
		return "o"
	case c >= 0xD9 && c <= 0xDC, c >= 0xF9 && c <= 0xFC:
		return "u"
	case c == 0xDD, c == 0xFD, c == 0xFF:
		return "y"
	case c == 0xDF:
		return "ss"
	case c == 0xB2:
		return "2"
	case c == 0xB3:
		return "3"
	case c == 0xB9:
		return "1"
	}
	return ""
}

// trimSpace narrows [s,e) of b to exclude ASCII white space at both ends.
func trimSpace(b []byte, s, e int) (int, int) {
	for s < e && isSpace(b[s]) {
		s++
	}
	for e > s && isSpace(b[e-1]) {
		e--
	}
	return s, e
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
