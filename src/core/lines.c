/* lines.c: block-buffered line splitting (memchr over 1 MiB reads); the per-line fast
 * path is inline in lines.h, this file has the rest. */
#include "lines.h"

#include <stdlib.h>
#include <string.h>

#define FL_LINE_BLOCK (1024 * 1024)

fl_status fl_lines_init(fl_line_reader *r, fl_source *src, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->src = src;
    r->max_line = max_line ? max_line : 1;
    r->cap = FL_LINE_BLOCK + r->max_line + 1;
    r->buf = malloc(r->cap);
    return r->buf ? FL_OK : FL_ERR_NOMEM;
}

void fl_lines_free(fl_line_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Move the partial line to the front and read more. Returns bytes added. */
static size_t refill(fl_line_reader *r)
{
    if (r->eof)
        return 0;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->pos = 0;
    }
    size_t got = fl_source_read(r->src, r->buf + r->end, r->cap - r->end, &r->status);
    if (r->head_len < sizeof r->head) { /* keep the start of the input for sniffing */
        size_t k = sizeof r->head - r->head_len < got ? sizeof r->head - r->head_len : got;
        memcpy(r->head + r->head_len, r->buf + r->end, k);
        r->head_len += k;
    }
    if (got == 0)
        r->eof = 1;
    r->end += got;
    return got;
}

static void emit(fl_line_reader *r, char *start, size_t len, const char **line, size_t *out)
{
    if (len > 0 && start[len - 1] == '\r')
        len--;
    *line = start;
    *out = len;
    r->lineno++;
}

int fl_lines_next_slow(fl_line_reader *r, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes of the current partial line already searched */
    for (;;) {
        char *start = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        char *nl = avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - start);
            r->pos += n + 1;
            if (r->skipping || n > r->max_line) {
                r->skipping = 0;
                r->overlong++;
                r->lineno++;
                scanned = 0;
                continue;
            }
            emit(r, start, n, line, len);
            return 1;
        }
        if (avail > r->max_line) { /* no newline within bound: drop what we have */
            r->skipping = 1;
            r->pos = r->end;
            avail = 0;
        }
        scanned = avail;
        if (refill(r) == 0) {
            if (r->end > r->pos) { /* last line without newline */
                start = r->buf + r->pos;
                avail = r->end - r->pos;
                r->pos = r->end;
                if (r->skipping) {
                    r->skipping = 0;
                    r->overlong++;
                    r->lineno++;
                    return 0;
                }
                emit(r, start, avail, line, len);
                return 1;
            }
            if (r->skipping) {
                r->skipping = 0;
                r->overlong++;
                r->lineno++;
            }
            return 0;
        }
    }
}

int fl_lines_looks_binary(const fl_line_reader *r)
{
    size_t control = 0;
    for (size_t i = 0; i < r->head_len; i++) {
        unsigned char c = r->head[i];
        if (c == 0)
            return 1;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b) || c == 0x7f)
            control++;
    }
    return control * 10 > r->head_len;
}
