/* formats.c: the format table, per-file detection and log levels. */
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

static int word_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

fl_level fl_level_parse(const char *s, size_t n, int single)
{
    static const struct {
        const char *word;
        fl_level level;
    } words[] = {
        {"trace", FL_LEVEL_TRACE},   {"debug", FL_LEVEL_DEBUG},     {"info", FL_LEVEL_INFO},
        {"notice", FL_LEVEL_NOTICE}, {"log", FL_LEVEL_INFO},        {"warn", FL_LEVEL_WARN},
        {"warning", FL_LEVEL_WARN},  {"error", FL_LEVEL_ERROR},     {"err", FL_LEVEL_ERROR},
        {"severe", FL_LEVEL_ERROR},  {"crit", FL_LEVEL_CRIT},       {"critical", FL_LEVEL_CRIT},
        {"alert", FL_LEVEL_CRIT},    {"fatal", FL_LEVEL_FATAL},     {"panic", FL_LEVEL_FATAL},
        {"emerg", FL_LEVEL_FATAL},   {"emergency", FL_LEVEL_FATAL}, {"fine", FL_LEVEL_DEBUG},
        {"finer", FL_LEVEL_TRACE},   {"finest", FL_LEVEL_TRACE},    {"dbg", FL_LEVEL_DEBUG},
        {"wrn", FL_LEVEL_WARN},      {"eror", FL_LEVEL_ERROR},      {"inf", FL_LEVEL_INFO},
    };
    static const char letters[] = "tdiwefc";
    static const fl_level letter_levels[] = {FL_LEVEL_TRACE, FL_LEVEL_DEBUG, FL_LEVEL_INFO,
                                             FL_LEVEL_WARN,  FL_LEVEL_ERROR, FL_LEVEL_FATAL,
                                             FL_LEVEL_CRIT};
    if (n == 1 && single) {
        const char *p = memchr(letters, s[0] | 0x20, sizeof letters - 1);
        return p ? letter_levels[p - letters] : FL_LEVEL_NONE;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (word_is(s, n, words[i].word))
            return words[i].level;
    return FL_LEVEL_NONE;
}

const char *fl_level_name(fl_level l)
{
    static const char *const names[] = {"none", "trace", "debug",  "info", "notice",
                                        "warn", "error", "critical", "fatal"};
    return (unsigned)l < sizeof names / sizeof names[0] ? names[l] : "none";
}
