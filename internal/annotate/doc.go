// Command annotate checks, converts and compares the news annotations under
// data/annotation (see its GUIDELINE.md and README.md).
//
//	go run ./internal/annotate convert   # news/*.ann → conll/train.conll, conll/test.conll
//	go run ./internal/annotate agree     # double/*.ann against news/*.ann: span agreement
//
// An .ann file holds one headline per line with each name marked inline as
// "[TYPE text]"; "# day YYYY-MM-DD" lines start a document. convert
// tokenizes each headline with the recognizer's own tokenizer and sentence
// splitter (pkg/ner), so the training tokens are the tokens the recognizer
// sees at run time, and writes token<TAB>IOB2 CoNLL with the fine types
// (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, MISC), which `graphbuild train`
// maps to its coarse classes. Every tenth day (sorted by date, days 5, 15,
// 25, ... of the list) goes to the test file, which is never trained on.
// Output is deterministic.
package main
