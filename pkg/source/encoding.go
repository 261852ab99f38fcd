package source

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// legacyEncoding decides whether b, which is not valid UTF-8, is text in
// a legacy encoding (Windows-1252, Latin-1, Windows-1250, Windows-1251,
// Shift_JIS...) rather than UTF-8 with a few broken bytes. It is legacy
// when its bytes above 0x7F form fewer valid UTF-8 sequences than invalid
// bytes: "Fran\xe7ois" has one invalid byte and no valid sequence, while a
// UTF-8 article with one truncated character has many valid ones. The
// encoding is the one gogs/chardet finds most likely, with the WHATWG
// supersets (ISO-8859-1 is read as Windows-1252, as browsers do);
// Windows-1252 when the detector names nothing usable. It returns the
// encoding and its name, or nil when b should be read as UTF-8.
func legacyEncoding(b []byte) (encoding.Encoding, string) {
	if utf8.Valid(b) {
		return nil, ""
	}
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	if valid >= invalid {
		return nil, ""
	}
	sample := b[:min(len(b), 64<<10)]
	if res, err := chardet.NewTextDetector().DetectBest(sample); err == nil && res != nil {
		name := strings.ToLower(res.Charset)
		switch name {
		case "utf-8", "utf-16be", "utf-16le", "utf-32be", "utf-32le", "":
			// not a legacy encoding after all: fall through to Windows-1252
		case "iso-8859-2":
			if hasC1(sample) { // C1 bytes are letters only in Windows-1250
				return charmap.Windows1250, "windows-1250"
			}
			return charmap.ISO8859_2, "iso-8859-2"
		default:
			if enc, canon := charset.Lookup(name); enc != nil {
				return enc, canon
			}
		}
	}
	return charmap.Windows1252, "windows-1252"
}

// hasC1 reports bytes 0x80-0x9F, control codes in ISO-8859 encodings but
// letters and punctuation (curly quotes, dashes, "Š") in Windows code pages.
func hasC1(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 && c <= 0x9f {
			return true
		}
	}
	return false
}

// decodeLegacy returns b decoded to UTF-8 when it is text in a legacy
// encoding (see legacyEncoding), with a warning naming the encoding
// assumed; otherwise b itself and "".
func decodeLegacy(b []byte) ([]byte, string) {
	enc, name := legacyEncoding(b)
	if enc == nil {
		return b, ""
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return b, ""
	}
	return out, encodingWarning(name)
}

// DecodeText returns the content of a text or Markdown file as Read sees
// it: decoded to UTF-8 when it is in a legacy encoding (with the name of
// the encoding assumed), else unchanged (and ""). Offsets Read reports for
// such a file are into this text, as they are into the decompressed bytes
// of a .gz file.
func DecodeText(b []byte) ([]byte, string) {
	enc, name := legacyEncoding(b)
	if enc == nil {
		return b, ""
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return b, ""
	}
	return out, name
}

// encodingWarning says which encoding was assumed and what offsets mean.
func encodingWarning(name string) string {
	return fmt.Sprintf("not UTF-8: decoded as %s (offsets are into the UTF-8 text)", name)
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of b (a
// buffer that stops mid-character), so that it is not taken for bad bytes.
func trimPartialRune(b []byte) []byte {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return b
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return b[:len(b)-k]
			}
			return b
		}
	}
	return b
}
