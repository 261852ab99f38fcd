// Command graphbuild-beam builds graphbuild's graph with an Apache Beam
// pipeline (package beamgraph) on any Beam runner: Prism in-process by
// default, Flink, Spark or Dataflow with --runner and their flags.
//
//	graphbuild-beam --out OUT [flags] PATH...
//
// It reads the inputs graphbuild build reads (files, directories, globs;
// not standard input), and writes into OUT the resolved contributions
// (contributions-*.jsonl, for graphbuild import), Dgraph N-Quads with their
// schema (graph.rdf, graph.schema) and neo4j-admin import CSVs (neo4j/).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/graphbuild/graphbuild/dist/beamgraph"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// options are graphbuild-beam's own flags; Beam's (--runner, --endpoint,
// --environment_type, --job_name, Dataflow's --project...) are registered
// by the SDK on the same flag set.
type options struct {
	cfg     beamgraph.Config
	verbose bool
	include stringList
	exclude stringList
}

type stringList []string

func (l *stringList) String() string     { return fmt.Sprint(*l) }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func (o *options) register(fs *flag.FlagSet) {
	c := &o.cfg
	fs.StringVar(&c.Out, "out", "", "output directory (local path; gs://bucket/dir on Dataflow); required")
	fs.IntVar(&c.Shards, "shards", 4, "number of contributions-*.jsonl files")
	fs.StringVar(&c.Window, "window", "sentence", "co-occurrence window: sentence, paragraph or document")
	d := source.DefaultOptions()
	fs.StringVar(&c.TextField, "text-field", d.TextField, "JSONL field holding the text")
	fs.StringVar(&c.IDField, "id-field", d.IDField, "JSONL field holding the document id")
	fs.StringVar(&c.DateField, "date-field", d.DateField, "JSONL field holding the date")
	fs.StringVar(&c.TitleField, "title-field", d.TitleField, "JSONL field holding the title")
	fs.StringVar(&c.URLField, "url-field", d.URLField, "JSONL field holding the URL")
	fs.IntVar(&c.MaxDocBytes, "max-doc-bytes", d.MaxDocBytes, "split documents longer than this at paragraph breaks (0: never)")
	fs.BoolVar(&o.verbose, "verbose", false, "keep the runner's and SDK's INFO logs")
	fs.Var(&o.include, "include", "take only files matching this glob when walking directories (repeatable)")
	fs.Var(&o.exclude, "exclude", "skip files and directories matching this glob (repeatable)")
}

func main() {
	var o options
	o.register(flag.CommandLine)
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: graphbuild-beam --out DIR [--runner prism|flink|spark|dataflow|universal] [flags] PATH...\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if !o.verbose {
		// Prism and the SDK log every job state change at INFO.
		beamlog.LogLevel = "warn"
	}
	// On a remote worker Init runs the SDK harness and never returns.
	beam.Init()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, o, flag.Args(), os.Stderr)
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		fmt.Fprintf(os.Stderr, "graphbuild-beam: %v\n", err)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "graphbuild-beam: %v\n", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

// run builds and runs the pipeline on the runner --runner names.
func run(ctx context.Context, o options, args []string, stderr io.Writer) error {
	if o.cfg.Out == "" {
		return usageError{errors.New("--out is required")}
	}
	if len(args) == 0 {
		return usageError{errors.New("no input: give files, directories or globs")}
	}
	sopt := source.DefaultOptions()
	sopt.Include, sopt.Exclude = o.include, o.exclude
	ins, errs := source.Expand(args, sopt)
	for _, err := range errs {
		fmt.Fprintf(stderr, "graphbuild-beam: %v\n", err)
	}
	if len(ins) == 0 {
		return errors.New("nothing to read")
	}
	for _, in := range ins {
		if in.Path == source.StdinPath {
			return usageError{errors.New("standard input cannot be read by remote workers: give files")}
		}
	}
	p, s := beam.NewPipelineWithRoot()
	g, err := beamgraph.Build(s, beamgraph.Inputs(ins), o.cfg)
	if err != nil {
		return usageError{err}
	}
	beamgraph.Write(s, g, o.cfg)
	start := time.Now()
	if err := beamx.Run(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "graphbuild-beam: %d inputs in %s; wrote %s\n", len(ins), time.Since(start).Round(time.Millisecond), o.cfg.Out)
	if _, err := os.Stat(o.cfg.Out + "/" + beamgraph.FailedFile); err == nil {
		fmt.Fprintf(stderr, "graphbuild-beam: some inputs failed: see %s/%s\n", o.cfg.Out, beamgraph.FailedFile)
	}
	if len(errs) > 0 {
		return errors.New("some inputs failed")
	}
	return nil
}
