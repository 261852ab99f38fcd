package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

func init() {
	register(&command{
		name:  "train",
		usage: "--out FILE [--epochs N] [--bits N] [--seed N] [--runs N] GOLD...",
		summary: "Train the entity recognizer on annotated files and write the model.\n\n" +
			"GOLD files are CoNLL (2 to 4 columns, IO/IOB1/IOB2) or Universal NER files.\n" +
			"A file given several times is trained on that many times (in-domain data weighted).\n" +
			"Use the model with 'graphbuild build --model FILE', 'extract --model FILE' and\n" +
			"'eval --model FILE'. The shipped model is retrained with bench/train.sh DIR, where DIR\n" +
			"holds the CoNLL training sets (train/ and train-extra/), together with the annotated\n" +
			"news of data/annotation/conll/train.conll (three times).",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			def := ner.DefaultTrainConfig()
			out := fs.String("out", "", "write the model to `FILE` (replaced atomically)")
			epochs := fs.Int("epochs", def.Epochs, "passes over the training data")
			bits := fs.Uint("bits", def.Bits, "log2 of the number of hashed weight rows")
			seed := fs.Uint64("seed", def.Seed, "seed of the sentence order")
			runs := fs.Int("runs", def.Runs, "number of perceptrons, each with its own sentence order, averaged into the model")
			return func(ctx context.Context, e *env, args []string) error {
				if *out == "" {
					return usagef("--out is required")
				}
				if len(args) == 0 {
					return usagef("no training files given")
				}
				var docs []ner.GoldDocument
				for _, p := range args {
					d, err := ner.ReadCoNLLFile(p)
					if err != nil {
						return err
					}
					docs = append(docs, d...)
				}
				g, err := ner.DefaultGazetteer()
				if err != nil {
					return err
				}
				cfg := def
				cfg.Epochs, cfg.Bits, cfg.Seed, cfg.Runs, cfg.Log = *epochs, *bits, *seed, *runs, e.stderr
				m, err := ner.Train(ctx, cfg, g, docs)
				if err != nil {
					return err
				}
				if err := m.WriteFile(*out); err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "wrote %s\n", *out)
				return nil
			}
		},
	})
}
