package relation

import (
	"context"
	"github.com/graphbuild/graphbuild/internal/benchutil"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

// benchText is the text of pkg/ner's pipeline benchmarks: the CrossNER
// politics sample, a sentence per paragraph, one document.
func benchText(b *testing.B) string {
	return benchutil.CoNLLText(b, "../ner/testdata/crossner_politics_sample.conll")
}

// BenchmarkPipeline measures extraction as build runs it: the Default
// Extractor tagging only the sentences NeedsTags accepts, then Extract.
// Run it on one core (-cpu 1, GOMAXPROCS=1).
func BenchmarkPipeline(b *testing.B) {
	ex, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	ex = ex.WithTagFilter(NeedsTags)
	text := benchText(b)
	a, err := ex.Extract(context.Background(), text, ner.Hints{})
	if err != nil {
		b.Fatal(err)
	}
	tagged := 0
	for _, s := range a.Sentences {
		if s.Last > s.First && a.Tokens[s.First].Tag != "" {
			tagged++
		}
	}
	b.ResetTimer()
	cpu0 := benchutil.CPUTime()
	for b.Loop() {
		a, err := ex.Extract(context.Background(), text, ner.Hints{})
		if err != nil {
			b.Fatal(err)
		}
		Extract(a)
	}
	b.ReportMetric(float64(len(a.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
	if c := benchutil.CPUTime() - cpu0; c > 0 && cpu0 > 0 {
		b.ReportMetric(float64(len(a.Tokens)*b.N)/c.Seconds(), "tokens/cpu-s")
	}
	b.ReportMetric(float64(tagged)/float64(len(a.Sentences)), "tagged/sentence")
}
