package beamgraph

import (
	"context"
	"reflect"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

func TestItemRoundTrip(t *testing.T) {
	ex, err := extractor()
	if err != nil {
		t.Fatal(err)
	}
	text := "John Kerry met Sergei Lavrov in Geneva on Friday.\n\nKerry said the talks went well."
	a, err := ex.Extract(context.Background(), text, ner.Hints{})
	if err != nil {
		t.Fatal(err)
	}
	doc := source.Document{ID: "d", Path: "p", Text: text, Raw: text, Date: "2016-09-09", Contexts: [][]string{{"John Kerry"}}}
	want := item{Input: 2, Seq: 7, Doc: doc, A: a}
	want.Doc.Raw = "" // not kept past extraction
	b, err := encodeItem(item{Input: 2, Seq: 7, Doc: doc, A: a})
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeItem(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got.A, want.A)
	}
	// A token that is not its span of the text is kept whole.
	odd := *a
	odd.Tokens = append([]ner.Token(nil), a.Tokens...)
	odd.Tokens[0].Text = "“"
	want.A = &odd
	b, err = encodeItem(item{Input: 2, Seq: 7, Doc: doc, A: &odd})
	if err != nil {
		t.Fatal(err)
	}
	if got, err = decodeItem(b); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("odd token: %v\n got %+v\nwant %+v", err, got.A.Tokens[:2], odd.Tokens[:2])
	}
	if _, err := decodeItem([]byte(`{"Text":"ab","TokStart":[1],"TokLen":[5],"TokTag":["X"]}`)); err == nil {
		t.Error("a token past the text decoded")
	}
}
