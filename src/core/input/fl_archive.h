/* fl_archive.h: log archives read in place, never extracted: tar (POSIX ustar/pax and
 * GNU, IEEE 1003.1-2008 "pax" format) and zip (PKWARE APPNOTE, read as a stream)
 * containers, and files compressed with bzip2, xz, zstd or lz4, each holding a tar
 * or a single log. Archives are recognised by magic bytes, never by name; reading
 * them needs libarchive (FL_HAVE_ARCHIVE). gzip stays input.c's: a .tar.gz is a
 * gzip source (inflated by input.c) whose data starts with a tar header. */
#ifndef FL_ARCHIVE_H
#define FL_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"
#include "input/input.h"

typedef enum fl_archive_kind {
    FL_ARCHIVE_NONE = 0, /* not an archive: a log (or a binary) */
    FL_ARCHIVE_TAR,      /* a tar header (checksum checked) at the start */
    FL_ARCHIVE_ZIP,      /* a zip local file header or an empty zip's end record */
    FL_ARCHIVE_BZIP2,    /* compressed data: a tar inside, or one log */
    FL_ARCHIVE_XZ,
    FL_ARCHIVE_ZSTD,
    FL_ARCHIVE_LZ4
} fl_archive_kind;

/* What the first n bytes of a source's (decompressed) data are. Needs the first 512
 * bytes to recognise a tar (FL_SOURCE_HEAD). */
fl_archive_kind fl_archive_sniff(const unsigned char *head, size_t n);

/* "tar archive", "xz data", ...: for messages. */
const char *fl_archive_kind_name(fl_archive_kind k);

/* Nonzero when this build reads archives (linked with libarchive). */
int fl_archive_available(void);

typedef struct fl_archive fl_archive;

/* One member of an archive, valid until the next fl_archive_next. */
typedef struct fl_archive_member {
    const char *name;  /* as stored, leading "./" and "/" removed ("../x" stays a name);
                        * "" for the one file of a compressed non-tar (an .xz log) */
    uint64_t size;     /* bytes stored, 0 when unknown */
    int64_t mtime;     /* seconds since the epoch, 0 when unknown */
    const char *error; /* not NULL: the member cannot be read (encrypted), and why */
} fl_archive_member;

/* Read the archive of kind k (from fl_archive_sniff) from outer, which the archive
 * reads sequentially (outer stays the caller's: close it after fl_archive_close).
 * FL_ERR_OPEN without archive support, FL_ERR_ARCHIVE when it is no readable archive
 * after all; err then says why. */
fl_status fl_archive_open(fl_source *outer, fl_archive_kind k, fl_archive **out, char *err,
                          size_t errlen);

/* Move to the next regular file of the archive (directories, links and devices are
 * passed over) and describe it in *m. Returns 1 for a member, 0 at the end of the
 * archive: its real end, or damage (fl_archive_damage). */
int fl_archive_next(fl_archive *a, fl_archive_member *m);

/* The current member's data as a source (gzip members are inflated as files are).
 * A member cut short or corrupt ends its data with an error whose text
 * (fl_source_why) is the archive's. Close it before fl_archive_next. Returns
 * FL_ERR_NOMEM only. */
fl_status fl_archive_member_open(fl_archive *a, fl_source **out);

/* Why the archive ended early outside a member's data (a damaged header after the
 * named member, data after the end), or NULL when it was read to its end or the
 * damage was already reported by a member's source. Valid until fl_archive_close. */
const char *fl_archive_damage(const fl_archive *a);

void fl_archive_close(fl_archive *a);

#endif
