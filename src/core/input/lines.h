/* lines.h: split a byte source into lines with large block reads. Each read is
 * indexed once: a 64-bit mask of its newlines per 64 bytes, made with the widest
 * vector compares the CPU has (lines.c), so the next line is a ctz away.
 * Lines end at '\n'; a trailing '\r' is removed (CRLF files); a last line without a
 * newline is still returned. Lines longer than max_line bytes are skipped without
 * being buffered whole, and counted. */
#ifndef FL_LINES_H
#define FL_LINES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "input/input.h"

typedef struct fl_line_reader {
    fl_source *src;
    char *buf;          /* block buffer: cap = block + max_line */
    size_t cap;
    size_t pos, end;    /* unread bytes are buf[pos..end) */
    uint64_t base;      /* offset in the input of buf[0] */
    size_t max_line;
    int eof;            /* source has no more data */
    int skipping;       /* inside an overlong line, discarding to its newline */
    fl_status status;   /* why the source ended (FL_OK at a clean end) */
    uint64_t lineno;    /* number of the line last returned (1-based, overlong ones count) */
    uint64_t overlong;  /* lines skipped for exceeding max_line */
    unsigned char head[4096]; /* the first bytes of the input, for content sniffing */
    size_t head_len;
    uint64_t *nl_masks; /* bit i of nl_masks[k]: buf[64k + i] is a newline (i < end) */
    size_t nl_blocks;   /* masks valid: blocks 0 .. nl_blocks-1, covering buf[0..end) */
    size_t nl_block;    /* block of the newline last returned ... */
    uint64_t nl_bits;   /* ... and its newlines not yet returned */
} fl_line_reader;

/* Prepare r to read src; returns FL_ERR_NOMEM if the buffer cannot be allocated.
 * The reader does not own src. Free with fl_lines_free. */
fl_status fl_lines_init(fl_line_reader *r, fl_source *src, size_t max_line);

/* The general case of fl_lines_next: refills, overlong lines, the last line. */
int fl_lines_next_slow(fl_line_reader *r, const char **line, size_t *len);

/* A cursor over the lines whole in r's indexed buffer, for a loop that calls out on
 * every line: its fields are locals the compiler keeps in registers across the
 * calls, where the reader's (its address escapes) are stored and reloaded around
 * every one. Take it with fl_lines_cursor_take, read lines with fl_lines_cursor_next
 * until it returns 0, give it back with fl_lines_cursor_put; fl_lines_next (which
 * refills, skips overlong lines and returns the last one) then goes on. r is not to
 * be used between the take and the put. */
typedef struct fl_lines_cursor {
    const uint64_t *masks;
    size_t blocks;      /* 0 while the reader skips an overlong line: all is fl_lines_next's */
    char *buf;
    uint64_t base;
    size_t max_line;
    uint64_t bits;      /* as the reader's nl_bits, nl_block, pos and lineno */
    size_t block, pos;
    uint64_t lineno;
} fl_lines_cursor;

static inline fl_lines_cursor fl_lines_cursor_take(const fl_line_reader *r)
{
    fl_lines_cursor c = {r->nl_masks, r->skipping ? 0 : r->nl_blocks, r->buf, r->base, r->max_line,
                         r->skipping ? 0 : r->nl_bits, r->nl_block, r->pos, r->lineno};
    return c;
}

/* The next line whole in the buffer: 1 and the line, or 0 where fl_lines_next_slow
 * must go on (the cursor then unchanged). */
static inline int fl_lines_cursor_next(fl_lines_cursor *c, const char **line, size_t *len)
{
    uint64_t bits = c->bits;
    size_t k = c->block;
    while (!bits) {
        if (++k >= c->blocks)
            return 0;
        bits = c->masks[k];
    }
    size_t at = k * 64 + (size_t)__builtin_ctzll(bits), n = at - c->pos;
    if (n > c->max_line)
        return 0;
    c->block = k;
    c->bits = bits & (bits - 1);
    char *start = c->buf + c->pos;
    c->pos = at + 1;
    c->lineno++;
    *line = start;
    *len = n - (n > 0 && start[n - 1] == '\r');
    return 1;
}

/* Offset in the input of line, a line just returned by fl_lines_cursor_next. */
static inline uint64_t fl_lines_cursor_offset(const fl_lines_cursor *c, const char *line)
{
    return c->base + (uint64_t)(line - c->buf);
}

/* The cursor's position back into r. (The slow path recomputes nl_block and nl_bits
 * from pos, so those written while skipping do not matter.) */
static inline void fl_lines_cursor_put(fl_line_reader *r, const fl_lines_cursor *c)
{
    r->nl_bits = c->bits;
    r->nl_block = c->block;
    r->pos = c->pos;
    r->lineno = c->lineno;
}

/* Next line (without its terminator) into *line and *len, valid until the next call.
 * Returns 1 for a line, 0 at end of input (then r->status tells why it ended).
 * Inline: a line that is whole in the buffer costs a ctz and a mask load per 64
 * bytes, and no call (this runs once per line of every input): the cursor's fast
 * path; everything else goes to fl_lines_next_slow. */
static inline int fl_lines_next(fl_line_reader *r, const char **line, size_t *len)
{
    fl_lines_cursor c = fl_lines_cursor_take(r);
    if (!fl_lines_cursor_next(&c, line, len))
        return fl_lines_next_slow(r, line, len);
    fl_lines_cursor_put(r, &c);
    return 1;
}

void fl_lines_free(fl_line_reader *r);

/* Offset in the input of line, a line just returned by fl_lines_next. */
static inline uint64_t fl_lines_offset(const fl_line_reader *r, const char *line)
{
    return r->base + (uint64_t)(line - r->buf);
}

/* Read the first block (at least the whole head, or all of a shorter input) without
 * splitting any line, so the input can be judged before a line is looked for: an
 * endless input without newlines (/dev/zero) would otherwise be read to its end as
 * one overlong line. Call once, before the first fl_lines_next. */
void fl_lines_prime(fl_line_reader *r);

/* Nonzero when the first bytes of the input look binary rather than text: a NUL
 * byte, or more than 10% control characters other than tab, CR, LF and ESC. Valid
 * only after fl_lines_prime or the first fl_lines_next call. */
int fl_lines_looks_binary(const fl_line_reader *r);

#endif
