package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A sentence holding clutter words keeps its names; real clutter is left
// out, listed by `text` and counted by `build`.
func TestNoSilentLoss(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "nato.txt")
	os.WriteFile(in, []byte("NATO summit in Vilnius\n\n"+
		"Recep Tayyip Erdogan approved Sweden's NATO membership on Tuesday, Jens Stoltenberg said.\n\n"+
		"Sign up for our newsletter\n"), 0o644)
	out := mustRun(t, "extract", in)
	for _, name := range []string{`Erdogan","type":"PERSON"`, `"entity":"Jens Stoltenberg"`} {
		if !strings.Contains(out, name) {
			t.Errorf("extract lost %s:\n%s", name, out)
		}
	}
	if txt := mustRun(t, "text", in); !strings.Contains(txt, `dropped: "Sign up for our newsletter"`) {
		t.Errorf("text does not mark the dropped line:\n%s", txt)
	}
	_, _, errs := gb(t, "build", "--db", filepath.Join(dir, "g.db"), in)
	if !strings.Contains(errs, "left out 1 line of page clutter") {
		t.Errorf("build summary does not count the dropped line:\n%s", errs)
	}
}
