package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// defaultDB is the store used when --db is not given.
const defaultDB = "graphbuild.db"

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB, "graph store `directory`")
}

// openStore opens the store at dir; a missing store is an error for the
// commands that only read.
func openStore(dir string, readOnly bool) (*graph.Store, error) {
	opt := graph.DefaultOptions(dir).WithReadOnly(readOnly)
	st, err := graph.Open(opt)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// listFlag collects a repeatable flag; values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// sourceFlags registers the flags that configure the readers.
type sourceFlags struct {
	include, exclude                                    listFlag
	maxDocBytes, maxRecordBytes                         int
	textField, idField, dateField, titleField, urlField string
	verbose                                             bool
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	d := source.DefaultOptions()
	fs.Var(&s.include, "include", "read only files matching this glob when walking directories (repeatable)")
	fs.Var(&s.exclude, "exclude", "skip files and directories matching this glob (repeatable)")
	fs.IntVar(&s.maxDocBytes, "max-doc-bytes", d.MaxDocBytes, "split documents larger than this at paragraph boundaries (0: never)")
	fs.IntVar(&s.maxRecordBytes, "max-record-bytes", source.DefaultMaxRecordBytes, "fail a JSONL line, JSON element or file read whole (Markdown, HTML, JSON) larger than this after decompression (plain text is streamed in parts)")
	fs.StringVar(&s.textField, "text-field", d.TextField, "JSONL field holding the text")
	fs.StringVar(&s.idField, "id-field", d.IDField, "JSONL field holding the document id")
	fs.StringVar(&s.dateField, "date-field", d.DateField, "JSONL field holding the date")
	fs.StringVar(&s.titleField, "title-field", d.TitleField, "JSONL field holding the title")
	fs.StringVar(&s.urlField, "url-field", d.URLField, "JSONL field holding the URL")
	fs.BoolVar(&s.verbose, "verbose", false, "list the files a directory walk did not read, and why")
}

func (s *sourceFlags) options(stdin io.Reader) source.Options {
	o := source.DefaultOptions()
	o.Include, o.Exclude = s.include, s.exclude
	o.MaxDocBytes = s.maxDocBytes
	o.MaxRecordBytes = s.maxRecordBytes
	o.TextField, o.IDField, o.DateField, o.TitleField, o.URLField = s.textField, s.idField, s.dateField, s.titleField, s.urlField
	o.Stdin = stdin
	return o
}

// expand lists the inputs, printing each problem (and, with --verbose,
// each file a directory walk did not read and why); it fails when nothing
// is left to read.
func (s *sourceFlags) expand(e *env, cmd string, args []string, opt source.Options) ([]source.Input, int, []source.Skipped, error) {
	if len(args) == 0 {
		return nil, 0, nil, usagef("no input: give files, directories, globs or - for standard input")
	}
	inputs, skipped, errs := source.ExpandSkipped(args, opt)
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "graphbuild %s: %v\n", cmd, err)
	}
	if s.verbose {
		for _, sk := range skipped {
			fmt.Fprintf(e.stderr, "graphbuild %s: skipped %s: %s\n", cmd, sk.Path, sk.Reason)
		}
	}
	if len(inputs) == 0 {
		if len(skipped) > 0 && !s.verbose {
			fmt.Fprintf(e.stderr, "graphbuild %s: nothing to read: %s\n", cmd, skippedLine(skipped, false))
		}
		return nil, len(errs), skipped, errFailed
	}
	return inputs, len(errs), skipped, nil
}

// skippedLine summarises the files a walk did not read: "3 files not read
// (2 PDF, 1 image); --verbose lists them".
func skippedLine(skipped []source.Skipped, verbose bool) string {
	counts := map[string]int{}
	var kinds []string
	for _, sk := range skipped {
		k, _, _ := strings.Cut(sk.Reason, ":")
		if strings.HasPrefix(k, "extension ") {
			k = strings.Fields(k)[1]
		}
		if counts[k] == 0 {
			kinds = append(kinds, k)
		}
		counts[k]++
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	line := fmt.Sprintf("%d file(s) in the directories not read (%s)", len(skipped), strings.Join(parts, ", "))
	if !verbose {
		line += "; --verbose lists them"
	}
	return line
}

// progress prints a build's progress on stderr: a redrawn line on a
// terminal, a line every few seconds otherwise, nothing when quiet.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	quiet bool
	last  time.Time
	shown bool
}

func (p *progress) update(pr ingest.Progress) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	every := 5 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if p.last.IsZero() && !p.tty {
		p.last = time.Now() // the first line after a few seconds, not at once
		return
	}
	if time.Since(p.last) < every {
		return
	}
	p.last = time.Now()
	secs := pr.Elapsed.Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	rate := float64(pr.Documents) / secs
	prec := 0
	if rate < 10 { // big parts go at a few a second: "0 docs/s" says nothing
		prec = 1
	}
	line := fmt.Sprintf("%d documents, %d/%d inputs, %.*f docs/s", pr.Documents, pr.InputsDone, pr.Inputs, prec, rate)
	if pr.Bytes > 0 {
		line += fmt.Sprintf(", %.1f MB/s", float64(pr.Bytes)/1e6/secs)
	}
	if pr.TotalBytes > 0 && pr.Bytes > 0 {
		// Bytes is the work delivered (within a big file too), so the
		// rate so far extrapolates; the first percent is too noisy.
		frac := min(float64(pr.Bytes)/float64(pr.TotalBytes), 1)
		eta := "estimating"
		if frac >= 0.01 || pr.Elapsed >= 10*time.Second {
			eta = time.Duration(float64(pr.Elapsed) * (1 - frac) / frac).Round(time.Second).String()
		}
		line = fmt.Sprintf("%s %3.0f%% %s, ETA %s", bar(frac, 20), 100*frac, line, eta)
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.shown = true
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// done ends a redrawn progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

func bar(frac float64, width int) string {
	n := int(frac * float64(width))
	if n > width {
		n = width
	}
	return "[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "]"
}

// aliasesFlag registers --aliases, the user's merge, split and type rules.
func aliasesFlag(fs *flag.FlagSet) *string {
	return fs.String("aliases", "", "`file` of name rules: \"Zelensky = Volodymyr Zelenskyy\" (merge), \"Paris != Paris Hilton\" (split), \"White House : FAC\" (type); see README")
}

// aliasesRecord is the file in a store directory that keeps the digest of
// the aliases file the store was built with ("" when none).
const aliasesRecord = "GRAPHBUILD-ALIASES"

// aliasesDigest returns the SHA-256 of the aliases file at path, "" for
// none.
func aliasesDigest(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", usagef("--aliases: %v", err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// storedAliasesDigest returns the digest recorded in the store at db, and
// whether one was recorded.
func storedAliasesDigest(db string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(db, aliasesRecord))
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(b)), true
}

// readAliases reads the aliases file at path; "" gives no rules.
func readAliases(path string) (*ner.Aliases, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("--aliases: %v", err)
	}
	defer f.Close()
	a, err := ner.ParseAliases(path, f)
	if err != nil {
		return nil, usagef("--aliases: %v", err)
	}
	return a, nil
}

// withAnalytics returns st, a read-only store, with the analytics of f
// ready for its current state. A build leaves them stale; the first
// command that needs them computes them on the read-only store (other
// readers go on meanwhile), says so on stderr, and caches them in the store
// by reopening it for writing for the moment it takes to save them. When
// another process holds the store they are kept for this command only
// (every command then computes them again until `graphbuild analyze` or a
// free store lets one cache them). The returned store replaces st.
func withAnalytics(ctx context.Context, e *env, db string, st *graph.Store, f graph.Filter) (*graph.Store, error) {
	ok, err := st.HasAnalytics(f)
	if err != nil || ok {
		return st, err
	}
	start := time.Now()
	fmt.Fprintf(e.stderr, "graphbuild: computing graph analytics (none are cached for these filters at this state of the store)...\n")
	g, err := graph.Analyze(ctx, st, f)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("analytics: %w", err)
	}
	took := time.Since(start).Round(time.Millisecond)
	if err := st.Close(); err != nil {
		return nil, err
	}
	keep := func() (*graph.Store, error) {
		ro, err := openStore(db, true)
		if err == nil {
			err = graph.SaveAnalytics(ro, f, g)
		}
		return ro, err
	}
	rw, err := openStore(db, false)
	if errors.Is(err, graph.ErrLocked) {
		fmt.Fprintf(e.stderr, "graphbuild: analytics computed in %s, not cached: %s is in use by another process\n", took, db)
		return keep()
	}
	if err != nil {
		return nil, err
	}
	serr := graph.SaveAnalytics(rw, f, g)
	if err := rw.Close(); serr == nil {
		serr = err
	}
	if serr != nil {
		return nil, fmt.Errorf("analytics: %w", serr)
	}
	fmt.Fprintf(e.stderr, "graphbuild: analytics computed and cached in %s\n", took)
	ro, err := openStore(db, true)
	if err != nil {
		return nil, err
	}
	if ok, _ := ro.HasAnalytics(f); !ok {
		// A build wrote in between: use what was computed.
		ro.Close()
		return keep()
	}
	return ro, nil
}

// plural writes n with the noun, in the plural unless n is 1 ("1 line",
// "3 lines").
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
