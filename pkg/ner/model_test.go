package ner

import (
	"context"
	"github.com/graphbuild/graphbuild/internal/benchutil"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func analyze(t testing.TB, text string) ([]Token, []Sentence) {
	t.Helper()
	a, err := NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a.Analyze(text)
}

func testModel(t testing.TB) *Model {
	t.Helper()
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func spanSet(text string, spans []Span) map[string]Type {
	out := map[string]Type{}
	for _, s := range spans {
		out[text[s.Start:s.End]] = s.Type
	}
	return out
}

func TestDefaultModelRecognizes(t *testing.T) {
	m := testModel(t)
	text := "Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov in Geneva on Friday. " +
		"Kerry said the United States and Russia agreed on a ceasefire in Syria.\n\n" +
		"The United Nations children's agency UNICEF said Boeing and General Motors would help.\n\n" +
		"Russians and Syrians fought in the Battle of Aleppo for months."
	toks, sents := analyze(t, text)
	got := spanSet(text, m.Recognize(text, toks, sents))
	want := map[string]Type{
		"John Kerry": Person, "Sergey Lavrov": Person, "Kerry": Person, "Geneva": GPE,
		"United States": GPE, "Russia": GPE, "Syria": GPE, "UNICEF": Org,
		"Russians": NORP, "Battle of Aleppo": Event,
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%q: got type %q, want %q (all spans: %v)", name, got[name], typ, got)
		}
	}
	if _, ok := got["Friday"]; ok {
		t.Errorf("Friday recognized as a name: %v", got)
	}
}

// TestRecognizeInvariants checks what every Recognizer promises: spans in
// text order, not overlapping, inside the text, on token boundaries.
func TestRecognizeInvariants(t *testing.T) {
	m := testModel(t)
	for _, text := range []string{
		"",
		"no names here at all.",
		"BREAKING: PRESIDENT OBAMA MEETS PUTIN IN MOSCOW",
		"Mr. Smith went to Washington. He met (again) with Senator Jones of the U.S. Senate's Armed Services Committee.",
		"“Angela Merkel,” said Olaf Scholz — the German chancellor — in Berlin’s Reichstag. Émile Zola wrote in Paris.",
	} {
		toks, sents := analyze(t, text)
		checkSpans(t, text, toks, m.Recognize(text, toks, sents))
	}
}

func checkSpans(t *testing.T, text string, toks []Token, spans []Span) {
	t.Helper()
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, tk := range toks {
		starts[tk.Start] = true
		ends[tk.End()] = true
	}
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %+v out of order or range in %q (previous end %d)", s, text, prev)
		}
		if !starts[s.Start] || !ends[s.End] {
			t.Errorf("span %+v %q is not on token boundaries", s, text[s.Start:s.End])
		}
		if _, ok := ParseType(string(s.Type)); !ok {
			t.Errorf("span %+v has unknown type", s)
		}
		prev = s.End
	}
}

func TestRecognizeConcurrent(t *testing.T) {
	m := testModel(t)
	text := "John Kerry met Sergey Lavrov in Geneva. Airbus and Boeing compete for the Pentagon."
	toks, sents := analyze(t, text)
	want := m.Recognize(text, toks, sents)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got := m.Recognize(text, toks, sents)
				if len(got) != len(want) {
					t.Errorf("concurrent Recognize gave %d spans, want %d", len(got), len(want))
					return
				}
				for i := range got {
					if got[i] != want[i] {
						t.Errorf("concurrent Recognize span %d = %+v, want %+v", i, got[i], want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestDocConsistency(t *testing.T) {
	m := testModel(t)
	text := "The Government Accountability Office (GAO) upheld the protest filed by Northrop Grumman. " +
		"Later the GAO said more. Joe Biden spoke. Afterwards Biden left."
	toks, sents := analyze(t, text)
	got := spanSet(text, m.Recognize(text, toks, sents))
	for name, typ := range map[string]Type{"GAO": Org, "Biden": Person, "Joe Biden": Person} {
		if got[name] != typ {
			t.Errorf("%q: got %q, want %q (all: %v)", name, got[name], typ, got)
		}
	}
}

func FuzzRecognize(f *testing.F) {
	f.Add("John Kerry met Sergey Lavrov in Geneva.")
	f.Add("\xff\xfe invalid UTF-8 Obama \x00")
	f.Add("A (B) C -- D's E.")
	m, err := DefaultModel()
	if err != nil {
		f.Fatal(err)
	}
	a, err := NewProseAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks, sents := a.Analyze(text)
		checkSpans(t, text, toks, m.Recognize(text, toks, sents))
	})
}

func benchText(b *testing.B) string {
	return benchutil.CoNLLText(b, "testdata/crossner_politics_sample.conll")
}

// BenchmarkRecognize measures our recognizer alone on analysed text.
func BenchmarkRecognize(b *testing.B) {
	m := testModel(b)
	text := benchText(b)
	toks, sents := analyze(b, text)
	b.ResetTimer()
	cpu0 := benchutil.CPUTime()
	for b.Loop() {
		m.Recognize(text, toks, sents)
	}
	benchutil.ReportRates(b, len(toks), cpu0)
}

// BenchmarkPipeline measures the whole Default Extractor: tokenize,
// segment, recognize, clean up, resolve, and tag every sentence (it has no
// TagFilter; pkg/relation's BenchmarkPipeline measures it as build runs
// it). Run it on one core (-cpu 1, GOMAXPROCS=1).
func BenchmarkPipeline(b *testing.B) {
	ex, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(b)
	a, err := ex.Extract(context.Background(), text, Hints{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := benchutil.CPUTime()
	for b.Loop() {
		if _, err := ex.Extract(context.Background(), text, Hints{}); err != nil {
			b.Fatal(err)
		}
	}
	benchutil.ReportRates(b, len(a.Tokens), cpu0)
}

// BenchmarkTaggedPipeline is BenchmarkPipeline with every sentence tagged
// before recognition, as a recognizer that reads POS tags needs.
func BenchmarkTaggedPipeline(b *testing.B) {
	m := testModel(b)
	a, err := NewProseAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(b)
	toks, _ := a.Analyze(text)
	b.ResetTimer()
	cpu0 := benchutil.CPUTime()
	for b.Loop() {
		tk, ss := a.Analyze(text)
		m.Recognize(text, tk, ss)
	}
	benchutil.ReportRates(b, len(toks), cpu0)
}

// BenchmarkAnalyze measures prose's tokenize + segment + tag alone, the
// part of the pipeline before any recognizer.
func BenchmarkAnalyze(b *testing.B) {
	a, err := NewProseAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(b)
	toks, _ := a.Analyze(text)
	b.ResetTimer()
	cpu0 := benchutil.CPUTime()
	for b.Loop() {
		a.Analyze(text)
	}
	benchutil.ReportRates(b, len(toks), cpu0)
}

// BenchmarkProsePipeline measures prose/v3's tokenize + tag + built-in
// entity model on the same text, for comparison.
func BenchmarkProsePipeline(b *testing.B) {
	r, err := NewProseRecognizer()
	if err != nil {
		b.Fatal(err)
	}
	a, err := NewProseAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(b)
	toks, _ := a.Analyze(text)
	b.ResetTimer()
	cpu0 := benchutil.CPUTime()
	for b.Loop() {
		tk, ss := a.Analyze(text)
		r.Recognize(text, tk, ss)
	}
	benchutil.ReportRates(b, len(toks), cpu0)
}

// TestLoadedMemory checks that a loaded model and gazetteer stay well
// inside the memory budget of issue 3 (200 MB resident).
func TestLoadedMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g, err := loadGazetteer(gazFS)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(strings.NewReader(string(embeddedModel)), g)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	used := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("model and gazetteer: %d MB of heap", used>>20)
	if used > 150<<20 {
		t.Errorf("model and gazetteer use %d MB of heap, want < 150 MB", used>>20)
	}
	runtime.KeepAlive(m)
}

// BenchmarkStartup measures what a process pays before its first
// Recognize: loading the gazetteer and the model.
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		g, err := loadGazetteer(gazFS)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ReadModel(strings.NewReader(string(embeddedModel)), g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkModelLoad(b *testing.B) {
	g, err := DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ReadModel(strings.NewReader(string(embeddedModel)), g); err != nil {
			b.Fatal(err)
		}
	}
}
