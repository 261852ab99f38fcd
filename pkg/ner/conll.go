package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GoldSentence is one sentence of annotated text: its tokens and one IOB2
// label per token ("O", "B-PER", "I-ORG", ...). Entity classes are the
// coarse gold classes PER, ORG, LOC and MISC.
type GoldSentence struct {
	Tokens []string
	Labels []string
}

// GoldDocument is a run of sentences that belong together (a -DOCSTART-
// section of a CoNLL file, a "# newdoc" section of a UNER file, or a whole
// file without document markers).
type GoldDocument struct {
	Sentences []GoldSentence
}

// Tokens returns the number of tokens in the document.
func (d GoldDocument) Tokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Tokens)
	}
	return n
}

// ReadCoNLL reads annotated sentences in the CoNLL family of formats:
// whitespace- or tab-separated columns with the token first and the entity
// tag last (2 to 4 columns), or the Universal NER layout ("# text =" comment
// lines, then index, token, tag and further columns). Tags may use the IO,
// IOB1 or IOB2 scheme; they are normalised to IOB2 over the classes PER,
// ORG, LOC and MISC (see MapClass). "-DOCSTART-" lines and "# newdoc" lines
// start a new document; blank lines end a sentence.
func ReadCoNLL(r io.Reader) ([]GoldDocument, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var (
		docs   []GoldDocument
		cur    GoldDocument
		toks   []string
		raw    []string
		lineNo int
	)
	flushSent := func() {
		if len(toks) > 0 {
			cur.Sentences = append(cur.Sentences, GoldSentence{Tokens: toks, Labels: normalizeIOB(raw)})
		}
		toks, raw = nil, nil
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = GoldDocument{}
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r\n")
		if strings.TrimSpace(line) == "" {
			flushSent()
			continue
		}
		if strings.HasPrefix(line, "-DOCSTART-") {
			flushDoc()
			continue
		}
		if strings.HasPrefix(line, "# ") || line == "#" {
			if strings.HasPrefix(line, "# newdoc") {
				flushDoc()
			}
			// "# text =", "# sent_id =": a UNER comment. A lone "#" token
			// would have a tag column and so never equals "# ..." with
			// nothing but a key after it; accept that ambiguity.
			if isUNERComment(line) {
				continue
			}
		}
		tok, tag, ok := splitColumns(line)
		if ok && strings.TrimSpace(tok) == "" {
			continue // a token of white space only (seen in BTC): nothing to tag
		}
		if !ok {
			return nil, fmt.Errorf("conll: line %d: want a token and a tag, got %q", lineNo, line)
		}
		toks = append(toks, tok)
		raw = append(raw, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll: line %d: %w", lineNo, err)
	}
	flushDoc()
	return docs, nil
}

func isUNERComment(line string) bool {
	rest := strings.TrimPrefix(line, "# ")
	if i := strings.Index(rest, " = "); i > 0 && !strings.ContainsAny(rest[:i], "\t") {
		return true
	}
	return strings.HasPrefix(rest, "newdoc") || strings.HasPrefix(rest, "newpar")
}

// splitColumns picks the token and the tag out of one line.
func splitColumns(line string) (tok, tag string, ok bool) {
	var f []string
	if strings.Contains(line, "\t") {
		f = strings.Split(line, "\t")
	} else {
		f = strings.Fields(line)
	}
	if len(f) < 2 {
		return "", "", false
	}
	// UNER: index, token, tag, then annotation columns.
	if len(f) >= 3 && isDigits(f[0]) && looksLikeTag(f[2]) {
		return f[1], f[2], true
	}
	return f[0], strings.TrimSpace(f[len(f)-1]), true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func looksLikeTag(s string) bool {
	return s == "O" || (len(s) > 2 && (s[0] == 'B' || s[0] == 'I' || s[0] == 'E' || s[0] == 'S' || s[0] == 'L' || s[0] == 'U') && s[1] == '-')
}

// MapClass maps a dataset's entity class name to one of the coarse gold
// classes "PER", "ORG", "LOC" or "MISC", or "" when the class is not an
// entity (the UNER "O" class in "B-O").
func MapClass(c string) string {
	switch strings.ToLower(c) {
	case "per", "person", "politician", "people", "scientist", "writer", "musicalartist", "athlete":
		return "PER"
	case "org", "organisation", "organization", "politicalparty", "corporation", "group", "company", "university", "band":
		return "ORG"
	case "loc", "location", "country", "gpe", "fac", "facility", "geo-loc":
		return "LOC"
	case "o", "":
		return ""
	}
	return "MISC"
}

// normalizeIOB turns IO, IOB1 or IOB2 tags (also BIOES/BILOU prefixes) into
// IOB2 over the coarse classes.
func normalizeIOB(raw []string) []string {
	out := make([]string, len(raw))
	prev := ""
	for i, t := range raw {
		prefix, class := byte('O'), ""
		if len(t) > 2 && t[1] == '-' {
			prefix, class = t[0], MapClass(t[2:])
		}
		if class == "" {
			out[i] = "O"
			prev = ""
			continue
		}
		switch prefix {
		case 'B', 'S', 'U':
			out[i] = "B-" + class
		default: // I, E, L
			if prev == class {
				out[i] = "I-" + class
			} else {
				out[i] = "B-" + class
			}
		}
		prev = class
	}
	return out
}

// goldSpans returns the entity spans of IOB2 labels as [first, last) token
// ranges with their class.
func goldSpans(labels []string) []tokSpan {
	var out []tokSpan
	for i := 0; i < len(labels); {
		l := labels[i]
		if l == "O" || len(l) < 3 {
			i++
			continue
		}
		class := l[2:]
		j := i + 1
		for j < len(labels) && labels[j] == "I-"+class {
			j++
		}
		out = append(out, tokSpan{First: i, Last: j, Class: class})
		i = j
	}
	return out
}

// tokSpan is an entity as a token range.
type tokSpan struct {
	First, Last int
	Class       string
}
