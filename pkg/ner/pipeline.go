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
