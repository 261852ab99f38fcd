package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree makes files (path → content) under a temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExpand(t *testing.T) {
	dir := tree(t, map[string]string{
		"b.txt":                "b",
		"a.md":                 "a",
		"sub/c.html":           "<p>c</p>",
		"sub/d.jsonl.gz":       "x",
		"sub/deeper/e.ndjson":  "{}",
		"sub/skip.png":         "png",
		"sub/notes.csv":        "1,2",
		".hidden/f.txt":        "f",
		"sub/.g.txt":           "g",
		"drafts/h.txt":         "h",
		"store.db/KEYREGISTRY": "k",
		"store.db/000001.vlog": "v",
		"store.db/x.txt":       "x",
		"README.md":            "r",
		"sub/LICENSE.txt":      "l",
	})
	rel := func(ins []Input) string {
		var out []string
		for _, in := range ins {
			r, err := filepath.Rel(dir, in.Path)
			if err != nil || in.Path == "-" {
				r = in.Path
			}
			out = append(out, filepath.ToSlash(r))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name     string
		args     []string
		include  []string
		exclude  []string
		want     string
		errCount int
	}{
		{name: "directory", args: []string{dir},
			want: "a.md b.txt drafts/h.txt sub/c.html sub/d.jsonl.gz sub/deeper/e.ndjson"},
		{name: "include", args: []string{dir}, include: []string{"*.txt", "sub/*.csv"},
			want: "b.txt drafts/h.txt sub/LICENSE.txt sub/notes.csv"},
		{name: "exclude file and dir", args: []string{dir}, exclude: []string{"*.html", "drafts", "deeper"},
			want: "a.md b.txt sub/d.jsonl.gz"},
		{name: "explicit file of any name", args: []string{filepath.Join(dir, "sub/notes.csv")},
			want: "sub/notes.csv"},
		{name: "glob", args: []string{filepath.Join(dir, "*.txt"), filepath.Join(dir, "s*")},
			want: "b.txt sub/c.html sub/d.jsonl.gz sub/deeper/e.ndjson"},
		{name: "stdin and duplicates", args: []string{"-", filepath.Join(dir, "a.md"), dir, "-"},
			want: "- a.md b.txt drafts/h.txt sub/c.html sub/d.jsonl.gz sub/deeper/e.ndjson"},
		{name: "missing path and empty glob still expand the rest",
			args: []string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "*.xyz"), filepath.Join(dir, "b.txt")},
			want: "b.txt", errCount: 2},
		{name: "a store named as input is an error",
			args: []string{filepath.Join(dir, "store.db"), filepath.Join(dir, "a.md")},
			want: "a.md", errCount: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := DefaultOptions()
			opt.Include, opt.Exclude = tt.include, tt.exclude
			ins, errs := Expand(tt.args, opt)
			if got := rel(ins); got != tt.want {
				t.Errorf("inputs\n got %s\nwant %s", got, tt.want)
			}
			if len(errs) != tt.errCount {
				t.Errorf("errors %v, want %d", errs, tt.errCount)
			}
			for _, in := range ins {
				if in.Path == "-" && in.Size != -1 || in.Path != "-" && in.Size < 0 {
					t.Errorf("%s: Size %d", in.Path, in.Size)
				}
			}
		})
	}
	_, errs := Expand([]string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "*.xyz")}, DefaultOptions())
	if len(errs) != 2 || !errors.Is(errs[0], fs.ErrNotExist) || !errors.Is(errs[1], ErrNoMatch) {
		t.Fatalf("errors %v", errs)
	}
	for _, e := range errs {
		var se *Error
		if !errors.As(e, &se) || !strings.HasPrefix(e.Error(), se.Path+": ") || strings.Count(e.Error(), "nope.txt") > 1 {
			t.Errorf("error %q does not name its path once", e)
		}
	}
}

func TestExpandUnreadableDir(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := tree(t, map[string]string{"ok/a.txt": "a", "locked/b.txt": "b"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	ins, errs := Expand([]string{dir}, DefaultOptions())
	if len(ins) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "locked") {
		t.Errorf("inputs %v errors %v: want ok/a.txt and one error naming locked", ins, errs)
	}
}

// TestExpandDeterministic: the same tree expands the same way every time.
func TestExpandDeterministic(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"z", "a", "m", "b/c", "b/a", "y/x/w"} {
		files[n+".txt"] = n
	}
	dir := tree(t, files)
	first, _ := Expand([]string{dir}, DefaultOptions())
	for i := 0; i < 5; i++ {
		again, _ := Expand([]string{dir}, DefaultOptions())
		for j := range first {
			if first[j] != again[j] {
				t.Fatalf("run %d differs at %d: %v vs %v", i, j, first[j], again[j])
			}
		}
	}
}

// A link to a directory given as an input is read through (it gave
// nothing at all, silently, before); links met inside a walk are still
// not followed.
func TestExpandLinkedRoot(t *testing.T) {
	dir := tree(t, map[string]string{"corpus/a.txt": "Kerry met Lavrov.", "corpus/sub/b.md": "# B\n\nText.", "other/c.txt": "Other."})
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "corpus"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "other"), filepath.Join(dir, "corpus", "inner")); err != nil {
		t.Fatal(err)
	}
	ins, errs := Expand([]string{link}, DefaultOptions())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, in := range ins {
		got = append(got, filepath.ToSlash(strings.TrimPrefix(in.Path, dir)))
	}
	if strings.Join(got, " ") != "/link/a.txt /link/sub/b.md" {
		t.Fatalf("got %v, want the two files under the link, paths as given", got)
	}
}

// TestExpandSkipped: a walk reads .json, .eml and extension-less text, and
// lists every other file it passes over with the reason.
func TestExpandSkipped(t *testing.T) {
	dir := tree(t, map[string]string{
		"a.txt":          "a",
		"b.json":         `[{"text": "x"}]`,
		"mail.eml":       "From: a@b.example\n\nKerry met Lavrov.",
		"NOTES":          "Kerry met Lavrov in Geneva.",
		"blob":           "\x00\x01\x02binary",
		"paper.pdf":      "%PDF-1.4",
		"photo.jpg":      "\xff\xd8\xff",
		"table.csv":      "a,b",
		"feed.xml":       "<rss/>",
		"letter.rtf":     `{\rtf1 hi}`,
		"script.py":      "print(1)",
		".hidden.txt":    "h",
		"README.md":      "r",
		"db/KEYREGISTRY": "k",
	})
	ins, skipped, errs := ExpandSkipped([]string{dir}, DefaultOptions())
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, in := range ins {
		got = append(got, filepath.Base(in.Path))
	}
	if g := strings.Join(got, " "); g != "NOTES a.txt b.json mail.eml" {
		t.Errorf("inputs %s", g)
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	for name, want := range map[string]string{
		"blob": "binary", "paper.pdf": "PDF", "photo.jpg": "image", "table.csv": "CSV", "feed.xml": "XML",
		"letter.rtf": "RTF", "script.py": "extension .py", ".hidden.txt": "hidden", "README.md": "README or LICENSE",
		"db": "store",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: reason %q, want one saying %q", name, reasons[name], want)
		}
	}
	if len(skipped) != 10 {
		t.Errorf("%d skipped: %v", len(skipped), skipped)
	}
}
