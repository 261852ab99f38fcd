package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"runtime"

	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// mentionLine is one line of `graphbuild extract`. Start and End are UTF-8
// byte offsets into the file as read (end exclusive) for text and Markdown
// files; for documents whose text is not a slice of the file (HTML, JSONL)
// they are offsets into the document text as `graphbuild text` prints it.
type mentionLine struct {
	Doc    string `json:"doc"`
	ID     string `json:"id"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Type   string `json:"type"`
	Entity string `json:"entity"`
}

func init() {
	register(&command{
		name:  "extract",
		usage: "[--format jsonl] PATH...",
		summary: `Print every entity mention in the inputs, one JSON object a line.
Each line is {"doc","id","start","end","text","type","entity"}; start and end are
byte offsets into the file as read. Entities are resolved across all the inputs
(--resolve document: within each document). Nothing is stored.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			format := fs.String("format", "jsonl", "output format: jsonl")
			var src sourceFlags
			src.register(fs)
			workers := fs.Int("workers", runtime.GOMAXPROCS(0), "extraction goroutines")
			aliasFile := aliasesFlag(fs)
			recognizer := fs.String("recognizer", "ours", "entity recognizer: ours, or prose (prose/v3's built-in model, a baseline)")
			modelPath := fs.String("model", "", "with --recognizer ours: the model in `FILE` (written by 'graphbuild train') instead of the embedded one")
			resolve := fs.String("resolve", "corpus", "resolve names across all the inputs (corpus: \"Cheeks\" is the Maurice Cheeks another input names; the lines come when all inputs are read) or within each document only (document: lines come as documents are read)")
			return func(ctx context.Context, e *env, args []string) error {
				if *format != "jsonl" {
					return usagef("unknown --format %q (want jsonl)", *format)
				}
				if *resolve != "corpus" && *resolve != "document" {
					return usagef("unknown --resolve %q (want corpus or document)", *resolve)
				}
				opt := ingest.Options{Workers: *workers, Source: src.options(e.stdin)}
				inputs, failed, skipped, err := src.expand(e, "extract", args, opt.Source)
				if err != nil {
					return err
				}
				if len(skipped) > 0 && !src.verbose {
					fmt.Fprintf(e.stderr, "graphbuild extract: %s\n", skippedLine(skipped, false))
				}
				ex, err := extractor(*recognizer, *modelPath)
				if err != nil {
					return err
				}
				opt.OnError = func(err error) {
					failed++
					fmt.Fprintf(e.stderr, "graphbuild extract: %v\n", err)
				}
				opt.OnWarning = func(path, msg string) {
					fmt.Fprintf(e.stderr, "graphbuild extract: warning: %s: %s\n", source.ShowPath(path), msg)
				}
				w := bufio.NewWriterSize(e.stdout, 1<<16)
				aliases, err := readAliases(*aliasFile)
				if err != nil {
					return err
				}
				var out mentionWriter = newLineWriter(w)
				var corpus *corpusLines
				if *resolve == "corpus" {
					if corpus, err = newCorpusLines(); err != nil {
						return err
					}
					defer corpus.close()
					out = corpus
				}
				err = ingest.Run(ctx, inputs, ex, opt, func(r ingest.Result) error {
					aliases.Apply(r.Analysis)
					base := r.Doc.Offset
					if base < 0 {
						base = 0
					}
					for _, m := range r.Analysis.Mentions {
						if err := out.write(mentionLine{Doc: r.Doc.Path, ID: r.Doc.ID, Start: base + m.Start, End: base + m.End,
							Text: m.Text, Type: string(m.Type), Entity: m.Entity}); err != nil {
							return err
						}
					}
					return nil
				})
				if err == nil && corpus != nil {
					err = corpus.resolve(aliases, w)
				}
				if ferr := w.Flush(); err == nil {
					err = ferr
				}
				if err != nil {
					return err
				}
				if failed > 0 {
					return errFailed
				}
				return nil
			}
		},
	})
}

func noTags(*ner.Analysis, int) bool { return false }

// extractor returns the pipeline with the named recognizer.
func extractor(name, modelPath string) (*ner.Extractor, error) {
	if modelPath != "" && name != "ours" {
		return nil, usagef("--model is for --recognizer ours")
	}
	switch name {
	case "ours":
		if modelPath != "" {
			ex, err := buildExtractor(modelPath)
			if err != nil {
				return nil, err
			}
			return ex.WithTagFilter(noTags), nil
		}
		ex, err := ner.Default()
		if err != nil {
			return nil, err
		}
		return ex.WithTagFilter(noTags), nil // mentions only: no sentence needs tags
	case "prose":
		an, err := ner.NewProseAnalyzer()
		if err != nil {
			return nil, err
		}
		rec, err := ner.NewProseRecognizer()
		if err != nil {
			return nil, err
		}
		gaz, err := ner.DefaultGazetteer()
		if err != nil {
			return nil, err
		}
		return ner.NewExtractor(an, rec, gaz), nil
	}
	return nil, usagef("unknown --recognizer %q (want ours or prose)", name)
}
