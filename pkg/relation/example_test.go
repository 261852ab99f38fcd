package relation_test

import (
	"fmt"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/relation"
)

func ExampleExtract() {
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Kerry said Assad must go. Putin hosted Erdogan in Sochi."
	tokens, sentences := an.Analyze(text)
	a := &ner.Analysis{Text: text, Tokens: tokens, Sentences: sentences}
	for _, name := range []string{"Kerry", "Assad", "Putin", "Erdogan", "Sochi"} {
		start := strings.Index(text, name)
		typ := ner.Person
		if name == "Sochi" {
			typ = ner.GPE
		}
		si := 0
		if start > sentences[0].End {
			si = 1
		}
		a.Mentions = append(a.Mentions, ner.Mention{Start: start, End: start + len(name), Text: name, Type: typ, Sentence: si, Entity: name})
	}
	for _, r := range relation.Extract(a) {
		fmt.Printf("%s — %s: %s (sentence %d)\n", a.Mentions[r.A].Entity, a.Mentions[r.B].Entity, r.Predicate, r.Sentence)
	}
	// Output:
	// Putin — Erdogan: hosted (sentence 1)
}
