package ner

import (
	"context"
	"strings"
	"testing"
)

// fixedRecognizer returns the spans of the given token ranges.
type fixedRecognizer struct {
	spans []struct {
		first, last int
		typ         Type
	}
}

func (f fixedRecognizer) Recognize(text string, toks []Token, _ []Sentence) []Span {
	var out []Span
	for _, s := range f.spans {
		out = append(out, Span{Start: toks[s.first].Start, End: toks[s.last-1].End(), Type: s.typ})
	}
	return out
}

func TestEvaluateCounts(t *testing.T) {
	gold := "John B-PER\nKerry I-PER\nvisited O\nthe O\nNew B-LOC\nYork I-LOC\nTimes B-ORG\nand O\nGerman B-MISC\nBoeing B-ORG\n"
	docs, err := ReadCoNLL(strings.NewReader(gold))
	if err != nil {
		t.Fatal(err)
	}
	rec := fixedRecognizer{spans: []struct {
		first, last int
		typ         Type
	}{
		{0, 2, Person}, // exact: TP
		{4, 7, GPE},    // boundary error: FP LOC; gold LOC and ORG are missed
		{8, 9, NORP},   // MISC and NORP are not scored
		{9, 10, Fac},   // type error: FP LOC, gold ORG missed
	}}
	sc, err := Evaluate(context.Background(), rec, docs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Count{
		"PER": {TP: 1},
		"LOC": {FP: 2, FN: 1},
		"ORG": {FN: 2},
	}
	for c, w := range want {
		if got := sc.Classes[c]; got != w {
			t.Errorf("%s: %+v, want %+v", c, got, w)
		}
	}
	if m := sc.Micro(); m != (Count{TP: 1, FP: 2, FN: 3}) {
		t.Errorf("micro %+v", m)
	}
	if p, r := sc.Micro().Precision(), sc.Micro().Recall(); p != 1.0/3 || r != 0.25 {
		t.Errorf("micro P/R = %v/%v, want 1/3 and 1/4", p, r)
	}
	if f := sc.Micro().F1(); f < 0.2857 || f > 0.2858 {
		t.Errorf("micro F1 = %v, want 2/7", f)
	}
	if sc.Tokens != 10 {
		t.Errorf("tokens %d, want 10", sc.Tokens)
	}
	if len(sc.Errors) != 5 {
		t.Errorf("%d errors, want 5: %+v", len(sc.Errors), sc.Errors)
	}
	for _, e := range sc.Errors {
		if !strings.Contains(e.Context, "["+e.Text+"]") {
			t.Errorf("error context %q does not mark %q", e.Context, e.Text)
		}
	}
}

func TestCountZero(t *testing.T) {
	var c Count
	if c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Errorf("zero count gives %v %v %v", c.Precision(), c.Recall(), c.F1())
	}
}

func TestGoldText(t *testing.T) {
	docs, err := ReadCoNLL(strings.NewReader("Hello O\nworld O\n\nBye O\n"))
	if err != nil {
		t.Fatal(err)
	}
	text, toks, sents, err := GoldText(docs[0])
	if err != nil {
		t.Fatal(err)
	}
	if text != "Hello world\nBye\n" {
		t.Errorf("text %q", text)
	}
	for _, tk := range toks {
		if text[tk.Start:tk.End()] != tk.Text || tk.Tag == "" {
			t.Errorf("token %+v does not locate its text or lacks a tag", tk)
		}
	}
	if len(sents) != 2 || sents[1].First != 2 || sents[1].Last != 3 {
		t.Errorf("sentences %+v", sents)
	}
}
