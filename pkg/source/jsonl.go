package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// maxLineErrors is how many malformed JSONL lines of one input are reported
// one by one; the rest are counted in one more error.
const maxLineErrors = 100

// readJSONL reads one document per line, streaming. A line that is not a
// JSON object, or lacks a non-empty string text field, is a line error
// (ErrMalformed with its line number); reading goes on. Blank lines are
// skipped. Offset is -1.
func readJSONL(ctx context.Context, path string, br *bufio.Reader, compressed bool, opt Options, emit func(Document) error) error {
	var (
		lineErrs []error
		dropped  int
		lineNo   int
		nonBlank bool
	)
	lineErr := func(err error) {
		if len(lineErrs) < maxLineErrors {
			lineErrs = append(lineErrs, &Error{Path: path, Line: lineNo, Err: err})
		} else {
			dropped++
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, long, rerr := readLine(br, opt.maxRecordBytes())
		if long > 0 && (rerr == nil || rerr == io.EOF) {
			lineNo++
			nonBlank = true
			lineErr(fmt.Errorf("%w: line of %.1f MiB, longer than the %s a JSONL line may have; skipped", ErrTooLarge, float64(long)/(1<<20), byteSize(int64(opt.maxRecordBytes()))))
			line = nil
		}
		// A line cut off by a read error (a truncated gzip stream) is not
		// parsed: the read error below reports it, once.
		if len(line) > 0 && (rerr == nil || rerr == io.EOF) {
			lineNo++
			trimmed := bytes.TrimSpace(line)
			if lineNo == 1 {
				trimmed = bytes.TrimPrefix(trimmed, utf8BOM)
			}
			if len(trimmed) > 0 {
				nonBlank = true
				doc, err := jsonlDoc(path, lineNo, trimmed, opt)
				if err != nil {
					lineErr(err)
				} else {
					for _, part := range splitDocument(doc, opt.MaxDocBytes) {
						if err := emit(part); err != nil {
							return err
						}
					}
				}
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			lineErrs = append(lineErrs, readErr(path, compressed, rerr))
			break
		}
	}
	if !nonBlank && len(lineErrs) == 0 {
		return &Error{Path: path, Err: ErrEmpty}
	}
	if dropped > 0 {
		lineErrs = append(lineErrs, &Error{Path: path, Err: fmt.Errorf("%w: %d more malformed lines not listed", ErrMalformed, dropped)})
	}
	return errors.Join(lineErrs...)
}

// readLine reads one line (with its '\n') of at most max bytes. A longer
// line is read to its end but not kept: line is nil and long its length so
// far (at least max+1), so memory stays bounded whatever the input.
func readLine(br *bufio.Reader, max int) (line []byte, long int, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		switch {
		case long > 0:
			long += len(frag)
		case len(line)+len(frag) > max:
			long = len(line) + len(frag)
			line = nil
		default:
			line = append(line, frag...)
		}
		if err != bufio.ErrBufferFull {
			return line, long, err
		}
	}
}

// jsonlDoc makes the document of one JSONL line.
func jsonlDoc(path string, lineNo int, line []byte, opt Options) (Document, error) {
	var warnings []string
	if !utf8.Valid(line) {
		n := 0
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size == 1 {
				n++
			}
			i += size
		}
		warnings = append(warnings, fmt.Sprintf("line %d: invalid UTF-8: %d byte(s) replaced by U+FFFD", lineNo, n))
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrMalformed, jsonReason(err))
	}
	if dec.More() {
		return Document{}, fmt.Errorf("%w: more than one JSON value on the line", ErrMalformed)
	}
	return objectDoc(path, fmt.Sprintf("line %d", lineNo), obj, warnings, opt)
}

// objectDoc makes the document of one decoded JSON object; where ("line
// 3", "element 3") prefixes its warnings.
func objectDoc(path, where string, obj map[string]any, warnings []string, opt Options) (Document, error) {
	if obj == nil {
		return Document{}, fmt.Errorf("%w: not a JSON object", ErrMalformed)
	}
	tv, ok := field(obj, opt.TextField)
	text, isText := textValue(tv)
	switch {
	case !ok:
		return Document{}, fmt.Errorf("%w: no %q field", ErrMalformed, opt.TextField)
	case !isText:
		return Document{}, fmt.Errorf("%w: field %q is not a string", ErrMalformed, opt.TextField)
	case strings.TrimSpace(text) == "":
		return Document{}, fmt.Errorf("%w: field %q is empty", ErrMalformed, opt.TextField)
	}
	text, cwarn := blankControlsString(text)
	if cwarn != "" {
		warnings = append(warnings, where+": "+cwarn)
	}
	d := Document{Path: path, Text: text, Offset: -1, Warnings: warnings}
	if v, ok := field(obj, opt.IDField); ok {
		d.ID = scalarString(v)
	}
	if d.ID == "" {
		d.ID = HashID(text)
	}
	if v, ok := field(obj, opt.DateField); ok {
		raw := scalarString(v)
		d.Date = NormalizeDate(raw)
		if d.Date == "" && raw != "" {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s: date %q not understood, left out", where, raw))
		}
	}
	if v, ok := field(obj, opt.TitleField); ok {
		t, _ := blankControlsString(scalarString(v))
		d.Title = strings.Join(strings.Fields(t), " ")
	}
	if v, ok := field(obj, opt.URLField); ok {
		d.URL = scalarString(v)
	}
	return d, nil
}

// textValue accepts a string, or an array of strings (paragraphs), joined by
// blank lines.
func textValue(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []any:
		parts := make([]string, 0, len(x))
		for _, p := range x {
			s, ok := p.(string)
			if !ok {
				return "", false
			}
			if strings.TrimSpace(s) != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n\n"), true
	}
	return "", false
}

// readJSONArray reads a .json file holding an array of objects, one
// document per element, as a stream. An element that makes no document is
// an error naming it ("element 3"); a syntax error ends the reading.
func readJSONArray(ctx context.Context, path string, br *bufio.Reader, compressed bool, opt Options, emit func(Document) error) error {
	cr := &capReader{r: br, max: int64(opt.maxRecordBytes())}
	dec := json.NewDecoder(cr)
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return &Error{Path: path, Err: fmt.Errorf("%w: a .json input must hold an array of objects or one object per line", ErrMalformed)}
	}
	var errs []error
	n, docs := 1, 0
	for ; dec.More(); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var obj map[string]any
		cr.start = dec.InputOffset()
		if err := dec.Decode(&obj); err != nil {
			if errors.Is(err, ErrTooLarge) {
				return errors.Join(append(errs, &Error{Path: path, Err: fmt.Errorf("element %d: %w: more than the %s an element may have; the rest of the file is not read", n, ErrTooLarge, byteSize(cr.max))})...)
			}
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				if compressed && !errors.As(err, new(*json.SyntaxError)) {
					return errors.Join(append(errs, readErr(path, compressed, err))...)
				}
				return errors.Join(append(errs, &Error{Path: path, Err: fmt.Errorf("element %d: %w: %v", n, ErrMalformed, jsonReason(err))})...)
			}
			obj = nil
		}
		d, err := objectDoc(path, fmt.Sprintf("element %d", n), obj, nil, opt)
		if err != nil {
			if len(errs) < maxLineErrors {
				errs = append(errs, &Error{Path: path, Err: fmt.Errorf("element %d: %w", n, err)})
			}
			continue
		}
		docs++
		for _, part := range splitDocument(d, opt.MaxDocBytes) {
			if err := emit(part); err != nil {
				return err
			}
		}
	}
	if n == 1 {
		return &Error{Path: path, Err: ErrEmpty}
	}
	return errors.Join(errs...)
}

// capReader fails a read once more than max bytes were read since start
// (the offset where the element being decoded began), so a decoder never
// buffers an element longer than that.
type capReader struct {
	r          io.Reader
	read       int64
	start, max int64
}

func (c *capReader) Read(p []byte) (int, error) {
	left := c.max - (c.read - c.start)
	if left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > left+1 {
		p = p[:left+1]
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	return n, err
}

// field looks up a dotted field name ("meta.date") in a decoded object; an
// exact key with dots in it wins.
func field(obj map[string]any, name string) (any, bool) {
	if v, ok := obj[name]; ok {
		return v, v != nil
	}
	cur := obj
	parts := strings.Split(name, ".")
	for i, p := range parts {
		v, ok := cur[p]
		if !ok || v == nil {
			return nil, false
		}
		if i == len(parts)-1 {
			return v, true
		}
		next, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		cur = next
	}
	return nil, false
}

// scalarString renders a string or number field; other values give "".
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}

// jsonReason shortens encoding/json's messages.
func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "not a JSON object"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "unexpected end of line"
	}
	return err.Error()
}
