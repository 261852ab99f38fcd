package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// format is how an input's content is read.
type format int

const (
	formatText format = iota
	formatMarkdown
	formatHTML
	formatJSONL
	formatJSON // .json: an array of objects, or JSON lines
)

func (f format) String() string {
	return [...]string{"text", "markdown", "html", "jsonl", "json"}[f]
}

// formatOf returns the format named by a file name's extension (after any
// ".gz"), and whether the extension was recognised.
func formatOf(name string) (format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" || ext == ".gzip" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return formatMarkdown, true
	case ".html", ".htm", ".xhtml", ".shtml":
		return formatHTML, true
	case ".jsonl", ".ndjson", ".jsonlines":
		return formatJSONL, true
	case ".json":
		return formatJSON, true
	case ".txt", ".text":
		return formatText, true
	}
	return formatText, false
}

// sniffFormat guesses the format of content without a telling name
// (standard input): JSON lines when its first non-blank line is a JSON
// object, a JSON array when it starts with "[{", HTML when it starts with a doctype or <html>, Current Events
// Markdown by its headings, text otherwise.
func sniffFormat(head []byte) format {
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(t) > 0 && t[0] == '{' {
		line := t
		if i := bytes.IndexByte(t, '\n'); i >= 0 {
			line = t[:i]
		}
		line = bytes.TrimSpace(line)
		if len(line) > 1 && line[len(line)-1] == '}' {
			return formatJSONL
		}
	}
	if len(t) > 0 && t[0] == '[' {
		if u := bytes.TrimLeft(t[1:], " \t\r\n"); len(u) > 0 && u[0] == '{' {
			return formatJSON
		}
	}
	lower := bytes.ToLower(t[:min(len(t), 512)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return formatHTML
	}
	if looksLikeCurrentEvents(head) {
		return formatMarkdown
	}
	return formatText
}

var utf8BOM = []byte("\ufeff")

// sniffLen is how much content is examined for binary data and the format.
const sniffLen = 8 << 10

// Read reads one input and calls emit for every document in it, in file
// order. The format comes from the extension (after any ".gz"); standard
// input ("-", read from opt.Stdin) and unknown extensions are sniffed (JSON
// lines or array, HTML, Current Events Markdown, else text). Gzip content,
// found by its magic bytes whatever the name, is decompressed first;
// offsets are then into the decompressed bytes.
//
// Plain text (.txt and unknown extensions) is one document: the file, ID
// its HashID, Offset 0, Title its first line when that reads as a headline
// (at most 20 words, no final full stop), Date the date in the file name
// ("...-2016-09-28.txt") if any, else the date its first lines state
// ("Published October 28, 2022", "Date: 25 October 2022", a byline or
// dateline; see bodyDate). With opt.TrimBoilerplate, the page clutter
// of every document but a Current Events item is blanked to spaces and
// listed in Document.Dropped (see Clutter: lines that do not read as a
// sentence such as "Sign in", "Subscribe", prices per month, a clutter
// tail, photo credits).
//
// Markdown (.md) is one document: the file with markup blanked to spaces
// byte for byte — heading marks, list numbers and bullets, quote marks,
// rules, link brackets and "(targets)", whole images, HTML tags,
// {{templates}}, emphasis marks (* and _ at a word edge, wiki italics of
// doubled apostrophes), backticks,
// backslash escapes, HTML entities (the "&" of "&amp;" is kept),
// "Formats: [HTML](...)" lines — and its "_Context: A, B_" lines, which
// go to Contexts (see ParseContext). YAML front matter ("---" lines at the
// top) is blanked and gives Title, Date and URL (keys title, date or
// published, url or link); otherwise Title is the first heading and Date
// the date in the file name, else the one its first lines state.
//
// Current Events Markdown (a path news/YYYY/MM/D/*.md, or a
// "### [2016-12-9](/news/...)" heading or "### Related:" list) gives one
// document per item and per Related entry instead. ID is the item's link
// path (see NewsLinkID), so the same item met in many files is one
// document; an item file's own ID comes from its path under news/, else
// from its date heading and the slug of its headline. Date comes from the
// link path, else the date heading. Topic is the "##### Topic" heading
// above the item, else the first topic prefix of its headline ("Battle of
// Aleppo: Aleppo offensive (...): Russia and ..." — prefixes end at ": ",
// or at ". " when they equal a Context name of the entry or the file uses
// that style); the prefixes are blanked from Text, and Title is the
// headline without them. URL of an item file is its first Source link.
// Text is the item's slice of the file (headline and description, or the
// Related entry), blanked as above and trimmed; Offset is where it starts.
// "### Source(s):" and "### Changes:" lists give no documents.
//
// HTML (.html, .htm) is one document: the article text extracted by
// go-trafilatura (no navigation, ads, footers or comments; paragraphs
// separated by a blank line; headings, list items and <br> lines too),
// Title, URL and Date from the page's metadata (else the file name, else a
// date line of the text, see bodyDate),
// ID the HashID of the text, Offset -1. A page without a paragraph of six
// words is ErrNoArticle.
//
// JSONL (.jsonl, .ndjson) is read as a stream, one document per line from
// the fields named in opt (dotted names reach into objects): the text
// field must be a non-empty string (or an array of strings, joined as
// paragraphs); a .json file is read the same way, as JSON lines or as one
// array of objects, one document per element (named "element N" in
// errors); ID defaults to the HashID of the text;
// Date is normalised by NormalizeDate (a date it cannot read is left out
// with a warning); Offset -1. Blank lines are skipped.
//
// For text and Markdown, Text[i] is the file's byte at Offset+i or a space
// (blanked markup or furniture, a byte-order mark, or an invalid UTF-8 byte
// replaced one for one), so Offset+i is a byte offset into the file as read;
// a mention that spans a blank is not the file's text there. Elsewhere
// invalid UTF-8 becomes U+FFFD. A document longer than opt.MaxDocBytes is
// split at paragraph boundaries into parts with IDs ID#1, ID#2, ...; a
// plain-text file over 32 MiB, compressed or not, is read part by part,
// never whole (each part is trimmed on its own). Other inputs are read
// whole up to opt.MaxRecordBytes after decompression (a JSONL line or JSON
// element up to that much each): beyond it the file, line or element is
// ErrTooLarge. A page nested deeper than MaxHTMLDepth is ErrTooLarge too.
// Control bytes (NUL, ESC, ...) in text become spaces, one for one, with a
// warning; at most MaxContextNames names are kept per context line. A FIFO,
// socket or device is ErrNotRegular, refused before it is opened.
//
// Errors name the input (*Error): ErrBinary, ErrEmpty, ErrGzip,
// ErrNoArticle, ErrTooLarge, ErrNotRegular, fs errors. Malformed JSONL lines do not stop the reading:
// the other lines are emitted and the line errors are returned together at
// the end (errors.Join of *Error with Line set, ErrMalformed; Errors splits
// them; at most 100 are listed, then a count). An error returned by emit
// stops Read and is returned unchanged; so is ctx's error when it is
// cancelled. Problems repaired on the way are in
// Document.Warnings, without the path (Document.Path has it); a problem of
// the whole file (invalid UTF-8, a split) is on its first document only.
func Read(ctx context.Context, in Input, opt Options, emit func(Document) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opt = opt.withDefaults()
	if opt.TrimBoilerplate {
		next := emit
		emit = func(d Document) error {
			trimDocument(&d)
			return next(d)
		}
	}
	var (
		r    io.Reader
		file *os.File
		size int64 = -1
	)
	if in.Path == StdinPath {
		if opt.Stdin == nil {
			return &Error{Path: in.Path, Err: errors.New("no standard input")}
		}
		r = opt.Stdin
	} else {
		// A FIFO or device would block the open or never end: refuse it
		// before opening, as directory walks skip them.
		st, err := os.Stat(in.Path)
		if err != nil {
			return pathErr(in.Path, err)
		}
		if st.IsDir() {
			return &Error{Path: in.Path, Err: errors.New("is a directory")}
		}
		if !st.Mode().IsRegular() {
			return &Error{Path: in.Path, Err: notRegular(st.Mode())}
		}
		if file, err = os.Open(in.Path); err != nil {
			return pathErr(in.Path, err)
		}
		defer file.Close()
		if st, err = file.Stat(); err != nil {
			return pathErr(in.Path, err)
		}
		if !st.Mode().IsRegular() { // replaced between the two looks
			return &Error{Path: in.Path, Err: notRegular(st.Mode())}
		}
		size = st.Size()
		r = file
	}
	if opt.BytesRead != nil {
		r = &countingReader{r: r, n: opt.BytesRead}
	}
	var pos atomic.Int64 // bytes of this input read so far, for Document.ReadTo
	r = &countingReader{r: r, n: &pos}
	emit = readToEmit(emit, &pos)
	br := bufio.NewReaderSize(r, 64<<10)
	compressed := false
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &Error{Path: in.Path, Err: fmt.Errorf("%w: %v", ErrGzip, err)}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		compressed = true
	}
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return readErr(in.Path, compressed, err)
	}
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return &Error{Path: in.Path, Err: fmt.Errorf("%w: UTF-16 text, convert it to UTF-8", ErrBinary)}
	}
	if isBinary(head) {
		return &Error{Path: in.Path, Err: ErrBinary}
	}
	f, known := formatOf(in.Path)
	if in.Path == StdinPath || !known {
		if g := sniffFormat(head); g != formatText {
			f = g
		}
	}
	if f == formatJSON {
		f = formatJSONL
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '[' {
			if bytes.HasPrefix(head, utf8BOM) {
				br.Discard(len(utf8BOM))
			}
			return readJSONArray(ctx, in.Path, br, compressed, opt, emit)
		}
	}
	if f == formatJSONL {
		return readJSONL(ctx, in.Path, br, compressed, opt, emit)
	}
	// Text is streamed in parts when it is large, compressed or not (the
	// file is read twice: once for its ID, once for the parts); other
	// formats, and text from standard input, are read whole, up to
	// opt.MaxRecordBytes after decompression.
	limit := int64(opt.maxRecordBytes())
	streamable := f == formatText && file != nil && opt.MaxDocBytes > 0
	if streamable && !compressed && size > streamThreshold {
		return readLargeText(ctx, in.Path, false, opt, emit)
	}
	if streamable {
		limit = streamThreshold
	}
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		return readErr(in.Path, compressed, err)
	}
	if int64(len(data)) > limit {
		if streamable {
			return readLargeText(ctx, in.Path, compressed, opt, emit)
		}
		what := "a " + f.String() + " file"
		if in.Path == StdinPath {
			what = "standard input"
		}
		after := ""
		if compressed {
			after = " after decompression"
		}
		hint := "give large text as a .txt file, which is read in parts"
		if f == formatText && file != nil {
			hint = "with a --max-doc-bytes above 0 it is read in parts"
		}
		return &Error{Path: in.Path, Err: fmt.Errorf("%w: more than %s%s; %s is read whole and may hold at most that (%s)",
			ErrTooLarge, byteSize(limit), after, what, hint)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &Error{Path: in.Path, Err: ErrEmpty}
	}
	if isBinary(data[min(len(data), sniffLen):min(len(data), 4*sniffLen)]) {
		return &Error{Path: in.Path, Err: ErrBinary}
	}
	var docs []Document
	switch f {
	case formatHTML:
		docs, err = readHTML(ctx, in.Path, data)
		if err != nil {
			return err
		}
	default:
		var encWarn string
		data, encWarn = decodeLegacy(data)
		docs = readTextual(in.Path, f, data, opt.TrimBoilerplate)
		if encWarn != "" && len(docs) > 0 {
			docs[0].Warnings = append([]string{encWarn}, docs[0].Warnings...)
		}
	}
	raw := string(data)
	read := pos.Load()
	for _, d := range docs {
		for _, part := range splitDocument(d, opt.MaxDocBytes) {
			if err := ctx.Err(); err != nil {
				return err
			}
			if part.Offset >= 0 && part.Offset+len(part.Text) <= len(raw) {
				part.Raw = raw[part.Offset : part.Offset+len(part.Text)]
				part.ReadTo = max(1, int64(float64(read)*float64(part.Offset+len(part.Text))/float64(len(raw))))
			} else {
				part.ReadTo = read
			}
			if err := emit(part); err != nil {
				return err
			}
		}
	}
	return nil
}

// streamThreshold is the size above which a plain-text file is read in
// parts of opt.MaxDocBytes instead of whole.
var streamThreshold int64 = 32 << 20

// reopener returns a function opening path again, decompressed when
// compressed, for the passes of readLargeText.
func reopener(path string, compressed bool) func() (io.Reader, func() error, error) {
	return func() (io.Reader, func() error, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, pathErr(path, err)
		}
		if !compressed {
			return f, f.Close, nil
		}
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
		if err != nil {
			f.Close()
			return nil, nil, &Error{Path: path, Err: fmt.Errorf("%w: %v", ErrGzip, err)}
		}
		return zr, f.Close, nil
	}
}

// readLargeText reads big plain text without holding it: a first pass
// hashes it for the ID, a second cuts it into the same parts
// splitDocument would make, one buffer of about 2*MaxDocBytes at a time.
// A compressed file is decompressed on each pass. Invalid UTF-8 and
// control bytes are repaired per part; furniture is not trimmed.
func readLargeText(ctx context.Context, path string, compressed bool, opt Options, emit func(Document) error) error {
	open := reopener(path, compressed)
	h := sha256.New()
	r, closeFile, err := open()
	if err != nil {
		return err
	}
	size, err := io.Copy(h, ctxReader{ctx, r})
	closeFile()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return readErr(path, compressed, err)
	}
	id := hex.EncodeToString(h.Sum(nil)[:16])
	if r, closeFile, err = open(); err != nil {
		return err
	}
	defer closeFile()
	// The encoding is decided once, from the head of the file.
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	enc, encName := legacyEncoding(trimPartialRune(head))
	r = br
	// ReadTo is in the units of the input's size on disk (compressed bytes
	// for .gz), size is what the hash pass read (decompressed).
	scale := 1.0
	if st, err := os.Stat(path); err == nil && size > 0 {
		scale = float64(st.Size()) / float64(size)
	}
	max := opt.MaxDocBytes
	buf := make([]byte, 0, 2*max+1)
	offset, part := 0, 0
	var rawOffset int64
	eof := false
	title, date := "", nameDate(path)
	for {
		for len(buf) <= max && !eof {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return readErr(path, compressed, err)
			}
		}
		if len(buf) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		end := len(buf)
		if end > max {
			end = cutPoint(buf, max)
		}
		var chunk []byte
		var warn string
		if enc != nil { // a legacy encoding: offsets are into the UTF-8 text
			var derr error
			if chunk, derr = enc.NewDecoder().Bytes(buf[:end]); derr != nil {
				chunk, warn = repairUTF8Bytes(buf[:end])
			} else if part == 0 {
				warn = encodingWarning(encName)
			}
		} else {
			chunk, warn = repairUTF8Bytes(buf[:end])
		}
		chunk, cwarn := blankControls(chunk)
		if part == 0 && bytes.HasPrefix(chunk, utf8BOM) {
			chunk = append([]byte(nil), chunk...)
			blank(chunk[:len(utf8BOM)])
		}
		part++
		if part == 1 {
			title = textTitle(chunk)
			if date == "" {
				date = bodyDate(chunk)
			}
		}
		d := Document{Path: path, ID: partID(id, part), Title: title, Date: date, Text: string(chunk), Offset: offset,
			ReadTo: int64(math.Round(float64(rawOffset+int64(end)) * scale))}
		for _, w := range []string{warn, cwarn} {
			if w != "" {
				d.Warnings = append(d.Warnings, w)
			}
		}
		if part == 1 {
			d.Warnings = append(d.Warnings, splitWarning(id, int(size), max))
		}
		if err := emit(d); err != nil {
			return err
		}
		offset += len(chunk)
		rawOffset += int64(end)
		buf = buf[:copy(buf, buf[end:])]
	}
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// notRegular is the reason a FIFO, socket or device is not read.
func notRegular(m fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("%w: %s, not read (give standard input as -)", ErrNotRegular, kind)
}

// byteSize prints n as KiB, MiB or GiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readErr wraps a read error, as ErrGzip when it came from decompression.
func readErr(path string, compressed bool, err error) error {
	if compressed && !errors.Is(err, os.ErrClosed) {
		var pe *os.PathError
		if !errors.As(err, &pe) {
			return &Error{Path: path, Err: fmt.Errorf("%w: %v", ErrGzip, err)}
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &Error{Path: path, Err: fsReason{fmt.Errorf("read: %w", pe.Err), err}}
	}
	return &Error{Path: path, Err: fmt.Errorf("read: %w", err)}
}

// readTextual reads text and Markdown content. Offsets stay those of the
// file: invalid UTF-8 bytes become spaces, one for one.
func readTextual(path string, f format, data []byte, trim bool) []Document {
	id := hashID(data)
	clean, warn := repairUTF8Bytes(data)
	clean, cwarn := blankControls(clean)
	if bytes.HasPrefix(clean, utf8BOM) { // a byte-order mark is no text
		clean = append([]byte(nil), clean...)
		blank(clean[:len(utf8BOM)])
	}
	titleText := clean
	if trim && f == formatText {
		// The title is the first line that is no clutter; the clutter
		// itself is blanked later, with every document's (trimDocument).
		titleText = append([]byte(nil), clean...)
		trimBoilerplate(titleText)
	}
	var docs []Document
	cwarn2 := ""
	switch {
	case f == formatMarkdown && (isCurrentEventsPath(path) || looksLikeCurrentEvents(clean)):
		text, ctxs := blankMarkdown(clean)
		cwarn2 = contextWarning(ctxs)
		docs = parseCurrentEvents(path, clean, text, ctxs)
		if len(docs) == 0 { // headings only: read it as plain Markdown
			docs = []Document{markdownDoc(path, id, clean, text, ctxs)}
		}
	case f == formatMarkdown:
		text, ctxs := blankMarkdown(clean)
		cwarn2 = contextWarning(ctxs)
		docs = []Document{markdownDoc(path, id, clean, text, ctxs)}
	default:
		docs = []Document{{Path: path, ID: id, Text: string(clean), Offset: 0, Title: textTitle(titleText)}}
	}
	if f != formatMarkdown || len(docs) == 1 && docs[0].ID == id { // not Current Events
		if d := nameDate(path); d != "" && docs[0].Date == "" {
			docs[0].Date = d
		}
		if docs[0].Date == "" {
			docs[0].Date = bodyDate([]byte(docs[0].Text))
		}
	}
	for _, w := range []string{warn, cwarn, cwarn2} {
		if w != "" && len(docs) > 0 { // once per file, on its first document
			docs[0].Warnings = append(docs[0].Warnings, w)
		}
	}
	for i := range docs {
		capContexts(&docs[i])
	}
	return docs
}

// markdownDoc is a whole Markdown file as one document; its title is its
// first heading.
func markdownDoc(path, id string, raw, text []byte, ctxs []contextLine) Document {
	fm := parseFrontMatter(raw)
	if fm.end > 0 {
		blank(text[:fm.end])
	}
	d := Document{Path: path, ID: id, Text: string(text), Offset: 0, Title: fm.title, URL: fm.url, Date: NormalizeDate(fm.date)}
	for _, c := range ctxs {
		if c.pos >= fm.end {
			d.Contexts = append(d.Contexts, c.names)
		}
	}
	for start := fm.end; start < len(raw) && d.Title == ""; {
		end := bytes.IndexByte(raw[start:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += start
		}
		if reHeading.Match(raw[start:end]) {
			if t := strings.Join(strings.Fields(string(text[start:end])), " "); t != "" {
				d.Title = t
				break
			}
		}
		start = end + 1
	}
	return d
}

// frontMatter is what a Markdown file's YAML front matter says.
type frontMatter struct {
	end              int // bytes it takes, 0 when there is none
	title, date, url string
}

// parseFrontMatter reads a "---" ... "---" block at the start of a Markdown
// file (within its first 64 KiB): its title, date (or published,
// publishDate, pubDate) and url (or link, canonical) keys.
func parseFrontMatter(raw []byte) frontMatter {
	var fm frontMatter
	if !bytes.HasPrefix(raw, []byte("---\n")) && !bytes.HasPrefix(raw, []byte("---\r\n")) {
		return fm
	}
	head := raw[:min(len(raw), 64<<10)]
	start := bytes.IndexByte(head, '\n') + 1
	for pos := start; pos < len(head); {
		end := bytes.IndexByte(head[pos:], '\n')
		if end < 0 {
			return frontMatter{} // not closed within reach: no front matter
		}
		end += pos
		line := strings.TrimRight(string(head[pos:end]), "\r")
		if line == "---" || line == "..." {
			fm.end = end + 1
			return fm
		}
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") {
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "title":
				fm.title = v
			case "date", "published", "publishdate", "pubdate", "published_at":
				if fm.date == "" {
					fm.date = v
				}
			case "url", "link", "canonical", "canonical_url":
				if fm.url == "" {
					fm.url = v
				}
			}
		}
		pos = end + 1
	}
	return frontMatter{}
}

var reNameDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)[-_.](\d{1,2})[-_.](\d{1,2})(?:[^0-9]|$)`)

// nameDate returns the date in a file's base name ("al-monitor-2016-09-28.txt",
// "2016_9_28-report.md"), or "".
func nameDate(path string) string {
	m := reNameDate.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return ""
	}
	return mkdate(m[1], atoi(m[2]), atoi(m[3]))
}

// textTitle returns the first non-blank line of a text when it reads as a
// headline: at most 20 words, not ending in a full stop.
func textTitle(text []byte) string {
	for _, line := range bytes.SplitN(text, []byte("\n"), 50) {
		t := strings.Join(strings.Fields(string(line)), " ")
		if t == "" {
			continue
		}
		if n := len(strings.Fields(t)); n > 20 || strings.HasSuffix(t, ".") {
			return ""
		}
		return t
	}
	return ""
}

// hashID is the ID of content without one: the hex of the first 16 bytes of
// its SHA-256.
func hashID(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// HashID returns the ID graphbuild gives a text without one: the hex of the
// first 16 bytes of its SHA-256 (32 hex digits).
func HashID(text string) string { return hashID([]byte(text)) }

// isBinary reports content that is not text: a NUL byte, the signature of a
// known binary format, or more than 10% control bytes (other than tab, line
// feed, carriage return, form feed, vertical tab and escape).
func isBinary(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	for _, sig := range binarySignatures {
		if bytes.HasPrefix(b, sig) {
			return true
		}
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f {
			ctl++
		}
	}
	return ctl*10 > len(b)
}

var binarySignatures = [][]byte{
	[]byte("%PDF-"), []byte("PK\x03\x04"), []byte("\x89PNG"), []byte("\xff\xd8\xff"),
	[]byte("GIF87a"), []byte("GIF89a"), []byte("\x7fELF"), []byte("BZh91AY&SY"), []byte("\xfd7zXZ"),
	[]byte("7z\xbc\xaf"), []byte("Rar!\x1a"), []byte("\x28\xb5\x2f\xfd"), []byte("SQLite format 3"),
	[]byte("\xca\xfe\xba\xbe"),
}

// repairUTF8Bytes replaces every byte that is not part of valid UTF-8 with
// one space, so byte offsets do not move, and describes what it did.
func repairUTF8Bytes(b []byte) ([]byte, string) {
	if utf8.Valid(b) {
		return b, ""
	}
	out := append([]byte(nil), b...)
	n, first := 0, -1
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		if r == utf8.RuneError && size == 1 {
			out[i] = ' '
			n++
			if first < 0 {
				first = i
			}
		}
		i += size
	}
	return out, fmt.Sprintf("invalid UTF-8: %d byte(s) replaced by spaces (first at byte %d)", n, first)
}

// isControl reports the bytes blankControls replaces: C0 controls other
// than tab, line feed, vertical tab, form feed and carriage return, and DEL.
func isControl(c byte) bool {
	return c < 0x20 && (c < '\t' || c > '\r') || c == 0x7f
}

// blankControls replaces control bytes (NUL, ESC, ...) with spaces one for
// one, so they reach no name and offsets do not move, and describes what it
// did.
func blankControls(b []byte) ([]byte, string) {
	first := -1
	for i, c := range b {
		if isControl(c) {
			first = i
			break
		}
	}
	if first < 0 {
		return b, ""
	}
	out := append([]byte(nil), b...)
	n := 0
	for i := first; i < len(out); i++ {
		if isControl(out[i]) {
			out[i] = ' '
			n++
		}
	}
	return out, fmt.Sprintf("%d control byte(s) such as NUL replaced by spaces (first at byte %d)", n, first)
}

// blankControlsString is blankControls for text that is not a slice of
// the file.
func blankControlsString(s string) (string, string) {
	b, warn := blankControls([]byte(s))
	if warn == "" {
		return s, ""
	}
	return string(b), warn
}

// repairUTF8String replaces every invalid byte with U+FFFD, for text whose
// offsets are not file offsets, and describes what it did.
func repairUTF8String(s string) (string, string) {
	if utf8.ValidString(s) {
		return s, ""
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
			n++
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), fmt.Sprintf("invalid UTF-8: %d byte(s) replaced by U+FFFD", n)
}

// readToEmit fills Document.ReadTo, when the reader did not, with the
// bytes of the input read so far.
func readToEmit(emit func(Document) error, pos *atomic.Int64) func(Document) error {
	return func(d Document) error {
		if d.ReadTo <= 0 {
			d.ReadTo = pos.Load()
		}
		return emit(d)
	}
}

// countingReader adds the bytes read through it to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}
