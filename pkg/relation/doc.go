// Package relation finds who met whom: the interactions (meetings, talks,
// phone calls, visits, hosting, dinners, negotiations, signings) that the
// sentences of an analysed text report between a person and another
// person, organisation or country.
//
// It reads a ner.Analysis (tokens with POS tags, sentences, resolved
// mentions) and returns Interactions; it imports ner and no other
// graphbuild package, and ingest turns its findings into interaction
// edges. The rules read POS tags only in the sentences NeedsTags accepts,
// so an Extractor built with ner.Extractor.WithTagFilter(NeedsTags) tags
// only those.
package relation
