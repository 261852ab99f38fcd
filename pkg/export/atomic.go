package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// tempPrefix starts the name of every temporary file or directory an
// export writes before renaming it into place; the writer's process id
// follows, so a later export can tell a killed one's leftovers (removed)
// from a running one's (kept).
const tempPrefix = ".graphbuild-tmp-"

// WriteFile writes g with w, a one-file format, to path through a
// temporary file in the same directory renamed into place: path is the
// previous file or the complete new one, never half of one, even when the
// process is killed. Temporary files that killed exports left in that
// directory are removed first.
func WriteFile(ctx context.Context, w Writer, path string, g Graph) error {
	if n := len(w.Files()); n != 1 {
		return fmt.Errorf("export: write %s: the format writes %d files: use WriteDir", path, n)
	}
	dir := filepath.Dir(path)
	removeStale(dir)
	tmp, err := os.CreateTemp(dir, tempName(filepath.Base(path)))
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	err = tmp.Chmod(0o644) // CreateTemp makes files private
	if err == nil {
		err = w.Write(ctx, g, tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// WriteDir writes g with w into the directory dir, creating it when
// needed, one file per w.Files() name, plus the schema file when w is a
// SchemaWriter. It returns the paths written, in order.
//
// The files are written in a temporary directory first: a new dir is that
// directory renamed into place; in an existing dir each file is renamed
// over its old version once all are written. So a failed or killed export
// leaves every file whole, the previous version or the new one, and other
// files in dir alone. Temporary directories that killed exports left are
// removed first.
func WriteDir(ctx context.Context, w Writer, dir string, g Graph) ([]string, error) {
	st, err := os.Stat(dir)
	exists := err == nil
	if exists && !st.IsDir() {
		return nil, fmt.Errorf("export: %s is not a directory", dir)
	}
	// The temporary directory is inside dir when dir exists, beside it
	// when not: on the same file system either way, so renames work.
	parent := dir
	if !exists {
		parent = filepath.Dir(dir)
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, fmt.Errorf("export: create directory: %w", err)
		}
	}
	removeStale(parent)
	tmp, err := os.MkdirTemp(parent, tempName(filepath.Base(dir)))
	if err != nil {
		return nil, fmt.Errorf("export: create directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		return nil, fmt.Errorf("export: %w", err)
	}
	names, err := writeFiles(ctx, w, tmp, g)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
	}
	if !exists {
		if err := os.Rename(tmp, dir); err == nil {
			return paths, nil
		} else if err := os.MkdirAll(dir, 0o755); err != nil { // created meanwhile: go on file by file
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	for i, n := range names {
		if err := os.Rename(filepath.Join(tmp, n), paths[i]); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	return paths, nil
}

// writeFiles writes the files of w, and its schema, into dir and returns
// their names.
func writeFiles(ctx context.Context, w Writer, dir string, g Graph) ([]string, error) {
	names := w.Files()
	files := make([]*os.File, 0, len(names))
	outs := make([]io.Writer, 0, len(names))
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	for _, name := range names {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("export: %w", err)
		}
		files = append(files, f)
		outs = append(outs, f)
	}
	if err := w.Write(ctx, g, outs...); err != nil {
		closeAll()
		return nil, err
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("export: close %s: %w", f.Name(), err)
		}
	}
	if s, ok := w.(SchemaWriter); ok {
		name := s.SchemaFile()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		err = s.WriteSchema(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("export: write %s: %w", name, err)
		}
		names = append(names, name)
	}
	return names, nil
}

// tempName is the pattern of a temporary name for base: the prefix, this
// process's id, base and CreateTemp's random digits.
func tempName(base string) string {
	return tempPrefix + strconv.Itoa(os.Getpid()) + "-" + base + "-*"
}

// removeStale removes the temporary files and directories in dir whose
// process is gone (an export killed before its rename).
func removeStale(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), tempPrefix)
		if !ok {
			continue
		}
		pidStr, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidStr)
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// processAlive reports whether process pid may still run; when it cannot
// tell, it says yes, so nothing in use is removed.
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH)
}
