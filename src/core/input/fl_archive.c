/* fl_archive.c: tar and zip containers, bzip2/xz/zstd/lz4 data, read through
 * libarchive (archive_read(3)) from an fl_source, member by member, as a stream:
 * nothing is extracted, a member is never held whole. Formats enabled: tar (ustar,
 * pax, GNU), zip (streaming reader: local headers in stored order) and, for
 * compressed data that holds no tar, "raw" (the data as one member). No other
 * format or filter is enabled: no external programs, no formats that would bid on
 * a log. Magic numbers: tar POSIX.1-2008 ustar header; zip APPNOTE 4.3.7 and 4.3.16;
 * bzip2 "BZh" + block or end-of-stream magic; xz 1.0.4 stream header; zstd RFC 8878
 * frame magic; lz4 frame format magic. */
#include "input/fl_archive.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef FL_HAVE_ARCHIVE
#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#endif

/* The tar header at head[0..512): "ustar" at 257 and a checksum that adds up (the
 * sum of the header's bytes with the checksum field read as spaces; some old tars
 * summed signed chars). */
static int tar_header(const unsigned char *h, size_t n)
{
    if (n < 512 || memcmp(h + 257, "ustar", 5) != 0)
        return 0;
    unsigned long want = 0, sum = 0;
    long ssum = 0;
    size_t i = 148;
    while (i < 156 && h[i] == ' ')
        i++;
    for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++)
        want = want * 8 + (unsigned long)(h[i] - '0');
    for (i = 0; i < 512; i++) {
        unsigned char c = i >= 148 && i < 156 ? ' ' : h[i];
        sum += c;
        ssum += (signed char)c;
    }
    return sum == want || ssum == (long)want;
}

fl_archive_kind fl_archive_sniff(const unsigned char *h, size_t n)
{
    static const unsigned char xz[6] = {0xfd, '7', 'z', 'X', 'Z', 0};
    static const unsigned char zstd[4] = {0x28, 0xb5, 0x2f, 0xfd};
    static const unsigned char lz4[4] = {0x04, 0x22, 0x4d, 0x18};
    static const unsigned char bz_block[6] = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
    static const unsigned char bz_end[6] = {0x17, 0x72, 0x45, 0x38, 0x50, 0x90};
    if (tar_header(h, n))
        return FL_ARCHIVE_TAR;
    if (n >= 4 && h[0] == 'P' && h[1] == 'K' &&
        ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6)))
        return FL_ARCHIVE_ZIP;
    if (n >= 10 && memcmp(h, "BZh", 3) == 0 && h[3] >= '1' && h[3] <= '9' &&
        (memcmp(h + 4, bz_block, 6) == 0 || memcmp(h + 4, bz_end, 6) == 0))
        return FL_ARCHIVE_BZIP2;
    if (n >= 6 && memcmp(h, xz, 6) == 0)
        return FL_ARCHIVE_XZ;
    if (n >= 4 && memcmp(h, zstd, 4) == 0)
        return FL_ARCHIVE_ZSTD;
    if (n >= 4 && memcmp(h, lz4, 4) == 0)
        return FL_ARCHIVE_LZ4;
    return FL_ARCHIVE_NONE;
}

const char *fl_archive_kind_name(fl_archive_kind k)
{
    switch (k) {
    case FL_ARCHIVE_NONE: break;
    case FL_ARCHIVE_TAR: return "tar archive";
    case FL_ARCHIVE_ZIP: return "zip archive";
    case FL_ARCHIVE_BZIP2: return "bzip2 data";
    case FL_ARCHIVE_XZ: return "xz data";
    case FL_ARCHIVE_ZSTD: return "zstd data";
    case FL_ARCHIVE_LZ4: return "lz4 data";
    }
    return "data";
}

#ifdef FL_HAVE_ARCHIVE

#define FL_ARCHIVE_BLOCK (128 * 1024) /* bytes handed to libarchive per read */
#define FL_ARCHIVE_RETRIES 4096       /* damaged tar headers skipped in a row, at most */

/* libarchive is loaded when the first archive is met, not at start-up: it brings
 * libxml2, ICU and libstdc++ with it, 8 ms of dynamic linking on every run (a third
 * of a small one) that runs without archives never need. RTLD_NODELETE keeps it
 * loaded after the first archive, so the others pay a dlopen that finds it and the
 * dlsym of these functions; the table is each archive's own (no process state). */
#define LA_FUNCTIONS(X)                                                                \
    X(archive_read_new) X(archive_read_free) X(archive_read_open)                      \
    X(archive_read_support_filter_bzip2) X(archive_read_support_filter_xz)             \
    X(archive_read_support_filter_zstd) X(archive_read_support_filter_lz4)             \
    X(archive_read_support_format_tar) X(archive_read_support_format_zip_streamable)   \
    X(archive_read_support_format_raw) X(archive_read_next_header)                     \
    X(archive_read_data_block) X(archive_format) X(archive_error_string)               \
    X(archive_set_error) X(archive_entry_filetype) X(archive_entry_hardlink)            \
    X(archive_entry_pathname) X(archive_entry_pathname_utf8) X(archive_entry_size)     \
    X(archive_entry_size_is_set) X(archive_entry_mtime) X(archive_entry_mtime_is_set)  \
    X(archive_entry_is_encrypted)

typedef struct la_api {
#define LA_FIELD(name) __typeof__(&name) name;
    LA_FUNCTIONS(LA_FIELD)
#undef LA_FIELD
} la_api;

/* Fill api from the shared library; 0 (err says why) when it cannot be loaded. */
static int la_load(la_api *api, char *err, size_t errlen)
{
    void *h = dlopen(FL_LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, errlen, "libarchive could not be loaded (%s)", why ? why : FL_LIBARCHIVE_SONAME);
        return 0;
    }
    void *f;
#define LA_SYM(name)                                                                   \
    if (!(f = dlsym(h, #name))) {                                                      \
        snprintf(err, errlen, "libarchive could not be loaded (%s has no %s)", FL_LIBARCHIVE_SONAME, #name); \
        dlclose(h);                                                                    \
        return 0;                                                                      \
    }                                                                                  \
    memcpy(&api->name, &f, sizeof f);
    LA_FUNCTIONS(LA_SYM)
#undef LA_SYM
    dlclose(h); /* stays loaded (RTLD_NODELETE); api's pointers stay valid */
    return 1;
}

struct fl_archive {
    la_api la;               /* libarchive, loaded for this archive (la_load) */
    struct archive *ar;
    fl_source *outer;
    char *buf;               /* outer_read's block */
    fl_status outer_status;  /* the error that ended outer's data, FL_OK before one */
    int data_fatal;          /* a member's read hit a fatal error (already reported) */
    int ended;               /* fl_archive_next returned 0 */
    int raw;                 /* the format is "raw": one unnamed member */
    char *name;              /* current member's name (normalised copy) */
    uint64_t size;           /* ... its stored size and mtime */
    int64_t mtime;
    const char *block;       /* the member's data block not yet returned ... */
    size_t block_len;        /* ... and its length */
    int member_end;          /* the member's data has ended (or failed) */
    char prev[200];          /* the member before, for damage messages */
    char why[240];           /* the last member read error */
    char damage[320];        /* see fl_archive_damage */
    unsigned skipped;        /* damaged headers skipped (ARCHIVE_RETRY) */
};

int fl_archive_available(void) { return 1; }

/* libarchive's read callback: the next block of outer's data. */
static la_ssize_t outer_read(struct archive *ar, void *ctx, const void **out)
{
    fl_archive *a = ctx;
    fl_status st;
    size_t got = fl_source_read(a->outer, a->buf, FL_ARCHIVE_BLOCK, &st);
    if (got == 0 && st != FL_OK) {
        a->outer_status = st;
        a->la.archive_set_error(ar, EIO, "%s", fl_source_why(a->outer, st));
        return -1;
    }
    *out = a->buf;
    return (la_ssize_t)got;
}

/* The error text libarchive left, on one line (some end in "\n"), into buf. */
static const char *ar_error(fl_archive *a, char *buf, size_t n)
{
    const char *e = a->la.archive_error_string(a->ar);
    snprintf(buf, n, "%s", e && *e ? e : fl_strerror(FL_ERR_ARCHIVE));
    size_t k = strlen(buf);
    while (k > 0 && (unsigned char)buf[k - 1] <= ' ')
        buf[--k] = 0;
    for (char *c = buf; *c; c++)
        if ((unsigned char)*c < ' ')
            *c = ' ';
    return buf;
}

fl_status fl_archive_open(fl_source *outer, fl_archive_kind k, fl_archive **out, char *err,
                          size_t errlen)
{
    fl_archive *a = calloc(1, sizeof *a);
    if (!a)
        return FL_ERR_NOMEM;
    char why[200];
    if (!la_load(&a->la, why, sizeof why)) { /* as in a build without libarchive */
        snprintf(err, errlen, "%s, but %s", fl_archive_kind_name(k), why);
        free(a);
        return FL_ERR_OPEN;
    }
    if (!(a->buf = malloc(FL_ARCHIVE_BLOCK)) || !(a->ar = a->la.archive_read_new())) {
        free(a->buf);
        free(a);
        return FL_ERR_NOMEM;
    }
    a->outer = outer;
    /* Only the compressions fl_archive_sniff recognises: gzip is input.c's. */
    a->la.archive_read_support_filter_bzip2(a->ar);
    a->la.archive_read_support_filter_xz(a->ar);
    a->la.archive_read_support_filter_zstd(a->ar);
    a->la.archive_read_support_filter_lz4(a->ar);
    a->la.archive_read_support_format_tar(a->ar);
    a->la.archive_read_support_format_zip_streamable(a->ar);
    /* Compressed data without a tar inside is one log; a container that no format
     * accepts must be an error, not one binary member. */
    if (k != FL_ARCHIVE_TAR && k != FL_ARCHIVE_ZIP)
        a->la.archive_read_support_format_raw(a->ar);
    if (a->la.archive_read_open(a->ar, a, NULL, outer_read, NULL) != ARCHIVE_OK) {
        char e[200];
        snprintf(err, errlen, "%s: %s", fl_archive_kind_name(k), ar_error(a, e, sizeof e));
        fl_archive_close(a);
        return FL_ERR_ARCHIVE;
    }
    *out = a;
    return FL_OK;
}

/* Remember why the archive stopped outside a member's data. */
static void set_damage(fl_archive *a, const char *what)
{
    if (a->damage[0])
        return;
    if (a->prev[0])
        snprintf(a->damage, sizeof a->damage, "%s after member %s", what, a->prev);
    else
        snprintf(a->damage, sizeof a->damage, "%s before the first member", what);
}

int fl_archive_next(fl_archive *a, fl_archive_member *m)
{
    struct archive_entry *e;
    if (a->name) {
        snprintf(a->prev, sizeof a->prev, "%s", a->name);
        free(a->name);
        a->name = NULL;
    }
    while (!a->ended) {
        int r = a->la.archive_read_next_header(a->ar, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r == ARCHIVE_RETRY && ++a->skipped < FL_ARCHIVE_RETRIES) {
            /* A damaged tar header: libarchive goes on at the next block. */
            set_damage(a, ar_error(a, a->why, sizeof a->why));
            continue;
        }
        if (r < ARCHIVE_WARN) { /* FAILED, FATAL, or too many damaged headers */
            if (!a->data_fatal)
                set_damage(a, ar_error(a, a->why, sizeof a->why));
            break;
        }
        /* A hard link repeats a file stored before it, with no data of its own. */
        if (a->la.archive_entry_filetype(e) != AE_IFREG || a->la.archive_entry_hardlink(e))
            continue;
        a->raw = a->la.archive_format(a->ar) == ARCHIVE_FORMAT_RAW;
        const char *name = a->la.archive_entry_pathname(e);
        if (!name) /* not convertible to the locale's charset: the UTF-8 form */
            name = a->la.archive_entry_pathname_utf8(e);
        while (name && (name[0] == '/' || (name[0] == '.' && name[1] == '/')))
            name += name[0] == '/' ? 1 : 2;
        a->name = strdup(a->raw ? "" : name && *name ? name : "(unnamed)");
        if (!a->name)
            break;
        a->why[0] = 0;
        a->block_len = 0;
        a->member_end = 0;
        memset(m, 0, sizeof *m);
        m->name = a->name;
        m->size = a->la.archive_entry_size_is_set(e) && a->la.archive_entry_size(e) > 0
                      ? (uint64_t)a->la.archive_entry_size(e) : 0;
        m->mtime = a->la.archive_entry_mtime_is_set(e) ? (int64_t)a->la.archive_entry_mtime(e) : 0;
        a->size = m->size;
        a->mtime = m->mtime;
        if (a->la.archive_entry_is_encrypted(e))
            m->error = "encrypted (password-protected) member, not read";
        return 1;
    }
    a->ended = 1;
    return 0;
}

/* fl_source_reader over the current member's data. Block by block
 * (archive_read_data_block), not archive_read_data, which drops the bytes of a
 * read that fails part way: the data before damage must count. Sparse-file holes
 * are not filled in (logs are not sparse). */
static size_t member_read(void *ctx, void *buf, size_t n, fl_status *st)
{
    fl_archive *a = ctx;
    *st = FL_OK;
    while (a->block_len == 0 && !a->member_end) {
        const void *b;
        size_t len;
        la_int64_t off;
        int r = a->la.archive_read_data_block(a->ar, &b, &len, &off);
        if (r == ARCHIVE_EOF) {
            a->member_end = 1;
        } else if (r < ARCHIVE_OK && r != ARCHIVE_RETRY) {
            /* ARCHIVE_WARN is a check that failed at the member's end (zip CRC):
             * its data came already. FAILED leaves the archive usable at the next
             * member; FATAL ends it (reported here, not again as damage). */
            if (r == ARCHIVE_FATAL)
                a->data_fatal = 1;
            a->member_end = 1;
            *st = a->outer_status != FL_OK ? a->outer_status : FL_ERR_ARCHIVE;
            ar_error(a, a->why, sizeof a->why);
            return 0;
        } else {
            a->block = b;
            a->block_len = len;
        }
    }
    size_t k = n < a->block_len ? n : a->block_len;
    if (k == 0) /* the member's end (block may be NULL) */
        return 0;
    memcpy(buf, a->block, k);
    a->block += k;
    a->block_len -= k;
    return k;
}

static const char *member_why(void *ctx)
{
    fl_archive *a = ctx;
    return a->why;
}

fl_status fl_archive_member_open(fl_archive *a, fl_source **out)
{
    fl_source_reader r = {member_read, member_why, a};
    return fl_source_open_reader(&r, a->size, a->mtime, out);
}

const char *fl_archive_damage(const fl_archive *a)
{
    return a->damage[0] ? a->damage : NULL;
}

void fl_archive_close(fl_archive *a)
{
    if (!a)
        return;
    if (a->ar)
        a->la.archive_read_free(a->ar);
    free(a->name);
    free(a->buf);
    free(a);
}

#else /* built without libarchive: archives are recognised, and refused */

struct fl_archive {
    int unused;
};

int fl_archive_available(void) { return 0; }

fl_status fl_archive_open(fl_source *outer, fl_archive_kind k, fl_archive **out, char *err,
                          size_t errlen)
{
    (void)outer;
    *out = NULL;
    snprintf(err, errlen, "%s, but faultline was built without archive support (libarchive)",
             fl_archive_kind_name(k));
    return FL_ERR_OPEN;
}

int fl_archive_next(fl_archive *a, fl_archive_member *m)
{
    (void)a;
    (void)m;
    return 0;
}

fl_status fl_archive_member_open(fl_archive *a, fl_source **out)
{
    (void)a;
    *out = NULL;
    return FL_ERR_OPEN;
}

const char *fl_archive_damage(const fl_archive *a)
{
    (void)a;
    return NULL;
}

void fl_archive_close(fl_archive *a) { (void)a; }

#endif
