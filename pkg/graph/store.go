package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// ErrNotFound is returned (wrapped) when a document, entity or edge asked for
// is not in the store.
var ErrNotFound = errors.New("not found")

// ErrLocked is returned (wrapped) by Open when another process holds the
// store's directory.
var ErrLocked = errors.New("store is locked")

// Logger receives the storage engine's messages, from several goroutines
// at once. Its method set is the one Badger uses.
type Logger interface {
	Errorf(format string, args ...any)
	Warningf(format string, args ...any)
	Infof(format string, args ...any)
	Debugf(format string, args ...any)
}

// Options configure a Store. Build them with DefaultOptions and the WithX
// methods; a size left at zero takes its default.
type Options struct {
	// Dir is the store's directory; it is created when missing (unless
	// ReadOnly).
	Dir string
	// InMemory keeps everything in memory and ignores Dir. Default false.
	InMemory bool
	// ReadOnly opens the store for reading only; several read-only
	// processes may share a directory. Default false.
	ReadOnly bool
	// SyncWrites fsyncs every Apply. Default false: an Apply is atomic and
	// survives the process being killed, but the last ones may be lost if
	// the machine loses power.
	SyncWrites bool
	// MemTableSize is the size in bytes of one in-memory table. It bounds a
	// single write transaction to about 15% of it. Default 32 MiB.
	MemTableSize int64
	// BlockCacheSize is the bytes of table blocks kept in memory. Default
	// 32 MiB.
	BlockCacheSize int64
	// IndexCacheSize is the bytes of table indexes and bloom filters kept
	// in memory; negative keeps all of them. Default 16 MiB.
	IndexCacheSize int64
	// Logger receives the storage engine's messages. Default nil: discarded.
	Logger Logger
	// MinFreeBytes is the free space the store's file system must have
	// for Open (read-write) and every write to start; below it they fail
	// with ErrNoSpace instead of letting the storage engine hit a full
	// disk, which crashes the process (it writes through memory-mapped
	// files). Default 0: 8 memtables, at least 64 MiB (256 MiB with the
	// default MemTableSize); negative: no check.
	MinFreeBytes int64
}

// DefaultOptions returns the options of a store in dir, tuned for a modest
// memory footprint (a few hundred MiB at most while writing).
func DefaultOptions(dir string) Options {
	return Options{
		Dir:            dir,
		MemTableSize:   defaultMemTableSize,
		BlockCacheSize: defaultBlockCacheSize,
		IndexCacheSize: defaultIndexCacheSize,
	}
}

const (
	defaultMemTableSize   = 32 << 20
	defaultBlockCacheSize = 32 << 20
	defaultIndexCacheSize = 16 << 20
)

// orDefault returns v, or def when v is zero.
func orDefault(v, def int64) int64 {
	if v == 0 {
		return def
	}
	return v
}

// WithDir returns opt with Dir set to dir.
func (opt Options) WithDir(dir string) Options { opt.Dir = dir; return opt }

// WithInMemory returns opt with InMemory set to b.
func (opt Options) WithInMemory(b bool) Options { opt.InMemory = b; return opt }

// WithReadOnly returns opt with ReadOnly set to b.
func (opt Options) WithReadOnly(b bool) Options { opt.ReadOnly = b; return opt }

// WithSyncWrites returns opt with SyncWrites set to b.
func (opt Options) WithSyncWrites(b bool) Options { opt.SyncWrites = b; return opt }

// WithMemTableSize returns opt with MemTableSize set to n bytes.
func (opt Options) WithMemTableSize(n int64) Options { opt.MemTableSize = n; return opt }

// WithBlockCacheSize returns opt with BlockCacheSize set to n bytes.
func (opt Options) WithBlockCacheSize(n int64) Options { opt.BlockCacheSize = n; return opt }

// WithIndexCacheSize returns opt with IndexCacheSize set to n bytes.
func (opt Options) WithIndexCacheSize(n int64) Options { opt.IndexCacheSize = n; return opt }

// WithMinFreeBytes returns opt with MinFreeBytes set to n.
func (opt Options) WithMinFreeBytes(n int64) Options { opt.MinFreeBytes = n; return opt }

// WithLogger returns opt with Logger set to l.
func (opt Options) WithLogger(l Logger) Options { opt.Logger = l; return opt }

// Store is the graph on disk. Its methods are safe for concurrent use;
// writes (Apply) are serialized.
type Store struct {
	db   *badger.DB
	name string // directory or "in-memory store", for messages
	opt  Options

	writeMu sync.Mutex
	retries int // transactions Badger refused as too big, for tests

	// memo holds analytics computed on a read-only store, by filter key,
	// for the Store's lifetime (see SaveAnalytics).
	memoMu sync.Mutex
	memo   map[uint64]*Subgraph
}

type nopLogger struct{}

func (nopLogger) Errorf(string, ...any)   {}
func (nopLogger) Warningf(string, ...any) {}
func (nopLogger) Infof(string, ...any)    {}
func (nopLogger) Debugf(string, ...any)   {}

// Open opens the store opt describes, creating it when needed. When another
// process holds the directory the error wraps ErrLocked; a read-only open of
// a missing store wraps ErrNotFound. A read-only open of a store whose
// writer was killed first recovers it (dropping the torn tail of its log,
// which holds no whole Apply) and so needs the directory to itself.
func Open(opt Options) (*Store, error) {
	name := opt.Dir
	if opt.InMemory {
		name = "in-memory store"
	}
	if !opt.InMemory && opt.Dir == "" {
		return nil, fmt.Errorf("open store: no directory given: %w", ErrInvalid)
	}
	if opt.ReadOnly && !opt.InMemory {
		if _, err := os.Stat(opt.Dir); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open store %s: %w (build one first)", opt.Dir, ErrNotFound)
		}
		// A directory without Badger's manifest holds no store yet (a
		// writer killed as it created it, or one creating it now).
		if _, err := os.Stat(filepath.Join(opt.Dir, "MANIFEST")); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open store %s: %w: the directory holds no store yet (build one first)", opt.Dir, ErrNotFound)
		}
	}
	if !opt.ReadOnly && !opt.InMemory {
		if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store %s: %w", name, err)
		}
		if err := checkSpace(name, opt.Dir, minFreeBytes(opt), "opening it for writing"); err != nil {
			return nil, err
		}
	}
	bo := badger.DefaultOptions(opt.Dir).
		WithInMemory(opt.InMemory).
		WithReadOnly(opt.ReadOnly).
		WithSyncWrites(opt.SyncWrites).
		WithMetricsEnabled(false).
		WithDetectConflicts(false).
		WithNumMemtables(2).
		WithNumLevelZeroTables(4).
		WithNumLevelZeroTablesStall(12).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithValueLogFileSize(256 << 20).
		WithLogger(nopLogger{})
	if opt.InMemory {
		bo = bo.WithDir("").WithValueDir("")
	}
	bo = bo.WithMemTableSize(max(1<<20, orDefault(opt.MemTableSize, defaultMemTableSize))).
		WithBlockCacheSize(max(1<<20, orDefault(opt.BlockCacheSize, defaultBlockCacheSize))).
		WithIndexCacheSize(max(0, orDefault(opt.IndexCacheSize, defaultIndexCacheSize)))
	// Badger keeps up to 8 table-builder buffers pooled while it writes,
	// each as large as the biggest table it built plus, when compressing,
	// a compressed copy: that, not the caches, is most of its memory. Tables
	// of one size (2 MiB) at every level and no compression halve it (peak
	// anonymous RSS 0.57 instead of 0.95 GB while writing 1.4M edges) for
	// about three times the disk.
	bo = bo.WithCompression(options.None)
	bo.TableSizeMultiplier = 1
	// Badger wants values kept in the tree well below the batch limit.
	bo = bo.WithValueThreshold(min(1<<20, bo.MemTableSize*15/100/4))
	if opt.Logger != nil {
		bo = bo.WithLogger(opt.Logger)
	}
	db, err := openBadger(bo)
	if opt.ReadOnly && !opt.InMemory {
		// Readers started together after a writer was killed: one of
		// them recovers the store read-write, holding it alone for a
		// moment; the others wait for it rather than report it in use.
		deadline := time.Now().Add(readerLockWait)
		for err != nil && time.Now().Before(deadline) {
			switch {
			case strings.Contains(err.Error(), "truncate required"):
				if err = recoverStore(name, opt, bo); err == nil {
					db, err = openBadger(bo)
				}
			case isLockError(err):
				time.Sleep(20 * time.Millisecond)
				db, err = openBadger(bo)
			default:
				deadline = time.Time{}
			}
			if errors.Is(err, ErrNoSpace) {
				return nil, err
			}
		}
	}
	if err != nil {
		if isLockError(err) {
			return nil, &lockedError{dir: opt.Dir}
		}
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	s := &Store{db: db, name: name, opt: opt}
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// readerLockWait is how long a read-only Open waits for another process's
// recovery of a store before it reports the store in use.
const readerLockWait = 3 * time.Second

// isLockError reports Badger's error for a directory another process holds.
func isLockError(err error) bool {
	return strings.Contains(err.Error(), "Cannot acquire directory lock")
}

// recoverStore opens a store whose writer was killed read-write once, which
// drops the torn tail of its log, and closes it. Recovery writes (a
// memtable, a table on close): on a full disk that would crash, so it
// needs room first.
func recoverStore(name string, opt Options, bo badger.Options) error {
	need := max(16<<20, 2*bo.MemTableSize)
	if opt.MinFreeBytes < 0 {
		need = 0
	}
	if err := checkSpace(name, opt.Dir, need, "recovering it after an interrupted write"); err != nil {
		return err
	}
	rw, err := openBadger(bo.WithReadOnly(false))
	if err != nil {
		return err
	}
	return rw.Close()
}

// lockedError says which store another process holds; it wraps ErrLocked.
type lockedError struct{ dir string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("store %s is in use by another graphbuild process", e.dir)
}

func (e *lockedError) Unwrap() error { return ErrLocked }

// openBadger opens Badger, turning a panic into an error.
func openBadger(bo badger.Options) (db *badger.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("badger: %v", r)
		}
	}()
	return badger.Open(bo)
}

// checkSchema records the layout version in a new store and refuses a store
// written with another one.
func (s *Store) checkSchema() error {
	var v uint64
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = getUint(txn, stateKey(stateSchema))
		return err
	})
	if err != nil {
		return fmt.Errorf("open store %s: %w", s.name, err)
	}
	switch {
	case v == schemaVersion:
		return nil
	case v != 0:
		return fmt.Errorf("open store %s: layout version %d, this graphbuild reads %d: %w", s.name, v, schemaVersion, ErrInvalid)
	case s.opt.ReadOnly:
		return nil
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(stateKey(stateSchema), encodeUint(schemaVersion))
	})
	if err != nil {
		return fmt.Errorf("open store %s: %w", s.name, err)
	}
	return nil
}

// Close flushes and closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.name, err)
	}
	return nil
}

// String names the store: its directory.
func (s *Store) String() string { return s.name }

// getUint reads a counter, 0 when missing.
func getUint(txn *badger.Txn, key []byte) (uint64, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var v uint64
	err = item.Value(func(b []byte) error {
		var err error
		v, err = decodeUint(b)
		return err
	})
	return v, err
}

// addUint adds delta to a counter.
func addUint(txn *badger.Txn, key []byte, delta int64) error {
	v, err := getUint(txn, key)
	if err != nil {
		return err
	}
	return txn.Set(key, encodeUint(uint64(int64(v)+delta)))
}

// ErrTooLarge is wrapped by the error of a document that adds more to the
// store than one transaction holds (about 15% of MemTableSize in bytes, and
// a matching number of keys): such a document is not stored, the others of
// its batch are.
var ErrTooLarge = errors.New("too large for one store transaction")

// DocumentError is the error of one document of an Apply that was not
// stored while the others were.
type DocumentError struct {
	ID     string // the document id
	Source string // the document's Source (its input path)
	Err    error
}

func (e *DocumentError) Error() string {
	return fmt.Sprintf("document %q: %v", shortID(e.ID), e.Err)
}

// Unwrap returns the reason.
func (e *DocumentError) Unwrap() error { return e.Err }

// shortID is id for messages: cut to 80 bytes with "..." when longer.
func shortID(id string) string {
	if len(id) <= 80 {
		return id
	}
	return cutText(id, 80) + "..."
}

// ApplyResult says what an Apply did.
type ApplyResult struct {
	Added   int // documents stored
	Skipped int // documents already stored, or repeated in the batch
	// Rejected lists, in batch order, the documents not stored because
	// they are too large for one transaction (each wraps ErrTooLarge).
	Rejected []*DocumentError
}

// Apply merges the contributions into the store. A document whose ID is
// already stored, or repeats an earlier one of the batch, is skipped
// entirely. Each document is written together with what it adds to entities
// and edges in one transaction, so an interrupted Apply leaves whole
// documents only. The merge gives the same store whatever the order
// documents arrive in: counts add, alias counts and predicate counts add;
// FirstSeen is the earliest date, LastSeen the latest; an edge keeps the
// MaxEvidenceOf(kind)-1 earliest-dated pieces of evidence and the latest
// (undated after dated, then by document and offsets); an entity's Name is its most frequent alias
// spelled like the name up to case, or else the smallest name given.
// Nothing is written when a contribution is invalid (the error wraps
// ErrInvalid and names it). The batch is written in as many transactions
// as Badger's limits need, split between documents and sized from what
// each document writes; a document too large for one transaction on its
// own is left out and listed in Rejected, the rest is written. On an error
// the result counts the parts already written.
func (s *Store) Apply(ctx context.Context, cs []Contribution) (ApplyResult, error) {
	var res ApplyResult
	if s.opt.ReadOnly {
		return res, fmt.Errorf("apply to %s: store opened read-only: %w", s.name, ErrInvalid)
	}
	ps := make([]*prepared, 0, len(cs))
	seen := make(map[string]bool, len(cs))
	for i := range cs {
		p, err := prepare(&cs[i])
		if err != nil {
			return res, fmt.Errorf("apply: %w", err)
		}
		if seen[p.doc.ID] {
			res.Skipped++
			continue
		}
		seen[p.doc.ID] = true
		ps = append(ps, p)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	lim, threshold := s.txnLimits(), s.db.Opts().ValueThreshold
	// Group documents into transactions of at most half the limits each
	// (a merged record can be larger than what the document adds to it);
	// a group that still does not fit is split again by applyPrepared.
	var group []*prepared
	var used txnCost
	flush := func() error {
		added, skipped, rejected, err := s.applyPrepared(ctx, group)
		res.Added += added
		res.Skipped += skipped
		res.Rejected = append(res.Rejected, rejected...)
		group, used = group[:0], txnCost{}
		return err
	}
	for _, p := range ps {
		c := p.cost(threshold)
		if !c.fits(lim) {
			res.Rejected = append(res.Rejected, tooLarge(p, c, lim))
			continue
		}
		if len(group) > 0 && !used.add(c).fits(lim.half()) {
			if err := flush(); err != nil {
				return res, err
			}
		}
		group = append(group, p)
		used = used.add(c)
	}
	if err := flush(); err != nil {
		return res, err
	}
	return res, nil
}

// txnCost is what a transaction holds, as Badger counts it: entries and
// their estimated bytes.
type txnCost struct{ count, bytes int64 }

func (c txnCost) add(d txnCost) txnCost { return txnCost{c.count + d.count, c.bytes + d.bytes} }
func (c txnCost) half() txnCost         { return txnCost{c.count / 2, c.bytes / 2} }

// fits reports whether c stays below lim in both measures.
func (c txnCost) fits(lim txnCost) bool { return c.count < lim.count && c.bytes < lim.bytes }

// txnLimits returns Badger's limits of one transaction, less the entries
// every Apply writes besides the documents' own (state counters).
func (s *Store) txnLimits() txnCost {
	const reserve = 64
	return txnCost{s.db.MaxBatchCount() - reserve, s.db.MaxBatchSize() - reserve*64}
}

// entryCost is Badger's estimate of one entry (txn.go checkSize): a value
// of threshold bytes or more goes to the value log and counts as a pointer.
func entryCost(key, value int, threshold int64) int64 {
	v := int64(value)
	if v >= threshold {
		v = 12
	}
	return int64(key) + v + 2 + 10
}

// cost estimates what writing p alone takes: its document and mentions,
// every entity (with a name key per name) and edge (with two adjacency
// keys), and the state counters.
func (p *prepared) cost(threshold int64) txnCost {
	var c txnCost
	put := func(key, value int) {
		c.count++
		c.bytes += entryCost(key, value, threshold)
	}
	put(1+len(p.doc.ID), 64+len(p.doc.Source)+len(p.doc.Title)+len(p.doc.URL))
	if len(p.mentions) > 0 {
		n := 8
		for i := range p.mentions {
			n += 24 + len(p.mentions[i].Text)
		}
		put(1+len(p.doc.ID), n)
	}
	for _, en := range p.entities {
		n := 32 + len(en.Type) + len(en.Name)
		put(2+len(indexName(normName(en.Name)))+idLen, 0)
		for a := range en.Aliases {
			n += len(a) + 4
			put(2+len(indexName(normName(a)))+idLen, 0)
		}
		put(1+idLen, n)
	}
	for _, ed := range p.edges {
		n := 32
		for k := range ed.Predicates {
			n += len(k) + 4
		}
		for _, ev := range ed.Evidence {
			n += 24 + len(ev.Doc) + len(ev.Date) + len(ev.Text) + len(ev.Predicate)
		}
		put(2+2*idLen, n)
		put(2+2*idLen, 0)
		put(2+2*idLen, 0)
	}
	return c
}

// tooLarge is the error of a document whose cost c exceeds lim.
func tooLarge(p *prepared, c txnCost, lim txnCost) *DocumentError {
	return &DocumentError{ID: p.doc.ID, Source: p.doc.Source, Err: fmt.Errorf(
		"%d entities and %d edges make %d store entries (%d KiB), more than one transaction takes (%d entries, %d KiB): %w",
		len(p.entities), len(p.edges), c.count, c.bytes>>10, lim.count, lim.bytes>>10, ErrTooLarge)}
}

// applyPrepared writes ps in one transaction, splitting the batch in two at
// a document boundary when it is too big for one; a single document that
// does not fit is rejected.
func (s *Store) applyPrepared(ctx context.Context, ps []*prepared) (added, skipped int, rejected []*DocumentError, err error) {
	if len(ps) == 0 {
		return 0, 0, nil, nil
	}
	if err := ctx.Err(); err != nil {
		return 0, 0, nil, fmt.Errorf("apply: %w", err)
	}
	added, skipped, err = s.applyTxn(ps)
	if !errors.Is(err, badger.ErrTxnTooBig) {
		return added, skipped, nil, err
	}
	s.retries++
	if len(ps) == 1 {
		p := ps[0]
		return 0, 0, []*DocumentError{{ID: p.doc.ID, Source: p.doc.Source, Err: fmt.Errorf(
			"%d entities and %d edges: %w", len(p.entities), len(p.edges), ErrTooLarge)}}, nil
	}
	half := len(ps) / 2
	a1, s1, r1, err := s.applyPrepared(ctx, ps[:half])
	if err != nil {
		return a1, s1, r1, err
	}
	a2, s2, r2, err := s.applyPrepared(ctx, ps[half:])
	return a1 + a2, s1 + s2, append(r1, r2...), err
}

// applyTxn merges ps into the store in a single transaction.
func (s *Store) applyTxn(ps []*prepared) (added, skipped int, err error) {
	if err := checkSpace(s.name, s.opt.Dir, s.minFree(), "writing"); err != nil {
		return 0, 0, err
	}
	txn := s.db.NewTransaction(true)
	defer txn.Discard()

	entities := make(map[uint64]*Entity)
	edges := make(map[edgeID]*Edge)
	for _, p := range ps {
		_, err := txn.Get(docKey(p.doc.ID))
		if err == nil {
			skipped++
			continue
		}
		if !errors.Is(err, badger.ErrKeyNotFound) {
			return 0, 0, fmt.Errorf("apply document %q: %w", p.doc.ID, err)
		}
		if err := txn.Set(docKey(p.doc.ID), encodeDocument(&p.doc)); err != nil {
			return 0, 0, wrapApply(p.doc.ID, err)
		}
		if len(p.mentions) > 0 {
			if err := txn.Set(mentionsKey(p.doc.ID), encodeMentions(p.mentions)); err != nil {
				return 0, 0, wrapApply(p.doc.ID, err)
			}
		}
		for id, en := range p.entities {
			if old := entities[id]; old != nil {
				mergeEntity(old, en)
			} else {
				c := *en
				c.Aliases = addCounts(nil, en.Aliases)
				entities[id] = &c
			}
		}
		for id, ed := range p.edges {
			if old := edges[id]; old != nil {
				mergeEdge(old, ed)
			} else {
				c := *ed
				c.Predicates = addCounts(nil, ed.Predicates)
				edges[id] = &c
			}
		}
		added++
	}
	if added == 0 {
		return 0, skipped, nil
	}
	typeDelta := make(map[string]int64)
	for id, en := range entities {
		if err := s.mergeEntityTxn(txn, id, en, typeDelta); err != nil {
			return 0, 0, err
		}
	}
	kindDelta := make(map[EdgeKind]int64)
	for id, ed := range edges {
		if err := s.mergeEdgeTxn(txn, id, ed, kindDelta); err != nil {
			return 0, 0, err
		}
	}
	for t, d := range typeDelta {
		if err := addUint(txn, stateKey(stateTypeName(t)), d); err != nil {
			return 0, 0, wrapApply("", err)
		}
	}
	for k, d := range kindDelta {
		if err := addUint(txn, stateKey(stateKindName(k)), d); err != nil {
			return 0, 0, wrapApply("", err)
		}
	}
	if err := addUint(txn, stateKey(stateDocs), int64(added)); err != nil {
		return 0, 0, wrapApply("", err)
	}
	if err := addUint(txn, stateKey(stateVersion), 1); err != nil {
		return 0, 0, wrapApply("", err)
	}
	if err := txn.Commit(); err != nil {
		return 0, 0, wrapApply("", err)
	}
	return added, skipped, nil
}

func wrapApply(doc string, err error) error {
	if doc == "" {
		return fmt.Errorf("apply: %w", err)
	}
	return fmt.Errorf("apply document %q: %w", doc, err)
}

// mergeEntityTxn merges en into the stored entity id and indexes its new
// names.
func (s *Store) mergeEntityTxn(txn *badger.Txn, id uint64, en *Entity, typeDelta map[string]int64) error {
	key := entityKey(id)
	var names []string
	item, err := txn.Get(key)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		typeDelta[en.Type]++
		names = append(names, en.Name)
		for a := range en.Aliases {
			names = append(names, a)
		}
	case err != nil:
		return fmt.Errorf("apply: read entity %s: %w", formatID(id), err)
	default:
		var old Entity
		err := item.Value(func(b []byte) error {
			var err error
			old, err = decodeEntity(id, b)
			return err
		})
		if err != nil {
			return fmt.Errorf("apply: read entity %s: %w", formatID(id), err)
		}
		oldNames := map[string]bool{normName(old.Name): true}
		for a := range old.Aliases {
			oldNames[normName(a)] = true
		}
		if !oldNames[normName(en.Name)] {
			names = append(names, en.Name)
		}
		for a := range en.Aliases {
			if !oldNames[normName(a)] {
				names = append(names, a)
			}
		}
		mergeEntity(&old, en)
		en = &old
	}
	if err := txn.Set(key, encodeEntity(en)); err != nil {
		return wrapApply("", err)
	}
	for _, n := range names {
		if nn := normName(n); nn != "" {
			if err := txn.Set(nameKey(nn, id), nil); err != nil {
				return wrapApply("", err)
			}
		}
	}
	return nil
}

// mergeEdgeTxn merges ed into the stored edge id, indexing a new edge in
// both endpoints' adjacency.
func (s *Store) mergeEdgeTxn(txn *badger.Txn, id edgeID, ed *Edge, kindDelta map[EdgeKind]int64) error {
	key := edgeKey(id.src, id.dst, id.kind)
	item, err := txn.Get(key)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		kindDelta[ed.Kind]++
		if err := txn.Set(adjKey(id.src, id.dst, id.kind), nil); err != nil {
			return wrapApply("", err)
		}
		if err := txn.Set(adjKey(id.dst, id.src, id.kind), nil); err != nil {
			return wrapApply("", err)
		}
	case err != nil:
		return fmt.Errorf("apply: read edge: %w", err)
	default:
		var old Edge
		err := item.Value(func(b []byte) error {
			var err error
			old, err = decodeEdge(id.src, id.dst, ed.Kind, b, true)
			return err
		})
		if err != nil {
			return fmt.Errorf("apply: read edge: %w", err)
		}
		mergeEdge(&old, ed)
		ed = &old
	}
	if err := txn.Set(key, encodeEdge(ed)); err != nil {
		return wrapApply("", err)
	}
	return nil
}
