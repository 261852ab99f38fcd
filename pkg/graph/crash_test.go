package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestCrashThenReadOnly applies documents in a child process that exits
// without closing the store (as kill -9 would leave it), then opens the
// store read-only and read-write: both see every applied document.
func TestCrashThenReadOnly(t *testing.T) {
	if dir := os.Getenv("GRAPH_TEST_CRASH"); dir != "" {
		s, err := Open(DefaultOptions(dir))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		cs := newSynth(1, 50).docs(0, 100)
		for i := 0; i < 100; i += 10 {
			if _, err := s.Apply(context.Background(), cs[i:i+10]); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
		}
		os.Exit(0) // no Close
	}
	dir := filepath.Join(t.TempDir(), "db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashThenReadOnly$")
	cmd.Env = append(os.Environ(), "GRAPH_TEST_CRASH="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	ref := openMem(t)
	mustApply(t, ref, newSynth(1, 50).docs(0, 100))
	want := dump(t, ref)

	ro, err := Open(DefaultOptions(dir).WithReadOnly(true))
	if err != nil {
		t.Fatalf("read-only open after a crash: %v", err)
	}
	if got := dump(t, ro); !bytes.Equal(got, want) {
		t.Error("read-only store after a crash differs from an uninterrupted one")
	}
	ro.Close()
	rw, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatalf("open after a crash: %v", err)
	}
	defer rw.Close()
	if got := dump(t, rw); !bytes.Equal(got, want) {
		t.Error("store after a crash differs from an uninterrupted one")
	}
}

// TestKilledMidApply kills a writer with SIGKILL while it applies, then
// checks that the store holds whole documents only: it equals a store built
// from exactly the documents it lists.
func TestKilledMidApply(t *testing.T) {
	const total = 1500
	if dir := os.Getenv("GRAPH_TEST_KILL"); dir != "" {
		s, err := Open(DefaultOptions(dir))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		cs := newSynth(4, 300).docs(0, total)
		fmt.Println("go")
		for i := 0; i < total; i += 7 {
			if _, err := s.Apply(context.Background(), cs[i:min(total, i+7)]); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cs := newSynth(4, 300).docs(0, total)
	for trial, delay := range []time.Duration{30 * time.Millisecond, 120 * time.Millisecond} {
		dir := filepath.Join(t.TempDir(), "db")
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledMidApply$")
		cmd.Env = append(os.Environ(), "GRAPH_TEST_KILL="+dir)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 3)
		if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "go\n" {
			t.Fatalf("child: %q, %v", buf, err)
		}
		time.Sleep(delay)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()

		s, err := Open(DefaultOptions(dir))
		if err != nil {
			t.Fatalf("open after kill: %v", err)
		}
		var held []Contribution
		for _, c := range cs {
			if ok, err := s.HasDocument(c.Doc.ID); err != nil {
				t.Fatal(err)
			} else if ok {
				held = append(held, c)
			}
		}
		ref := openMem(t)
		mustApply(t, ref, held)
		if !bytes.Equal(dump(t, s), dump(t, ref)) {
			t.Errorf("trial %d: store killed after %d documents is not the store of those documents", trial, len(held))
		}
		// Re-running the whole input completes it.
		mustApply(t, s, cs)
		full := openMem(t)
		mustApply(t, full, cs)
		if !bytes.Equal(dump(t, s), dump(t, full)) {
			t.Errorf("trial %d: completing a killed build does not give the uninterrupted store", trial)
		}
		t.Logf("trial %d: killed after %d of %d documents", trial, len(held), total)
		s.Close()
	}
}

// TestReadersAfterCrash starts several read-only processes at once on a
// store whose writer was killed: one of them recovers it, and none may
// fail as if a writer held the store.
func TestReadersAfterCrash(t *testing.T) {
	if dir := os.Getenv("GRAPH_TEST_READER"); dir != "" {
		s, err := Open(DefaultOptions(dir).WithReadOnly(true))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(0)
		}
		st, _ := s.Stats()
		s.Close()
		fmt.Println("docs", st.Documents)
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for trial := range 3 {
		dir := filepath.Join(t.TempDir(), "db")
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashThenReadOnly$")
		cmd.Env = append(os.Environ(), "GRAPH_TEST_CRASH="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("writer: %v\n%s", err, out)
		}
		const n = 4
		outs := make([][]byte, n)
		cmds := make([]*exec.Cmd, n)
		for i := range n {
			cmds[i] = exec.Command(os.Args[0], "-test.run=^TestReadersAfterCrash$")
			cmds[i].Env = append(os.Environ(), "GRAPH_TEST_READER="+dir)
			cmds[i].Stdout = &bufWriter{b: &outs[i]}
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		for i := range n {
			cmds[i].Wait()
			if got := string(bytes.TrimSpace(outs[i])); got != "docs 100" {
				t.Errorf("trial %d, reader %d: %s", trial, i, got)
			}
		}
	}
}

// bufWriter appends to a byte slice.
type bufWriter struct{ b *[]byte }

func (w *bufWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }
