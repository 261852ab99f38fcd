package ner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExperiment trains on ../shared/data/ner/train and scores the dev sets
// for several feature sets. It runs only when NER_EXPERIMENT names the
// variants to try (comma-separated: all, -gaz, -lex, -bigrams, -sentcase,
// -doc, -casegaz; "+" joins changes, s2/s3 change the seed), as it needs
// the shared data and a minute per variant.
func TestExperiment(t *testing.T) {
	spec := os.Getenv("NER_EXPERIMENT")
	if spec == "" {
		t.Skip("set NER_EXPERIMENT to run")
	}
	root := "../../../shared/data/ner"
	var train []GoldDocument
	trainGlobs := os.Getenv("NER_TRAIN")
	if trainGlobs == "" {
		trainGlobs = "train/uner_en_ewt/*.iob2,train/btc/*.conll,train/wnut17/*.conll,train/crossner_politics/*.txt"
	}
	for _, glob := range strings.Split(trainGlobs, ",") {
		if !filepath.IsAbs(glob) {
			glob = filepath.Join(root, glob)
		}
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			d, err := ReadCoNLLFile(f)
			if err != nil {
				t.Fatal(err)
			}
			train = append(train, d...)
		}
	}
	// NER_NEWS names our annotated news (data/annotation/conll/train.conll);
	// variants n0, n25, n50 keep that share of its documents (the first
	// ones in date order), x2 and x3 repeat them.
	var news []GoldDocument
	if p := os.Getenv("NER_NEWS"); p != "" {
		d, err := ReadCoNLLFile(p)
		if err != nil {
			t.Fatal(err)
		}
		news = d
	}
	devs := map[string][]GoldDocument{}
	for name, glob := range map[string]string{"meantime": "dev/meantime/*.conll", "wikigold": "dev/wikigold/*.txt", "uner": "dev/uner_en_ewt/*.iob2", "wnut17": "dev/wnut17/*.conll"} {
		files, _ := filepath.Glob(filepath.Join(root, glob))
		for _, f := range files {
			d, err := ReadCoNLLFile(f)
			if err != nil {
				t.Fatal(err)
			}
			devs[name] = append(devs[name], d...)
		}
	}
	// Our own held-out news annotations (data/annotation), never trained on.
	names := []string{"meantime", "wikigold", "uner", "wnut17"}
	if d, err := ReadCoNLLFile("../../data/annotation/conll/test.conll"); err == nil {
		devs["news-test"] = d
		names = append(names, "news-test")
	}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range strings.Split(spec, ",") {
		cfg := DefaultTrainConfig()
		share, repeat := 100, 1
		for _, part := range strings.Split(v, "+") {
			switch part {
			case "n0":
				share = 0
			case "n25":
				share = 25
			case "n50":
				share = 50
			case "x2":
				repeat = 2
			case "x3":
				repeat = 3
			case "-gaz":
				cfg.features &^= fsGaz
			case "-lex":
				cfg.features &^= fsLexicon
			case "-bigrams":
				cfg.features &^= fsBigrams
			case "-sentcase":
				cfg.features &^= fsSentCase
			case "-doc":
				cfg.features &^= fsDocMemory
			case "e5":
				cfg.Epochs = 5
			case "e15":
				cfg.Epochs = 15
			case "b20":
				cfg.Bits = 20
			case "b21":
				cfg.Bits = 21
			case "d0":
				cfg.Dropout = 0
			case "d5":
				cfg.Dropout = 0.5
			case "d1":
				cfg.Dropout = 0.1
			case "prose":
				cfg.features |= fsProse
			case "r3":
				cfg.Runs = 3
			case "s2":
				cfg.Seed = 2
			case "s3":
				cfg.Seed = 3
			case "-casegaz":
				cfg.features &^= fsCaseGaz
			case "-dictpos":
				cfg.features &^= fsDictPOS
			case "-pos":
				cfg.features |= fsNoPOS
			case "b19":
				cfg.Bits = 19
			case "r5":
				cfg.Runs = 5
			case "b18":
				cfg.Bits = 18
			case "-wordnet":
				cfg.features &^= fsWordNet
			case "-clusters":
				cfg.features &^= fsClusters
			}
		}
		docs := append([]GoldDocument(nil), train...)
		for range repeat {
			docs = append(docs, news[:len(news)*share/100]...)
		}
		m, err := Train(context.Background(), cfg, g, docs)
		if err != nil {
			t.Fatal(err)
		}
		line := fmt.Sprintf("%-22s", v)
		for _, name := range names {
			sc, err := Evaluate(context.Background(), m, devs[name])
			if err != nil {
				t.Fatal(err)
			}
			line += fmt.Sprintf(" %s %.3f (P%.2f R%.2f ORG %.3f)", name, sc.Micro().F1(), sc.Micro().Precision(), sc.Micro().Recall(), sc.Classes["ORG"].F1())
		}
		t.Log(line)
	}
}
