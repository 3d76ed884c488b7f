/* fmt_test.h: helpers for the server-format unit tests (tests/unit/test_fmt_*.c):
 * parsing a line with a state that persists across calls (as a file is read),
 * comparing record slices with strings, sniffing literal samples and reading the
 * sample files under fixtures/formats/ (the tests run in tests/). */
#ifndef FL_FMT_TEST_H
#define FL_FMT_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* 2026-11-23T12:20:01Z in ms: the moment most test lines are stamped with. */
#define FMT_T0 1795436401000LL
#define FMT_HOUR 3600000LL

typedef fl_parse_result (*fmt_parse_fn)(fl_parse_state *, const char *, size_t, fl_record *);
typedef int (*fmt_sniff_fn)(const char *const *, const size_t *, size_t);

/* A fresh per-file state for year 2026 (month 11 of the reference point). */
static inline void fmt_state(fl_parse_state *st)
{
    memset(st, 0, sizeof *st);
    st->year = 2026;
    st->month = 11;
}

static inline fl_parse_result fmt_parse(fmt_parse_fn parse, fl_parse_state *st, const char *line,
                                        fl_record *rec)
{
    memset(rec, 0x5a, sizeof *rec); /* garbage: the parser must set every field */
    return parse(st, line, strlen(line), rec);
}

/* One line with a fresh state. */
static inline fl_parse_result fmt_parse1(fmt_parse_fn parse, const char *line, fl_record *rec)
{
    fl_parse_state st;
    fmt_state(&st);
    return fmt_parse(parse, &st, line, rec);
}

static inline int fmt_is(const char *p, size_t n, const char *want)
{
    if (n != strlen(want) || (n && memcmp(p, want, n) != 0)) {
        fprintf(stderr, "  got \"%.*s\", expected \"%s\"\n", (int)n, p ? p : "", want);
        return 0;
    }
    return 1;
}

/* The fields every server record carries. */
static inline int fmt_server_fields(const fl_record *r)
{
    return r->kind == FL_KIND_SERVER && r->status == 0 && r->bytes == -1 &&
           r->duration_ms == -1 && r->method_len == 0 && r->path_len == 0;
}

/* Score of a NULL-terminated list of literal lines. */
static inline int fmt_sniff(fmt_sniff_fn sniff, const char *const *lines)
{
    size_t lens[64], n = 0;
    while (lines[n] && n < 64) {
        lens[n] = strlen(lines[n]);
        n++;
    }
    return sniff(lines, lens, n);
}

/* Detected format name of a NULL-terminated list of lines ("none" if none). */
static inline const char *fmt_detect(const char *const *lines)
{
    size_t lens[64], n = 0;
    while (lines[n] && n < 64) {
        lens[n] = strlen(lines[n]);
        n++;
    }
    const fl_format *f = fl_format_detect(lines, lens, n, NULL, NULL, 0);
    return f ? f->name : "none";
}

/* A fixture file split into lines (without "\n"); free with fmt_file_free. */
typedef struct fmt_file {
    char *text;
    const char *line[512];
    size_t len[512];
    size_t n;
} fmt_file;

static inline int fmt_file_read(const char *path, fmt_file *f)
{
    FILE *fp = fopen(path, "rb");
    memset(f, 0, sizeof *f);
    if (!fp)
        return 0;
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    f->text = malloc((size_t)size + 1);
    if (!f->text || fread(f->text, 1, (size_t)size, fp) != (size_t)size) {
        fclose(fp);
        return 0;
    }
    fclose(fp);
    f->text[size] = 0;
    char *p = f->text, *end = f->text + size;
    while (p < end && f->n < 512) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        f->line[f->n] = p;
        f->len[f->n++] = n;
        p += n + 1;
    }
    return 1;
}

static inline void fmt_file_free(fmt_file *f) { free(f->text); }

#endif
