package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkdownOffsets checks the offset invariant of Markdown reading, for
// plain Markdown and for Current Events Markdown: every document lies inside
// the file, every byte of its Text is the file's byte at Offset+i or a blank
// (markup or an invalid UTF-8 byte), and Text is valid UTF-8.
func FuzzMarkdownOffsets(f *testing.F) {
	for _, p := range []string{seedMD, "testdata/text/notes.md", aleppoDir + "index.md",
		aleppoDir + "gambian-presidential-election-2016-the-president-of-gambia-yahya-jammeh-states-he-will-not-accept-the-result-of-the-recent-defeat-a-week-a.md"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("# [x](y) _a_ *b* ''c'' {{d}} &amp; &#8217;s <i>e</i>\n1. [T: u](/news/2016/1/2/s.md) _Context: A, 2016_\n"))
	f.Add([]byte("### [2016-1-2](/news/2016/1/2/index.md)\n# Topic: head\xff\xfeline\n\n### Related:\n1. [A. B](/news/2016/1/2/q@ab.md) _Context: A_\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, path := range []string{"doc.md", "news/2016/12/9/item.md"} {
			docs := readTextual(path, formatMarkdown, data, false)
			for _, d := range docs {
				if d.Offset < 0 || d.Offset+len(d.Text) > len(data) {
					t.Fatalf("%s: document %s at %d+%d outside file of %d bytes", path, d.ID, d.Offset, len(d.Text), len(data))
				}
				for i := 0; i < len(d.Text); i++ {
					if c := d.Text[i]; c != data[d.Offset+i] && c != ' ' {
						t.Fatalf("%s: Text[%d]=%q, file[%d]=%q", path, i, c, d.Offset+i, data[d.Offset+i])
					}
				}
				if !utf8.ValidString(d.Text) {
					t.Fatalf("%s: Text is not valid UTF-8: %q", path, d.Text)
				}
				if d.ID == "" {
					t.Fatalf("%s: empty ID", path)
				}
				for _, line := range d.Contexts {
					for _, n := range line {
						if n == "" || strings.TrimSpace(n) != n {
							t.Fatalf("%s: context name %q", path, n)
						}
					}
				}
			}
		}
	})
}

// FuzzNormalizeDate: the result is empty or a valid YYYY-MM-DD date, and
// normalising it again gives it back.
func FuzzNormalizeDate(f *testing.F) {
	for _, s := range []string{"2016-12-9", "September 28, 2016", "Sept. 28, 2016", "2016-09-28T14:05:00Z", "1481241600", "31 Feb 2016", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := NormalizeDate(s)
		if d == "" {
			return
		}
		if len(d) != 10 || NormalizeDate(d) != d {
			t.Fatalf("NormalizeDate(%q) = %q, not stable", s, d)
		}
	})
}

// FuzzJSONL: any content read as JSON lines or a JSON array emits only
// documents with text and an ID, and every error names the input.
func FuzzJSONL(f *testing.F) {
	for _, p := range []string{"testdata/jsonl/articles.jsonl", "testdata/jsonl/malformed.jsonl", "testdata/jsonl/array.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"in.jsonl", "in.json"} {
			p := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var docs []Document
			err := Read(context.Background(), Input{Path: p, Size: -1}, DefaultOptions(), func(d Document) error {
				docs = append(docs, d)
				return nil
			})
			for _, d := range docs {
				if strings.TrimSpace(d.Text) == "" || d.ID == "" || d.Offset != -1 || !utf8.ValidString(d.Text) {
					t.Fatalf("%s: bad document %+v", name, d)
				}
			}
			for _, e := range Errors(err) {
				var se *Error
				if !errors.As(e, &se) || se.Path != p || strings.Contains(e.Error(), "\n") {
					t.Fatalf("%s: error %q does not name the input on one line", name, e)
				}
			}
		}
	})
}
