package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadHonestly: a Windows-1252 file gives whole names and a warning
// naming the encoding; a walk reports what it did not read, with reasons
// under --verbose and a count in the summary.
func TestReadHonestly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	latin := write("in/hollande.txt", "Fran\xe7ois Hollande met Jos\xe9 Manuel Barroso in Brussels on Monday.\n")
	write("in/paper.pdf", "%PDF-1.4\n")
	write("in/table.csv", "a,b\n")
	write("in/NOTES", "John Kerry met Sergey Lavrov in Geneva on Friday.\n")

	code, out, errs := gb(t, "extract", latin)
	if code != 0 {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, `"text":"François Hollande"`) || !strings.Contains(out, `"José Manuel Barroso"`) {
		t.Errorf("names not decoded:\n%s", out)
	}
	if !strings.Contains(errs, "hollande.txt: not UTF-8: decoded as windows-1252") {
		t.Errorf("no warning naming the encoding:\n%s", errs)
	}

	db := filepath.Join(dir, "g.db")
	code, _, errs = gb(t, "build", "--db", db, "--analyze=false", filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "2 file(s) in the directories not read (1 CSV, 1 PDF); --verbose lists them") {
		t.Errorf("summary does not count the skipped files:\n%s", errs)
	}
	if s := statsOf(t, db); s.Documents != 2 {
		t.Errorf("%d documents, want 2 (hollande.txt and the extension-less NOTES)", s.Documents)
	}
	code, _, errs = gb(t, "extract", "--verbose", filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("extract --verbose: exit %d\n%s", code, errs)
	}
	for _, want := range []string{"skipped " + filepath.Join(dir, "in/paper.pdf") + ": PDF: convert it to text first", "skipped " + filepath.Join(dir, "in/table.csv") + ": CSV"} {
		if !strings.Contains(errs, want) {
			t.Errorf("--verbose does not say %q:\n%s", want, errs)
		}
	}
}
