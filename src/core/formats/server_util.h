/* server_util.h: helpers shared by the server-log formats (timestamp + level +
 * message). Specification: the conventions of the formats that use them - syslog
 * severities (RFC 5424 section 6.2.1, table 2), level words as written by
 * Log4j/Logback, Python logging, Go log/zap/logrus/go-kit (logfmt), glog/klog
 * ("E1123 ..."), JSON loggers (Bunyan/pino numeric levels), and the multi-line shapes
 * of Java, Python and Go stack traces. Nothing here allocates; every function works
 * on a (pointer, length) slice and never reads past it. */
#ifndef FL_SERVER_UTIL_H
#define FL_SERVER_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/format.h"

/* Per-file state every server format keeps at the start of its st->priv struct (the
 * sniff helper reads it there). Zeroed when a file starts. */
typedef struct fl_srv_state {
    int started; /* an entry has been parsed: untimed lines now continue it */
    int partial; /* the last entry was split (CRI "P", Docker without "\n") */
    int weak;    /* the last CONTINUATION came only from "no timestamp after an
                    entry", on a line that does not look like one (sniff counts it
                    as a miss) */
} fl_srv_state;

/* The shared state of a parse state (first member of every server priv struct). */
static inline fl_srv_state *fl_srv_state_of(fl_parse_state *st)
{
    return (fl_srv_state *)(void *)st->priv;
}

/* Reset rec to a server record with no fields: kind SERVER, status 0, bytes and
 * duration -1, level NONE, empty host/method/path/message. Inline, and every field
 * stored once (no memset of the whole record first): it runs once per line. */
static inline void fl_srv_record_init(fl_record *rec)
{
    rec->time.ms = 0;
    rec->time.offset_s = 0;
    rec->time.has_offset = 0;
    rec->kind = FL_KIND_SERVER;
    rec->status = 0;
    rec->level = FL_LEVEL_NONE;
    rec->host = rec->method = rec->path = rec->message = rec->user_agent = rec->upstream = "";
    rec->host_len = rec->method_len = rec->path_len = rec->message_len = rec->user_agent_len =
        rec->upstream_len = 0;
    rec->detail_at = NULL;
    rec->bytes = -1;
    rec->duration_ms = -1;
}

/* Result for a non-blank line with no timestamp the format recognises: CONTINUATION
 * once the file has started (weak unless fl_srv_looks_continuation), else
 * UNPARSEABLE. */
fl_parse_result fl_srv_untimed(fl_srv_state *srv, const char *line, size_t len);

/* Whether a line has the shape of the second or later line of a multi-line entry:
 * leading blank, Java "at ..."/"Caused by:"/"Suppressed:"/"... 12 more", Python
 * "Traceback (most recent call last):"/"File ..." and a final "ValueError: x",
 * exception class lines ("java.net.ConnectException: refused"), Go "goroutine 1
 * [running]:"/"panic:"/"created by ...", PHP "Stack trace:"/"#0 file(31): f()",
 * closing brackets of dumped structures. */
int fl_srv_looks_continuation(const char *s, size_t n);

/* Whether a message is an HTTP access log line carried in a server log (HAProxy's
 * httplog through syslog, an access log sent to syslog): a quoted request line
 * ("GET /x HTTP/1.1") and a blank-delimited three-digit status 100..599. Sniffers
 * of syslog-style formats count such lines as misses, so that the access format
 * written for them wins detection. */
int fl_srv_looks_access(const char *s, size_t n);

/* A JSON-escaped message (journald MESSAGE, Docker "log") that holds a Combined or
 * Common access line: decoded into buf and parsed by fl_clf_parse (agent included),
 * so the entry counts as an HTTP request with its status and rec points into buf
 * (valid until buf is reused). Returns 1 then; 0 (rec untouched) when the message
 * is no such line. */
int fl_srv_wrapped_access(fl_parse_state *st, char *buf, size_t buf_len, const char *msg,
                          size_t msg_len, fl_record *rec);

/* Sniff filter for syslog-style formats (fl_srv_sniff's accept argument): the
 * record's message is not an access line (fl_srv_looks_access). */
int fl_srv_not_access(const fl_record *rec, const char *line, size_t len);

/* Level of a syslog severity 0..7 (RFC 5424 table 2): emerg and alert are fatal,
 * crit critical, err error, warning warn, notice, info, debug. NONE if out of
 * range. */
fl_level fl_srv_syslog_severity(int severity);

/* Level of one word, with its decoration: "[error]", "<err>", "(ERROR)", "error:",
 * "ERROR," - *decorated is set when brackets or a trailing ':' were removed. */
fl_level fl_srv_level_word(const char *s, size_t n, int *decorated);

/* Level named near the start of a message: among its first max_tokens blank-separated
 * tokens, a decorated level word, an upper-case one (ERROR, WARN), "level=error" /
 * "lvl=eror" / "severity=ERROR" pairs, Python's "ERROR:root:msg", a klog/glog
 * header ("E1123" as first token) - and bare lower-case words ("error") only among
 * the first lenient_tokens tokens. A message that is a JSON object (also with
 * escaped quotes, as inside a Docker "log" string) is searched for its
 * "level"/"severity"/"lvl" member instead (numeric Bunyan/pino levels too).
 * NONE when no level is found. */
fl_level fl_srv_level_in_text(const char *s, size_t n, int max_tokens, int lenient_tokens);

/* As fl_srv_level_in_text, also setting *after to the index just past the level's
 * token (0 when none was found or the level came from a JSON member). */
fl_level fl_srv_level_find(const char *s, size_t n, int max_tokens, int lenient_tokens,
                           size_t *after);

/* Level of a JSON level member's value: a word, or a Bunyan/pino number (10 trace,
 * 20 debug, 30 info, 40 warn, 50 error, 60 fatal). */
fl_level fl_srv_json_level(const char *v, size_t n);

/* Skip blanks (space, tab) from i; returns the first non-blank index (<= len). */
static inline size_t fl_srv_skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FL_SRV_SWAR 1
/* 0x80 in each byte of x that is zero, nothing elsewhere (exact: no carries). */
static inline uint64_t fl_srv_zero_bytes(uint64_t x)
{
    const uint64_t m = 0x7f7f7f7f7f7f7f7fULL;
    return ~(((x & m) + m) | x | m);
}

/* 0x80 in each byte of x that is a space or a tab. */
static inline uint64_t fl_srv_blank_bytes(uint64_t x)
{
    return fl_srv_zero_bytes(x ^ 0x2020202020202020ULL) | fl_srv_zero_bytes(x ^ 0x0909090909090909ULL);
}
#endif

/* End of the token starting at i (first space or tab, or len): 8 bytes a step where
 * the CPU is little-endian (host and tag tokens run once or twice per line). */
static inline size_t fl_srv_token_end(const char *s, size_t len, size_t i)
{
#ifdef FL_SRV_SWAR
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t b = fl_srv_blank_bytes(x);
        if (b)
            return i + (size_t)__builtin_ctzll(b) / 8;
    }
#endif
    while (i < len && s[i] != ' ' && s[i] != '\t')
        i++;
    return i;
}

/* Drop trailing blanks and CR from a slice's length. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* (GCC outlined it: a call on every line) */
#endif
static inline size_t fl_srv_rtrim(const char *s, size_t n)
{
    /* (one compare for the usual last byte, a printable one, above all three) */
    while (n > 0 && (unsigned char)s[n - 1] <= ' ' && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* Sniff helper: the percentage of sample lines that parse OK with one fresh state
 * carried across the sample (as a file is read), where continuation lines do not
 * count either way (a CONTINUATION the parser is sure of, or an unparseable line
 * shaped like one) and a "weak" continuation counts as a quarter of a miss (enough
 * that one entry followed by junk scores low, not so much that an entry's unusual
 * multi-line body hides its format). accept, when non-NULL,
 * further decides whether an OK line counts as a match (the generic "app" format
 * only counts levelled lines). 0 when no line matches; year 2000 like
 * fl_sniff_by_parse. */
int fl_srv_sniff(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                 int (*accept)(const fl_record *rec, const char *line, size_t len),
                 const char *const *lines, const size_t *lens, size_t n);

/* fl_srv_level_find's usual case, inline: an upper-case word of 3..9 letters
 * ("INFO", "ERROR") as the first token of s[0..n), followed by a blank or the end.
 * Its level (then *after is just past it, as fl_srv_level_find sets it), or NONE
 * when the first token is not such a level word (fl_srv_level_find then looks
 * further). */
#if defined(__GNUC__)
__attribute__((always_inline)) /* (GCC outlined it: a call on every line) */
#endif
static inline fl_level fl_srv_level_first_upper(const char *s, size_t n, size_t *after)
{
    size_t i = fl_srv_skip_blanks(s, n, 0);
    if (i >= n || s[i] < 'A' || s[i] > 'Z')
        return FL_LEVEL_NONE;
    size_t e = i + 1;
#ifdef FL_SRV_SWAR
    if (i + 8 <= n) { /* the leading capitals of 8 bytes at once */
        const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7f7f7f7f7f7f7f7fULL;
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t ge_a = (x | hi) - 0x4141414141414141ULL; /* top bit: low 7 bits >= 'A' */
        uint64_t le_z = 0xdadadadadadadadaULL - (x & lo7);  /* top bit: low 7 bits <= 'Z' */
        uint64_t not_upper = ~(ge_a & le_z & ~x) & hi;
        e = not_upper ? i + (size_t)__builtin_ctzll(not_upper) / 8 : i + 8;
    }
    if (e == i + 8 || e == i + 1) /* (otherwise s[e] is known not to be a capital) */
#endif
        while (e < n && e - i <= 9 && s[e] >= 'A' && s[e] <= 'Z')
            e++;
    size_t w = e - i;
    if (w < 3 || w > 9 || (e < n && s[e] != ' ' && s[e] != '\t'))
        return FL_LEVEL_NONE;
    fl_level l;
    uint32_t x, info, warn, erro, debu;
    memcpy(&info, "INFO", 4);
    memcpy(&warn, "WARN", 4);
    memcpy(&erro, "ERRO", 4);
    memcpy(&debu, "DEBU", 4);
    if (w >= 4)
        memcpy(&x, s + i, 4);
    if (w == 4 && x == info) /* the four usual words by one compare (w >= 4: x is set) */
        l = FL_LEVEL_INFO;
    else if (w == 4 && x == warn)
        l = FL_LEVEL_WARN;
    else if (w == 5 && x == erro && s[i + 4] == 'R')
        l = FL_LEVEL_ERROR;
    else if (w == 5 && x == debu && s[i + 4] == 'G')
        l = FL_LEVEL_DEBUG;
    else
        l = fl_level_parse(s + i, w, 0);
    if (l != FL_LEVEL_NONE)
        *after = e;
    return l;
}

/* The usual level after an app log's time: s starts with one blank, then INFO,
 * WARN, ERROR or DEBUG and a blank. What fl_srv_level_first_upper gives such an s
 * (the level, *after just past the word), by one 4-byte compare and no word scan;
 * NONE for any other s (fl_srv_level_first_upper then reads it). */
static inline fl_level fl_srv_level_usual(const char *s, size_t n, size_t *after)
{
    if (n < 7 || (s[0] != ' ' && s[0] != '\t'))
        return FL_LEVEL_NONE;
    uint32_t x, info, warn, erro, debu;
    memcpy(&x, s + 1, 4);
    memcpy(&info, "INFO", 4);
    memcpy(&warn, "WARN", 4);
    memcpy(&erro, "ERRO", 4);
    memcpy(&debu, "DEBU", 4);
    fl_level l;
    size_t e = 5;
    if (x == info)
        l = FL_LEVEL_INFO;
    else if (x == warn)
        l = FL_LEVEL_WARN;
    else if (x == erro && s[5] == 'R')
        l = FL_LEVEL_ERROR, e = 6;
    else if (x == debu && s[5] == 'G')
        l = FL_LEVEL_DEBUG, e = 6;
    else
        return FL_LEVEL_NONE;
    if (s[e] != ' ' && s[e] != '\t')
        return FL_LEVEL_NONE;
    *after = e;
    return l;
}

#endif
