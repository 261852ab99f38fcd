package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// slowGraph streams many nodes, pausing every 100, so an export of it takes
// a while and writes far more than one buffer before it ends.
type slowGraph struct{ *Slices }

func (g slowGraph) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	i := 0
	return g.Slices.Nodes(ctx, func(n graph.Node) error {
		if i++; i%100 == 0 {
			time.Sleep(2 * time.Millisecond)
		}
		return fn(n)
	})
}

func bigGraph() *Slices {
	g := &Slices{}
	for i := range 20000 {
		g.NodeList = append(g.NodeList, node(fmt.Sprintf("Person number %05d of a long list", i), "PERSON", i%7+1, "2016-01-02", "2016-02-03", nil))
	}
	return g
}

// readDir returns the files of dir (not the temporary ones) and their
// contents, and the names of temporary entries.
func readDir(t *testing.T, dir string) (files map[string]string, temps []string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files = map[string]string{}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			temps = append(temps, e.Name())
			continue
		}
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files, temps
}

// TestExportKilled kills exports with SIGKILL while they write: the
// previous export stays whole (a directory of CSV files, a single file),
// and the next export removes what the killed one left and completes.
func TestExportKilled(t *testing.T) {
	if target := os.Getenv("EXPORT_TEST_KILL"); target != "" {
		g := slowGraph{bigGraph()}
		g.Slices.Nodes(context.Background(), func(graph.Node) error { return nil }) // sorted before the clock starts
		fmt.Println("go")
		var err error
		if strings.HasSuffix(target, ".graphml") {
			err = WriteFile(context.Background(), GraphML{}, target, g)
		} else {
			_, err = WriteDir(context.Background(), CSV{}, target, g)
		}
		fmt.Println("finished", err)
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	// kill starts an export of target, waits for its temporary file or
	// directory to appear in dir, lets it write for after and kills it.
	kill := func(t *testing.T, target, dir string, after time.Duration) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestExportKilled$")
		cmd.Env = append(os.Environ(), "EXPORT_TEST_KILL="+target)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 3)
		if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "go\n" {
			t.Fatalf("child: %q, %v", buf, err)
		}
		mine := fmt.Sprintf("%s%d-", tempPrefix, cmd.Process.Pid)
	wait:
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if strings.HasPrefix(e.Name(), mine) {
					break wait
				}
			}
		}
		time.Sleep(after)
		cmd.Process.Kill()
		rest, _ := io.ReadAll(out)
		cmd.Wait()
		if len(rest) > 0 {
			t.Fatalf("the export finished before the kill: %s", rest)
		}
	}
	ctx := context.Background()

	t.Run("dir", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "csv")
		if _, err := WriteDir(ctx, CSV{}, dir, sample()); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
		old, _ := readDir(t, dir)
		for _, after := range []time.Duration{20 * time.Millisecond, 150 * time.Millisecond} {
			kill(t, dir, dir, after)
			got, temps := readDir(t, dir)
			if fmt.Sprint(got) != fmt.Sprint(old) {
				t.Fatalf("killed after %s: the previous export changed", after)
			}
			if len(temps) == 0 {
				t.Fatalf("killed after %s: no temporary directory: the kill landed before writing", after)
			}
		}
		if _, err := WriteDir(ctx, CSV{}, dir, bigGraph()); err != nil {
			t.Fatal(err)
		}
		got, temps := readDir(t, dir)
		want := render(t, CSV{}, bigGraph())
		if got["nodes.csv"] != string(want[0]) || got["edges.csv"] != string(want[1]) || got["notes.txt"] != "mine" || len(temps) != 0 {
			t.Errorf("export after the kills: %d and %d bytes, notes %q, temporaries %v", len(got["nodes.csv"]), len(got["edges.csv"]), got["notes.txt"], temps)
		}
	})

	t.Run("new dir", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "neo")
		kill(t, dir, parent, 100*time.Millisecond)
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("a killed export into a new directory left it: %v", err)
		}
		if _, err := WriteDir(ctx, CSV{}, dir, sample()); err != nil {
			t.Fatal(err)
		}
		if _, temps := readDir(t, parent); len(temps) != 0 {
			t.Errorf("temporaries left beside the directory: %v", temps)
		}
	})

	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "g.graphml")
		if err := WriteFile(ctx, GraphML{}, path, sample()); err != nil {
			t.Fatal(err)
		}
		old, _ := os.ReadFile(path)
		kill(t, path, dir, 100*time.Millisecond)
		if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
			t.Fatal("a killed export changed the previous file")
		}
		if _, temps := readDir(t, dir); len(temps) != 1 {
			t.Fatalf("temporaries after the kill: %v, want the killed one's", temps)
		}
		if err := WriteFile(ctx, GraphML{}, path, bigGraph()); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		if want := render(t, GraphML{}, bigGraph()); !bytes.Equal(got, want[0]) {
			t.Error("the export after the kill is not the complete file")
		}
		if _, temps := readDir(t, dir); len(temps) != 0 {
			t.Errorf("the killed export's temporary file was not removed: %v", temps)
		}
	})
}

// TestRemoveStaleKeepsLive: a temporary name of a running process is kept.
func TestRemoveStaleKeepsLive(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, fmt.Sprintf("%s%d-x-1", tempPrefix, os.Getppid()))
	os.WriteFile(live, nil, 0o644)
	removeStale(dir)
	if _, err := os.Stat(live); err != nil {
		t.Errorf("removed the temporary file of a running process: %v", err)
	}
}
