package ingest

import (
	"context"
	"reflect"
	"testing"

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
	ex, err := ner.Default()
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
	ex, _ := ner.Default()
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
