/* read.c: reading one file (or chunk, or archive member): a sample of its first
 * lines chooses the format and the time anchor, binary input is judged, then every
 * line goes through classify.c. */
#include "analysis/read.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/fl_archive.h"
#include "time/fl_time.h"
#include "input/input.h"
#include "input/lines.h"
#include "analysis/classify.h"

#define FL_SNIFF_LINES 16
#define FL_SNIFF_MAX 256 /* lines sampled at most when the first ones do not decide */

/* The first lines of a file, copied so the format can be chosen before parsing. */
typedef struct sniff_sample {
    char *text[FL_SNIFF_MAX];
    size_t len[FL_SNIFF_MAX];
    uint64_t lineno[FL_SNIFF_MAX];
    uint64_t off[FL_SNIFF_MAX]; /* where each line starts in the input */
    size_t n;
} sniff_sample;

static void sample_free(sniff_sample *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->text[i]);
}

/* Read lines into the sample until it holds limit lines or input ends. */
static fl_status sample_fill(fl_line_reader *lr, sniff_sample *s, size_t limit)
{
    const char *line;
    size_t len;
    while (s->n < limit && fl_lines_next(lr, &line, &len)) {
        s->text[s->n] = malloc(len + 1);
        if (!s->text[s->n])
            return FL_ERR_NOMEM;
        memcpy(s->text[s->n], line, len);
        s->text[s->n][len] = 0;
        s->len[s->n] = len;
        s->off[s->n] = fl_lines_offset(lr, line);
        s->lineno[s->n++] = lr->lineno;
    }
    return FL_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Median time of the sample lines that parse (0 if none): the reference that the
 * file's other records must stay within FL_MAX_DRIFT_MS of. Parses a copy of the
 * parser state so the real pass starts fresh. */
static int64_t sample_anchor(file_ctx *fc, const sniff_sample *sample)
{
    fl_parse_state *ps = malloc(sizeof *ps);
    int64_t t[FL_SNIFF_MAX], anchor = 0;
    size_t n = 0;
    fl_record rec;
    if (!ps)
        return 0;
    *ps = fc->ps;
    for (size_t i = 0; i < sample->n; i++)
        if (sample->len[i] && fc->fmt->parse(ps, sample->text[i], sample->len[i], &rec) == FL_PARSE_OK)
            t[n++] = rec.time.ms;
    if (n) {
        qsort(t, n, sizeof *t, cmp_i64);
        anchor = t[n / 2];
    }
    free(ps);
    if (!n)
        return 0;
    return anchor ? anchor : 1; /* an anchor exactly at the epoch still counts as set */
}

/* Choose the format from the sample (*fmt NULL when none fits). The first lines of
 * a piece of a file that an engine split (Hadoop, Spark) may be the middle of a
 * multi-line entry, a crash report or stack trace: when some format reads some of
 * them but none wins, more lines are sampled, up to FL_SNIFF_MAX. */
static fl_status sniff(fl_line_reader *lr, sniff_sample *sample, fl_input *in, const fl_format **fmt)
{
    fl_status st = FL_OK;
    for (size_t limit = FL_SNIFF_LINES;; limit *= 4) {
        *fmt = fl_format_detect((const char *const *)sample->text, sample->len, sample->n,
                                &in->format_score, in->format_why, sizeof in->format_why);
        if (*fmt || in->format_score == 0 || sample->n < limit || limit >= FL_SNIFF_MAX)
            return st;
        if ((st = sample_fill(lr, sample, limit * 4 < FL_SNIFF_MAX ? limit * 4 : FL_SNIFF_MAX)) != FL_OK)
            return st;
    }
}

/* Year and reference point that timestamps without a year belong to: --year, else
 * the file's mtime, else (stdin) cfg->default_mtime. */
static void year_hint(const fl_config *cfg, int64_t mtime, fl_parse_state *ps)
{
    fl_civil c;
    if (cfg->year) {
        ps->year = cfg->year;
        return;
    }
    if (!mtime)
        mtime = cfg->default_mtime;
    fl_civil_from_seconds(mtime ? mtime : 0, &c);
    ps->year = mtime ? (int)c.year : 1970;
    ps->month = mtime ? (int)c.month : 0;
    ps->ref_ms = mtime * 1000;
}

/* The timeline's note on year-less times: which year, from what. */
static void year_note(const fl_config *cfg, int64_t mtime, const fl_parse_state *ps, fl_input *in)
{
    fl_civil c, f;
    if (!ps->year_used)
        return;
    if (cfg->year) {
        snprintf(in->year_why, sizeof in->year_why, "year %d (--year)", cfg->year);
        return;
    }
    fl_civil_from_seconds(ps->ref_ms / 1000, &c);
    const char *from = mtime ? "the file's modification time"
                             : "the other inputs' latest modification time, else today's date";
    int n = snprintf(in->year_why, sizeof in->year_why, "year %d from %s, %04d-%02d-%02d", ps->year,
                     from, (int)c.year, (int)c.month, (int)c.day);
    fl_civil_from_seconds(in->first_ms / 1000, &f);
    if (in->records && (int)f.year < ps->year && n > 0 && (size_t)n < sizeof in->year_why)
        snprintf(in->year_why + n, sizeof in->year_why - (size_t)n,
                 "; lines later in the year than that are %d's", ps->year - 1);
}

/* Add the bytes p->src consumed since the last call to the shared progress counter. */
static void report_progress(const fl_config *cfg, progress_ref *p)
{
    uint64_t now = fl_source_raw_bytes(p->src);
    atomic_fetch_add(cfg->progress, now - p->reported);
    p->reported = now;
}

/* A file's segments: the lines from the first line start at or after each multiple
 * of cfg->chunk_bytes up to the next, exactly the chunks a large file is cut in
 * (schedule.c). Each segment is counted into buckets of its own, added to the file's
 * in file order, whether the file is read whole, on stdin or in chunks: a bucket's
 * failure detail (space-saving summaries, first codes) depends on how its failures
 * were split and merged, and so is the same for any way of reading the file. */
typedef struct segments {
    fl_buckets *file; /* the first segment, then the sum of those before seg */
    fl_buckets seg;   /* the current segment after the first (when split) */
    int split;
    uint64_t next;    /* the next segment starts at the first line start at or after this */
    uint64_t size;
} segments;

static void segments_init(segments *s, fl_buckets *file, uint64_t size, uint64_t offset)
{
    memset(s, 0, sizeof *s);
    s->file = file;
    s->size = size ? size : 1;
    s->next = size ? (offset / s->size + 1) * s->size : UINT64_MAX;
}

/* Add the current segment (if split) into the file's buckets. */
static fl_status segments_fold(segments *s)
{
    if (!s->split)
        return FL_OK;
    fl_status st = fl_buckets_merge(s->file, &s->seg);
    fl_buckets_free(&s->seg);
    s->split = 0;
    return st;
}

/* The line at off starts a new segment: fold the one before and count into a fresh
 * set of buckets from here. */
static fl_status segment_start(file_ctx *fc, segments *s, uint64_t off)
{
    s->next = (off / s->size + 1) * s->size;
    fl_status st = segments_fold(s);
    fl_buckets_init(&s->seg, s->file->width_ms, s->file->max_span);
    s->seg.n_sig = s->file->n_sig;
    s->split = 1;
    fc->buckets = &s->seg;
    fc->cur = NULL; /* the bucket of the previous line is in the last segment */
    fc->cur_start = fc->cur_end = 0;
    return st;
}

/* Classify one line starting at offset off of the input. Inline in its three
 * callers (GCC outlined it: a second call on every line). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline fl_status read_line(file_ctx *fc, segments *s, const char *line, size_t len, uint64_t lineno,
                           uint64_t off)
{
    fl_status st = off >= s->next ? segment_start(fc, s, off) : FL_OK;
    return st == FL_OK ? fl_classify_line(fc, line, len, lineno) : st;
}

/* Read every line of src into in and buckets (hint: a later chunk of a large file;
 * progress: NULL, or where an archive member's progress is counted). Problems with
 * the data are recorded in in; returns FL_ERR_NOMEM or FL_OK. */
fl_status fl_read_lines(const fl_config *cfg, fl_input *in, fl_buckets *buckets, fl_source *src,
                            const chunk_hint *hint, fl_matcher *matcher, progress_ref *progress)
{
    progress_ref own = {src, 0};
    if (!progress)
        progress = &own;
    fl_line_reader lr;
    sniff_sample sample = {0};
    file_ctx *fc = calloc(1, sizeof *fc); /* holds the parser's private state: keep it off the stack */
    if (!fc)
        return FL_ERR_NOMEM;
    fc->cfg = cfg;
    fc->buckets = buckets;
    fc->in = in;
    if (matcher && cfg->patterns) {
        size_t n = fl_patterns_count(cfg->patterns);
        if (!(fc->slot = malloc((n ? n : 1) * sizeof *fc->slot))) {
            free(fc);
            return FL_ERR_NOMEM;
        }
        for (size_t k = 0; k < n; k++)
            fc->slot[k] = -1;
        fc->matcher = matcher;
    }
    fc->local_minute = INT64_MIN;
    fc->ps.custom = cfg->custom_format;
    year_hint(cfg, fl_source_mtime(src), &fc->ps);
    fl_status st = fl_lines_init(&lr, src, cfg->max_line);
    if (st == FL_OK)
        fl_lines_prime(&lr);
    /* Judged before the first line is split, and nothing more is read once binary:
     * a device or pipe of endless bytes (/dev/zero) ends here. */
    int binary = st == FL_OK && !hint && fl_lines_looks_binary(&lr);
    if (st == FL_OK && !binary)
        st = sample_fill(&lr, &sample, FL_SNIFF_LINES);
    if (binary) {
        /* One finding for the file, not a count for every "line" of a binary. */
        in->binary = 1;
        in->format = "binary";
        snprintf(in->format_why, sizeof in->format_why, "NUL or control bytes in the first %zu bytes",
                 lr.head_len);
        sample_free(&sample);
        fl_lines_free(&lr);
        free(fc->slot);
        free(fc);
        return FL_OK;
    }
    fc->fmt = hint ? hint->fmt : cfg->format;
    in->format_score = hint ? hint->format_score : 100;
    snprintf(in->format_why, sizeof in->format_why, "%s", hint ? hint->format_why : "set by --format");
    if (st == FL_OK && !fc->fmt)
        st = sniff(&lr, &sample, in, &fc->fmt);
    if (fc->fmt) {
        in->format = fc->fmt->name;
        fc->anchor_ms = hint ? hint->anchor_ms : sample_anchor(fc, &sample);
        in->anchor_ms = fc->anchor_ms;
    }
    segments segs;
    /* Only what could be cut in chunks is cut in segments: a plain file or stdin, not
     * a compressed stream or an archive member (progress is given for members). */
    int plain = !fl_source_is_gzip(src) && progress == &own;
    segments_init(&segs, buckets, plain ? cfg->chunk_bytes : 0, hint ? hint->offset : 0);
    /* The lines over the matcher's limits: counted over the whole read, not per line
     * (two calls on every line); only match_text runs the matcher meanwhile. */
    uint64_t limited = fc->matcher ? fl_matcher_limited(fc->matcher) : 0;
    for (size_t i = 0; st == FL_OK && i < sample.n; i++)
        st = read_line(fc, &segs, sample.text[i], sample.len[i], sample.lineno[i], sample.off[i]);
    const char *line;
    size_t len;
    while (st == FL_OK) {
        /* the lines whole in the buffer, through a cursor in registers ... */
        fl_lines_cursor c = fl_lines_cursor_take(&lr);
        while (st == FL_OK && fl_lines_cursor_next(&c, &line, &len)) {
            st = read_line(fc, &segs, line, len, c.lineno, fl_lines_cursor_offset(&c, line));
            if (cfg->progress && (c.lineno & 0x3fff) == 0) /* every 16384 lines */
                report_progress(cfg, progress);
        }
        fl_lines_cursor_put(&lr, &c);
        /* ... then one through the reader: a refill, an overlong line, the last one */
        if (st != FL_OK || !fl_lines_next(&lr, &line, &len))
            break;
        st = read_line(fc, &segs, line, len, lr.lineno, fl_lines_offset(&lr, line));
        if (cfg->progress && (lr.lineno & 0x3fff) == 0)
            report_progress(cfg, progress);
    }
    if (cfg->progress)
        report_progress(cfg, progress);
    if (fc->matcher)
        in->match_limited += fl_matcher_limited(fc->matcher) - limited;
    fl_status folded = segments_fold(&segs);
    fc->buckets = buckets; /* the last segment's are gone */
    if (st == FL_OK)
        st = folded;
    in->year_assumed = fc->ps.year_used && !cfg->year && !fl_source_mtime(src);
    in->skipped[FL_SKIP_OVERLONG] += lr.overlong;
    in->lines += lr.overlong;
    if (lr.status != FL_OK) {
        in->status = lr.status;
        snprintf(in->error, sizeof in->error, "%s after line %llu", fl_source_why(src, lr.status),
                 (unsigned long long)lr.lineno);
    }
    year_note(cfg, fl_source_mtime(src), &fc->ps, in);
    sample_free(&sample);
    fl_lines_free(&lr);
    free(fc->slot);
    free(fc);
    return st;
}
