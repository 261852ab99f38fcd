package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeGzip(t *testing.T, path string, write func(w *gzip.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	write(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// readTimed reads one input and returns its documents and error, failing
// the test when Read takes longer than limit.
func readTimed(t *testing.T, path string, opt Options, limit time.Duration) ([]Document, error) {
	t.Helper()
	type result struct {
		docs []Document
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var docs []Document
		err := Read(context.Background(), Input{Path: path, Size: -1}, opt, func(d Document) error {
			d.Raw = ""
			docs = append(docs, d)
			return nil
		})
		done <- result{docs, err}
	}()
	select {
	case r := <-done:
		return r.docs, r.err
	case <-time.After(limit):
		t.Fatalf("reading %s took more than %s", path, limit)
		return nil, nil
	}
}

// TestReadGzipTextStreams: 256 MiB of text in a .txt.gz is read in parts
// with the heap staying small, and gives the parts the same text
// uncompressed gives.
func TestReadGzipTextStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("decompresses 256 MiB")
	}
	path := filepath.Join(t.TempDir(), "bomb.txt.gz")
	para := []byte(strings.Repeat("Angela Merkel met Barack Obama in Berlin on Monday. ", 20) + "\n\n")
	const total = 256 << 20
	writeGzip(t, path, func(w *gzip.Writer) {
		for n := 0; n < total; n += len(para) {
			w.Write(para)
		}
	})
	opt := DefaultOptions()
	var peak uint64
	parts, bytesSeen := 0, 0
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	err := Read(context.Background(), Input{Path: path, Size: -1}, opt, func(d Document) error {
		parts++
		bytesSeen += len(d.Text)
		if len(d.Text) > opt.MaxDocBytes {
			t.Fatalf("part %d has %d bytes", parts, len(d.Text))
		}
		if parts%16 == 1 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc-min(base, ms.HeapAlloc))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if bytesSeen < total || parts < 256 {
		t.Errorf("read %d bytes in %d parts, want all %d in parts of 1 MiB", bytesSeen, parts, total)
	}
	if peak > 16<<20 {
		t.Errorf("heap grew by %d MiB while reading: the file was not streamed", peak>>20)
	}
	t.Logf("%d parts, heap grew by at most %d MiB", parts, peak>>20)
}

// TestReadGzipTextSameAsPlain: streamed compressed text gives the documents
// the same text gives uncompressed.
func TestReadGzipTextSameAsPlain(t *testing.T) {
	defer func(old int64) { streamThreshold = old }(streamThreshold)
	streamThreshold = 4000
	dir := t.TempDir()
	var text bytes.Buffer
	for i := range 1000 {
		nul := ""
		if i == 900 { // past the binary sniffing
			nul = "\x00"
		}
		fmt.Fprintf(&text, "Paragraph %d: Angela Merkel met Barack Obama in Berlin.%s\n\n", i, nul)
	}
	plain := filepath.Join(dir, "a-2016-09-28.txt")
	os.WriteFile(plain, text.Bytes(), 0o644)
	gz := filepath.Join(dir, "a-2016-09-28.txt.gz")
	writeGzip(t, gz, func(w *gzip.Writer) { w.Write(text.Bytes()) })
	opt := DefaultOptions()
	opt.MaxDocBytes = 1000
	want, err := readTimed(t, plain, opt, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readTimed(t, gz, opt, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) < 10 {
		t.Fatalf("%d parts from .gz, %d from plain", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		g.Path, w.Path = "", ""
		g.ReadTo, w.ReadTo = 0, 0 // in each file's own bytes: compressed for .gz
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("part %d differs:\n.gz   %+v\nplain %+v", i, g, w)
		}
		if strings.IndexByte(g.Text, 0) >= 0 {
			t.Fatalf("part %d keeps a NUL byte", i)
		}
	}
}

// TestReadWholeFormatsCapped: a Markdown file or JSON array element over
// MaxRecordBytes after decompression fails naming the file, without
// reading it all.
func TestReadWholeFormatsCapped(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "bomb.md.gz")
	writeGzip(t, md, func(w *gzip.Writer) {
		w.Write([]byte("# Bomb\n\n"))
		for range 4 << 10 {
			w.Write([]byte(strings.Repeat("Angela Merkel. ", 68) + "\n"))
		}
	})
	opt := DefaultOptions()
	opt.MaxRecordBytes = 1 << 20
	_, err := readTimed(t, md, opt, time.Minute)
	var se *Error
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &se) || se.Path != md || !strings.Contains(err.Error(), "more than 1 MiB after decompression") {
		t.Errorf("Markdown bomb: %v, want ErrTooLarge naming %s", err, md)
	}
	opt.Stdin = strings.NewReader(strings.Repeat("Angela Merkel met Barack Obama.\n", 70000))
	err = Read(context.Background(), Input{Path: StdinPath, Size: -1}, opt, func(Document) error { return nil })
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("2 MiB on standard input with a 1 MiB cap: %v", err)
	}
	opt.Stdin = nil
	arr := filepath.Join(dir, "bomb.json")
	big := strings.Repeat("word ", 300<<10)
	os.WriteFile(arr, []byte(`[{"text": "Angela Merkel met Barack Obama."}, {"text": "`+big+`"}, {"text": "never read"}]`), 0o644)
	docs, err := readTimed(t, arr, opt, time.Minute)
	if len(docs) != 1 || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "element 2") {
		t.Errorf("JSON array with a big element: %d documents, %v", len(docs), err)
	}
}

// TestReadLongJSONLLine: a JSONL line over MaxRecordBytes is one line
// error; the lines after it are read.
func TestReadLongJSONLLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.jsonl")
	long := `{"id": "long", "text": "` + strings.Repeat("Angela Merkel met Barack Obama. ", 100<<10) + `"}`
	os.WriteFile(path, []byte(`{"id": "a", "text": "first"}`+"\n"+long+"\n"+`{"id": "b", "text": "Angela\u0000Merkel met Obama."}`+"\n"), 0o644)
	opt := DefaultOptions()
	opt.MaxRecordBytes = 1 << 20
	docs, err := readTimed(t, path, opt, time.Minute)
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "b" {
		t.Fatalf("documents %v, want a and b", docs)
	}
	errs := Errors(err)
	var se *Error
	if len(errs) != 1 || !errors.As(errs[0], &se) || se.Line != 2 || !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("errors %v, want one ErrTooLarge on line 2", errs)
	}
	if docs[1].Text != "Angela Merkel met Obama." || len(docs[1].Warnings) != 1 {
		t.Errorf("NUL in JSONL text: %q, warnings %q", docs[1].Text, docs[1].Warnings)
	}
}

// TestReadDeepHTML: a page nested 100,000 deep is refused at once; a page
// nested a little is read.
func TestReadDeepHTML(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "deep.html")
	var b strings.Builder
	b.WriteString("<html><body>")
	for range 100000 {
		b.WriteString("<div>")
	}
	b.WriteString("<p>Angela Merkel met Barack Obama in Berlin on Monday to talk.</p>")
	os.WriteFile(deep, []byte(b.String()), 0o644)
	_, err := readTimed(t, deep, DefaultOptions(), 10*time.Second)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "nested more than 512 deep") {
		t.Errorf("deep page: %v, want ErrTooLarge", err)
	}
	ok := filepath.Join(dir, "ok.html")
	page := "<html><body>" + strings.Repeat("<div>", 40) + "<article><p>Angela Merkel met Barack Obama in Berlin on Monday to talk about trade.</p>" +
		strings.Repeat("<p>one<li>two<li>three<br><img src=x></p>", 600) + "</article></body></html>"
	os.WriteFile(ok, []byte(page), 0o644)
	if _, err := readTimed(t, ok, DefaultOptions(), time.Minute); err != nil {
		t.Errorf("page nested 43 deep with 1,800 unclosed items: %v", err)
	}
	if d := htmlDepth([]byte(page), MaxHTMLDepth); d > 50 {
		t.Errorf("htmlDepth = %d, want about 45", d)
	}
}

// TestReadCancelsHTML: an interrupted read of a page returns at once.
func TestReadCancelsHTML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "slow.html")
	var b strings.Builder
	b.WriteString("<html><body>")
	for range 500 {
		b.WriteString("<div><p>Angela Merkel met Barack Obama in Berlin on Monday.</p>")
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	time.AfterFunc(50*time.Millisecond, cancel)
	err := Read(ctx, Input{Path: path, Size: -1}, DefaultOptions(), func(Document) error { return nil })
	took := time.Since(start)
	if err == nil {
		t.Skipf("the page was read in %s, before the interruption", took)
	}
	if !errors.Is(err, context.Canceled) || took > 2*time.Second {
		t.Errorf("interrupted read: %v after %s, want context.Canceled at once", err, took)
	}
}

// TestReadRefusesFIFO: a FIFO named as input is refused by Expand and Read
// instead of blocking.
func TestReadRefusesFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ins, errs := Expand([]string{path}, DefaultOptions())
	if len(ins) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrNotRegular) || !strings.Contains(errs[0].Error(), "named pipe") {
		t.Errorf("Expand(fifo) = %v, %v", ins, errs)
	}
	if _, err := readTimed(t, path, DefaultOptions(), 5*time.Second); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Read(fifo) = %v, want ErrNotRegular", err)
	}
}

// TestReadBlanksControls: a NUL byte past the binary sniffing reaches no
// name: it is a space at the same offset, with a warning.
func TestReadBlanksControls(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nul.txt")
	text := strings.Repeat("Filler text of the report goes on here.\n", 1200) + "Angela\x00Merkel met Barack\x1b[31mObama.\n"
	os.WriteFile(path, []byte(text), 0o644)
	docs, err := readTimed(t, path, DefaultOptions(), time.Minute)
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	d := docs[0]
	want := strings.NewReplacer("\x00", " ", "\x1b", " ").Replace(text)
	if d.Text != want {
		t.Errorf("text keeps control bytes: %q", d.Text[len(d.Text)-40:])
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "2 control byte(s)") {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestReadCapsContextNames: a _Context:_ line of 1,000 names keeps the
// first MaxContextNames, with a warning.
func TestReadCapsContextNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctx.md")
	var names []string
	for i := range 1000 {
		names = append(names, fmt.Sprintf("Person %d", i))
	}
	os.WriteFile(path, []byte("# Many\n\nAngela Merkel met Barack Obama.\n\n_Context: "+strings.Join(names, ", ")+"_\n"), 0o644)
	docs, err := readTimed(t, path, DefaultOptions(), time.Minute)
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	d := docs[0]
	if len(d.Contexts) != 1 || len(d.Contexts[0]) != MaxContextNames || d.Contexts[0][49] != "Person 49" {
		t.Errorf("contexts %d lines, %d names", len(d.Contexts), len(d.Contexts[0]))
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "more than 50 names (up to 1000)") {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestMessagesQuoteOddNames: a file name with a newline or ESC is quoted in
// messages, which stay one line each.
func TestMessagesQuoteOddNames(t *testing.T) {
	for in, want := range map[string]string{
		"plain/name one.txt": "plain/name one.txt",
		"two\nlines.txt":     `"two\nlines.txt"`,
		"esc\x1b[31m.txt":    `"esc\x1b[31m.txt"`,
		"bad\xff.txt":        `"bad\xff.txt"`,
		"Ünïcode.md":         "Ünïcode.md",
	} {
		if got := ShowPath(in); got != want {
			t.Errorf("ShowPath(%q) = %s, want %s", in, got, want)
		}
	}
	path := filepath.Join(t.TempDir(), "evil\n\x1b[2Jname.txt")
	os.WriteFile(path, []byte("%PDF-1.4 binary"), 0o644)
	_, err := readTimed(t, path, DefaultOptions(), time.Minute)
	if msg := fmt.Sprint(err); !errors.Is(err, ErrBinary) || strings.ContainsAny(msg, "\n\x1b") || !strings.Contains(msg, `evil\n\x1b[2Jname.txt"`) {
		t.Errorf("message %q: want the name quoted on one line", msg)
	}
}

// TestReadCapsDocumentContexts: a document's context lines stop at
// MaxDocContextNames names, so its context pairs stay bounded.
func TestReadCapsDocumentContexts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctx.md")
	var b strings.Builder
	b.WriteString("# Many\n\nAngela Merkel met Barack Obama.\n\n")
	for line := range 500 {
		var names []string
		for i := range 40 {
			names = append(names, fmt.Sprintf("P%d-%d", line, i))
		}
		fmt.Fprintf(&b, "_Context: %s_\n\n", strings.Join(names, ", "))
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	docs, err := readTimed(t, path, DefaultOptions(), time.Minute)
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	if n := len(docs[0].Contexts); n != 25 {
		t.Errorf("%d context lines kept, want 25 (1,000 names)", n)
	}
	if w := strings.Join(docs[0].Warnings, "; "); !strings.Contains(w, "the last 475 _Context:_ line(s) dropped") {
		t.Errorf("warnings %q", w)
	}
}
