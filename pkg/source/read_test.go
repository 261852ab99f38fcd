package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// readAll reads one input with opt and returns its documents and error.
func readAll(t testing.TB, path string, opt Options) ([]Document, error) {
	t.Helper()
	var docs []Document
	err := Read(context.Background(), Input{Path: path, Size: -1}, opt, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// fileBytes returns the content of path as read: decompressed when gzip.
func fileBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// checkOffsets asserts the offset invariant of every document with an
// Offset: each byte of Text is the file's byte at Offset+i or a blank.
func checkOffsets(t testing.TB, file []byte, docs []Document) {
	t.Helper()
	for _, d := range docs {
		if d.Offset < 0 {
			continue
		}
		if d.Offset+len(d.Text) > len(file) {
			t.Errorf("%s %s: Offset %d + len %d beyond file of %d bytes", d.Path, d.ID, d.Offset, len(d.Text), len(file))
			continue
		}
		for i := 0; i < len(d.Text); i++ {
			if c := d.Text[i]; c != file[d.Offset+i] && c != ' ' {
				t.Errorf("%s %s: Text[%d]=%q but file[%d]=%q", d.Path, d.ID, i, c, d.Offset+i, file[d.Offset+i])
				break
			}
		}
	}
}

func TestReadFormats(t *testing.T) {
	tests := []struct {
		path    string
		opt     func(*Options)
		docs    int
		check   func(t *testing.T, docs []Document)
		offsets bool
	}{
		{path: "testdata/text/plain.txt", docs: 1, offsets: true, check: func(t *testing.T, d []Document) {
			want := string(fileBytes(t, "testdata/text/plain.txt"))
			if d[0].Text != want || d[0].Offset != 0 {
				t.Errorf("Text %q Offset %d, want the file at 0", d[0].Text, d[0].Offset)
			}
			if d[0].ID != HashID(want) || len(d[0].ID) != 32 {
				t.Errorf("ID %q, want %q", d[0].ID, HashID(want))
			}
			if d[0].Title != "" || d[0].Date != "" {
				t.Errorf("Title %q Date %q: want none (first line is a sentence, no date in the name)", d[0].Title, d[0].Date)
			}
		}},
		{path: "testdata/text/plain.txt.gz", docs: 1, check: func(t *testing.T, d []Document) {
			if d[0].Text != string(fileBytes(t, "testdata/text/plain.txt")) {
				t.Errorf("gz Text %q differs from the uncompressed file", d[0].Text)
			}
		}},
		{path: "testdata/text/compressed-no-ext.txt", docs: 1, check: func(t *testing.T, d []Document) {
			if !strings.HasPrefix(d[0].Text, "Kerry met Lavrov") {
				t.Errorf("gzip not detected by magic bytes: %q", d[0].Text)
			}
		}},
		{path: "testdata/text/latin1.txt", docs: 1, check: func(t *testing.T, d []Document) {
			// not UTF-8 and no valid UTF-8 sequence in it: a legacy
			// encoding, decoded, and the warning names it
			if len(d[0].Warnings) != 1 || !strings.Contains(d[0].Warnings[0], "decoded as windows-1252") {
				t.Errorf("Warnings = %q, want one saying windows-1252 was assumed", d[0].Warnings)
			}
			if !strings.HasPrefix(d[0].Text, "Café owner José María opened a shop in Málaga.") {
				t.Errorf("Text %q: Latin-1 not decoded", d[0].Text)
			}
		}},
		{path: "testdata/text/notes.md", docs: 1, offsets: true, check: func(t *testing.T, d []Document) {
			txt := d[0].Text
			for _, gone := range []string{"#", "**", "](", "https://", "img/meeting.png", "photo of the meeting", "<b>", "&amp;", "&#8217;", "_Context", "Formats:", "HTML", "`", "1."} {
				if strings.Contains(txt, gone) {
					t.Errorf("markup %q left in Text %q", gone, txt)
				}
			}
			for _, kept := range []string{"Meeting notes:", "John Kerry", "Sergey Lavrov", "Geneva", "Aleppo", "ceasefire", "UNICEF", "U.N.", " & ", `"No agreement was reached,"`} {
				if !strings.Contains(txt, kept) {
					t.Errorf("text %q lost from Text %q", kept, txt)
				}
			}
			want := [][]string{{"John Kerry", "Sergey Lavrov", "Gambian presidential election, 2016", "Martin Luther King, Jr."}}
			if !equalContexts(d[0].Contexts, want) {
				t.Errorf("Contexts = %q, want %q", d[0].Contexts, want)
			}
			if d[0].Title != "Meeting notes: Geneva talks" {
				t.Errorf("Title = %q", d[0].Title)
			}
		}},
		{path: "testdata/text/seed-item.md.gz", docs: 11, check: func(t *testing.T, d []Document) {
			if d[1].Date != "2016-03-22" || d[1].Offset < 0 {
				t.Errorf("compressed Current Events file: entry 1 = %+v", d[1])
			}
		}},
		{path: "testdata/jsonl/articles.jsonl", docs: 4, check: checkArticlesJSONL},
		{path: "testdata/jsonl/articles.jsonl.gz", docs: 4, check: checkArticlesJSONL},
		{path: "testdata/jsonl/custom-fields.ndjson", opt: func(o *Options) {
			o.TextField, o.IDField, o.DateField, o.TitleField, o.URLField = "content", "doc_id", "meta.published", "meta.headline", "link"
		}, docs: 2, check: func(t *testing.T, d []Document) {
			if d[0].ID != "c1" || d[0].Date != "2016-12-09" || d[0].Title != "EU visas" || d[0].URL != "https://example.org/c1" || !strings.HasPrefix(d[0].Text, "The European Union") {
				t.Errorf("custom fields: %+v", d[0])
			}
			if d[1].Date != "2016-12-09" {
				t.Errorf("Unix-time date: got %q, want 2016-12-09", d[1].Date)
			}
		}},
		{path: "testdata/text/plain.txt", opt: func(o *Options) { o.MaxDocBytes = 40 }, docs: 2, offsets: true, check: func(t *testing.T, d []Document) {
			if d[0].Text != "Kerry met Lavrov in Geneva on Friday.\n\n" || d[1].Text != "The two men spoke for three hours.\n" {
				t.Errorf("split parts %q, %q: want the two paragraphs", d[0].Text, d[1].Text)
			}
			if d[1].Offset != len(d[0].Text) || !strings.HasSuffix(d[0].ID, "#1") || !strings.HasSuffix(d[1].ID, "#2") {
				t.Errorf("parts: offsets %d,%d ids %s,%s", d[0].Offset, d[1].Offset, d[0].ID, d[1].ID)
			}
			if len(d[0].Warnings) != 1 || !strings.Contains(d[0].Warnings[0], "of 74 bytes split into parts of at most 40 bytes") || len(d[1].Warnings) != 0 {
				t.Errorf("split warnings %q, %q: want one, on the first part", d[0].Warnings, d[1].Warnings)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			opt := DefaultOptions()
			if tt.opt != nil {
				tt.opt(&opt)
			}
			docs, err := readAll(t, tt.path, opt)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(docs) != tt.docs {
				t.Fatalf("got %d documents, want %d", len(docs), tt.docs)
			}
			for _, d := range docs {
				if d.Path != tt.path {
					t.Errorf("Path %q, want %q", d.Path, tt.path)
				}
			}
			if tt.offsets {
				checkOffsets(t, fileBytes(t, tt.path), docs)
			}
			if tt.check != nil {
				tt.check(t, docs)
			}
		})
	}
}

func checkArticlesJSONL(t *testing.T, d []Document) {
	want := []struct{ id, date, title string }{
		{"a1", "2016-09-28", "US threatens to halt talks"},
		{"42", "2016-09-28", "Lavrov replies"},
		{HashID("UNICEF warned that children in eastern Aleppo were running out of food."), "2016-12-09", ""},
		{"a4", "", ""},
	}
	for i, w := range want {
		if d[i].ID != w.id || d[i].Date != w.date || d[i].Title != w.title || d[i].Offset != -1 {
			t.Errorf("line %d: got id=%q date=%q title=%q offset=%d, want %+v", i+1, d[i].ID, d[i].Date, d[i].Title, d[i].Offset, w)
		}
	}
	if d[0].URL != "https://example.org/a1" {
		t.Errorf("URL = %q", d[0].URL)
	}
	if len(d[3].Warnings) != 1 || !strings.HasPrefix(d[3].Warnings[0], "line 5: ") {
		t.Errorf("unparseable date: Warnings = %q, want one naming line 5", d[3].Warnings)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	unreadable := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(unreadable, []byte("top secret"), 0o000); err != nil {
		t.Fatal(err)
	}
	binaryMD := filepath.Join(dir, "image.md")
	if err := os.WriteFile(binaryMD, append([]byte("# title\n"), bytes.Repeat([]byte{1, 2, 3, 0, 200}, 100)...), 0o644); err != nil {
		t.Fatal(err)
	}
	gzBinary := filepath.Join(dir, "blob.txt.gz")
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(bytes.Repeat([]byte{0, 1, 2, 3}, 1000))
	zw.Close()
	if err := os.WriteFile(gzBinary, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	utf16 := filepath.Join(dir, "utf16.txt")
	if err := os.WriteFile(utf16, []byte("\xff\xfeK\x00e\x00r\x00r\x00y\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       error
		msg        string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), fs.ErrNotExist, "no such file"},
		{"utf-16", utf16, ErrBinary, "UTF-16 text, convert it to UTF-8"},
		{"empty", "testdata/text/empty.txt", ErrEmpty, "empty file"},
		{"blank", "testdata/text/blank.txt", ErrEmpty, "empty file"},
		{"binary by content", "testdata/text/looks-like-text.txt", ErrBinary, "binary"},
		{"binary markdown", binaryMD, ErrBinary, "binary"},
		{"binary inside gzip", gzBinary, ErrBinary, "binary"},
		{"broken gzip", "testdata/text/truncated.txt.gz", ErrGzip, "broken gzip"},
		{"directory", "testdata", nil, "is a directory"},
	}
	if os.Getuid() != 0 { // root reads anything
		tests = append(tests, struct {
			name, path string
			want       error
			msg        string
		}{"unreadable", unreadable, fs.ErrPermission, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := readAll(t, tt.path, DefaultOptions())
			if err == nil {
				t.Fatalf("no error, %d documents", len(docs))
			}
			if len(docs) != 0 {
				t.Errorf("%d documents emitted with the error", len(docs))
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Path != tt.path {
				t.Errorf("error %v does not name the path %s", err, tt.path)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.path+": ") || !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line %q...%q", msg, tt.path+": ", tt.msg)
			}
			if strings.Count(msg, tt.path) != 1 {
				t.Errorf("message %q names the path more than once", msg)
			}
		})
	}
}

func TestReadMalformedJSONL(t *testing.T) {
	path := "testdata/jsonl/malformed.jsonl"
	docs, err := readAll(t, path, DefaultOptions())
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "ok1,ok2,ok3" {
		t.Errorf("emitted %v, want the good lines ok1,ok2,ok3", ids)
	}
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("error %v is not ErrMalformed", err)
	}
	var lines []int
	if got := Errors(nil); got != nil {
		t.Errorf("Errors(nil) = %v", got)
	}
	for _, e := range Errors(err) {
		if strings.Contains(e.Error(), "\n") {
			t.Errorf("error %q has more than one line", e)
		}
		var se *Error
		if !errors.As(e, &se) || se.Path != path {
			t.Errorf("line error %v does not name the path", e)
			continue
		}
		lines = append(lines, se.Line)
		if !strings.HasPrefix(e.Error(), path+":") {
			t.Errorf("message %q does not start with path:line", e)
		}
	}
	if want := []int{2, 3, 5, 6}; !equalInts(lines, want) {
		t.Errorf("bad lines %v, want %v", lines, want)
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name, in string
		docs     int
		offset   int
	}{
		{"text", "Kerry met Lavrov.\n", 1, 0},
		{"jsonl", `{"text": "one"}` + "\n" + `{"text": "two"}` + "\n", 2, -1},
		{"json array", `[ {"text": "one"}, {"text": "two"}, {"text": "three"} ]`, 3, -1},
		{"html", "<!DOCTYPE html><html><body><article><p>Kerry met Lavrov in Geneva on Friday to discuss a ceasefire in Syria.</p></article></body></html>", 1, -1},
		{"current events", string(fileBytes(t, "../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md")), 11, 106},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := DefaultOptions()
			opt.Stdin = strings.NewReader(tt.in)
			docs, err := readAll(t, "-", opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != tt.docs || docs[0].Offset != tt.offset || docs[0].Path != "-" {
				t.Fatalf("got %d docs, first %+v; want %d docs at offset %d", len(docs), docs[0], tt.docs, tt.offset)
			}
		})
	}
	if _, err := readAll(t, "-", DefaultOptions()); err == nil {
		t.Error("reading - without Options.Stdin: no error")
	}
}

func TestReadEmitErrorAndCancel(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), Input{Path: "../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md"}, DefaultOptions(), func(Document) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("emit error: got %v after %d calls, want it unchanged after 1", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = Read(ctx, Input{Path: "testdata/text/plain.txt"}, DefaultOptions(), func(Document) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}

func TestSplitDocument(t *testing.T) {
	para := strings.Repeat("word ", 30) // 150 bytes
	long := strings.Repeat("x", 250)
	tests := []struct {
		name   string
		text   string
		max    int
		parts  int
		offset int
	}{
		{"fits", para, 200, 1, 5},
		{"paragraphs", para + "\n\n" + para + "\n\n" + para, 200, 3, 5},
		{"no paragraph breaks", para + para + para, 200, 3, 5},
		{"one long word", long, 100, 3, 5},
		{"unicode", strings.Repeat("é", 100), 15, 15, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Document{Path: "p", ID: "id", Text: tt.text, Offset: tt.offset, Contexts: [][]string{{"A", "B"}}}
			parts := splitDocument(d, tt.max)
			if len(parts) != tt.parts {
				t.Fatalf("%d parts, want %d", len(parts), tt.parts)
			}
			var joined strings.Builder
			for i, p := range parts {
				if len(p.Text) > tt.max {
					t.Errorf("part %d has %d bytes > %d", i, len(p.Text), tt.max)
				}
				if !utf8.ValidString(p.Text) {
					t.Errorf("part %d cuts a rune", i)
				}
				if tt.offset >= 0 && p.Offset != tt.offset+joined.Len() {
					t.Errorf("part %d Offset %d, want %d", i, p.Offset, tt.offset+joined.Len())
				}
				if tt.offset < 0 && p.Offset != -1 {
					t.Errorf("part %d Offset %d, want -1", i, p.Offset)
				}
				if tt.parts > 1 && (i == 0) != (p.Contexts != nil) {
					t.Errorf("part %d Contexts %v: want them on the first part only", i, p.Contexts)
				}
				joined.WriteString(p.Text)
			}
			if joined.String() != tt.text {
				t.Error("parts do not add up to the text")
			}
		})
	}
}

func TestIsBinary(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want bool
	}{
		{"text", []byte("plain text\twith tabs\r\n"), false},
		{"utf8", []byte("Café, Zürich, Москва, 東京"), false},
		{"latin1", []byte("Caf\xe9 M\xe1laga"), false},
		{"nul", []byte("abc\x00def"), true},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), true},
		{"png", []byte("\x89PNG\r\n\x1a\n"), true},
		{"controls", bytes.Repeat([]byte("a\x01\x02\x03"), 10), true},
		{"few controls", append(bytes.Repeat([]byte("abcdefghij"), 10), 1), false},
	}
	for _, tt := range tests {
		if got := isBinary(tt.in); got != tt.want {
			t.Errorf("%s: isBinary = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func equalContexts(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "|") != strings.Join(b[i], "|") {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReadLargeText: a text over streamThreshold is read part by part and
// gives the same documents as reading it whole and splitting.
func TestReadLargeText(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeffA headline for the big file\n\n")
	for i := 0; b.Len() < 20000; i++ {
		b.WriteString(strings.Repeat("Kerry met Lavrov in Geneva. ", i%7+1))
		if i%5 == 0 {
			b.WriteString("Caf\xe9 Caf\u00e9 ") // broken UTF-8, not Latin-1
		}
		if i%3 == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
		if i == 40 {
			b.WriteString(strings.Repeat("x", 900)) // longer than a part: cut inside
		}
	}
	path := filepath.Join(t.TempDir(), "big-2016-09-28.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.MaxDocBytes = 700
	opt.TrimBoilerplate = false
	whole, err := readAll(t, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer func(old int64) { streamThreshold = old }(streamThreshold)
	streamThreshold = 1000
	parts, err := readAll(t, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != len(whole) || len(parts) < 25 {
		t.Fatalf("%d streamed parts, %d split parts", len(parts), len(whole))
	}
	checkOffsets(t, []byte(b.String()), parts)
	for i := range whole {
		w, p := whole[i], parts[i]
		if w.ID != p.ID || w.Offset != p.Offset || w.Text != p.Text || w.Title != p.Title || w.Date != p.Date {
			t.Fatalf("part %d differs:\nwhole    %s %d %q %q\nstreamed %s %d %q %q", i, w.ID, w.Offset, w.Title, w.Date, p.ID, p.Offset, p.Title, p.Date)
		}
		if len(p.Text) > opt.MaxDocBytes {
			t.Errorf("part %d: %d bytes", i, len(p.Text))
		}
	}
	if parts[0].Title != "A headline for the big file" || parts[0].Date != "2016-09-28" {
		t.Errorf("Title %q Date %q", parts[0].Title, parts[0].Date)
	}
}

func TestReadManyMalformedLines(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 150; i++ {
		b.WriteString("not json\n")
		b.WriteString(`{"text": "good line"}` + "\n")
	}
	opt := DefaultOptions()
	p := filepath.Join(t.TempDir(), "many.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := readAll(t, p, opt)
	if len(docs) != 150 {
		t.Errorf("%d good lines emitted, want 150", len(docs))
	}
	errs := Errors(err)
	if len(errs) != maxLineErrors+1 || !strings.Contains(errs[maxLineErrors].Error(), "50 more malformed lines") {
		t.Errorf("%d errors, last %v", len(errs), errs[len(errs)-1])
	}
}

// TestReadConcurrent: Read is safe for concurrent use and gives the same
// documents as a sequential read (run with -race).
func TestReadConcurrent(t *testing.T) {
	ins, _ := Expand([]string{"../../fixtures", "testdata/html", "testdata/jsonl/articles.jsonl"}, DefaultOptions())
	seq := make([][]Document, len(ins))
	for i, in := range ins {
		seq[i], _ = readAll(t, in.Path, DefaultOptions())
	}
	par := make([][]Document, len(ins))
	done := make(chan int)
	for i, in := range ins {
		go func() {
			par[i], _ = readAll(t, in.Path, DefaultOptions())
			done <- i
		}()
	}
	for range ins {
		<-done
	}
	for i := range ins {
		if len(par[i]) != len(seq[i]) {
			t.Fatalf("%s: %d documents in parallel, %d in sequence", ins[i].Path, len(par[i]), len(seq[i]))
		}
		for j := range seq[i] {
			if par[i][j].ID != seq[i][j].ID || par[i][j].Text != seq[i][j].Text {
				t.Errorf("%s: document %d differs", ins[i].Path, j)
			}
		}
	}
}

func TestMarkdownFrontMatter(t *testing.T) {
	src := "---\ntitle: \"Talks in Geneva\"\ndate: 2016-09-28T10:00:00Z\nurl: https://example.org/geneva\ntags: [a, b]\n---\n# Heading\n\nKerry met Lavrov.\n"
	p := filepath.Join(t.TempDir(), "note-2015-01-01.md")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := readAll(t, p, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Title != "Talks in Geneva" || d.Date != "2016-09-28" || d.URL != "https://example.org/geneva" {
		t.Errorf("Title %q Date %q URL %q", d.Title, d.Date, d.URL)
	}
	if strings.Contains(d.Text, "title") || strings.Contains(d.Text, "tags") || !strings.Contains(d.Text, "Kerry met Lavrov.") {
		t.Errorf("Text %q", d.Text)
	}
	checkOffsets(t, []byte(src), docs)
	// an unclosed block is no front matter
	if fm := parseFrontMatter([]byte("---\ntitle: x\nno end")); fm.end != 0 || fm.title != "" {
		t.Errorf("unclosed front matter parsed: %+v", fm)
	}
}

func TestReadJSON(t *testing.T) {
	docs, err := readAll(t, "testdata/jsonl/array.json", DefaultOptions())
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "e1,e2,e5" {
		t.Errorf("documents %v, want e1,e2,e5", ids)
	}
	if len(docs) > 1 && docs[1].Text != "First paragraph about Aleppo.\n\nSecond paragraph about UNICEF." {
		t.Errorf("paragraph array joined as %q", docs[1].Text)
	}
	errs := Errors(err)
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "array.json: element 3: malformed JSONL line: not a JSON object") ||
		!strings.Contains(errs[1].Error(), `element 4: malformed JSONL line: no "text" field`) {
		t.Errorf("errors %v", errs)
	}
	docs, err = readAll(t, "testdata/jsonl/lines.json", DefaultOptions())
	if err != nil || len(docs) != 2 || docs[1].ID != "l2" {
		t.Errorf("JSON lines in .json: %d docs, %v", len(docs), err)
	}
	dir := t.TempDir()
	for name, content := range map[string]string{"empty.json": "[]", "scalar.json": "42", "broken.json": `[{"text": "a"}, {"text": `} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		_, err := readAll(t, p, DefaultOptions())
		if err == nil || !strings.HasPrefix(err.Error(), p+":") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

// TestReadTruncatedGzipJSONL: a .jsonl.gz cut off in the middle of a line
// gives the lines read before the cut and one "broken gzip" error, not also
// a malformed-line error for the cut-off line.
func TestReadTruncatedGzipJSONL(t *testing.T) {
	var plain bytes.Buffer
	seed := uint32(1)
	for i := 0; i < 3000; i++ {
		// Text that compresses badly, so that the cut falls after many
		// lines have been decompressed.
		var w strings.Builder
		for k := 0; k < 12; k++ {
			seed = seed*1664525 + 1013904223
			w.WriteString(strconv.FormatUint(uint64(seed), 36))
			w.WriteByte(' ')
		}
		fmt.Fprintf(&plain, "{\"id\": \"d%d\", \"text\": %q}\n", i, w.String())
	}
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(plain.Bytes())
	zw.Close()
	p := filepath.Join(t.TempDir(), "trunc.jsonl.gz")
	if err := os.WriteFile(p, zb.Bytes()[:zb.Len()/2], 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := readAll(t, p, DefaultOptions())
	if len(docs) == 0 || len(docs) >= 3000 {
		t.Errorf("%d documents before the cut, want some but not all", len(docs))
	}
	for i, d := range docs {
		if want := fmt.Sprintf("d%d", i); d.ID != want {
			t.Fatalf("document %d has ID %q, want %q", i, d.ID, want)
		}
	}
	if !errors.Is(err, ErrGzip) {
		t.Fatalf("error %v is not ErrGzip", err)
	}
	if errors.Is(err, ErrMalformed) {
		t.Errorf("the cut-off line is reported as malformed too: %v", err)
	}
	if errs := Errors(err); len(errs) != 1 {
		t.Errorf("%d errors, want 1: %v", len(errs), err)
	}
}

// TestReadTo: documents say how far into the input they end, streamed or
// read whole, so progress moves within one file.
func TestReadTo(t *testing.T) {
	var b strings.Builder
	for b.Len() < 20000 {
		b.WriteString(strings.Repeat("Kerry met Lavrov in Geneva. ", 5) + "\n\n")
	}
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	size := int64(b.Len())
	opt := DefaultOptions()
	opt.MaxDocBytes = 1000
	check := func(name string, docs []Document, exact bool) {
		t.Helper()
		if len(docs) < 15 {
			t.Fatalf("%s: %d parts", name, len(docs))
		}
		for i, d := range docs {
			if d.ReadTo <= 0 || d.ReadTo > size || i > 0 && d.ReadTo <= docs[i-1].ReadTo {
				t.Fatalf("%s: part %d ReadTo %d (previous %d, size %d)", name, i, d.ReadTo, docs[max(i-1, 0)].ReadTo, size)
			}
			if exact && d.ReadTo != int64(d.Offset+len(d.Text)) {
				t.Errorf("%s: part %d ReadTo %d, want %d", name, i, d.ReadTo, d.Offset+len(d.Text))
			}
		}
		if last := docs[len(docs)-1].ReadTo; last < size-10 {
			t.Errorf("%s: last ReadTo %d of %d", name, last, size)
		}
	}
	whole, err := readAll(t, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	check("whole", whole, true)
	defer func(old int64) { streamThreshold = old }(streamThreshold)
	streamThreshold = 1000
	parts, err := readAll(t, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	check("streamed", parts, true)
}
