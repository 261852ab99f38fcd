package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	docs := flag.Int("docs", 10000, "number of documents")
	sentences := flag.Int("sentences", 12, "sentences per document")
	format := flag.String("format", "jsonl", "jsonl (one file) or txt (a directory of files)")
	out := flag.String("out", "corpus.jsonl", "output file (jsonl) or directory (txt)")
	fixtures := flag.String("fixtures", "fixtures", "the fixtures directory")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*docs, *sentences, *format, *out, *fixtures, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

var (
	splitRe  = regexp.MustCompile(`[^.!?]+[.!?]`)
	markupRe = regexp.MustCompile(`\]\([^)]*\)|[\[\]#*_]|_Context:[^\n]*`)
)

// pool reads the sentences of the fixtures: prose-like lines only.
func pool(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt")) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(markupRe.ReplaceAllString(string(b), " "), "\n") {
			for _, s := range splitRe.FindAllString(line, -1) {
				s = strings.Join(strings.Fields(s), " ")
				if n := len(strings.Fields(s)); n >= 6 && n <= 60 {
					out = append(out, s)
				}
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

func run(docs, sentences int, format, out, fixtures string, seed uint64) error {
	ss, err := pool(fixtures)
	if err != nil {
		return err
	}
	if len(ss) == 0 {
		return fmt.Errorf("no sentences under %s", fixtures)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var w *bufio.Writer
	switch format {
	case "jsonl":
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = bufio.NewWriterSize(f, 1<<20)
		defer w.Flush()
	case "txt":
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown -format %q", format)
	}
	enc := json.NewEncoder(w)
	for i := 0; i < docs; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d.\n\n", i)
		for j := 0; j < sentences; j++ {
			b.WriteString(ss[rng.IntN(len(ss))])
			if j%4 == 3 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		date := fmt.Sprintf("20%02d-%02d-%02d", 10+i%8, 1+i%12, 1+i%28)
		if format == "txt" {
			p := filepath.Join(out, fmt.Sprintf("%03d", i/1000), fmt.Sprintf("doc%07d.txt", i))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(map[string]string{"id": fmt.Sprintf("doc%07d", i), "date": date, "text": b.String()}); err != nil {
			return err
		}
	}
	return nil
}
