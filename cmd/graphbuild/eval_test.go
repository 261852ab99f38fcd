package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const nerSample = "../../pkg/ner/testdata/crossner_politics_sample.conll"

func TestEvalCommand(t *testing.T) {
	out := mustRun(t, "eval", nerSample)
	for _, want := range []string{"PER", "ORG", "LOC", "micro", "precision", "recall", "F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	var res []evalResult
	if err := json.Unmarshal([]byte(mustRun(t, "eval", "--json", nerSample)), &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Tokens == 0 {
		t.Fatalf("eval --json: %+v", res)
	}
	// The shipped model has seen this sample in training (it is part of
	// the CrossNER training data), so it must do well on it.
	if f := res[0].Micro.F1; f < 0.6 {
		t.Errorf("micro F1 on the training sample %.3f, want >= 0.6", f)
	}
	m := res[0].Micro
	if m.TP+m.FN == 0 || m.Precision < 0 || m.Precision > 1 {
		t.Errorf("implausible micro line %+v", m)
	}
}

func TestEvalCommandErrors(t *testing.T) {
	if code, _, _ := gb(t, "eval"); code != 2 {
		t.Errorf("eval without files: exit %d, want 2", code)
	}
	if code, _, _ := gb(t, "eval", "--recognizer", "nope", nerSample); code != 2 {
		t.Errorf("eval --recognizer nope: exit %d, want 2", code)
	}
	code, _, errs := gb(t, "eval", "no/such/file.conll")
	if code != 1 || !strings.Contains(errs, "no/such/file.conll") {
		t.Errorf("eval of a missing file: exit %d, stderr %q", code, errs)
	}
}

func TestTrainCommand(t *testing.T) {
	dir := t.TempDir()
	// A small training file: the first 40 sentences of the sample.
	data, err := os.ReadFile(nerSample)
	if err != nil {
		t.Fatal(err)
	}
	sents := strings.SplitN(string(data), "\n\n", 41)
	small := filepath.Join(dir, "small.conll")
	if err := os.WriteFile(small, []byte(strings.Join(sents[:40], "\n\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "model.bin.gz")
	mustRun(t, "train", "--out", model, "--epochs", "3", "--bits", "16", small)
	if _, err := os.Stat(model); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "eval", "--model", model, small)
	if !strings.Contains(out, "micro") {
		t.Errorf("eval --model output:\n%s", out)
	}
	if code, _, _ := gb(t, "train", small); code != 2 {
		t.Errorf("train without --out: exit %d, want 2", code)
	}
	// the retrained model is usable by extract and build
	def := mustRun(t, "extract", seedArticle)
	own := mustRun(t, "extract", "--model", model, seedArticle)
	if own == def || own == "" {
		t.Errorf("extract --model gives the embedded model's mentions (or none)")
	}
	db := filepath.Join(dir, "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "--analyze=false", "--model", model, seedArticle)
	if s := statsOf(t, db); s.Documents != 1 {
		t.Errorf("build --model: %d documents", s.Documents)
	}
	missing := filepath.Join(dir, "nope.bin.gz")
	if code, _, errs := gb(t, "build", "--db", db, "--model", missing, seedArticle); code != 1 || !strings.Contains(errs, missing) {
		t.Errorf("build --model with a missing file: exit %d, %q", code, errs)
	}
	if code, _, _ := gb(t, "help", "train"); code != 0 {
		t.Errorf("help train: exit %d", code)
	}
	_, help, _ := gb(t, "help", "train")
	if strings.Contains(help, "../shared") {
		t.Errorf("help train points at ../shared:\n%s", help)
	}
}
