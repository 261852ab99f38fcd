package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// textOnly is an Extractor that finds nothing, quickly.
type textOnly struct{}

func (textOnly) Extract(_ context.Context, text string, _ ner.Hints) (*ner.Analysis, error) {
	return &ner.Analysis{Text: text}, nil
}

// bigText writes a file of about n bytes of paragraphs.
func bigText(t *testing.T, n int) (string, int64) {
	t.Helper()
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(strings.Repeat("John Kerry met Sergey Lavrov in Geneva on Friday. ", 20))
		b.WriteString("\n\n")
	}
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, int64(b.Len())
}

// TestProgressWithinAFile: one file split into parts reports progress part
// by part, not 100% as soon as it is read.
func TestProgressWithinAFile(t *testing.T) {
	path, size := bigText(t, 2<<20)
	opt := Options{Workers: 2, Source: source.DefaultOptions()}
	opt.Source.MaxDocBytes = 64 << 10
	var seen []int64
	opt.Progress = func(p Progress) {
		seen = append(seen, p.Bytes)
		if p.TotalBytes != size {
			t.Fatalf("TotalBytes %d, want %d", p.TotalBytes, size)
		}
	}
	err := Run(context.Background(), []source.Input{{Path: path, Size: size}}, textOnly{}, opt, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 30 {
		t.Fatalf("%d progress reports", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] < seen[i-1] {
			t.Fatalf("progress went back: %d then %d", seen[i-1], seen[i])
		}
	}
	if first := float64(seen[0]) / float64(size); first > 0.05 {
		t.Errorf("first part reports %.0f%% done", 100*first)
	}
	if mid := float64(seen[len(seen)/2]) / float64(size); mid < 0.4 || mid > 0.6 {
		t.Errorf("middle part reports %.0f%% done", 100*mid)
	}
	if last := seen[len(seen)-1]; last < size*99/100 {
		t.Errorf("last part reports %d of %d bytes", last, size)
	}
}

// TestOneBigInputBounded: the parts of one big input read ahead of the
// collector hold at most queueBudget bytes of text, not a channel's worth.
func TestOneBigInputBounded(t *testing.T) {
	path, size := bigText(t, 12<<20)
	opt := Options{Workers: 2, Source: source.DefaultOptions()}
	opt.Source.MaxDocBytes = 256 << 10
	var inFlight, peak atomic.Int64
	opt.Skip = func(string) bool { return false }
	ex := countingExtractor{in: &inFlight, peak: &peak}
	err := Run(context.Background(), []source.Input{{Path: path, Size: size}}, ex, opt, func(r Result) error {
		time.Sleep(2 * time.Millisecond) // a slow store: the reader runs ahead
		inFlight.Add(-int64(len(r.Doc.Text)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	limit := queueBudget(opt.Source.MaxDocBytes) + int64(opt.Source.MaxDocBytes)
	if p := peak.Load(); p > limit {
		t.Errorf("%d bytes of text in flight, want at most %d", p, limit)
	}
}

// countingExtractor counts the text handed to it and not yet delivered.
type countingExtractor struct{ in, peak *atomic.Int64 }

func (c countingExtractor) Extract(_ context.Context, text string, _ ner.Hints) (*ner.Analysis, error) {
	n := c.in.Add(int64(len(text)))
	for {
		p := c.peak.Load()
		if n <= p || c.peak.CompareAndSwap(p, n) {
			break
		}
	}
	return &ner.Analysis{Text: text}, nil
}

func (textOnly) Classify(name string) (string, ner.Type)          { return name, ner.Misc }
func (countingExtractor) Classify(name string) (string, ner.Type) { return name, ner.Misc }
