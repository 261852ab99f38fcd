package ner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func readSample(t testing.TB) []GoldDocument {
	t.Helper()
	docs, err := ReadCoNLLFile("testdata/crossner_politics_sample.conll")
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// splitSentences puts the first n sentences in one document and the rest
// in another.
func splitSentences(docs []GoldDocument, n int) (train, test []GoldDocument) {
	var all []GoldSentence
	for _, d := range docs {
		all = append(all, d.Sentences...)
	}
	n = min(n, len(all))
	return []GoldDocument{{Sentences: all[:n]}}, []GoldDocument{{Sentences: all[n:]}}
}

func TestTrainLearnsSample(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	train, test := splitSentences(readSample(t), 160)
	cfg := DefaultTrainConfig()
	cfg.Bits = 18
	m, err := Train(context.Background(), cfg, g, train)
	if err != nil {
		t.Fatal(err)
	}
	seen, err := Evaluate(context.Background(), m, train)
	if err != nil {
		t.Fatal(err)
	}
	unseen, err := Evaluate(context.Background(), m, test)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("F1 on training sentences %.3f, on held-out sentences %.3f", seen.Micro().F1(), unseen.Micro().F1())
	if f := seen.Micro().F1(); f < 0.9 {
		t.Errorf("F1 on the training sentences = %.3f, want >= 0.9", f)
	}
	if f := unseen.Micro().F1(); f < 0.4 {
		t.Errorf("F1 on held-out sentences = %.3f, want >= 0.4", f)
	}

	// The model survives a write and read unchanged in what it predicts.
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf, g)
	if err != nil {
		t.Fatal(err)
	}
	if m.pos == nil || len(m.pos.words) == 0 || !reflect.DeepEqual(m.pos.words, m2.pos.words) || !reflect.DeepEqual(m.pos.tags, m2.pos.tags) {
		t.Errorf("the POS dictionary did not survive a write and read")
	}
	if m2.NeedsTags() {
		t.Error("a model with a POS dictionary asks for a tagger")
	}
	if tag := m.pos.tagOf("the"); tag != "DT" {
		t.Errorf("POS dictionary: the = %q, want DT", tag)
	}
	again, err := Evaluate(context.Background(), m2, test)
	if err != nil {
		t.Fatal(err)
	}
	if d := again.Micro().F1() - unseen.Micro().F1(); d > 0.01 || d < -0.01 {
		t.Errorf("F1 after write/read %.3f, before %.3f", again.Micro().F1(), unseen.Micro().F1())
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	train, _ := splitSentences(readSample(t), 60)
	cfg := DefaultTrainConfig()
	cfg.Bits, cfg.Epochs = 14, 3
	var out [2][]byte
	for i := range out {
		m, err := Train(context.Background(), cfg, nil, train)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two trainings with the same config wrote different models")
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(context.Background(), DefaultTrainConfig(), nil, nil); !errors.Is(err, ErrNoTrainingData) {
		t.Errorf("Train(no data) error = %v, want ErrNoTrainingData", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, DefaultTrainConfig(), nil, readSample(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Train(cancelled) error = %v, want context.Canceled", err)
	}
	cfg := DefaultTrainConfig()
	cfg.Bits = 40
	if _, err := Train(context.Background(), cfg, nil, readSample(t)); err == nil {
		t.Error("Train(bits 40) succeeded")
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	train, _ := splitSentences(readSample(t), 20)
	cfg := DefaultTrainConfig()
	cfg.Bits, cfg.Epochs = 12, 1
	m, err := Train(context.Background(), cfg, nil, train)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "model.bin.gz")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("directory holds %d files after WriteFile, want 1 (no temporary left)", len(ents))
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ReadModel(f, nil); err != nil {
		t.Errorf("ReadModel after WriteFile: %v", err)
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "not gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"} {
		if _, err := ReadModel(bytes.NewReader([]byte(in)), nil); err == nil {
			t.Errorf("ReadModel(%q) succeeded", in)
		}
	}
}
