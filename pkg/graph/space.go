package graph

import (
	"errors"
	"fmt"
	"syscall"
)

// ErrNoSpace is wrapped by the error of a write refused because the
// store's file system has less free space than Options.MinFreeBytes. It
// also matches syscall.ENOSPC under errors.Is.
var ErrNoSpace = noSpace{}

type noSpace struct{}

func (noSpace) Error() string        { return "no space left on device" }
func (noSpace) Is(target error) bool { return target == syscall.ENOSPC }

// minFree is the free space the store's directory must keep for a write
// to start. Badger writes its log, tables and compactions through
// memory-mapped files: running out of space there is a SIGBUS that kills
// the process, not an error. So writes stop while free space is below what
// a transaction, a memtable flush and an L0 compaction can take.
func (s *Store) minFree() int64 {
	if s.opt.InMemory || s.opt.ReadOnly {
		return 0
	}
	return minFreeBytes(s.opt)
}

// minFreeBytes is opt.MinFreeBytes or its default: 8 memtables, at least
// 64 MiB; negative turns the check off.
func minFreeBytes(opt Options) int64 {
	if opt.MinFreeBytes != 0 {
		return max(0, opt.MinFreeBytes)
	}
	return max(64<<20, 8*max(1<<20, orDefault(opt.MemTableSize, defaultMemTableSize)))
}

// checkSpace returns an error wrapping ErrNoSpace when the file system of
// dir has less than need bytes free. It says nothing when free space
// cannot be measured (on systems without statfs).
func checkSpace(name, dir string, need int64, doing string) error {
	if need <= 0 {
		return nil
	}
	free, err := freeBytes(dir)
	if errors.Is(err, errNoStatfs) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store %s: measure free space: %w", name, err)
	}
	if free < need {
		return fmt.Errorf("store %s: %w: %s free, %s needs at least %s (free some space, or use a store on a roomier disk)",
			name, ErrNoSpace, mib(free), doing, mib(need))
	}
	return nil
}

// mib prints a byte count in MiB, rounded down, so that a little less
// than the need never prints as much.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n*10/(1<<20))/10) }

var errNoStatfs = errors.New("free space unknown on this system")
