/* lines.h: split a byte source into lines with large block reads and memchr.
 * Lines end at '\n'; a trailing '\r' is removed (CRLF files); a last line without a
 * newline is still returned. Lines longer than max_line bytes are skipped without
 * being buffered whole, and counted. */
#ifndef FL_LINES_H
#define FL_LINES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "input.h"

typedef struct fl_line_reader {
    fl_source *src;
    char *buf;          /* block buffer: cap = block + max_line */
    size_t cap;
    size_t pos, end;    /* unread bytes are buf[pos..end) */
    size_t max_line;
    int eof;            /* source has no more data */
    int skipping;       /* inside an overlong line, discarding to its newline */
    fl_status status;   /* why the source ended (FL_OK at a clean end) */
    uint64_t lineno;    /* number of the line last returned (1-based, overlong ones count) */
    uint64_t overlong;  /* lines skipped for exceeding max_line */
    unsigned char head[4096]; /* the first bytes of the input, for content sniffing */
    size_t head_len;
} fl_line_reader;

/* Prepare r to read src; returns FL_ERR_NOMEM if the buffer cannot be allocated.
 * The reader does not own src. Free with fl_lines_free. */
fl_status fl_lines_init(fl_line_reader *r, fl_source *src, size_t max_line);

/* The general case of fl_lines_next: refills, overlong lines, the last line. */
int fl_lines_next_slow(fl_line_reader *r, const char **line, size_t *len);

/* Next line (without its terminator) into *line and *len, valid until the next call.
 * Returns 1 for a line, 0 at end of input (then r->status tells why it ended).
 * Inline: a line that is whole in the buffer costs one memchr and no call (this runs
 * once per line of every input); everything else goes to fl_lines_next_slow. */
static inline int fl_lines_next(fl_line_reader *r, const char **line, size_t *len)
{
    char *start = r->buf + r->pos;
    char *nl = r->skipping ? NULL : (char *)memchr(start, '\n', r->end - r->pos);
    size_t n = nl ? (size_t)(nl - start) : 0;
    if (!nl || n > r->max_line)
        return fl_lines_next_slow(r, line, len);
    r->pos += n + 1;
    r->lineno++;
    *line = start;
    *len = n - (n > 0 && start[n - 1] == '\r');
    return 1;
}

void fl_lines_free(fl_line_reader *r);

/* Nonzero when the first bytes of the input look binary rather than text: a NUL
 * byte, or more than 10% control characters other than tab, CR, LF and ESC. Valid
 * only after the first fl_lines_next call. */
int fl_lines_looks_binary(const fl_line_reader *r);

#endif
