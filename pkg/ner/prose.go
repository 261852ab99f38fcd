package ner

import (
	"fmt"
	"strings"
	"sync"

	pner "github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	ptoken "github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
)

// ProseAnalyzer is the Analyzer built on prose/v3: its tokenizer, its Punkt
// sentence segmenter and its averaged-perceptron POS tagger. Sentences also
// break at blank lines and at line breaks that end a heading-like line, so
// page furniture and Markdown headings do not run into the prose around them.
type ProseAnalyzer struct {
	tok *tokenize.Tokenizer
	seg *segment.Segmenter
	tag *tag.Tagger
}

var _ Splitter = (*ProseAnalyzer)(nil)

var proseAnalyzer = sync.OnceValues(func() (*ProseAnalyzer, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("ner: load sentence model: %w", err)
	}
	tg, err := tag.New()
	if err != nil {
		return nil, fmt.Errorf("ner: load POS model: %w", err)
	}
	return &ProseAnalyzer{tok: tokenize.New(), seg: seg, tag: tg}, nil
})

// NewProseAnalyzer returns the shared prose Analyzer; its models load once
// per process.
func NewProseAnalyzer() (*ProseAnalyzer, error) { return proseAnalyzer() }

// Analyze tokenizes, segments and tags text.
func (a *ProseAnalyzer) Analyze(text string) (tokens []Token, sentences []Sentence) {
	tokens, sentences = a.Split(text)
	for _, s := range sentences {
		a.TagSentence(tokens[s.First:s.Last])
	}
	return tokens, sentences
}

// Split tokenizes and segments text without tagging it.
func (a *ProseAnalyzer) Split(text string) (tokens []Token, sentences []Sentence) {
	for _, blk := range blocks(text) {
		for _, s := range a.seg.Segment(text[blk[0]:blk[1]]) {
			start := blk[0] + s.Start
			sentences = append(sentences, Sentence{Start: start, End: start + len(s.Text)})
		}
	}
	tokens = a.tokenizeSentences(text, sentences)
	// Assign token ranges to sentences.
	j := 0
	for i := range sentences {
		s := &sentences[i]
		for j < len(tokens) && tokens[j].Start < s.Start {
			j++
		}
		s.First = j
		for j < len(tokens) && tokens[j].Start < s.End {
			j++
		}
		s.Last = j
	}
	return tokens, sentences
}

// TagSentence tags one sentence's tokens with prose's POS tagger.
func (a *ProseAnalyzer) TagSentence(tokens []Token) {
	if len(tokens) == 0 {
		return
	}
	ptoks := make([]ptoken.Token, len(tokens))
	for i, t := range tokens {
		ptoks[i] = ptoken.Token{Text: t.Text, Start: t.Start}
	}
	a.tag.TagTokens(ptoks)
	for i := range tokens {
		tokens[i].Tag = ptoks[i].Tag
	}
}

// tokenizeSentences tokenizes each sentence on its own so that no token
// straddles a sentence boundary, with offsets into text.
func (a *ProseAnalyzer) tokenizeSentences(text string, sentences []Sentence) []Token {
	var out []Token
	for _, s := range sentences {
		toks := a.tok.Tokenize(text[s.Start:s.End])
		for i, t := range toks {
			out = splitToken(out, Token{Text: t.Text, Start: t.Start + s.Start}, i == len(toks)-1)
		}
	}
	return out
}

// splitToken appends t to out, split where prose's tokenizer keeps
// together what a name needs apart:
//   - a sentence-final period after a short capitalised word, which prose
//     takes for an abbreviation ("the Korean War." → "War" "."), unless
//     the word is a known abbreviation ("Inc.", "Jr.") or has inner periods
//     ("U.S.");
//   - a colon glued between a word and a capitalised one, as in the
//     headlines of the Current Events portal ("war:An" → "war" ":" "An");
//   - a closing parenthesis glued to a word ("2012-present)" → "2012-present" ")");
//   - wiki italics quotes glued to a word ("”Argo" → "”" "Argo");
//   - a title's abbreviation glued to a name ("Gov.Sarah" → "Gov." "Sarah").
func splitToken(out []Token, t Token, last bool) []Token {
	w := t.Text
	if strings.HasPrefix(w, "''") && len(w) > 2 && w[2] != '\'' {
		out = append(out, Token{Text: "''", Start: t.Start})
		return splitToken(out, Token{Text: w[2:], Start: t.Start + 2}, last)
	}
	if i := strings.IndexByte(w, ':'); i > 0 && i+1 < len(w) && isASCIILetter(w[i-1]) || i > 0 && i+1 < len(w) && w[i-1] == ')' {
		if next := w[i+1]; next >= 'A' && next <= 'Z' {
			out = splitToken(out, Token{Text: w[:i], Start: t.Start}, false)
			out = append(out, Token{Text: ":", Start: t.Start + i})
			return splitToken(out, Token{Text: w[i+1:], Start: t.Start + i + 1}, last)
		}
	}
	if i := strings.IndexByte(w, ')'); i > 0 && strings.IndexByte(w, '(') < 0 {
		out = splitToken(out, Token{Text: w[:i], Start: t.Start}, false)
		out = append(out, Token{Text: ")", Start: t.Start + i})
		if i+1 == len(w) {
			return out
		}
		return splitToken(out, Token{Text: w[i+1:], Start: t.Start + i + 1}, last)
	}
	if i := strings.IndexByte(w, '.'); i > 0 && i+2 < len(w) && knownAbbrev[w[:i+1]] && w[i+1] >= 'A' && w[i+1] <= 'Z' && isLowerASCII(w[i+2]) {
		// A title glued to the name it stands before: "Gov.Sarah" →
		// "Gov." "Sarah".
		out = append(out, Token{Text: w[:i+1], Start: t.Start})
		return splitToken(out, Token{Text: w[i+1:], Start: t.Start + i + 1}, last)
	}
	if last && len(w) > 1 && w[len(w)-1] == '.' && strings.Count(w, ".") == 1 && w[0] >= 'A' && w[0] <= 'Z' && !knownAbbrev[w] {
		return append(out, Token{Text: w[:len(w)-1], Start: t.Start}, Token{Text: ".", Start: t.Start + len(w) - 1})
	}
	return append(out, t)
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// knownAbbrev are abbreviations that end a sentence with their period.
var knownAbbrev = map[string]bool{
	"Inc.": true, "Co.": true, "Corp.": true, "Ltd.": true, "Jr.": true, "Sr.": true, "Bros.": true,
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "St.": true, "Mt.": true, "No.": true,
	"Ave.": true, "Gen.": true, "Lt.": true, "Col.": true, "Sgt.": true, "Capt.": true, "Rev.": true,
	"Prof.": true, "Sen.": true, "Rep.": true, "Gov.": true, "Jan.": true, "Feb.": true, "Aug.": true,
	"Sept.": true, "Sep.": true, "Oct.": true, "Nov.": true, "Dec.": true, "Plc.": true, "Bhd.": true,
}

// blocks splits text into runs that no sentence may cross: paragraphs
// separated by blank lines, and single lines that look like headings or
// furniture (short, no final punctuation) or that end a sentence.
func blocks(text string) [][2]int {
	var out [][2]int
	start := -1 // start of the current block, -1 when none
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := strings.TrimSpace(text[lineStart:lineEnd])
		switch {
		case line == "":
			if start >= 0 {
				out = append(out, [2]int{start, lineStart})
				start = -1
			}
		default:
			if start < 0 {
				start = lineStart
			}
			if hardLineEnd(line) {
				out = append(out, [2]int{start, lineEnd})
				start = -1
			}
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	if start >= 0 && start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// hardLineEnd reports whether a line break after line ends a sentence: the
// line ends with sentence punctuation, or is short and unpunctuated like a
// heading, a menu item or a byline.
func hardLineEnd(line string) bool {
	last := line[len(line)-1]
	switch last {
	case '.', '!', '?', ':', ';', '"', '\'':
		return true
	}
	if strings.HasSuffix(line, "”") || strings.HasSuffix(line, "’") || strings.HasSuffix(line, "…") {
		return true
	}
	return len(line) < 50 && last != ','
}

// ProseRecognizer is prose/v3's built-in maximum-entropy entity model,
// kept as a baseline to measure ours against.
type ProseRecognizer struct {
	ex *pner.Extracter
}

var _ Recognizer = (*ProseRecognizer)(nil)

// NewProseRecognizer returns prose/v3's entity model as a Recognizer.
func NewProseRecognizer() (*ProseRecognizer, error) {
	ex, err := pner.New()
	if err != nil {
		return nil, fmt.Errorf("ner: load prose entity model: %w", err)
	}
	return &ProseRecognizer{ex: ex}, nil
}

// Recognize labels each sentence with prose's model.
func (r *ProseRecognizer) Recognize(text string, tokens []Token, sentences []Sentence) (spans []Span) {
	for _, s := range sentences {
		ptoks := make([]ptoken.Token, 0, s.Last-s.First)
		for _, t := range tokens[s.First:s.Last] {
			ptoks = append(ptoks, ptoken.Token{Text: t.Text, Start: t.Start, Tag: t.Tag})
		}
		if len(ptoks) == 0 {
			continue
		}
		func() {
			defer func() { _ = recover() }() // a panic in the dependency drops the sentence, not the run
			r.ex.Label(ptoks)
			for _, e := range r.ex.Chunk(text, ptoks) {
				typ, ok := ParseType(e.Label)
				if !ok {
					typ = Misc
				}
				spans = append(spans, Span{Start: e.Start, End: e.End(), Type: typ})
			}
		}()
	}
	return spans
}
