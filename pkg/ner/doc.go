// Package ner turns text into typed mentions of people, places and
// organizations and resolves their many names to one canonical name each.
//
// The pipeline is a chain of small stages, each behind its own interface:
//
//	text ──Analyzer──► tokens, sentences, POS tags
//	     ──Recognizer──► typed spans
//	     ──clean-up──► spans without titles, dates, quotes
//	     ──Resolver──► canonical entity names ("Kerry" → "John Kerry")
//
// This is the only package of graphbuild that imports prose; everything else
// talks to the types declared here. It imports no other graphbuild package.
//
// Offsets are UTF-8 byte offsets into the text given to Extract, end
// exclusive, and text[m.Start:m.End] == m.Text holds for every Mention.
package ner
