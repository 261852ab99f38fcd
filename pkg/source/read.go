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
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// format is how an input's content is read.
type format int

const (
	formatText format = iota
	formatMarkdown
	formatHTML
	formatJSONL
)

func (f format) String() string {
	return [...]string{"text", "markdown", "html", "jsonl"}[f]
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
	case ".txt", ".text":
		return formatText, true
	}
	return formatText, false
}

// sniffFormat guesses the format of content without a telling name
// (standard input): JSON lines when its first non-blank line is a JSON
// object, HTML when it starts with a doctype or <html>, Current Events
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
	lower := bytes.ToLower(t[:min(len(t), 512)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return formatHTML
	}
	if looksLikeCurrentEvents(head) {
		return formatMarkdown
	}
	return formatText
}

// sniffLen is how much content is examined for binary data and the format.
const sniffLen = 8 << 10

// Read reads one input and calls emit for every document in it, in file
// order. Text and unknown extensions give one document (the file); Markdown
// one document with markup blanked, or, for Current Events Markdown, one
// per item and Related entry; HTML one document with the article text;
// JSONL one per line. Gzip-compressed content (by magic bytes) is
// decompressed first; "-" reads opt.Stdin and guesses its format.
//
// Errors name the input (*Error): ErrBinary, ErrEmpty, ErrGzip, I/O errors.
// Malformed JSONL lines do not stop the reading: the other lines are
// emitted and the line errors are returned together at the end
// (errors.Join of *Error with Line set). An error returned by emit stops
// Read and is returned unchanged; so is ctx's error when it is cancelled.
// Problems repaired on the way (invalid UTF-8, a split document) are in
// Document.Warnings.
func Read(ctx context.Context, in Input, opt Options, emit func(Document) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opt = opt.withDefaults()
	var r io.Reader
	if in.Path == StdinPath {
		if opt.Stdin == nil {
			return &Error{Path: in.Path, Err: errors.New("no standard input")}
		}
		r = opt.Stdin
	} else {
		f, err := os.Open(in.Path)
		if err != nil {
			return pathErr(in.Path, err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return &Error{Path: in.Path, Err: errors.New("is a directory")}
		}
		r = f
	}
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
	if isBinary(head) {
		return &Error{Path: in.Path, Err: ErrBinary}
	}
	f, known := formatOf(in.Path)
	if in.Path == StdinPath || !known {
		if g := sniffFormat(head); g != formatText {
			f = g
		}
	}
	if f == formatJSONL {
		return readJSONL(ctx, in.Path, br, compressed, opt, emit)
	}
	data, err := io.ReadAll(br)
	if err != nil {
		return readErr(in.Path, compressed, err)
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
		docs = readTextual(in.Path, f, data, opt.TrimBoilerplate)
	}
	for _, d := range docs {
		for _, part := range splitDocument(d, opt.MaxDocBytes) {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(part); err != nil {
				return err
			}
		}
	}
	return nil
}

// readErr wraps a read error, as ErrGzip when it came from decompression.
func readErr(path string, compressed bool, err error) error {
	if compressed && !errors.Is(err, os.ErrClosed) {
		var pe *os.PathError
		if !errors.As(err, &pe) {
			return &Error{Path: path, Err: fmt.Errorf("%w: %v", ErrGzip, err)}
		}
	}
	return pathErr(path, fmt.Errorf("read: %w", err))
}

// readTextual reads text and Markdown content. Offsets stay those of the
// file: invalid UTF-8 bytes become spaces, one for one.
func readTextual(path string, f format, data []byte, trim bool) []Document {
	id := hashID(data)
	clean, warn := repairUTF8Bytes(path, data)
	if trim && f == formatText {
		clean = append([]byte(nil), clean...)
		trimBoilerplate(clean)
	}
	var docs []Document
	switch {
	case f == formatMarkdown && (isCurrentEventsPath(path) || looksLikeCurrentEvents(clean)):
		text, ctxs := blankMarkdown(clean)
		docs = parseCurrentEvents(path, clean, text, ctxs)
		if len(docs) == 0 { // headings only: read it as plain Markdown
			docs = []Document{markdownDoc(path, id, clean, text, ctxs)}
		}
	case f == formatMarkdown:
		text, ctxs := blankMarkdown(clean)
		docs = []Document{markdownDoc(path, id, clean, text, ctxs)}
	default:
		docs = []Document{{Path: path, ID: id, Text: string(clean), Offset: 0}}
	}
	if warn != "" {
		for i := range docs {
			docs[i].Warnings = append(docs[i].Warnings, warn)
		}
	}
	return docs
}

// markdownDoc is a whole Markdown file as one document; its title is its
// first heading.
func markdownDoc(path, id string, raw, text []byte, ctxs []contextLine) Document {
	d := Document{Path: path, ID: id, Text: string(text), Offset: 0}
	for _, c := range ctxs {
		d.Contexts = append(d.Contexts, c.names)
	}
	for start := 0; start < len(raw); {
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
func repairUTF8Bytes(path string, b []byte) ([]byte, string) {
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
	return out, fmt.Sprintf("%s: invalid UTF-8: %d byte(s) replaced by spaces (first at byte %d)", path, n, first)
}

// repairUTF8String replaces every invalid byte with U+FFFD, for text whose
// offsets are not file offsets, and describes what it did.
func repairUTF8String(path string, s string) (string, string) {
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
	return b.String(), fmt.Sprintf("%s: invalid UTF-8: %d byte(s) replaced by U+FFFD", path, n)
}
