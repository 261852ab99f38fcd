package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Options configures Expand and Read. Start from DefaultOptions; the zero
// value also works (empty field names fall back to the defaults, no size
// limit, no standard input).
type Options struct {
	// TextField, IDField, DateField, TitleField and URLField name the JSON
	// fields of a JSONL line (defaults "text", "id", "date", "title", "url").
	// A dotted name ("meta.date") reaches into nested objects.
	TextField, IDField, DateField, TitleField, URLField string

	// Include and Exclude are glob patterns (path.Match syntax) applied to
	// the files found while walking a directory: a file is taken when its
	// base name or its slash-separated path relative to the walked
	// directory matches an Include pattern (all files when Include is
	// empty, except those with a well-known binary extension), and skipped
	// when either matches an Exclude pattern; a directory whose name
	// matches an Exclude pattern is not entered. Files named explicitly on
	// the command line are always taken.
	Include, Exclude []string

	// MaxDocBytes splits a document whose Text is longer than this many
	// bytes at paragraph boundaries (blank lines) into parts of at most
	// MaxDocBytes bytes each, reported as a Warning on the first part.
	// 0 means no limit.
	MaxDocBytes int

	// MaxRecordBytes bounds what is held in memory for one record: a JSONL
	// line, a JSON array element, and a file that is read whole (Markdown,
	// HTML, JSON, text from standard input), counted after decompression.
	// A longer one is an error (ErrTooLarge) naming it; the rest of the
	// input goes on where it can (the next JSONL line). Plain-text files
	// have no such bound: they are read in parts of MaxDocBytes, compressed
	// or not. 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int

	// TrimBoilerplate blanks web-page clutter ("Sign in", newsletter
	// lists, membership offers, prices, photo credits) in every document
	// but Current Events items, byte for byte so offsets stay those of the
	// file, and lists it in Document.Dropped; see Clutter. A line that
	// reads as a sentence is never clutter. On in DefaultOptions.
	TrimBoilerplate bool

	// Stdin is read for the input "-". Nil makes "-" an error.
	Stdin io.Reader

	// BytesRead, when set, is advanced by the bytes Read takes from files
	// and standard input as it goes (compressed bytes for .gz, as
	// Input.Size counts them), so a caller can show progress inside a
	// large input. Safe to share between concurrent Reads.
	BytesRead *atomic.Int64
}

// DefaultMaxDocBytes is the MaxDocBytes of DefaultOptions: 1 MiB.
const DefaultMaxDocBytes = 1 << 20

// DefaultMaxRecordBytes is the MaxRecordBytes used when it is 0: 64 MiB.
const DefaultMaxRecordBytes = 64 << 20

func (o Options) maxRecordBytes() int {
	if o.MaxRecordBytes > 0 {
		return o.MaxRecordBytes
	}
	return DefaultMaxRecordBytes
}

// DefaultOptions returns the options graphbuild uses unless told otherwise:
// JSONL fields text, id, date, title, url; no include/exclude patterns;
// documents split above DefaultMaxDocBytes; web-page furniture trimmed from
// plain text.
func DefaultOptions() Options {
	return Options{
		TrimBoilerplate: true,
		TextField:       "text",
		IDField:         "id",
		DateField:       "date",
		TitleField:      "title",
		URLField:        "url",
		MaxDocBytes:     DefaultMaxDocBytes,
	}
}

// withDefaults fills empty field names.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.TextField == "" {
		o.TextField = d.TextField
	}
	if o.IDField == "" {
		o.IDField = d.IDField
	}
	if o.DateField == "" {
		o.DateField = d.DateField
	}
	if o.TitleField == "" {
		o.TitleField = d.TitleField
	}
	if o.URLField == "" {
		o.URLField = d.URLField
	}
	return o
}

// Input is one thing to read: a file path, or "-" for standard input.
type Input struct {
	// Path is the file path ("-" for standard input).
	Path string
	// Size is the file size in bytes as found by Expand, -1 when unknown
	// (standard input). For a compressed file it is the compressed size.
	Size int64
}

// StdinPath is the Path of the standard-input Input.
const StdinPath = "-"

var (
	// ErrBinary reports an input whose content is not text: NUL bytes, a
	// high share of control bytes, or the signature of a known binary
	// format in its first 8 KiB, whatever its name.
	ErrBinary = errors.New("binary file, not text")
	// ErrEmpty reports an input with no content (nothing but white space).
	ErrEmpty = errors.New("empty file")
	// ErrGzip reports a compressed input that cannot be decompressed.
	ErrGzip = errors.New("broken gzip")
	// ErrMalformed reports a JSONL line that is not a JSON object with a
	// text field.
	ErrMalformed = errors.New("malformed JSONL line")
	// ErrNoMatch reports a glob pattern that matched nothing.
	ErrNoMatch = errors.New("no file matches")
	// ErrTooLarge reports a record (JSONL line, JSON element, file read
	// whole) longer than Options.MaxRecordBytes, or an HTML page nested
	// deeper than MaxHTMLDepth.
	ErrTooLarge = errors.New("too large")
	// ErrNotRegular reports an input that is a FIFO, socket or device:
	// reading one could block forever.
	ErrNotRegular = errors.New("not a regular file")
)

// Error is the error type of Expand and Read: the input it concerns (and the
// 1-based line for a JSONL line), and the reason. Its message is one line,
// "path: reason" or "path:line: reason"; errors.Is sees through it to the
// reason (ErrBinary, ErrEmpty, fs.ErrNotExist, ...).
type Error struct {
	Path string
	Line int // 0 when the error is not about one line
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", ShowPath(e.Path), e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", ShowPath(e.Path), e.Err)
}

// ShowPath returns path as messages print it: unchanged when it is plain
// printable text, else quoted as %q does, so a name holding a newline, an
// escape sequence or invalid UTF-8 can neither break a message line nor
// reach the terminal raw.
func ShowPath(path string) string {
	for _, r := range path {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return strconv.Quote(path)
		}
	}
	return path
}

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// pathErr wraps err with path, dropping a *fs.PathError's own copy of the
// path so the message names the input once ("x.txt: permission denied").
func pathErr(path string, err error) error {
	if e, ok := err.(*Error); ok {
		return e
	}
	if pe, ok := err.(*fs.PathError); ok {
		err = fsReason{pe.Err, err}
	}
	return &Error{Path: path, Err: err}
}

// fsReason prints the inner reason of an *fs.PathError but still unwraps to
// the original so errors.Is(err, fs.ErrNotExist) holds.
type fsReason struct {
	msg  error
	orig error
}

func (r fsReason) Error() string { return r.msg.Error() }
func (r fsReason) Unwrap() error { return r.orig }

// Errors splits an error returned by Read into its one-line errors: the
// line errors of a JSONL input are joined (errors.Join) into one error
// whose message has a line each; Errors returns them one by one, and any
// other error as the only element. It returns nil for nil.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Errors(e)...)
		}
		return out
	}
	return []error{err}
}
