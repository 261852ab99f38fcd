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
//
// Resolution (resolve.go, names.go) works on one document at a time,
// against fixed knowledge only: the gazetteer (gazetteer.go: its people by
// surname and spelling, its aliases when they match the name) and the
// user's Aliases (aliases.go). Nothing carries over from one document to
// the next, so a corpus resolves the same in any order and in any number
// of builds. Context titles are typed by their form (titles.go). Page
// clutter is no business of this package: the readers drop it
// (source.Clutter), and every name of the text given to Extract is kept.
package ner
