package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/graphbuild/graphbuild/internal/benchutil"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// fatDocs are documents with a 20 KB title each, so a few thousand fill a
// small disk.
func fatDocs(n int) []Contribution {
	cs := newSynth(8, 200).docs(0, n)
	for i := range cs {
		cs[i].Doc.Title = strings.Repeat(fmt.Sprintf("title of %d ", i), 2500)[:20000]
	}
	return cs
}

// TestDiskFull fills a small tmpfs from a child process (a crash there
// would be SIGBUS): writes must stop with ErrNoSpace, the store must close
// and hold whole documents only, and once there is room a re-run
// completes it.
func TestDiskFull(t *testing.T) {
	const total = 3000
	if dir := os.Getenv("GRAPH_TEST_FULL"); dir != "" {
		s, err := Open(DefaultOptions(dir).WithMemTableSize(1 << 20))
		if err != nil {
			fmt.Println("open error", err)
			os.Exit(1)
		}
		cs := fatDocs(total)
		added := 0
		for i := 0; i < total; i += 20 {
			res, err := s.Apply(context.Background(), cs[i:i+20])
			added += res.Added
			if err != nil {
				if cerr := s.Close(); cerr != nil {
					fmt.Println("close error", cerr)
					os.Exit(1)
				}
				fmt.Printf("stopped %d %v\n", added, errors.Is(err, ErrNoSpace) && errors.Is(err, syscall.ENOSPC))
				fmt.Println(err)
				os.Exit(0)
			}
		}
		s.Close()
		fmt.Println("completed", added)
		os.Exit(0)
	}
	mnt := benchutil.MountTmpfs(t, 96)
	dir := filepath.Join(mnt, "db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFull$")
	cmd.Env = append(os.Environ(), "GRAPH_TEST_FULL="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child crashed: %v\n%.2000s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	f := strings.Fields(lines[0])
	if len(f) != 3 || f[0] != "stopped" || f[2] != "true" || len(lines) != 2 {
		t.Fatalf("child did not stop on a full disk with ErrNoSpace:\n%s", out)
	}
	if msg := lines[1]; !strings.Contains(msg, "store "+dir+": no space left on device") || !strings.Contains(msg, "MiB free") {
		t.Errorf("message %q does not name the store and the free space", msg)
	}
	added, _ := strconv.Atoi(f[1])
	if added == 0 || added >= total {
		t.Fatalf("child stored %d of %d documents before the disk filled", added, total)
	}
	t.Logf("disk full after %d of %d documents: %s", added, total, lines[1])

	// Read-only, the store holds exactly the documents the child was told
	// were added.
	cs := fatDocs(total)
	ro, err := Open(DefaultOptions(dir).WithReadOnly(true))
	if err != nil {
		t.Fatalf("read-only open of the full store: %v", err)
	}
	ref := openMem(t)
	mustApply(t, ref, cs[:added])
	if !bytes.Equal(dump(t, ro), dump(t, ref)) {
		t.Error("the store left by the full disk is not the store of the documents it added")
	}
	ro.Close()

	// With the disk filled by something else, writing is refused at Open,
	// without a crash.
	free, err := freeBytes(mnt)
	if err != nil {
		t.Fatal(err)
	}
	filler := filepath.Join(mnt, "filler")
	if err := os.WriteFile(filler, make([]byte, max(0, free-10<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(DefaultOptions(dir).WithMemTableSize(1 << 20)); !errors.Is(err, ErrNoSpace) {
		t.Fatalf("Open on the full disk: %v, want ErrNoSpace", err)
	}
	os.Remove(filler)
	// With room, a re-run completes the store.
	if out, err := exec.Command("mount", "-o", "remount,size=400m", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount: %v %s", err, out)
	}
	s, err := Open(DefaultOptions(dir).WithMemTableSize(1 << 20))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustApply(t, s, cs)
	full := openMem(t)
	mustApply(t, full, cs)
	if !bytes.Equal(dump(t, s), dump(t, full)) {
		t.Error("completing the build after freeing space does not give the uninterrupted store")
	}
}

// TestRecoverOnFullDisk: reading a store whose writer was killed needs a
// recovery that writes; on a full disk it fails with ErrNoSpace instead of
// crashing, and works once there is room.
func TestRecoverOnFullDisk(t *testing.T) {
	switch dir := os.Getenv("GRAPH_TEST_RECOVER"); os.Getenv("GRAPH_TEST_STEP") {
	case "write":
		s, err := Open(DefaultOptions(dir).WithMemTableSize(1 << 20))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		if _, err := s.Apply(context.Background(), newSynth(1, 50).docs(0, 100)); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		os.Exit(0) // no Close, as a kill leaves it
	case "read":
		s, err := Open(DefaultOptions(dir).WithMemTableSize(1 << 20).WithReadOnly(true))
		if err != nil {
			fmt.Printf("nospace=%v %v\n", errors.Is(err, ErrNoSpace), err)
			os.Exit(0)
		}
		st, _ := s.Stats()
		fmt.Println("read", st.Documents)
		os.Exit(0)
	}
	mnt := benchutil.MountTmpfs(t, 96)
	dir := filepath.Join(mnt, "db")
	child := func(step string) string {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRecoverOnFullDisk$")
		cmd.Env = append(os.Environ(), "GRAPH_TEST_RECOVER="+dir, "GRAPH_TEST_STEP="+step)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s child crashed: %v\n%.2000s", step, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if out := child("write"); out != "" {
		t.Fatal(out)
	}
	free, err := freeBytes(mnt)
	if err != nil {
		t.Fatal(err)
	}
	filler := filepath.Join(mnt, "filler")
	if err := os.WriteFile(filler, make([]byte, max(0, free-(1<<20))), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := child("read"); !strings.HasPrefix(out, "nospace=true store "+dir+": no space left on device") {
		t.Errorf("read-only open needing recovery on a full disk: %q", out)
	}
	os.Remove(filler)
	if out := child("read"); out != "read 100" {
		t.Errorf("read-only open with room: %q, want read 100", out)
	}
}
