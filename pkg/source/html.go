package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"
)

// MaxHTMLDepth is the deepest element nesting of a page that is read: the
// extractor's time grows with the square of the depth (a 110 KB page of
// 10,000 nested elements took 78 s), and real pages stay far below it.
const MaxHTMLDepth = 512

// htmlDepth returns the element nesting depth of a page as a browser would
// build it, near enough: void elements do not nest, an end tag closes up to
// its start tag (a stray one is ignored), and a p, li, option, dt, dd, tr,
// td or th start tag closes an open one of its kind on top. It stops
// counting above limit.
func htmlDepth(data []byte, limit int) int {
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []string
	deepest := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				continue
			}
			if selfClosing[tag] && len(stack) > 0 && stack[len(stack)-1] == tag {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, tag)
			deepest = max(deepest, len(stack))
			if deepest > limit {
				return deepest
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == string(name) {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

var selfClosing = map[string]bool{"p": true, "li": true, "option": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true}

// ErrNoArticle reports an HTML page in which no article text was found (no
// paragraph of six words or more).
var ErrNoArticle = errors.New("no article text found in HTML page")

// readHTML extracts the article text of a web page with go-trafilatura
// (main content only: no navigation, ads, footers, comments), with the
// title, URL and publication date from the page's metadata. Offset is -1:
// the text is not a slice of the file. A page that is not UTF-8 is decoded
// from the encoding its meta tag declares (or a guessed legacy one, such as
// windows-1252), with a warning; invalid UTF-8 in a UTF-8 page is replaced
// with U+FFFD and reported. The ID is the hash of the extracted text, so two
// saved copies of one article with different page furniture are one
// document. A page nested deeper than MaxHTMLDepth is ErrTooLarge; an
// interruption (ctx) returns at once.
func readHTML(ctx context.Context, path string, data []byte) (docs []Document, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if d := htmlDepth(data, MaxHTMLDepth); d > MaxHTMLDepth {
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: HTML elements nested more than %d deep, not read", ErrTooLarge, MaxHTMLDepth)}
	}
	// The extractor cannot be interrupted: it runs on its own goroutine
	// and an interruption returns at once, leaving it to finish alone.
	type result struct {
		docs []Document
		err  error
	}
	done := make(chan result, 1)
	go func() {
		docs, err := extractHTML(path, data)
		done <- result{docs, err}
	}()
	select {
	case r := <-done:
		return r.docs, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// extractHTML is readHTML's work, without the checks.
func extractHTML(path string, data []byte) (docs []Document, err error) {
	defer func() { // the extractor is large; never let it take the process down
		if r := recover(); r != nil {
			docs, err = nil, &Error{Path: path, Err: fmt.Errorf("extract HTML: internal error: %v", r)}
		}
	}()
	s, warn := decodeHTML(data)
	// Parse the page ourselves: go-trafilatura's own input path runs a
	// second charset guess over text that is already UTF-8 and a
	// normalising transform chain that can fail on some pages ("transform:
	// short internal buffer"); NFC and soft-hyphen removal done here on
	// the whole string cannot.
	s = norm.NFC.String(strings.ReplaceAll(s, "\u00ad", ""))
	doc, perr := html.Parse(strings.NewReader(s))
	if perr != nil {
		return nil, &Error{Path: path, Err: fmt.Errorf("parse HTML: %w", perr)}
	}
	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  true,
		HtmlDateMode:    trafilatura.Fast,
	}
	res, xerr := trafilatura.ExtractDocument(doc, opts)
	if xerr != nil {
		return nil, &Error{Path: path, Err: fmt.Errorf("extract HTML: %w: %v", ErrNoArticle, xerr)}
	}
	body := blockText(res.ContentNode)
	if strings.TrimSpace(body) == "" {
		body = res.ContentText
	}
	text, cwarn := blankControlsString(cleanExtracted(body))
	if !hasSentence(text) {
		return nil, &Error{Path: path, Err: ErrNoArticle}
	}
	d := Document{
		Path:   path,
		ID:     HashID(text),
		Title:  strings.Join(strings.Fields(res.Metadata.Title), " "),
		URL:    res.Metadata.URL,
		Text:   text,
		Offset: -1,
	}
	if !res.Metadata.Date.IsZero() {
		d.Date = res.Metadata.Date.Format("2006-01-02")
	} else if d.Date = nameDate(path); d.Date == "" {
		if d.Date = bodyDate([]byte(text)); d.Date == "" {
			// the extractor may have dropped a "Published ..." line
			d.Date = pageDate([]byte(cleanExtracted(blockText(doc))))
		}
	}
	for _, w := range []string{warn, cwarn} {
		if w != "" {
			d.Warnings = append(d.Warnings, w)
		}
	}
	return []Document{d}, nil
}

// hasSentence reports whether some paragraph of text has at least six words:
// a page whose extract is only link labels ("Home") has no article.
func hasSentence(text string) bool {
	for _, p := range strings.Split(text, "\n") {
		if len(strings.Fields(p)) >= 6 {
			return true
		}
	}
	return false
}

// cleanExtracted trims lines, collapses runs of white space and keeps
// paragraphs apart by one blank line.
func cleanExtracted(s string) string {
	var b bytes.Buffer
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(line)
	}
	return b.String()
}

// decodeHTML returns a page as UTF-8: as it is when valid; decoded from the
// encoding its meta tag declares (or a guessed legacy one, such as
// windows-1252), with a warning; else with invalid bytes replaced. It never
// fails: a decoder error falls back to the replacement, with a warning.
func decodeHTML(data []byte) (string, string) {
	if utf8.Valid(data) {
		return string(data), ""
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" {
		return repairUTF8String(string(data))
	}
	return decodeWith(data, enc, name)
}

// decodeWith decodes data from enc, falling back to UTF-8 with invalid
// bytes replaced when the decoder fails.
func decodeWith(data []byte, enc encoding.Encoding, name string) (string, string) {
	b, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		s, _ := repairUTF8String(string(data))
		return s, fmt.Sprintf("could not decode as %s (%v): read as UTF-8, invalid bytes replaced by U+FFFD", name, err)
	}
	return string(b), "not UTF-8: decoded as " + name
}

// blockElements end a paragraph of the extracted text: go-trafilatura's
// ContentText joins all text with spaces, so a headline ran into the first
// sentence and "Greece</b>." became "Greece ."; the content tree keeps the
// structure.
var blockElements = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"head": true, "li": true, "item": true, "ul": true, "ol": true, "list": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "quote": true, "pre": true, "table": true, "tr": true, "row": true, "td": true, "th": true,
	"cell": true, "section": true, "article": true, "figure": true, "figcaption": true, "caption": true,
	"header": true, "footer": true, "aside": true, "main": true, "body": true, "hr": true,
}

// blockText is the text of an extracted content tree with each block
// element on lines of its own and <br> as a line break; inline text runs
// together as written.
func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
			return
		case html.ElementNode:
			switch n.Data {
			case "br", "lb":
				b.WriteString("\n")
				return
			case "script", "style", "noscript":
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n")
		}
	}
	walk(n)
	return b.String()
}
