/* generic.c: the generic server-log reader, for the many servers whose lines are
 * "[prefix] timestamp [fields] level message" in a layout no specific format
 * covers (Hadoop/Spark/HDFS, Android logcat, Blue Gene/L and Thunderbird, Windows
 * CBS, OpenStack, HealthApp, Proxifier ...). It learns, from the first line that
 * has one, where the timestamp is and in which layout (time/layouts.h): the first
 * of the first GEN_MAX_POS blank-separated tokens at which a layout reads a time
 * (optionally after '['), earlier layouts first; then the level column: the first
 * of the next GEN_MAX_LEVEL tokens holding a level word that is upper-case or
 * capitalised ("INFO", "Info") or decorated ("[error]", "ERROR:"), or a logcat
 * letter (V D I W E F A followed by a "tag:" token). Every later line is read at the
 * learned position and column only, so a word in a message is never taken for a
 * level. Lines without a time there continue the entry before (stack traces).
 * JVM GC logs (unified "[2016-12-19T18:14:38.123+0000][gc] GC(12) Pause Young ...
 * 12.345ms" and old "2016-...: 1.234: [GC (Allocation Failure) ... 0.0123 secs]")
 * have no level: their pauses are, a Full GC or a pause of 500 ms a warning, one
 * of 2 s an error.
 * As the catch-all of catch-alls it goes last in the table and caps its score at
 * 50, so it reads only files no other format takes. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"
#include "time/layouts.h"

#define GEN_MAX_POS 6   /* token positions tried for the timestamp */
#define GEN_MAX_LEVEL 8 /* tokens after the timestamp searched for the level */
#define GEN_MAX_SCORE 50
#define GEN_GC_WARN_MS 500.0   /* GC pauses this long are warnings ... */
#define GEN_GC_ERROR_MS 2000.0 /* ... and this long errors */

typedef struct gen_priv {
    fl_srv_state srv;
    int learned;   /* layout and pos are set */
    int layout;    /* index into fl_layouts */
    int pos;       /* token index of the timestamp */
    int bracket;   /* the timestamp follows a '[' */
    int level_col; /* token index after the timestamp, -1 none yet */
    int level_tries; /* lines searched for a level column so far */
} gen_priv;
static_assert(sizeof(gen_priv) <= FL_FORMAT_PRIV, "generic state fits st->priv");

/* Start of token k (0-based, blank-separated) of s, or len when there are fewer. */
static size_t token_start(const char *s, size_t len, int k)
{
    size_t i = fl_srv_skip_blanks(s, len, 0);
    for (int t = 0; t < k && i < len; t++)
        i = fl_srv_skip_blanks(s, len, fl_srv_token_end(s, len, i));
    return i;
}

/* A time in layout L at s[i] (after '[' when bracket); returns the index after it
 * (and after the ']'), 0 when there is none. The time must end at a blank, the
 * end, or punctuation, never inside a word or number. */
static size_t time_at(fl_parse_state *st, const char *s, size_t len, size_t i, int layout,
                      int bracket, fl_time *t)
{
    fl_year_ref y = {st->year, st->month, st->ref_ms};
    if (bracket && (i >= len || s[i++] != '['))
        return 0;
    size_t n = fl_layouts[layout].parse(&st->ts, s + i, len - i, &y, t);
    if (!n)
        return 0;
    i += n;
    if (bracket && (i >= len || s[i++] != ']'))
        return 0;
    if (i < len && (fl_is_digit(s[i]) || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
        return 0;
    return i;
}

/* Learn the layout and position from line s: the first position, then the first
 * layout, that reads a time. */
static size_t learn(fl_parse_state *st, gen_priv *g, const char *s, size_t len, fl_time *t)
{
    for (int pos = 0; pos < GEN_MAX_POS; pos++) {
        size_t i = token_start(s, len, pos);
        if (i >= len)
            break;
        for (int b = 0; b < 2; b++)
            for (size_t l = 0; l < fl_layouts_count; l++) {
                size_t e = time_at(st, s, len, i, (int)l, b, t);
                if (e) {
                    g->learned = 1, g->layout = (int)l, g->pos = pos, g->bracket = b;
                    return e;
                }
            }
    }
    return 0;
}

/* Level of token s[0..n) when it looks like a level column (see the header). */
static fl_level level_token(const char *s, size_t n, const char *next, size_t next_n)
{
    static const char letters[] = "VDIWEFA";
    static const fl_level letter_levels[] = {FL_LEVEL_TRACE, FL_LEVEL_DEBUG, FL_LEVEL_INFO,
                                             FL_LEVEL_WARN,  FL_LEVEL_ERROR, FL_LEVEL_FATAL,
                                             FL_LEVEL_FATAL};
    if (n == 1) {
        const char *p = memchr(letters, s[0], sizeof letters - 1);
        return p && next_n > 1 && memchr(next, ':', next_n) ? letter_levels[p - letters]
                                                            : FL_LEVEL_NONE;
    }
    int decorated;
    fl_level l = fl_srv_level_word(s, n, &decorated);
    return l != FL_LEVEL_NONE && (decorated || (s[0] >= 'A' && s[0] <= 'Z')) ? l : FL_LEVEL_NONE;
}

/* The token after the timestamp numbered col (rest = the text after it); sets
 * *tok and *tok_n and returns the index after it. */
static size_t nth_token(const char *rest, size_t rn, int col, size_t *tok, size_t *tok_n)
{
    size_t i = token_start(rest, rn, col);
    size_t e = fl_srv_token_end(rest, rn, i);
    *tok = i;
    *tok_n = e - i;
    return e;
}

/* Level and message from the text after the timestamp. */
static void level_and_message(gen_priv *g, const char *rest, size_t rn, fl_record *rec)
{
    size_t tok, tn, next, nn, after = 0;
    int first = 0, last = 0; /* columns to look at: the learned one, or a search */
    if (g->level_col >= 0)
        first = g->level_col, last = first + 1;
    else if (g->level_tries++ < 16)
        last = GEN_MAX_LEVEL;
    for (int col = first; col < last; col++) {
        size_t e = nth_token(rest, rn, col, &tok, &tn);
        if (!tn)
            break;
        /* token col + 1 starts after the blanks after token col (tn > 0: it is there) */
        next = fl_srv_skip_blanks(rest, rn, e);
        nn = fl_srv_token_end(rest, rn, next) - next;
        fl_level l = level_token(rest + tok, tn, rest + next, nn);
        if (l != FL_LEVEL_NONE) {
            rec->level = l;
            g->level_col = col;
            after = e;
            break;
        }
    }
    size_t m = fl_srv_skip_blanks(rest, rn, after);
    while (m + 1 < rn && (rest[m] == '-' || rest[m] == ':' || rest[m] == '|' || rest[m] == ',') &&
           (rest[m + 1] == ' ' || rest[m + 1] == '\t'))
        m = fl_srv_skip_blanks(rest, rn, m + 1);
    rec->message = rest + m;
    rec->message_len = fl_srv_rtrim(rest + m, rn - m);
}

/* Whether text[0..n) contains word w. */
static int has(const char *text, size_t n, const char *w)
{
    size_t wn = strlen(w);
    if (wn > n)
        return 0;
    /* its first byte by memchr (every line without a level is searched) */
    for (const char *p = text, *last = text + (n - wn); p <= last; p++) {
        if (!(p = memchr(p, w[0], (size_t)(last - p) + 1)))
            return 0;
        if (memcmp(p, w, wn) == 0)
            return 1;
    }
    return 0;
}

/* The pause of a JVM GC line in ms, -1 if none: unified logging ends with
 * "12.345ms", the old format with "0.0123 secs]" (the last such number). */
static double gc_pause_ms(const char *m, size_t n)
{
    double ms = -1;
    for (size_t i = 0; i < n; i++) {
        if (!fl_is_digit(m[i]) || (i && (fl_is_digit(m[i - 1]) || m[i - 1] == '.')))
            continue;
        double v = 0, scale = 0;
        size_t j = i;
        for (; j < n && (fl_is_digit(m[j]) || m[j] == '.'); j++)
            if (m[j] == '.')
                scale = 1;
            else
                v = v * 10 + (m[j] - '0'), scale *= 10;
        v = scale > 0 ? v / scale : v;
        if (j + 2 <= n && m[j] == 'm' && m[j + 1] == 's' && (j + 2 == n || !fl_is_digit(m[j + 2])))
            ms = v;
        else if (j + 5 <= n && memcmp(m + j, " secs", 5) == 0)
            ms = v * 1000;
        i = j;
    }
    return ms;
}

/* JVM GC logs carry no level: a Full GC or a pause of GEN_GC_WARN_MS is a warning,
 * a pause of GEN_GC_ERROR_MS an error (the application stood still that long). */
static fl_level gc_level(const char *m, size_t n)
{
    if (!has(m, n, "GC") || !(has(m, n, "Pause") || has(m, n, "[GC") || has(m, n, "Full GC")))
        return FL_LEVEL_NONE;
    double ms = gc_pause_ms(m, n);
    if (ms >= GEN_GC_ERROR_MS)
        return FL_LEVEL_ERROR;
    if (ms >= GEN_GC_WARN_MS || has(m, n, "Full GC") || has(m, n, "Pause Full"))
        return FL_LEVEL_WARN;
    return FL_LEVEL_INFO;
}

/* Contract: parses one line of a file in a learned timestamp layout (see the
 * header); OK with time, level (NONE when the file has no level column) and
 * message; CONTINUATION or UNPARSEABLE (fl_srv_untimed) without a time. */
static fl_parse_result fl_generic_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    gen_priv *g = (gen_priv *)st->priv;
    fl_srv_record_init(rec);
    if (!g->learned)
        g->level_col = -1;
    size_t e = g->learned ? time_at(st, line, len, token_start(line, len, g->pos), g->layout,
                                    g->bracket, &rec->time)
                          : learn(st, g, line, len, &rec->time);
    if (!e)
        return fl_srv_untimed(&g->srv, line, len);
    level_and_message(g, line + e, len - e, rec);
    if (rec->level == FL_LEVEL_NONE)
        rec->level = gc_level(rec->message, rec->message_len);
    g->srv.started = 1;
    st->year_used |= !fl_layouts[g->layout].has_year;
    return FL_PARSE_OK;
}

static int fl_generic_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    int s = fl_srv_sniff(fl_generic_parse, NULL, lines, lens, n);
    return s > GEN_MAX_SCORE ? GEN_MAX_SCORE : s;
}

static void fl_generic_explain(const char *const *lines, const size_t *lens, size_t n, char *out,
                        size_t out_len)
{
    fl_parse_state st;
    size_t ok, header, counted = fl_sample_parse(fl_generic_parse, &st, lines, lens, n, &ok, &header);
    const gen_priv *g = (const gen_priv *)st.priv;
    if (!g->learned) {
        snprintf(out, out_len, "no timestamp layout found in the first %d tokens", GEN_MAX_POS);
        return;
    }
    char level[48] = "no level column";
    if (g->level_col >= 0)
        snprintf(level, sizeof level, "level in token %d after the time", g->level_col + 1);
    snprintf(out, out_len, "layout %s at token %d%s, %s; %zu of %zu sample lines timed",
             fl_layouts[g->layout].name, g->pos + 1, g->bracket ? " in [ ]" : "", level, ok,
             counted);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample generic_samples[] = {
    {.line = "26/11/23 12:20:01 INFO executor.CoarseGrainedExecutorBackend: Registered signal "
             "handlers for [TERM, HUP, INT]",
     .time = "2026-11-23T12:20:01", .level = FL_LEVEL_INFO},
    {.line = "26/11/23 12:30:03 ERROR executor.CoarseGrainedExecutorBackend: RECEIVED SIGNAL "
             "15: SIGTERM",
     .time = "2026-11-23T12:30:03", .level = FL_LEVEL_ERROR},
    {.line = NULL},
};

const fl_format fl_format_generic = {
    .name = "generic",
    .kind = FL_KIND_SERVER,
    .description = "Other server logs: a timestamp in one of the layouts below after an optional prefix (file name, host, pid), level column learned",
    .sniff = fl_generic_sniff,
    .parse = fl_generic_parse,
    .explain = fl_generic_explain,
    .samples = generic_samples,
};
