// Command gazbuild converts the public gazetteers under ../shared/data/gazetteers
// into the compact, license-separated files that pkg/ner embeds:
//
//	go run ./internal/gazbuild -src ../shared/data/gazetteers -out pkg/ner/data/gaz
//
// Each source becomes its own gzip-compressed file of sorted lines
// "alias<TAB>CLASS<TAB>canonical", with its license copied beside it, so
// share-alike and ODbL data never mix with other data. Output is
// deterministic: running it twice gives byte-identical files.
package main
