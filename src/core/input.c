/* input.c: files, stdin and gzip (RFC 1952 via zlib inflate with automatic header
 * detection), plus recursive directory expansion. */
#define _DEFAULT_SOURCE
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define FL_RAW_BLOCK (256 * 1024)

struct fl_source {
    int fd;
    int own_fd;           /* close fd on fl_source_close (not for stdin) */
    int gzip;             /* stream is gzip */
    int done;             /* no more data */
    fl_status end_status; /* why the data ended */
    z_stream zs;          /* inflate state when gzip */
    unsigned char *raw;   /* compressed input block */
    size_t raw_len;       /* bytes of raw not yet given to zlib (plain: prefix bytes) */
    size_t raw_pos;
    int raw_eof;          /* read() returned 0 */
    int member_done;      /* last inflate() returned Z_STREAM_END */
    uint64_t raw_bytes;   /* bytes read from fd */
    int64_t mtime;        /* st_mtime of a regular file, else 0 */
    uint64_t size;        /* st_size of a regular file, else 0 */
    uint64_t remaining;   /* range sources: bytes left to return; UINT64_MAX otherwise */
};

static void fl_errtext(char *err, size_t errlen, const char *what, int e)
{
    snprintf(err, errlen, "%s: %s", what, strerror(e));
}

/* Fill raw with up to FL_RAW_BLOCK bytes; returns bytes read, 0 at EOF, -1 on error. */
static ssize_t fill_raw(fl_source *s)
{
    ssize_t r;
    do {
        r = read(s->fd, s->raw, FL_RAW_BLOCK);
    } while (r < 0 && errno == EINTR);
    if (r > 0)
        s->raw_bytes += (uint64_t)r;
    if (r == 0)
        s->raw_eof = 1;
    s->raw_pos = 0;
    s->raw_len = r > 0 ? (size_t)r : 0;
    return r;
}

fl_status fl_source_open(const char *path, fl_source **out, char *err, size_t errlen)
{
    fl_source *s = calloc(1, sizeof *s);
    if (!s)
        return FL_ERR_NOMEM;
    s->raw = malloc(FL_RAW_BLOCK);
    if (!s->raw) {
        free(s);
        return FL_ERR_NOMEM;
    }
    s->remaining = UINT64_MAX;
    if (strcmp(path, "-") == 0) {
        s->fd = STDIN_FILENO;
    } else {
        s->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (s->fd < 0) {
            fl_errtext(err, errlen, path, errno);
            free(s->raw);
            free(s);
            return FL_ERR_OPEN;
        }
        s->own_fd = 1;
        struct stat st;
        if (fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode)) {
            s->mtime = (int64_t)st.st_mtime;
            s->size = (uint64_t)st.st_size;
        }
        if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            fl_errtext(err, errlen, path, EISDIR);
            fl_source_close(s);
            return FL_ERR_OPEN;
        }
        /* Blocking reads from here: O_NONBLOCK only kept open() from hanging on a FIFO. */
        fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) & ~O_NONBLOCK);
    }
    if (fill_raw(s) < 0) {
        fl_errtext(err, errlen, path, errno);
        fl_source_close(s);
        return FL_ERR_OPEN;
    }
    if (s->raw_len >= 2 && s->raw[0] == 0x1f && s->raw[1] == 0x8b) {
        s->gzip = 1;
        if (inflateInit2(&s->zs, 15 + 32) != Z_OK) {
            fl_source_close(s);
            return FL_ERR_NOMEM;
        }
        s->zs.next_in = s->raw;
        s->zs.avail_in = (uInt)s->raw_len;
    }
    *out = s;
    return FL_OK;
}

static size_t read_plain_block(fl_source *s, char *buf, size_t n);

static size_t read_plain(fl_source *s, char *buf, size_t n)
{
    if (n > s->remaining)
        n = (size_t)s->remaining;
    if (n == 0) {
        s->done = 1;
        return 0;
    }
    size_t got = read_plain_block(s, buf, n);
    if (s->remaining != UINT64_MAX)
        s->remaining -= got;
    return got;
}

static size_t read_plain_block(fl_source *s, char *buf, size_t n)
{
    if (s->raw_pos < s->raw_len) { /* the block read to sniff the magic bytes */
        size_t k = s->raw_len - s->raw_pos;
        if (k > n)
            k = n;
        memcpy(buf, s->raw + s->raw_pos, k);
        s->raw_pos += k;
        return k;
    }
    for (;;) {
        ssize_t r = read(s->fd, buf, n);
        if (r > 0) {
            s->raw_bytes += (uint64_t)r;
            return (size_t)r;
        }
        if (r < 0 && errno == EINTR)
            continue;
        s->done = 1;
        s->end_status = r < 0 ? FL_ERR_IO : FL_OK;
        return 0;
    }
}

/* Start the next gzip member if more input follows the one that just ended.
 * Returns 1 when a member starts, 0 at clean end of data. */
static int next_member(fl_source *s)
{
    if (s->zs.avail_in == 0 && !s->raw_eof) {
        if (fill_raw(s) < 0) {
            s->end_status = FL_ERR_IO;
            return 0;
        }
        s->zs.next_in = s->raw;
        s->zs.avail_in = (uInt)s->raw_len;
    }
    if (s->zs.avail_in == 0)
        return 0;
    inflateReset(&s->zs);
    s->member_done = 0;
    return 1;
}

static size_t read_gzip(fl_source *s, char *buf, size_t n)
{
    s->zs.next_out = (Bytef *)buf;
    s->zs.avail_out = (uInt)n;
    while (s->zs.avail_out == n) {
        if (s->member_done && !next_member(s)) {
            s->done = 1;
            break;
        }
        if (s->zs.avail_in == 0) {
            if (s->raw_eof || fill_raw(s) <= 0) {
                s->end_status = s->raw_eof ? FL_ERR_TRUNCATED : FL_ERR_IO;
                s->done = 1;
                break;
            }
            s->zs.next_in = s->raw;
            s->zs.avail_in = (uInt)s->raw_len;
        }
        int rc = inflate(&s->zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s->member_done = 1;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            s->end_status = rc == Z_MEM_ERROR ? FL_ERR_NOMEM : FL_ERR_GZIP;
            s->done = 1;
            break;
        }
    }
    return n - s->zs.avail_out;
}

size_t fl_source_read(fl_source *s, char *buf, size_t n, fl_status *st)
{
    size_t got = 0;
    if (n > (1u << 30))
        n = 1u << 30;
    if (!s->done)
        got = s->gzip ? read_gzip(s, buf, n) : read_plain(s, buf, n);
    *st = s->done && got == 0 ? s->end_status : FL_OK;
    return got;
}

int fl_source_is_gzip(const fl_source *s) { return s->gzip; }

uint64_t fl_source_raw_bytes(const fl_source *s) { return s->raw_bytes; }

int64_t fl_source_mtime(const fl_source *s) { return s->mtime; }

void fl_source_close(fl_source *s)
{
    if (!s)
        return;
    if (s->gzip)
        inflateEnd(&s->zs);
    if (s->own_fd)
        close(s->fd);
    free(s->raw);
    free(s);
}

uint64_t fl_source_size(const fl_source *s) { return s->size; }

fl_status fl_source_open_range(const char *path, uint64_t start, uint64_t end, fl_source **out,
                               char *err, size_t errlen)
{
    fl_source *s = calloc(1, sizeof *s);
    if (!s)
        return FL_ERR_NOMEM;
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0 || lseek(s->fd, (off_t)start, SEEK_SET) < 0) {
        fl_errtext(err, errlen, path, errno);
        if (s->fd >= 0)
            close(s->fd);
        free(s);
        return FL_ERR_OPEN;
    }
    struct stat st;
    if (fstat(s->fd, &st) == 0)
        s->mtime = (int64_t)st.st_mtime;
    s->own_fd = 1;
    s->size = end - start;
    s->remaining = end - start;
    *out = s;
    return FL_OK;
}

/* ---- path expansion ---- */

typedef struct {
    char **items;
    size_t n, cap;
} str_list;

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    str_list files;
    str_list bad;
    dir_id *seen;     /* directories on the current walk path, for loop detection */
    size_t nseen, capseen;
} expand_state;

static int list_push(str_list *l, char *s)
{
    if (!s)
        return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->items, cap * sizeof *p);
        if (!p) {
            free(s);
            return -1;
        }
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = s;
    return 0;
}

/* Record path as unusable: bad holds pairs (path, reason). */
static int push_bad(expand_state *es, const char *path, const char *why)
{
    if (list_push(&es->bad, strdup(path)) != 0)
        return -1;
    return list_push(&es->bad, strdup(why));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int expand_one(expand_state *es, const char *path);

static int expand_dir(expand_state *es, const char *path, const struct stat *st)
{
    for (size_t i = 0; i < es->nseen; i++)
        if (es->seen[i].dev == st->st_dev && es->seen[i].ino == st->st_ino)
            return push_bad(es, path, "directory loop (symlink), skipped");
    if (es->nseen == es->capseen) {
        size_t cap = es->capseen ? es->capseen * 2 : 16;
        dir_id *p = realloc(es->seen, cap * sizeof *p);
        if (!p)
            return -1;
        es->seen = p;
        es->capseen = cap;
    }
    es->seen[es->nseen++] = (dir_id){st->st_dev, st->st_ino};

    DIR *d = opendir(path);
    if (!d) {
        es->nseen--;
        return push_bad(es, path, strerror(errno));
    }
    str_list names = {0};
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' && (de->d_name[1] == 0 || (de->d_name[1] == '.' && de->d_name[2] == 0)))
            continue;
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        char *child = malloc(len);
        if (child)
            snprintf(child, len, "%s%s%s", path,
                     path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
        rc = list_push(&names, child);
    }
    closedir(d);
    if (names.n)
        qsort(names.items, names.n, sizeof *names.items, cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        if (rc == 0)
            rc = expand_one(es, names.items[i]);
        free(names.items[i]);
    }
    free(names.items);
    es->nseen--;
    return rc;
}

static int expand_one(expand_state *es, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return list_push(&es->files, strdup(path));
    if (stat(path, &st) != 0)
        return push_bad(es, path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return expand_dir(es, path, &st);
    if (access(path, R_OK) != 0)
        return push_bad(es, path, strerror(errno));
    return list_push(&es->files, strdup(path));
}

fl_status fl_expand_paths(const char *const *paths, size_t npaths, char ***list, size_t *n,
                          char ***bad, size_t *nbad)
{
    expand_state es = {0};
    int rc = 0;
    for (size_t i = 0; i < npaths && rc == 0; i++)
        rc = expand_one(&es, paths[i]);
    free(es.seen);
    *list = es.files.items;
    *n = es.files.n;
    *bad = es.bad.items;
    *nbad = es.bad.n / 2;
    return rc == 0 ? FL_OK : FL_ERR_NOMEM;
}
