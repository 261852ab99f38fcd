package ner

// Analyzer splits text into tokens and sentences and tags each token with
// its part of speech. Implementations are safe for concurrent use.
type Analyzer interface {
	Analyze(text string) ([]Token, []Sentence)
}

// Recognizer finds typed entity spans in analysed text. Spans are returned
// in text order and do not overlap. Implementations are safe for concurrent
// use.
type Recognizer interface {
	Recognize(text string, tokens []Token, sentences []Sentence) []Span
}

// Splitter is an Analyzer that can also split text without tagging it and
// tag chosen tokens later. The Extractor uses it when its Recognizer does
// not read tags and it has a TagFilter, and tags only the sentences the
// filter accepts.
type Splitter interface {
	Analyzer
	// Split is Analyze without the POS tags.
	Split(text string) ([]Token, []Sentence)
	// TagSentence sets the Tag of tokens, one sentence's tokens in order.
	TagSentence(tokens []Token)
}

// tagReader is implemented by recognizers that can say whether they read
// the tokens' POS tags.
type tagReader interface {
	NeedsTags() bool
}

// TagFilter reports whether sentence si of a needs POS tags. It is called
// after recognition and resolution within the text, and must not depend on
// the mentions' types: resolution across a corpus may still change them.
type TagFilter func(a *Analysis, si int) bool
