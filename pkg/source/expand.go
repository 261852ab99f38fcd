package source

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Expand turns command-line arguments into inputs: a file is itself; a
// directory is every document file under it, recursively, in lexical
// order: without Include patterns the files named .txt, .text, .md,
// .markdown, .html, .htm, .xhtml, .jsonl, .ndjson, .json, .eml (each also
// with .gz) and files without an extension whose content is text, with
// them the files they match; minus those matching Exclude. Files
// that describe the folder rather than belong to it (README, LICENSE,
// COPYING, NOTICE, AUTHORS, CHANGELOG, CONTRIBUTING, MANIFEST, any
// extension) are skipped unless an Include pattern names them. Hidden
// files and directories (name starting with ".") and Badger store
// directories (holding a KEYREGISTRY file) are skipped. An argument
// that does not exist but contains glob characters (* ? [) is expanded with
// filepath.Glob, matches sorted; "-" is standard input. Inputs come in
// argument order; a path met twice is kept once, where first met.
//
// Each problem — a missing path, a glob that matches nothing, an unreadable
// directory, a store directory named as input, a FIFO, socket or device
// (ErrNotRegular: reading one could block forever) — is returned as an *Error naming the path, and the other
// arguments are still expanded.
func Expand(args []string, opt Options) ([]Input, []error) {
	ins, _, errs := ExpandSkipped(args, opt)
	return ins, errs
}

// ExpandSkipped is Expand that also lists the files a directory walk
// passed over, each with the reason (see Skipped), in walk order.
func ExpandSkipped(args []string, opt Options) ([]Input, []Skipped, []error) {
	var (
		skipped []Skipped
		skip    = func(p, reason string) { skipped = append(skipped, Skipped{Path: p, Reason: reason}) }
		ins     []Input
		errs    []error
		seen    = map[string]bool{}
	)
	add := func(p string, size int64) {
		key := p
		if p != StdinPath {
			key = filepath.Clean(p)
		}
		if seen[key] {
			return
		}
		seen[key] = true
		ins = append(ins, Input{Path: p, Size: size})
	}
	for _, arg := range args {
		if arg == StdinPath {
			add(StdinPath, -1)
			continue
		}
		if arg == "" {
			errs = append(errs, &Error{Path: arg, Err: errors.New("empty path")})
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(arg, "*?[") {
				matches, gerr := filepath.Glob(arg)
				if gerr != nil {
					errs = append(errs, &Error{Path: arg, Err: gerr})
					continue
				}
				if len(matches) == 0 {
					errs = append(errs, &Error{Path: arg, Err: ErrNoMatch})
					continue
				}
				sort.Strings(matches)
				for _, m := range matches {
					mst, err := os.Stat(m)
					if err != nil {
						errs = append(errs, pathErr(m, err))
						continue
					}
					switch {
					case mst.IsDir():
						errs = append(errs, walk(m, opt, add, skip)...)
					case !mst.Mode().IsRegular():
						errs = append(errs, &Error{Path: m, Err: notRegular(mst.Mode())})
					default:
						add(m, mst.Size())
					}
				}
				continue
			}
			errs = append(errs, pathErr(arg, err))
			continue
		}
		if st.IsDir() {
			if isBadgerDir(arg) {
				errs = append(errs, &Error{Path: arg, Err: errors.New("is a Badger store, not input")})
				continue
			}
			errs = append(errs, walk(arg, opt, add, skip)...)
			continue
		}
		if !st.Mode().IsRegular() {
			errs = append(errs, &Error{Path: arg, Err: notRegular(st.Mode())})
			continue
		}
		add(arg, st.Size())
	}
	return ins, skipped, errs
}

// walk adds the files under root that pass the filters.
func walk(root string, opt Options, add func(string, int64), skip func(path, reason string)) []error {
	if isBadgerDir(root) {
		return nil
	}
	var errs []error
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A link to a directory named on the command line is followed
		// (links met inside the walk are not): WalkDir follows "link/".
		walkRoot = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, pathErr(p, err))
			if d != nil && d.IsDir() && p != walkRoot {
				return fs.SkipDir
			}
			return nil
		}
		if p == walkRoot {
			return nil
		}
		name := d.Name()
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			skip(p, "hidden: the name starts with a dot")
			return nil
		}
		if d.IsDir() {
			if isBadgerDir(p) {
				skip(p, "store: a graphbuild (Badger) store")
				return fs.SkipDir
			}
			if matchAny(opt.Exclude, name, rel) {
				return fs.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			errs = append(errs, pathErr(p, err))
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil {
				errs = append(errs, pathErr(p, err))
				return nil
			}
			if !st.Mode().IsRegular() {
				if st.IsDir() {
					skip(p, "link: links to directories are not followed")
				} else {
					skip(p, "special: not a regular file")
				}
				return nil
			}
			info = st
		} else if !info.Mode().IsRegular() {
			skip(p, "special: not a regular file")
			return nil
		}
		if len(opt.Include) > 0 {
			if !matchAny(opt.Include, name, rel) {
				return nil // the user chose what to read
			}
		} else if isProjectFile(name) {
			skip(p, "README or LICENSE: describes the folder; --include reads it")
			return nil
		} else if !isDocName(name) {
			if reason := skipReason(p, name); reason != "" {
				skip(p, reason)
				return nil
			}
		}
		if matchAny(opt.Exclude, name, rel) {
			return nil
		}
		add(p, info.Size())
		return nil
	})
	if err != nil {
		errs = append(errs, pathErr(root, err))
	}
	return errs
}

// isBadgerDir reports a Badger store directory (graphbuild's own store may
// sit inside the tree being read): it holds a KEYREGISTRY file.
func isBadgerDir(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, "KEYREGISTRY"))
	return err == nil
}

// matchAny reports whether any pattern matches the base name or the
// slash-separated relative path. A malformed pattern matches nothing.
func matchAny(patterns []string, name, rel string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
		if ok, _ := path.Match(filepath.ToSlash(p), rel); ok {
			return true
		}
	}
	return false
}

// docExt lists the extensions a directory walk takes unless Include
// patterns are given (each also with ".gz").
var docExt = map[string]bool{
	".txt": true, ".text": true, ".md": true, ".markdown": true, ".mdown": true, ".mkd": true,
	".html": true, ".htm": true, ".xhtml": true, ".shtml": true,
	".jsonl": true, ".ndjson": true, ".jsonlines": true, ".json": true,
	".eml": true,
}

// projectFiles are the base names (before any extension) of files that
// describe a folder rather than belong to its corpus.
var projectFiles = map[string]bool{
	"readme": true, "license": true, "licence": true, "copying": true, "notice": true,
	"authors": true, "changelog": true, "contributing": true, "manifest": true,
}

// isProjectFile reports README.md, LICENSE.txt and the like.
func isProjectFile(name string) bool {
	base := strings.ToLower(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return projectFiles[base]
}

// isDocName reports whether a file name has one of docExt, optionally
// followed by ".gz".
func isDocName(name string) bool {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	return docExt[path.Ext(name)]
}
