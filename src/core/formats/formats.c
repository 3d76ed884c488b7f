/* formats.c: the format table, per-file detection and log levels. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "formats/format.h"

/* The formats in detection preference order: the best sniff score wins and ties go
 * to the earlier row. formats/NAME.c defines fl_format_NAME; a new format is one row.
 * Access formats come first; then server formats, specific shapes before the
 * generic "app" (which caps its own score below a specific format's, and leaves
 * lines that an earlier server row reads to it) and the "generic" reader last. */
#define FL_FORMAT_TABLE(X) \
    X(combined)       \
    X(common)         \
    X(vhost_combined) \
    X(json)           \
    X(elb)            \
    X(alb)            \
    X(cloudfront)     \
    X(w3c)            \
    X(haproxy)        \
    X(envoy)          \
    X(squid)          \
    X(custom)         \
    X(journald)       \
    X(docker)         \
    X(cri)            \
    X(syslog5424)     \
    X(mysql)          \
    X(postgresql)     \
    X(redis)          \
    X(nginx_error)    \
    X(apache_error)   \
    X(syslog)         \
    X(app)            \
    X(generic)

#define FL_FORMAT_DECLARE(name) extern const fl_format fl_format_##name;
FL_FORMAT_TABLE(FL_FORMAT_DECLARE)
#define FL_FORMAT_ROW(name) &fl_format_##name,
const fl_format *const fl_formats[] = {FL_FORMAT_TABLE(FL_FORMAT_ROW) NULL};

const fl_format *fl_format_find(const char *name)
{
    for (const fl_format *const *f = fl_formats; *f; f++)
        if (strcmp((*f)->name, name) == 0)
            return *f;
    return NULL;
}

const fl_format *fl_format_detect(const char *const *lines, const size_t *lens, size_t n,
                                  int *score, char *why, size_t why_len)
{
    const fl_format *top[3] = {NULL, NULL, NULL};
    int top_score[3] = {-1, -1, -1};
    for (const fl_format *const *row = fl_formats; *row; row++) {
        const fl_format *f = *row;
        int s = f->sniff(lines, lens, n);
        for (int k = 0; k < 3; k++) { /* keep the three best, earlier rows first on ties */
            if (s > top_score[k]) {
                for (int j = 2; j > k; j--) {
                    top[j] = top[j - 1];
                    top_score[j] = top_score[j - 1];
                }
                top[k] = f;
                top_score[k] = s;
                break;
            }
        }
    }
    if (score)
        *score = top_score[0] < 0 ? 0 : top_score[0];
    if (why && why_len) {
        size_t o = 0, lines_used = 0;
        for (size_t i = 0; i < n; i++)
            lines_used += lens[i] > 0;
        why[0] = 0;
        for (int k = 0; k < 3 && top[k] && o < why_len; k++)
            o += (size_t)snprintf(why + o, why_len - o, "%s%s %d", k ? ", " : "", top[k]->name,
                                  top_score[k]);
        if (o < why_len)
            o += (size_t)snprintf(why + o, why_len - o, " on %zu sample lines", lines_used);
        if (top_score[0] >= 50 && top[0]->explain && o + 3 < why_len) {
            o += (size_t)snprintf(why + o, why_len - o, ": ");
            if (o < why_len)
                top[0]->explain(lines, lens, n, why + o, why_len - o);
        }
    }
    return top_score[0] >= 50 ? top[0] : NULL;
}

size_t fl_sample_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                       fl_parse_state *st, const char *const *lines, const size_t *lens, size_t n,
                       size_t *ok, size_t *header)
{
    static const fl_parse_state fresh; /* zero state: const, so no shared mutation */
    fl_record rec;
    size_t counted = 0;
    memcpy(st, &fresh, sizeof *st);
    st->year = 2000;
    *ok = *header = 0;
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == 0)
            continue;
        counted++;
        fl_parse_result r = parse(st, lines[i], lens[i], &rec);
        *ok += r == FL_PARSE_OK;
        *header += r == FL_PARSE_HEADER;
    }
    return counted;
}

int fl_sniff_by_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                      const char *const *lines, const size_t *lens, size_t n)
{
    fl_parse_state st;
    size_t ok, header, counted = fl_sample_parse(parse, &st, lines, lens, n, &ok, &header);
    return counted ? (int)((ok + header) * 100 / counted) : 0;
}

/* s[0..n) is w (lower case, wn bytes, 3 <= wn <= 9) in any case, as (s[i] | 0x20) ==
 * w[i] for each byte: wn is a constant at each call, so this is two 4-byte loads and
 * compares (overlapping for wn < 8; the middle byte apart for wn == 9). */
static inline int word_is(const char *s, size_t n, const char *w, size_t wn)
{
    if (n != wn)
        return 0;
    if (wn < 4)
        return (s[0] | 0x20) == w[0] && (s[1] | 0x20) == w[1] && (s[2] | 0x20) == w[2];
    uint32_t a, b, ka, kb;
    memcpy(&a, s, 4);
    memcpy(&b, s + wn - 4, 4);
    memcpy(&ka, w, 4);
    memcpy(&kb, w + wn - 4, 4);
    return ((a | 0x20202020u) ^ ka) == 0 && ((b | 0x20202020u) ^ kb) == 0 &&
           (wn <= 8 || (s[4] | 0x20) == w[4]);
}

#define WORD(w) word_is(s, n, w, sizeof w - 1)

/* Runs once or more per server-log line: the words are found by their first letter
 * and length, not by a walk over the whole list. */
fl_level fl_level_parse(const char *s, size_t n, int single)
{
    if (n == 0)
        return FL_LEVEL_NONE;
    if (n == 1) {
        if (!single)
            return FL_LEVEL_NONE;
        switch (s[0] | 0x20) {
        case 't': return FL_LEVEL_TRACE;
        case 'd': return FL_LEVEL_DEBUG;
        case 'i': return FL_LEVEL_INFO;
        case 'w': return FL_LEVEL_WARN;
        case 'e': return FL_LEVEL_ERROR;
        case 'f': return FL_LEVEL_FATAL;
        case 'c': return FL_LEVEL_CRIT;
        default: return FL_LEVEL_NONE;
        }
    }
    if (n > 9)
        return FL_LEVEL_NONE;
    switch (s[0] | 0x20) {
    case 'a':
        return WORD("alert") ? FL_LEVEL_CRIT : FL_LEVEL_NONE;
    case 'c':
        return WORD("crit") || WORD("critical") ? FL_LEVEL_CRIT : FL_LEVEL_NONE;
    case 'd':
        return WORD("debug") || WORD("dbg") ? FL_LEVEL_DEBUG : FL_LEVEL_NONE;
    case 'e':
        if (WORD("error") || WORD("err") || WORD("eror"))
            return FL_LEVEL_ERROR;
        return WORD("emerg") || WORD("emergency") ? FL_LEVEL_FATAL : FL_LEVEL_NONE;
    case 'f':
        if (WORD("fatal"))
            return FL_LEVEL_FATAL;
        if (WORD("fine"))
            return FL_LEVEL_DEBUG;
        return WORD("finer") || WORD("finest") ? FL_LEVEL_TRACE : FL_LEVEL_NONE;
    case 'i':
        return WORD("info") || WORD("inf") ? FL_LEVEL_INFO : FL_LEVEL_NONE;
    case 'l':
        return WORD("log") ? FL_LEVEL_INFO : FL_LEVEL_NONE;
    case 'n':
        return WORD("notice") ? FL_LEVEL_NOTICE : FL_LEVEL_NONE;
    case 'p':
        return WORD("panic") ? FL_LEVEL_FATAL : FL_LEVEL_NONE;
    case 's':
        return WORD("severe") ? FL_LEVEL_ERROR : FL_LEVEL_NONE;
    case 't':
        return WORD("trace") ? FL_LEVEL_TRACE : FL_LEVEL_NONE;
    case 'w':
        return WORD("warn") || WORD("warning") || WORD("wrn") ? FL_LEVEL_WARN : FL_LEVEL_NONE;
    default:
        return FL_LEVEL_NONE;
    }
}

#undef WORD

const char *fl_level_name(fl_level l)
{
    static const char *const names[] = {"none", "trace", "debug",  "info", "notice",
                                        "warn", "error", "critical", "fatal"};
    return (unsigned)l < sizeof names / sizeof names[0] ? names[l] : "none";
}
