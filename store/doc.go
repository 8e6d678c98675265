// Package store keeps strata's archive in one bbolt file: every version of
// every article, every check that visited it, and the raw captures the
// versions were extracted from.
//
// It holds the storage and nothing else: it does not fetch, extract, diff or
// format. Callers hand it snapshots and captures and read them back.
//
// # Basics
//
// [Open] opens or creates an archive file and [Store.Close] releases it. A
// read-write Store holds an exclusive lock on the file; a read-only one
// ([Options.ReadOnly]) holds a shared lock. A second strata process, or a
// second Open of the same file in one process, waits at most
// [Options.Timeout] and then fails with an error wrapping
// [strata.ErrLocked].
//
// A [Options.Shared] Store holds the file only for the length of each
// transaction: every method opens the bbolt file, runs one transaction and
// closes it (calls that overlap in one process share one opening). Long
// writers (archive, crawl) use it so that readers, which open read-only
// with a timeout of a few seconds ([DefaultReadTimeout]), get in between
// two commits; a Shared Store's transaction in turn waits up to its
// Timeout ([DefaultSharedTimeout]) for readers to let go. Opening and
// closing costs a fraction of a millisecond per transaction, next to the
// fsync of a commit; [Store.Commit] batches many visits in one. A file that is not an archive gives [ErrNotArchive];
// a read-only open of a missing file, [strata.ErrNotFound]; a write through
// a read-only Store, [ErrReadOnly].
//
// [Store.Save] records one capture in one transaction: if the snapshot
// extracted from it has the same content (see [strata.Fingerprint]) as the
// latest version of its URL, only a check is written; otherwise a new
// version, numbered one more than the latest, its raw bytes and a check.
// [Store.SaveFailure] records a failed check; the URL need not have a
// version yet. Versions are never rewritten and their numbers are gapless:
// 1, 2, 3… per URL. With each new version Save keeps its comment delta
// ([strata.CommentDelta]): the comments added, removed, edited and not seen
// since the previous version, computed in the same transaction.
// [Store.SaveBatch] saves many captures in one transaction.
//
// Reading: [Store.Versions], [Store.Snapshot], [Store.Checks],
// [Store.Capture] and [Store.Raw] look up one URL or blob; [Store.Walk]
// (and its simpler form [Store.Each]) walks the archive in URL order inside
// one read transaction, decoding one version at a time, optionally from a
// URL prefix (a cursor seek), through URL and version filters, and with the
// raw bytes.
//
// Crawling: the frontier keeps every page a crawl knows, per site, with
// when it is due again ([Store.AddPages], [Store.Page], [Store.DuePages],
// [Store.CountDue]); [Store.Commit] records a batch of visits (versions
// as Save makes them, or checks as [Store.SaveCheck] records them: 304s,
// unchanged bodies, failures), the pages' new state and the run's counts
// in one transaction, so that a crawl killed at any point loses nothing
// committed and repeats nothing; [Store.PutRun], [Store.Runs] and
// [Store.MarkDied] keep the run records. Store implements
// [strata.Frontier].
//
// Upkeep: [Store.Examine] and [Store.Verify] check the file and every
// record; [Store.Stats] counts them and their bytes; [Store.Backup] and
// [Store.BackupFile] copy the archive consistently while other goroutines
// write; [Compact] rewrites a closed archive into a smaller file.
//
// # Layout
//
// The file has eight top-level buckets with composite keys (there is no
// bucket per URL). Integers in keys are big-endian so that byte order is
// numeric order.
//
//	meta      "format" → decimal format number (currently 2)
//	urls      normalised URL string → JSON url record: an 8-byte id
//	          (from NextSequence), the latest version number (0 while
//	          the URL has only failed checks), the content hash and the
//	          per-part fingerprint (hex) of the latest version, and the
//	          time, status and outcome of the last check
//	versions  id(8) ‖ version(8) → zstd(JSON version record): the
//	          snapshot, the capture's URL, final URL, status, header,
//	          fetch time, truncated flag, raw digest and size, and the
//	          comment delta ("comment_delta"; absent from versions
//	          written before strata kept it, which read as unknown)
//	checks    id(8) ‖ at(8) ‖ seq(8) → JSON strata.Check; at is Unix
//	          nanoseconds with the sign bit flipped (so earlier times
//	          sort first), seq comes from the bucket's NextSequence
//	blobs     sha256(raw bytes)(32) → zstd(raw bytes)
//	frontier  site ‖ 0 ‖ url → JSON strata.Page: source, depth, kind,
//	          discovery and publication times, priority and next due
//	          time, validators (ETag, Last-Modified), raw digest of the
//	          last body, comment count and activity, failures in a row
//	due       site ‖ 0 ‖ priority(1) ‖ next due(8, as in checks) ‖ url →
//	          empty: the due index, one entry per frontier page, so that
//	          a run seeks what is due instead of scanning the site
//	runs      id(8, NextSequence) → JSON strata.Run
//
// Format 1 had the first five buckets; a read-write Open migrates it in
// place in one transaction (adding the crawl buckets and the number), a
// read-only Open reads it as it is, with no crawl state.
//
// Keying urls by the URL string makes Each walk in URL order and lets a
// cursor seek a URL prefix (a site). Keying versions and checks by the URL's
// id keeps them together and in order. Blobs are content-addressed by the
// digest of the uncompressed bytes (compressed output may differ between
// zstd versions) and written only if absent, so identical bytes behind several
// versions are stored once.
//
// # Caveats
//
//   - An archive only grows: bbolt never shrinks its file, and nothing here
//     deletes. [Compact] gives the free pages back; it needs the file to
//     itself. An Open that waited for the lock while Compact replaced the
//     file opens the new file, never the replaced one.
//   - Backup works within one process only: a read-write Store in another
//     process keeps every other Open out, read-only ones included (a
//     Shared one only while it commits).
//   - Only one read-write Store may be open on a file at a time, across
//     processes and within one. A read-only Open is blocked by a read-write
//     holder too. Share one Store per process; all its methods are safe for
//     concurrent use. Shared Stores, in one process or several, take turns
//     transaction by transaction.
//   - The crawl's own lock (one crawl per archive) is not the store's
//     business: cmd/strata keeps it in a file beside the archive.
//   - A long [Store.Each] keeps a read transaction open; meanwhile a
//     writer cannot reuse freed pages, so the file may grow. Its callback
//     must not call other Store methods.
//   - Save fills a snapshot's FetchedAt, Status and FinalURL from the
//     capture when they are zero, and sets Truncated when the capture was
//     truncated.
//   - Save updates the caller's snapshot (Version, Changes, ContentHash,
//     RawSHA256) only when it writes a new version.
//   - A URL known only from failed checks has Checks, an empty Versions
//     list, and no Snapshot (ErrNotFound).
//   - Snapshots read back have empty, never nil, Authors, Categories, Tags,
//     Comments and Changes. Times keep their offset, not their
//     *time.Location name.
//   - An archive written by a newer strata (a higher format number) is
//     refused rather than misread.
package store
