package ner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkExtract runs the default pipeline on the fixture texts (the
// seed article and the Current Events files, read as they are), the part
// of a build that costs. Compare runs with benchstat.
func BenchmarkExtract(b *testing.B) {
	ex, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	filepath.Walk("../../fixtures", func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt")) && !strings.Contains(p, "LICENSE") && !strings.Contains(p, "README") {
			if data, err := os.ReadFile(p); err == nil {
				texts = append(texts, string(data))
			}
		}
		return nil
	})
	bytes := 0
	for _, t := range texts {
		bytes += len(t)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := ex.Extract(context.Background(), t, Hints{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
