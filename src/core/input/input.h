/* input.h: byte sources. A source is a file, stdin or a reader function (an archive
 * member, fl_archive.h), plain or gzip; gzip is detected by its magic bytes (RFC 1952),
 * never by name. Multi-member gzip streams are read to the end; a stream cut short
 * is reported as FL_ERR_TRUNCATED after all data that could be inflated has been
 * returned. */
#ifndef FL_INPUT_H
#define FL_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fl_status.h"

typedef struct fl_source fl_source;

/* Open path ("-" is stdin). On failure returns FL_ERR_OPEN and puts strerror-style
 * text in err. The caller closes the source with fl_source_close. */
fl_status fl_source_open(const char *path, fl_source **out, char *err, size_t errlen);

/* Where a reader source's bytes come from: read(ctx, buf, n, st) returns up to n
 * bytes, 0 at the end of the data, with *st FL_OK or the error that ended it; why(ctx)
 * is the text for that error (NULL or "" for none). */
typedef struct fl_source_reader {
    size_t (*read)(void *ctx, void *buf, size_t n, fl_status *st);
    const char *(*why)(void *ctx);
    void *ctx;
} fl_source_reader;

/* A source reading from r (copied; r->ctx must outlive the source), gzip detected
 * as for files. size (0 = unknown) and mtime are what fl_source_size/mtime report.
 * Returns FL_ERR_NOMEM only. */
fl_status fl_source_open_reader(const fl_source_reader *r, uint64_t size, int64_t mtime,
                                fl_source **out);

/* Up to FL_SOURCE_HEAD decompressed bytes from the start of the data, without
 * consuming them: later reads return them again. Call before the first
 * fl_source_read; *head stays valid until the source is closed. */
#define FL_SOURCE_HEAD 512
void fl_source_head(fl_source *src, const unsigned char **head, size_t *len);

/* Text for the error st that ended src's data: the reader's own text when its
 * reader ended it (an archive's message), else fl_strerror(st). */
const char *fl_source_why(const fl_source *src, fl_status st);

/* Read up to n decompressed bytes into buf. Returns the count (0 at end of data);
 * *st is FL_OK, or the error that ended the data (FL_ERR_IO, FL_ERR_GZIP,
 * FL_ERR_TRUNCATED), set once the last good byte has been returned. */
size_t fl_source_read(fl_source *src, char *buf, size_t n, fl_status *st);

/* Nonzero when the source turned out to be gzip compressed. */
int fl_source_is_gzip(const fl_source *src);

/* Compressed bytes consumed so far (the file's own bytes). */
uint64_t fl_source_raw_bytes(const fl_source *src);

/* A plain file's bytes [start, end) as a source (no gzip detection): a chunk of a
 * large file read by its own thread. Errors as fl_source_open. */
fl_status fl_source_open_range(const char *path, uint64_t start, uint64_t end, fl_source **out,
                               char *err, size_t errlen);

/* Size of a regular file in bytes (of the range, for range sources); 0 otherwise. */
uint64_t fl_source_size(const fl_source *src);

/* Modification time of the file (seconds since the epoch); 0 for stdin and pipes. */
int64_t fl_source_mtime(const fl_source *src);

void fl_source_close(fl_source *src);

/* paths.c. Expand paths: directories are walked recursively in name order (symlinked
 * directories followed once, loops skipped), files kept, "-" kept. Sets *list to
 * malloc'd paths (count *n). Paths that cannot be read go to *bad as *nbad pairs
 * (bad[2i] the path, bad[2i+1] the reason). The caller frees every string and both
 * arrays. Returns FL_ERR_NOMEM only. */
fl_status fl_expand_paths(const char *const *paths, size_t npaths, char ***list, size_t *n,
                          char ***bad, size_t *nbad);

/* Drop the paths of list[0..*n) that name the same file (device and inode) as an
 * earlier one, keeping the first (a file given twice, or reached through a link, is
 * read once). *dups gets *ndups pairs (dups[2i] the dropped path, dups[2i+1] the path
 * it repeats); the caller frees both strings and the array. "-" counts once.
 * Returns FL_ERR_NOMEM only (list then unchanged). */
fl_status fl_paths_unique(char **list, size_t *n, char ***dups, size_t *ndups);

#endif
