package source

import (
	"context"
	"os"
	"testing"
)

// BenchmarkReadFixtures reads the whole fixture corpus (seeds and Current
// Events sample) per iteration and reports documents and megabytes per
// second.
func BenchmarkReadFixtures(b *testing.B) {
	ins, errs := Expand([]string{"../../fixtures"}, DefaultOptions())
	if len(errs) > 0 || len(ins) == 0 {
		b.Fatalf("expand fixtures: %v", errs)
	}
	benchRead(b, ins)
}

// BenchmarkReadHTML measures article extraction from the saved pages.
func BenchmarkReadHTML(b *testing.B) {
	ins, errs := Expand([]string{"testdata/html"}, DefaultOptions())
	if len(errs) > 0 || len(ins) == 0 {
		b.Fatalf("expand: %v", errs)
	}
	benchRead(b, ins)
}

func benchRead(b *testing.B, ins []Input) {
	var size int64
	for _, in := range ins {
		st, err := os.Stat(in.Path)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	ctx := context.Background()
	opt := DefaultOptions()
	docs := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			if err := Read(ctx, in, opt, func(Document) error { docs++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(docs)/sec, "docs/s")
	b.ReportMetric(float64(size)*float64(b.N)/1e6/sec, "MB/s")
	b.ReportMetric(float64(docs)/float64(b.N), "docs/op")
}
