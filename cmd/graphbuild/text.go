package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/graphbuild/graphbuild/pkg/source"
)

func init() {
	register(&command{
		name:  "text",
		usage: "[--format text|jsonl] PATH...",
		summary: `Print each document exactly as build will analyse it.
Page clutter left out (sign-in prompts, newsletter lists, prices, photo credits)
is blanked in the text and listed on "dropped:" lines.
With --format jsonl, one {"doc","id","date","title","text","dropped"} object a line.`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			format := fs.String("format", "text", "output format: text or jsonl")
			var src sourceFlags
			src.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if *format != "text" && *format != "jsonl" {
					return usagef("unknown --format %q (want text or jsonl)", *format)
				}
				opt := src.options(e.stdin)
				inputs, failed, skipped, err := src.expand(e, "text", args, opt)
				if err != nil {
					return err
				}
				if len(skipped) > 0 && !src.verbose {
					fmt.Fprintf(e.stderr, "graphbuild text: %s\n", skippedLine(skipped, false))
				}
				w := bufio.NewWriter(e.stdout)
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				for _, in := range inputs {
					err := source.Read(ctx, in, opt, func(d source.Document) error {
						for _, msg := range d.Warnings {
							fmt.Fprintf(e.stderr, "graphbuild text: warning: %s: %s\n", source.ShowPath(d.Path), msg)
						}
						if *format == "jsonl" {
							dropped := make([]map[string]any, 0, len(d.Dropped))
							for _, sp := range d.Dropped {
								dropped = append(dropped, map[string]any{"start": sp.Start, "end": sp.End, "text": sp.Text})
							}
							return enc.Encode(map[string]any{"doc": d.Path, "id": d.ID, "date": d.Date, "title": d.Title, "text": d.Text, "dropped": dropped})
						}
						fmt.Fprintf(w, "==> %s  id=%s", d.Path, d.ID)
						if d.Date != "" {
							fmt.Fprintf(w, "  date=%s", d.Date)
						}
						if d.Title != "" {
							fmt.Fprintf(w, "  title=%q", d.Title)
						}
						if d.Topic != "" {
							fmt.Fprintf(w, "  topic=%q", d.Topic)
						}
						fmt.Fprintln(w)
						for _, line := range d.Contexts {
							fmt.Fprintf(w, "context: %q\n", line)
						}
						for _, sp := range d.Dropped {
							fmt.Fprintf(w, "dropped: %q\n", sp.Text)
						}
						fmt.Fprintf(w, "%s\n\n", d.Text)
						return nil
					})
					if err != nil {
						if ctx.Err() != nil {
							return ctx.Err()
						}
						failed++
						fmt.Fprintf(e.stderr, "graphbuild text: %v\n", err)
					}
				}
				if err := w.Flush(); err != nil {
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
