package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand: its flags are registered on a fresh FlagSet and
// run is called with what remains.
type command struct {
	name    string
	usage   string // arguments after the command name
	summary string
	setup   func(fs *flag.FlagSet) func(ctx context.Context, env *env, args []string) error
}

// env is what a command talks to; tests replace its fields.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stderrIsTTY    bool
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// usageError marks an error as bad usage (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errFailed reports that some inputs failed after their errors were printed.
var errFailed = errors.New("some inputs failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stderrIsTTY: isTerminal(os.Stderr)}
	// GRAPHBUILD_CPUPROFILE=FILE writes a CPU profile of the run, for
	// `go tool pprof`.
	if path := os.Getenv("GRAPHBUILD_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "graphbuild: GRAPHBUILD_CPUPROFILE: %v (no profile written)\n", err)
		} else {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	code := run(ctx, e, os.Args[1:])
	stop()
	if code != 0 {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fs := newFlagSet(c, e)
				c.setup(fs)
				fs.SetOutput(e.stdout)
				fs.Usage()
				return 0
			}
		}
		printUsage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		printVersion(e.stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "graphbuild: unknown command %q\n", args[0])
		printUsage(e.stderr)
		return 2
	}
	fs := newFlagSet(c, e)
	runFn := c.setup(fs)
	rest, err := parseInterleaved(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2 // the flag package already printed the problem and the usage
	}
	err = runFn(ctx, e, rest)
	return exitCode(e, c.name, err)
}

func exitCode(e *env, name string, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "graphbuild %s: %s\n", name, ue.msg)
		fmt.Fprintf(e.stderr, "run 'graphbuild help %s' for usage\n", name)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "graphbuild %s: interrupted\n", name)
		return 130
	case errors.Is(err, errFailed):
		return 1 // the failures were already reported one by one
	default:
		fmt.Fprintf(e.stderr, "graphbuild %s: %v\n", name, err)
		return 1
	}
}

func newFlagSet(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("graphbuild "+c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: graphbuild %s %s\n\n%s\n", c.name, c.usage, c.summary)
		var n int
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(fs.Output(), "\noptions:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments ("build fixtures --db x"). "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		consumed := len(args) - fs.NArg()
		if consumed > 0 && args[consumed-1] == "--" {
			return append(rest, fs.Args()...), nil
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		// args[0] is a positional argument (a lone "-" is standard input).
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "graphbuild turns text into a graph of the people, places and organizations in it.")
	fmt.Fprintln(w, "\nusage: graphbuild COMMAND [options] [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-9s %s\n", n, firstLine(c.summary))
	}
	fmt.Fprintln(w, "\nrun 'graphbuild help COMMAND' for a command's options, 'graphbuild --version' for the version")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
