package source

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"
)

var (
	// reDateCue starts a line that gives the document's date: "Published
	// October 28, 2022", "Date: 25 October 2022", "Posted on 2022-10-28".
	reDateCue = regexp.MustCompile(`(?i)^[\W_]*(?:first\s+|originally\s+)?(?:published|posted|updated|last\s+updated|modified|date|dated|released|filed)\b\s*(?:on|at)?\s*[:\-–—|]?\s*(?:on\s+)?(.*)$`)
	// reDateIn finds a written date inside a line.
	reDateIn  = regexp.MustCompile(`(?i)(?:\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}\.?,?\s+(?:19|20)\d\d\b|\b[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}\b)`)
	reYear    = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
	reOneWord = regexp.MustCompile(`\S+`)
)

// bodyDateLines is how many non-blank lines at the top of a text are
// searched for its date, and bodyDateBytes how far at most.
const (
	bodyDateLines = 12
	bodyDateBytes = 4 << 10
)

// bodyDate returns the date a text states in its first lines, as
// YYYY-MM-DD, or "": a line that starts with a cue ("Published", "Posted",
// "Updated", "Date:", "Dated") followed by a date, or a short line (at
// most 12 words: a byline or dateline such as "By Jane Doe | October 28,
// 2022" or "Tuesday 25 October 2022 10.02 BST") holding a written date.
// Dates in long lines (sentences of the article) are not taken: a story
// about an event does not date the story. Cue lines also accept what
// go-dateparser reads ("28.10.2022", "25 oct. 2022"), as long as a year is
// written, so that the result never depends on today's date.
func bodyDate(text []byte) string { return findBodyDate(text, bodyDateLines, bodyDateBytes, false) }

// pageDate is bodyDate for the whole text of a web page, whose first lines
// are navigation: only cue lines count, within its first 64 KiB.
func pageDate(text []byte) string { return findBodyDate(text, 1<<30, 64<<10, true) }

func findBodyDate(text []byte, maxLines, maxBytes int, cuesOnly bool) string {
	text = text[:min(len(text), maxBytes)]
	seen := 0
	for _, raw := range bytes.Split(text, []byte("\n")) {
		line := strings.Join(strings.Fields(string(raw)), " ")
		line = strings.Trim(line, "*_#>|`")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if seen++; seen > maxLines {
			break
		}
		if m := reDateCue.FindStringSubmatch(line); m != nil {
			rest := m[1]
			if d := firstDate(rest); d != "" {
				return d
			}
			if reDateIn.MatchString(rest) { // written out but no such day
				continue
			}
			if d := parseWithYear(rest); d != "" {
				return d
			}
			continue
		}
		if !cuesOnly && len(reOneWord.FindAllString(line, 13)) <= 12 {
			if d := firstDate(line); d != "" {
				return d
			}
		}
	}
	return ""
}

// firstDate returns the first written date in s that NormalizeDate reads.
func firstDate(s string) string {
	for _, m := range reDateIn.FindAllString(s, 4) {
		if d := NormalizeDate(m); d != "" {
			return d
		}
	}
	return ""
}

var (
	dateParserOnce sync.Once
	dateParserCfg  *dateparser.Configuration
)

// parseWithYear reads s (the rest of a cue line, cut at a "|" or " by ")
// with go-dateparser when it writes a year.
func parseWithYear(s string) string {
	if i := strings.IndexAny(s, "|•"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(strings.ToLower(s), " by "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 60 || !reYear.MatchString(s) {
		return ""
	}
	dateParserOnce.Do(func() {
		dateParserCfg = &dateparser.Configuration{Languages: []string{"en"}, DateOrder: dateparser.DMY}
	})
	dt, err := dateparser.Parse(dateParserCfg, s)
	if err != nil || dt.IsZero() || dt.Period > date.Day { // month or year only: the day would be today's
		return ""
	}
	return dt.Time.Format("2006-01-02")
}
