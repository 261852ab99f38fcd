package ner_test

import (
	"fmt"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

func ExampleModel_Recognize() {
	a, err := ner.NewProseAnalyzer()
	if err != nil {
		panic(err)
	}
	m, err := ner.DefaultModel()
	if err != nil {
		panic(err)
	}
	text := "John Kerry met Sergey Lavrov in Geneva."
	toks, sents := a.Analyze(text)
	for _, s := range m.Recognize(text, toks, sents) {
		fmt.Println(s.Type, text[s.Start:s.End])
	}
	// Output:
	// PERSON John Kerry
	// PERSON Sergey Lavrov
	// GPE Geneva
}

func ExampleGazetteer_Lookup() {
	g, err := ner.DefaultGazetteer()
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"U.S.", "Britain", "U.N.", "Syrian", "us"} {
		canon, typ, ok := g.Lookup(name)
		fmt.Printf("%s: %q %s %v\n", name, canon, typ, ok)
	}
	fmt.Println(g.Country("Syrian"))
	// Output:
	// U.S.: "United States" GPE true
	// Britain: "United Kingdom" GPE true
	// U.N.: "United Nations" ORG true
	// Syrian: "Syrian" NORP true
	// us: ""  false
	// Syria
}
