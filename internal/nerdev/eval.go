package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

// evalResult is one file's scores as printed by --json.
type evalResult struct {
	File      string              `json:"file"`
	Tokens    int                 `json:"tokens"`
	TokensSec float64             `json:"tokens_per_sec"`
	Classes   map[string]evalLine `json:"classes"`
	Micro     evalLine            `json:"micro"`
}

type evalLine struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func lineOf(c ner.Count) evalLine {
	return evalLine{c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1()}
}

func init() {
	register(&command{
		name:  "eval",
		usage: "[--json] [--recognizer ours|prose] [--model FILE] GOLD...",
		summary: "Score the entity recognizer against gold files: precision, recall and F1 per type.\n\n" +
			"GOLD files are CoNLL (2 to 4 columns, IO/IOB1/IOB2) or Universal NER files. The\n" +
			"recognizer runs on the gold tokens (POS-tagged by prose); a span counts when its\n" +
			"start, end and type match exactly. Types: PER, ORG, LOC (= GPE + LOC + FAC); MISC\n" +
			"is not scored. micro sums the three.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			asJSON := fs.Bool("json", false, "print JSON, one object per file and one for all files")
			which := fs.String("recognizer", "ours", "`name` of the recognizer: ours or prose (prose/v3's built-in model)")
			showErrors := fs.Bool("errors", false, "also print every false positive (FP) and false negative (FN) span")
			modelPath := fs.String("model", "", "score the model in `FILE` instead of the embedded one")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) == 0 {
					return usagef("no gold files given")
				}
				var rec ner.Recognizer
				switch *which {
				case "ours":
					if *modelPath != "" {
						g, err := ner.DefaultGazetteer()
						if err != nil {
							return err
						}
						f, err := os.Open(*modelPath)
						if err != nil {
							return err
						}
						m, err := ner.ReadModel(f, g)
						f.Close()
						if err != nil {
							return fmt.Errorf("%s: %w", *modelPath, err)
						}
						rec = m
					} else {
						m, err := ner.DefaultModel()
						if err != nil {
							return err
						}
						rec = m
					}
				case "prose":
					r, err := ner.NewProseRecognizer()
					if err != nil {
						return err
					}
					rec = r
				default:
					return usagef("unknown recognizer %q (want ours or prose)", *which)
				}
				var results []evalResult
				var all ner.Scores
				for _, p := range args {
					docs, err := ner.ReadCoNLLFile(p)
					if err != nil {
						return err
					}
					sc, err := ner.Evaluate(ctx, rec, docs)
					if err != nil {
						return fmt.Errorf("%s: %w", p, err)
					}
					all.Add(sc)
					if *showErrors && !*asJSON {
						sort.SliceStable(sc.Errors, func(i, j int) bool { return sc.Errors[i].Doc < sc.Errors[j].Doc })
						for _, er := range sc.Errors {
							kind := "FP"
							if er.Gold {
								kind = "FN"
							}
							fmt.Fprintf(e.stdout, "%s %s %-4s %q\t%s\n", p, kind, er.Class, er.Text, er.Context)
						}
					}
					results = append(results, resultOf(p, sc))
				}
				if len(args) > 1 {
					results = append(results, resultOf("all", all))
				}
				if *asJSON {
					enc := json.NewEncoder(e.stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(results)
				}
				for _, r := range results {
					fmt.Fprintf(e.stdout, "%s (%s, %d tokens, %.0f tokens/s)\n", r.File, *which, r.Tokens, r.TokensSec)
					fmt.Fprintf(e.stdout, "  %-6s %9s %9s %9s %6s %6s %6s\n", "type", "precision", "recall", "F1", "tp", "fp", "fn")
					for _, c := range ner.ScoreClasses {
						printEvalLine(e, c, r.Classes[c])
					}
					printEvalLine(e, "micro", r.Micro)
				}
				return nil
			}
		},
	})
}

func resultOf(file string, sc ner.Scores) evalResult {
	r := evalResult{File: file, Tokens: sc.Tokens, Classes: map[string]evalLine{}, Micro: lineOf(sc.Micro())}
	if s := sc.Duration.Seconds(); s > 0 {
		r.TokensSec = float64(sc.Tokens) / s
	}
	for _, c := range ner.ScoreClasses {
		r.Classes[c] = lineOf(sc.Classes[c])
	}
	return r
}

func printEvalLine(e *env, name string, l evalLine) {
	fmt.Fprintf(e.stdout, "  %-6s %9.3f %9.3f %9.3f %6d %6d %6d\n", name, l.Precision, l.Recall, l.F1, l.TP, l.FP, l.FN)
}
