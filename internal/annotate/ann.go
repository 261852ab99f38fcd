package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// types are the entity types of the guideline.
var types = map[string]bool{"PERSON": true, "ORG": true, "GPE": true, "LOC": true, "FAC": true, "NORP": true, "EVENT": true, "MISC": true}

// span is one marked name: byte offsets into the plain headline.
type span struct {
	start, end int
	typ        string
}

// headline is one annotated line.
type headline struct {
	text  string // plain text, markup removed
	spans []span
	file  string
	line  int
	notes []string // "# note" lines just above it
}

// day is one "# day" section: a document.
type day struct {
	date, src string
	lines     []headline
}

// parseLine removes the markup of one annotated line.
func parseLine(s string) (string, []span, error) {
	var b strings.Builder
	var spans []span
	open := -1 // byte offset in b where the current entity's text starts
	typ := ""
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '[' || s[i+1] == ']'):
			b.WriteByte(s[i+1])
			i++
		case c == '[':
			if open >= 0 {
				return "", nil, fmt.Errorf("nested '[' at byte %d", i)
			}
			j := strings.IndexByte(s[i+1:], ' ')
			if j <= 0 {
				return "", nil, fmt.Errorf("'[' at byte %d: want '[TYPE text]'", i)
			}
			typ = s[i+1 : i+1+j]
			if !types[typ] {
				return "", nil, fmt.Errorf("unknown type %q at byte %d", typ, i)
			}
			i += j + 1
			open = b.Len()
		case c == ']':
			if open < 0 {
				return "", nil, fmt.Errorf("']' without '[' at byte %d", i)
			}
			if b.Len() == open {
				return "", nil, fmt.Errorf("empty %s name at byte %d", typ, i)
			}
			txt := b.String()[open:]
			if strings.TrimSpace(txt) != txt {
				return "", nil, fmt.Errorf("%s name %q starts or ends with a space", typ, txt)
			}
			spans = append(spans, span{open, b.Len(), typ})
			open = -1
		default:
			b.WriteByte(c)
		}
	}
	if open >= 0 {
		return "", nil, fmt.Errorf("unclosed '[%s'", typ)
	}
	return b.String(), spans, nil
}

// readAnn reads one .ann file.
func readAnn(path string) ([]day, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseAnn(f, path)
}

func parseAnn(r io.Reader, path string) ([]day, error) {
	var days []day
	var notes []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "# day "):
			date, err := normDate(strings.TrimSpace(line[6:]))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			days = append(days, day{date: date})
			notes = nil
			continue
		case strings.HasPrefix(line, "# src "):
			if len(days) > 0 {
				days[len(days)-1].src = strings.TrimSpace(line[6:])
			}
			continue
		case strings.HasPrefix(line, "# note"):
			notes = append(notes, strings.TrimSpace(strings.TrimPrefix(line, "# note")))
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		if len(days) == 0 {
			return nil, fmt.Errorf("%s:%d: headline before the first '# day' line", path, n)
		}
		text, spans, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		d := &days[len(days)-1]
		d.lines = append(d.lines, headline{text: text, spans: spans, file: path, line: n, notes: notes})
		notes = nil
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return days, nil
}

// readDir reads every .ann file of dir, days sorted by date; a date met
// twice is an error (two annotators must not both own a day).
func readDir(dir string) ([]day, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all []day
	seen := map[string]string{}
	for _, f := range files {
		days, err := readAnn(f)
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			if prev, ok := seen[d.date]; ok {
				return nil, fmt.Errorf("%s: day %s already in %s", f, d.date, prev)
			}
			seen[d.date] = f
			all = append(all, d)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].date < all[j].date })
	return all, nil
}

// normDate accepts "2013-01-7" or "2013-01-07" and returns the latter.
func normDate(s string) (string, error) {
	t, err := time.Parse("2006-1-2", s)
	if err != nil {
		return "", fmt.Errorf("bad day %q: want YYYY-MM-DD", s)
	}
	return t.Format("2006-01-02"), nil
}
