/* input.c: files, stdin, reader functions (archive members) and gzip (RFC 1952);
 * the paths to read come from paths.c.
 * gzip is inflated by zlib (inflate with automatic header detection) or, when built
 * with FAULTLINE_ISAL, by ISA-L's isal_inflate (several times faster). A large
 * compressed input is inflated by a reader thread into a ring of 512 KiB blocks while
 * the caller parses the block before, so reading it costs about the inflate time
 * alone: the thread does exactly what the caller's reads would have done, earlier. */
#define _DEFAULT_SOURCE
#include "input/input.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef FL_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif

#define FL_RAW_BLOCK (256 * 1024)
#define FL_RING_BLOCKS 4             /* inflated blocks in flight per gzip source */
#define FL_RING_BLOCK (512 * 1024)
#define FL_RING_STACK (256 * 1024)   /* the reader thread's stack: inflate needs little */

/* Blocks inflated by the reader thread, handed to the caller in order. The thread
 * fills block[(head + count) % N]; the caller reads block[head] from off on. */
typedef struct gz_ring {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled;   /* a block was filled, or the thread finished */
    pthread_cond_t freed;    /* a block was given back, or cancel was set */
    char *block[FL_RING_BLOCKS];
    size_t len[FL_RING_BLOCKS];
    size_t head, count;      /* under mu */
    size_t off;              /* caller only */
    int finished;            /* under mu: no more blocks will come */
    int cancel;              /* under mu: the source is being closed */
    fl_status end_status;    /* copy of the source's, valid once finished */
} gz_ring;

struct fl_source {
    int fd;               /* -1 for reader sources */
    int own_fd;           /* close fd on fl_source_close (not for stdin) */
    int has_reader;       /* bytes come from reader, not fd */
    fl_source_reader reader;
    int reader_failed;    /* the reader ended the data with an error (its why() tells) */
    fl_status io_status;  /* the error of the last failed raw read */
    int gzip;             /* stream is gzip */
    int done;             /* no more data (decoder side) */
    fl_status end_status; /* why the data ended */
#ifdef FL_HAVE_ISAL
    struct inflate_state *isal; /* inflate state when gzip */
#else
    z_stream zs;          /* inflate state when gzip */
#endif
    unsigned char *raw;   /* compressed input block */
    size_t raw_len;       /* bytes of raw not yet given to zlib (plain: prefix bytes) */
    size_t raw_pos;
    int raw_eof;          /* read() returned 0 */
    int member_done;      /* the last member ended (Z_STREAM_END, ISAL_BLOCK_FINISH) */
    atomic_uint_least64_t raw_bytes; /* bytes read from fd (the reader thread adds) */
    int64_t mtime;        /* st_mtime of a regular file, else 0 */
    uint64_t size;        /* st_size of a regular file, else 0 */
    uint64_t remaining;   /* range sources: bytes left to return; UINT64_MAX otherwise */
    int ring_tried;       /* the reader thread was considered (first gzip read) */
    gz_ring *ring;        /* reader thread, NULL when reads inflate in the caller */
    int ring_done;        /* the caller has taken the ring's last byte */
    unsigned char head[FL_SOURCE_HEAD]; /* fl_source_head: bytes returned again first */
    size_t head_len, head_pos;
    int head_filled;      /* fl_source_head has run */
    int head_end;         /* the data ended within the head ... */
    fl_status head_status;/* ... for this reason */
};

static void fl_errtext(char *err, size_t errlen, const char *what, int e)
{
    snprintf(err, errlen, "%s: %s", what, strerror(e));
}

/* Read up to n raw bytes from the fd or the reader; -1 on error (s->io_status). */
static ssize_t raw_read(fl_source *s, void *buf, size_t n)
{
    ssize_t r;
    if (s->has_reader) {
        fl_status st = FL_OK;
        size_t got = s->reader.read(s->reader.ctx, buf, n, &st);
        if (got == 0 && st != FL_OK) {
            s->io_status = st;
            s->reader_failed = 1;
            return -1;
        }
        return (ssize_t)got;
    }
    do {
        r = read(s->fd, buf, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        s->io_status = FL_ERR_IO;
    return r;
}

/* Fill raw with up to FL_RAW_BLOCK bytes; returns bytes read, 0 at EOF, -1 on error. */
static ssize_t fill_raw(fl_source *s)
{
    ssize_t r = raw_read(s, s->raw, FL_RAW_BLOCK);
    if (r > 0)
        atomic_fetch_add_explicit(&s->raw_bytes, (uint64_t)r, memory_order_relaxed);
    if (r == 0)
        s->raw_eof = 1;
    s->raw_pos = 0;
    s->raw_len = r > 0 ? (size_t)r : 0;
    return r;
}

#ifdef FL_HAVE_ISAL
/* Point the inflate state at the raw block. */
static void give_raw(fl_source *s)
{
    s->isal->next_in = s->raw;
    s->isal->avail_in = (uint32_t)s->raw_len;
}

static uint32_t raw_left(const fl_source *s) { return s->isal->avail_in; }

/* Prepare inflating a gzip stream; returns 0 on failure (no memory). */
static int inflate_start(fl_source *s)
{
    if (!(s->isal = malloc(sizeof *s->isal)))
        return 0;
    isal_inflate_init(s->isal);
    s->isal->crc_flag = ISAL_GZIP; /* parse the header, check CRC-32 and size */
    give_raw(s);
    return 1;
}

/* Start the next member at the current input position. */
static void inflate_restart(fl_source *s)
{
    uint8_t *in = s->isal->next_in;
    uint32_t avail = s->isal->avail_in;
    isal_inflate_reset(s->isal);
    s->isal->crc_flag = ISAL_GZIP;
    s->isal->next_in = in;
    s->isal->avail_in = avail;
}

static void inflate_stop(fl_source *s) { free(s->isal); }

/* Inflate into buf[0..n) until it is full, the input is used up or the member
 * ends; returns bytes written. Ends the data (done, end_status) on an error. */
static size_t inflate_some(fl_source *s, char *buf, size_t n)
{
    struct inflate_state *st = s->isal;
    st->next_out = (uint8_t *)buf;
    st->avail_out = (uint32_t)n;
    int rc = isal_inflate(st);
    size_t out = n - st->avail_out;
    if (rc < 0 || (rc != ISAL_DECOMP_OK && rc != ISAL_END_INPUT && rc != ISAL_OUT_OVERFLOW)) {
        s->end_status = FL_ERR_GZIP;
        s->done = 1;
    } else if (st->block_state == ISAL_BLOCK_FINISH) {
        s->member_done = 1;
    }
    return out;
}
#else
static void give_raw(fl_source *s)
{
    s->zs.next_in = s->raw;
    s->zs.avail_in = (uInt)s->raw_len;
}

static uInt raw_left(const fl_source *s) { return s->zs.avail_in; }

static int inflate_start(fl_source *s)
{
    if (inflateInit2(&s->zs, 15 + 32) != Z_OK)
        return 0;
    give_raw(s);
    return 1;
}

static void inflate_restart(fl_source *s) { inflateReset(&s->zs); }

static void inflate_stop(fl_source *s) { inflateEnd(&s->zs); }

static size_t inflate_some(fl_source *s, char *buf, size_t n)
{
    s->zs.next_out = (Bytef *)buf;
    s->zs.avail_out = (uInt)n;
    int rc = inflate(&s->zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
        s->member_done = 1;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        s->end_status = rc == Z_MEM_ERROR ? FL_ERR_NOMEM : FL_ERR_GZIP;
        s->done = 1;
    }
    return n - s->zs.avail_out;
}
#endif

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
        if (fstat(s->fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
            /* A FIFO opened before its writer reads as empty (end of file at once): wait
             * for the writer, as cat does. Only a FIFO named as an input gets here; a
             * directory walk never opens one. */
            close(s->fd);
            s->fd = open(path, O_RDONLY | O_CLOEXEC);
            if (s->fd < 0) {
                fl_errtext(err, errlen, path, errno);
                free(s->raw);
                free(s);
                return FL_ERR_OPEN;
            }
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
        if (!inflate_start(s)) {
            fl_source_close(s);
            return FL_ERR_NOMEM;
        }
        s->gzip = 1;
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
    ssize_t r = raw_read(s, buf, n);
    if (r > 0) {
        atomic_fetch_add_explicit(&s->raw_bytes, (uint64_t)r, memory_order_relaxed);
        return (size_t)r;
    }
    s->done = 1;
    s->end_status = r < 0 ? s->io_status : FL_OK;
    return 0;
}

/* Start the next gzip member if more input follows the one that just ended.
 * Returns 1 when a member starts, 0 at clean end of data. */
static int next_member(fl_source *s)
{
    if (raw_left(s) == 0 && !s->raw_eof) {
        if (fill_raw(s) < 0) {
            s->end_status = s->io_status;
            return 0;
        }
        give_raw(s);
    }
    if (raw_left(s) == 0)
        return 0;
    inflate_restart(s);
    s->member_done = 0;
    return 1;
}

/* Inflate up to n bytes into buf, returning as soon as there is some output (0 only
 * at the end of the data: s->done and s->end_status say why). */
static size_t read_gzip(fl_source *s, char *buf, size_t n)
{
    size_t got = 0;
    while (got == 0) {
        if (s->member_done && !next_member(s)) {
            s->done = 1;
            break;
        }
        if (raw_left(s) == 0) {
            if (s->raw_eof || fill_raw(s) <= 0) {
                s->end_status = s->raw_eof ? FL_ERR_TRUNCATED : s->io_status;
                s->done = 1;
                break;
            }
            give_raw(s);
        }
        got = inflate_some(s, buf, n);
        if (s->done)
            break;
    }
    return got;
}

/* The reader thread: fill free blocks until the data ends or the source closes. */
static void *ring_main(void *arg)
{
    fl_source *s = arg;
    gz_ring *g = s->ring;
    for (;;) {
        pthread_mutex_lock(&g->mu);
        while (g->count == FL_RING_BLOCKS && !g->cancel)
            pthread_cond_wait(&g->freed, &g->mu);
        size_t b = (g->head + g->count) % FL_RING_BLOCKS;
        int cancel = g->cancel;
        pthread_mutex_unlock(&g->mu);
        if (cancel)
            return NULL;
        size_t len = 0;
        while (len < FL_RING_BLOCK && !s->done)
            len += read_gzip(s, g->block[b] + len, FL_RING_BLOCK - len);
        pthread_mutex_lock(&g->mu);
        g->len[b] = len;
        if (len)
            g->count++;
        if (s->done) {
            g->finished = 1;
            g->end_status = s->end_status;
        }
        pthread_cond_signal(&g->filled);
        pthread_mutex_unlock(&g->mu);
        if (s->done)
            return NULL;
    }
}

static void ring_free(gz_ring *g)
{
    for (size_t i = 0; i < FL_RING_BLOCKS; i++)
        free(g->block[i]);
    free(g);
}

/* Hand the rest of a gzip stream to a reader thread. Does nothing (reads go on in
 * the caller) when memory or the thread cannot be had. */
static void ring_start(fl_source *s)
{
    gz_ring *g = calloc(1, sizeof *g);
    pthread_attr_t attr;
    int ok = g != NULL;
    for (size_t i = 0; ok && i < FL_RING_BLOCKS; i++)
        ok = (g->block[i] = malloc(FL_RING_BLOCK)) != NULL;
    if (!ok || pthread_attr_init(&attr) != 0) {
        if (g)
            ring_free(g);
        return;
    }
    pthread_attr_setstacksize(&attr, FL_RING_STACK);
    if (pthread_mutex_init(&g->mu, NULL) != 0) {
        pthread_attr_destroy(&attr);
        ring_free(g);
        return;
    }
    if (pthread_cond_init(&g->filled, NULL) == 0) {
        if (pthread_cond_init(&g->freed, NULL) == 0) {
            s->ring = g;
            if (pthread_create(&g->thread, &attr, ring_main, s) == 0) {
                pthread_attr_destroy(&attr);
                return;
            }
            s->ring = NULL;
            pthread_cond_destroy(&g->freed);
        }
        pthread_cond_destroy(&g->filled);
    }
    pthread_mutex_destroy(&g->mu);
    pthread_attr_destroy(&attr);
    ring_free(g);
}

static void ring_stop(fl_source *s)
{
    gz_ring *g = s->ring;
    pthread_mutex_lock(&g->mu);
    g->cancel = 1;
    pthread_cond_signal(&g->freed);
    pthread_mutex_unlock(&g->mu);
    pthread_join(g->thread, NULL);
    pthread_cond_destroy(&g->freed);
    pthread_cond_destroy(&g->filled);
    pthread_mutex_destroy(&g->mu);
    ring_free(g);
    s->ring = NULL;
}

/* Copy up to n bytes of the ring's next block; 0 when the thread has finished and
 * every block was taken (*st then says why the data ended). */
static size_t read_ring(fl_source *s, char *buf, size_t n, fl_status *st)
{
    gz_ring *g = s->ring;
    pthread_mutex_lock(&g->mu);
    while (g->count == 0 && !g->finished)
        pthread_cond_wait(&g->filled, &g->mu);
    size_t h = g->head, avail = g->count ? g->len[h] - g->off : 0;
    *st = g->count ? FL_OK : g->end_status;
    pthread_mutex_unlock(&g->mu);
    if (avail == 0) {
        s->ring_done = 1;
        return 0;
    }
    size_t k = n < avail ? n : avail;
    memcpy(buf, g->block[h] + g->off, k);
    g->off += k;
    if (g->off == g->len[h]) { /* give the block back */
        g->off = 0;
        pthread_mutex_lock(&g->mu);
        g->head = (h + 1) % FL_RING_BLOCKS;
        g->count--;
        pthread_cond_signal(&g->freed);
        pthread_mutex_unlock(&g->mu);
    }
    return k;
}

/* fl_source_read without the head bytes. */
static size_t source_read(fl_source *s, char *buf, size_t n, fl_status *st)
{
    size_t got = 0;
    if (n > (1u << 30))
        n = 1u << 30;
    if (s->ring) {
        if (s->ring_done) {
            *st = s->ring->end_status;
            return 0;
        }
        return read_ring(s, buf, n, st);
    }
    if (!s->done)
        got = s->gzip ? read_gzip(s, buf, n) : read_plain(s, buf, n);
    /* The first read of a gzip stream runs here (zlib allocates its window in this
     * thread); a stream of more than one raw block then goes on in a reader thread. */
    if (s->gzip && !s->ring_tried && !s->done) {
        s->ring_tried = 1;
        if (s->size == 0 || s->size > FL_RAW_BLOCK)
            ring_start(s);
    }
    *st = s->done && got == 0 ? s->end_status : FL_OK;
    return got;
}

size_t fl_source_read(fl_source *s, char *buf, size_t n, fl_status *st)
{
    if (s->head_pos < s->head_len) { /* bytes fl_source_head looked at */
        size_t k = s->head_len - s->head_pos;
        if (k > n)
            k = n;
        memcpy(buf, s->head + s->head_pos, k);
        s->head_pos += k;
        *st = FL_OK;
        return k;
    }
    if (s->head_end) {
        *st = s->head_status;
        return 0;
    }
    return source_read(s, buf, n, st);
}

void fl_source_head(fl_source *s, const unsigned char **head, size_t *len)
{
    while (!s->head_filled && s->head_len < FL_SOURCE_HEAD) {
        fl_status st;
        size_t got = source_read(s, (char *)s->head + s->head_len, FL_SOURCE_HEAD - s->head_len, &st);
        if (got == 0) {
            s->head_end = 1;
            s->head_status = st;
            break;
        }
        s->head_len += got;
    }
    s->head_filled = 1;
    *head = s->head;
    *len = s->head_len;
}

const char *fl_source_why(const fl_source *s, fl_status st)
{
    const char *why = s->reader_failed && s->reader.why ? s->reader.why(s->reader.ctx) : NULL;
    return why && *why ? why : fl_strerror(st);
}

fl_status fl_source_open_reader(const fl_source_reader *r, uint64_t size, int64_t mtime,
                                fl_source **out)
{
    fl_source *s = calloc(1, sizeof *s);
    if (!s || !(s->raw = malloc(FL_RAW_BLOCK))) {
        free(s);
        return FL_ERR_NOMEM;
    }
    s->fd = -1;
    s->has_reader = 1;
    s->reader = *r;
    s->remaining = UINT64_MAX;
    s->size = size;
    s->mtime = mtime;
    if (fill_raw(s) < 0) { /* the data ends before it starts: reads say why */
        s->done = 1;
        s->end_status = s->io_status;
    } else if (s->raw_len >= 2 && s->raw[0] == 0x1f && s->raw[1] == 0x8b) {
        if (!inflate_start(s)) {
            fl_source_close(s);
            return FL_ERR_NOMEM;
        }
        s->gzip = 1;
    }
    *out = s;
    return FL_OK;
}

int fl_source_is_gzip(const fl_source *s) { return s->gzip; }

uint64_t fl_source_raw_bytes(const fl_source *s)
{
    return atomic_load_explicit(&s->raw_bytes, memory_order_relaxed);
}

int64_t fl_source_mtime(const fl_source *s) { return s->mtime; }

void fl_source_close(fl_source *s)
{
    if (!s)
        return;
    if (s->ring)
        ring_stop(s);
    if (s->gzip)
        inflate_stop(s);
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
