package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// Results come in input order, whatever the number of workers and readers.
func TestRunKeepsInputOrder(t *testing.T) {
	opt := source.DefaultOptions()
	inputs, errs := source.Expand([]string{"../../fixtures"}, opt)
	if len(errs) > 0 || len(inputs) < 10 {
		t.Fatalf("expand fixtures: %v (%d inputs)", errs, len(inputs))
	}
	var want []string
	for _, in := range inputs {
		if err := source.Read(context.Background(), in, opt, func(d source.Document) error {
			want = append(want, d.Path+" "+d.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	ex, err := DefaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3, 8} {
		var got []string
		err := Run(context.Background(), inputs, ex, Options{Workers: workers, Source: opt}, func(r Result) error {
			got = append(got, r.Doc.Path+" "+r.Doc.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: results out of input order", workers)
		}
	}
}

func TestRunCancel(t *testing.T) {
	opt := source.DefaultOptions()
	inputs, _ := source.Expand([]string{"../../fixtures"}, opt)
	ex, _ := DefaultExtractor()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Run(ctx, inputs, ex, Options{Workers: 2, Source: opt}, func(Result) error {
		n++
		if n == 3 {
			cancel()
		}
		return nil
	})
	if err != context.Canceled {
		t.Errorf("Run after cancel = %v, want context.Canceled", err)
	}
}

// emptyExtractor finds nothing in any text.
type emptyExtractor struct{ fakeExtractor }

func (emptyExtractor) Extract(_ context.Context, text string, _ ner.Hints) (*ner.Analysis, error) {
	return &ner.Analysis{Text: text}, nil
}

// nullStore stores nothing.
type nullStore struct{}

func (nullStore) HasDocument(string) (bool, error) { return false, nil }
func (nullStore) Apply(_ context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	return graph.ApplyResult{Added: len(cs)}, nil
}

// A JSONL input with several bad lines gives one error per bad line, each
// one line naming the path and line number, and each counted as a failure.
func TestRunReportsEachBadLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.jsonl")
	lines := []string{
		`{"id": "ok1", "text": "good"}`,
		`not json`,
		`{"id": "x"}`,
		`{"id": "ok2", "text": "good too"}`,
		`[1, 2]`,
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []source.Input{{Path: p, Size: -1}}
	var errs []error
	var ids []string
	opt := Options{Workers: 2, Source: source.DefaultOptions(), OnError: func(err error) { errs = append(errs, err) }}
	if err := Run(context.Background(), inputs, emptyExtractor{}, opt, func(r Result) error {
		ids = append(ids, r.Doc.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "ok1,ok2" {
		t.Errorf("results %v, want ok1,ok2", ids)
	}
	if len(errs) != 3 {
		t.Fatalf("%d errors reported, want 3 (one per bad line): %v", len(errs), errs)
	}
	for i, want := range []int{2, 3, 5} {
		msg := errs[i].Error()
		var se *source.Error
		if !errors.As(errs[i], &se) || se.Line != want || !errors.Is(errs[i], source.ErrMalformed) {
			t.Errorf("error %d %q: want the malformed line %d", i, msg, want)
		}
		if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, p+":") {
			t.Errorf("error %d %q: want one line starting with %s:", i, msg, p)
		}
	}

	bopt := BuildOptions{Options: Options{Workers: 2, Source: source.DefaultOptions()}}
	sum, err := Build(context.Background(), inputs, emptyExtractor{}, nullStore{}, bopt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 3 {
		t.Errorf("Summary.Failed = %d, want 3", sum.Failed)
	}
}

// A document met twice in one run (a Current Events item in two files) is
// counted, analysed for the summary and written once, whichever copy a
// worker reaches first.
func TestBuildCountsRepeatsOnce(t *testing.T) {
	dir := t.TempDir()
	var inputs []source.Input
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(`{"id": "same", "text": "one two three"}`+"\n"+`{"id": "`+name+`", "text": "four"}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, source.Input{Path: p, Size: -1})
	}
	sum, err := Build(context.Background(), inputs, tokenExtractor{}, nullStore{}, BuildOptions{Options: Options{Workers: 2, Source: source.DefaultOptions()}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 4 || sum.New != 3 || sum.Skipped != 1 || sum.Tokens != 5 {
		t.Errorf("summary %+v, want 4 documents, 3 new, 1 skipped, 5 tokens", sum)
	}
}

// tokenExtractor makes one token per word.
type tokenExtractor struct{ fakeExtractor }

func (tokenExtractor) Extract(_ context.Context, text string, _ ner.Hints) (*ner.Analysis, error) {
	a := &ner.Analysis{Text: text}
	for _, w := range strings.Fields(text) {
		a.Tokens = append(a.Tokens, ner.Token{Text: w})
	}
	return a, nil
}
