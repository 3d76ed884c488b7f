/* app.c: generic levelled application logs - the layouts of the common logging
 * libraries' defaults, recognised by a leading timestamp and a level word:
 * - Log4j/Logback PatternLayout "%d %-5level [%thread] %logger - %msg":
 *   2026-11-23 12:20:01,123 ERROR [main] c.e.Foo - Connection refused
 * - Python logging "%(asctime)s - %(name)s - %(levelname)s - %(message)s":
 *   2026-11-23 12:20:01,123 - app - ERROR - boom
 * - Spring Boot: 2026-11-23T12:20:01.123+01:00 ERROR 1234 --- [main] c.e.Foo : msg
 * - zap console (tab-separated, lower-case level), Flask "[2026-11-23 12:20:01,123]
 *   ERROR in app: ...", any ISO 8601 / "YYYY-MM-DD HH:MM:SS[,.]mmm" timestamp,
 *   optionally in brackets, with a level word among the next six tokens;
 * - Go's log package "2026/11/23 12:20:01 msg" (LstdFlags; the level may be absent);
 * - logfmt (logrus, go-kit, slog TextHandler): time=... level=error msg="..." with
 *   time/ts/timestamp and level/lvl/severity keys;
 * - JSON lines (slog JSONHandler, zap, logrus, Bunyan/pino, structlog): an object with
 *   a time key (time, ts, timestamp, @timestamp, datetime; RFC 3339 or epoch number)
 *   and a level key (level, severity, lvl, loglevel, log.level; word or pino number),
 *   message from msg/message/@message. JSON or logfmt lines carrying an HTTP status
 *   (status 100..599 and the like) are access logs, not app logs: UNPARSEABLE here.
 * Multi-line entries - Java stack traces ("\tat com.x", "Caused by:"), Python
 * tracebacks ("Traceback (most recent call last):", "  File ..."), Go panics
 * ("panic:", "goroutine 1 [running]:") - are CONTINUATION, as is any untimed line
 * after an entry. A timestamped line without a level is an entry of level NONE, but
 * only levelled lines (and Go's) count for detection, lines a specific server format
 * reads do not, and as the catch-all app never scores above 90, so a specific
 * format that fits wins. host is the JSON host/hostname/service/logger value when
 * there is one. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/json_scan.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct app_priv {
    fl_srv_state srv;
} app_priv;
static_assert(sizeof(app_priv) <= FL_FORMAT_PRIV, "app state fits st->priv");

#define APP_MAX_SCORE 90

/* A key and its length (no strlen per key of every line's every field). */
typedef struct app_key {
    const char *s;
    size_t n;
} app_key;
#define KEY(x) {x, sizeof x - 1}

/* Index of k[0..n) in keys (ended by a NULL key), -1 when absent. */
static int key_index(const char *k, size_t n, const app_key *keys)
{
    for (int i = 0; keys[i].s; i++)
        if (keys[i].n == n && memcmp(k, keys[i].s, n) == 0)
            return i;
    return -1;
}

static int key_in(const char *k, size_t n, const app_key *keys)
{
    return key_index(k, n, keys) >= 0;
}

static const app_key time_keys[] = {KEY("time"), KEY("ts"), KEY("timestamp"), KEY("@timestamp"),
                                    KEY("datetime"), KEY("t"), {NULL, 0}};
static const app_key level_keys[] = {KEY("level"),     KEY("severity"), KEY("lvl"),
                                     KEY("loglevel"),  KEY("log.level"), KEY("levelname"),
                                     KEY("LEVEL"),     KEY("Level"),    KEY("Severity"), {NULL, 0}};
static const app_key msg_keys[] = {KEY("msg"), KEY("message"), KEY("@message"), KEY("Message"),
                                   KEY("MESSAGE"), {NULL, 0}};
static const app_key host_keys[] = {KEY("host"), KEY("hostname"), KEY("service"), KEY("logger"),
                                    {NULL, 0}};
static const app_key status_keys[] = {KEY("status"),          KEY("status_code"),
                                      KEY("statusCode"),      KEY("http_status"),
                                      KEY("response_status"), KEY("DownstreamStatus"),
                                      KEY("OriginStatus"),    KEY("sc-status"),
                                      KEY("http.status_code"), {NULL, 0}};

/* A time value: RFC 3339 text or an epoch number, all of it. */
static int value_time(fl_ts_cache *c, const char *v, size_t n, fl_time *t)
{
    if (n >= 19 && (v[4] == '-' || v[4] == '/'))
        return fl_ts_iso_whole(c, v, n, t);
    return n > 0 && fl_ts_epoch(v, n, t) == n;
}

/* Whether a status value is an HTTP status (100..599, number or numeric string). */
static int http_status(const char *v, size_t n)
{
    return n == 3 && v[0] >= '1' && v[0] <= '5' && fl_is_digit(v[1]) && fl_is_digit(v[2]);
}

/* JSON form. */
static fl_parse_result parse_json(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_json_field f, t = {0};
    int have_time = 0, r, host_rank = 99;
    size_t pos = 0;
    while ((r = fl_json_next(line, len, &pos, &f)) == 1) {
        if (key_in(f.key, f.key_len, status_keys) && http_status(f.val, f.val_len))
            return FL_PARSE_UNPARSEABLE;
        if (!have_time && key_in(f.key, f.key_len, time_keys)) {
            t = f;
            have_time = 1;
        } else if (rec->level == FL_LEVEL_NONE && key_in(f.key, f.key_len, level_keys)) {
            rec->level = fl_srv_json_level(f.val, f.val_len);
        } else if (!rec->message_len && f.is_string && key_in(f.key, f.key_len, msg_keys)) {
            rec->message = f.val;
            rec->message_len = f.val_len;
        } else if (f.is_string && f.val_len && key_in(f.key, f.key_len, host_keys)) {
            int rank = key_index(f.key, f.key_len, host_keys);
            if (rank < host_rank) {
                host_rank = rank;
                rec->host = f.val;
                rec->host_len = f.val_len;
            }
        }
    }
    if (r < 0 || rec->level == FL_LEVEL_NONE)
        return FL_PARSE_UNPARSEABLE;
    if (!have_time || !value_time(&st->ts, t.val, t.val_len, &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

/* logfmt: key=value pairs, values bare or double-quoted with backslash escapes. */
static fl_parse_result parse_logfmt(fl_parse_state *st, const char *line, size_t len,
                                    fl_record *rec)
{
    const char *tv = NULL;
    size_t tn = 0, i = 0;
    int pairs = 0;
    while ((i = fl_srv_skip_blanks(line, len, i)) < len) {
        size_t k = i;
        while (i < len && line[i] != '=' && line[i] != ' ' && line[i] != '\t')
            i++;
        if (i >= len || line[i] != '=' || i == k)
            return FL_PARSE_UNPARSEABLE;
        size_t kn = i - k, v = ++i, vn;
        if (i < len && line[i] == '"') {
            for (i++; i < len && line[i] != '"'; i++)
                if (line[i] == '\\')
                    i++;
            if (i >= len)
                return FL_PARSE_UNPARSEABLE;
            v++;
            vn = i - v;
            i++;
        } else {
            i = fl_srv_token_end(line, len, i);
            vn = i - v;
        }
        pairs++;
        if (key_in(line + k, kn, status_keys) && http_status(line + v, vn))
            return FL_PARSE_UNPARSEABLE;
        if (!tv && key_in(line + k, kn, time_keys))
            tv = line + v, tn = vn;
        else if (rec->level == FL_LEVEL_NONE && key_in(line + k, kn, level_keys))
            rec->level = fl_srv_json_level(line + v, vn);
        else if (!rec->message_len && key_in(line + k, kn, msg_keys))
            rec->message = line + v, rec->message_len = vn;
    }
    if (pairs < 2 || (!tv && rec->level == FL_LEVEL_NONE))
        return FL_PARSE_UNPARSEABLE;
    if (!tv || !value_time(&st->ts, tv, tn, &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    if (!rec->message_len) {
        rec->message = line;
        rec->message_len = fl_srv_rtrim(line, len);
    }
    return FL_PARSE_OK;
}

#if defined(__GNUC__)
#define APP_COLD __attribute__((noinline, cold))
#else
#define APP_COLD
#endif

/* The level of a line fl_srv_level_usual does not read, into rec->level; returns
 * the index just past its word (kept out of line, and its index returned rather
 * than stored through a pointer: the usual line's parse then needs fewer registers
 * and no stack slot). */
static APP_COLD size_t level_other(const char *rest, size_t rn, fl_record *rec)
{
    size_t after = 0;
    rec->level = fl_srv_level_first_upper(rest, rn, &after);
    if (rec->level == FL_LEVEL_NONE)
        rec->level = fl_srv_level_find(rest, rn, 6, 2, &after);
    return after;
}

/* Spring Boot: "1234 --- [thread] logger : message" at rest[m] (a digit); the
 * logger becomes the source and the message is what follows " : ". Returns where
 * the message starts: m unless the line has that form. */
static APP_COLD size_t spring_boot(const char *rest, size_t rn, size_t m, fl_record *rec)
{
    size_t p = m;
    while (p < rn && fl_is_digit(rest[p]))
        p++;
    if (p > m && p + 6 < rn && memcmp(rest + p, " --- [", 6) == 0) {
        const char *close = memchr(rest + p + 6, ']', rn - p - 6);
        size_t lg = close ? (size_t)(close - rest) + 1 : rn;
        lg = fl_srv_skip_blanks(rest, rn, lg);
        for (size_t c = lg; c + 2 < rn; c++)
            if (rest[c] == ' ' && rest[c + 1] == ':' && rest[c + 2] == ' ') {
                rec->host = rest + lg;
                rec->host_len = fl_srv_rtrim(rest + lg, c - lg);
                return fl_srv_skip_blanks(rest, rn, c + 2);
            }
    }
    return m;
}

/* Timestamp-first text form after its time, which ends at i. Inline: on the usual
 * line it is all of the parse after the cached time (no call, no second frame). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline fl_parse_result parse_text_rest(const char *line, size_t len, size_t i, fl_record *rec)
{
    if (i < len && line[i] != ' ' && line[i] != '\t')
        return FL_PARSE_UNPARSEABLE;
    const char *rest = line + i;
    size_t rn = len - i, after;
    rec->level = fl_srv_level_usual(rest, rn, &after);
    if (rec->level != FL_LEVEL_NONE)
        after++; /* (a blank: fl_srv_level_usual saw it) */
    else
        after = level_other(rest, rn, rec);
    /* Bytes that can start what comes before the message: blanks (1), the
     * separators "- ", ": ", "| " (2), and Spring Boot's process id (4). The usual
     * byte after the level's blanks is none of them: the message starts there. */
    static const unsigned char before_message[256] = {
        [' '] = 1, ['\t'] = 1, ['-'] = 2, [':'] = 2, ['|'] = 2, ['0'] = 4, ['1'] = 4, ['2'] = 4,
        ['3'] = 4, ['4'] = 4, ['5'] = 4, ['6'] = 4, ['7'] = 4, ['8'] = 4, ['9'] = 4};
    size_t m = after;
    unsigned k = 0;
    while (m < rn && (k = before_message[(unsigned char)rest[m]]) == 1) /* blanks */
        m++;
    if (m < rn && k) {
        while (m + 1 < rn && before_message[(unsigned char)rest[m]] == 2 &&
               (rest[m + 1] == ' ' || rest[m + 1] == '\t'))
            m = fl_srv_skip_blanks(rest, rn, m + 1);
        if (m < rn && fl_is_digit(rest[m]))
            m = spring_boot(rest, rn, m, rec);
    }
    rec->message = rest + m;
    rec->message_len = fl_srv_rtrim(rest + m, rn - m);
    return FL_PARSE_OK;
}

/* Timestamp-first text form. */
static fl_parse_result parse_text(fl_parse_state *st, const char *line, size_t len,
                                  fl_record *rec)
{
    size_t i = line[0] == '[';
    size_t n = fl_ts_iso(&st->ts, line + i, len - i, &rec->time);
    if (!n)
        return FL_PARSE_NO_TIMESTAMP;
    i += n;
    if (line[0] == '[') {
        if (i >= len || line[i] != ']')
            return FL_PARSE_UNPARSEABLE;
        i++;
    }
    return parse_text_rest(line, len, i, rec);
}

/* fl_app_parse past its usual case: a bracketed or uncached time, JSON, logfmt, an
 * untimed line. Kept out of line, so that the usual case's frame stays small. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static fl_parse_result parse_other(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_parse_result r;
    size_t b = len > 0 && line[0] == '[';
    if (len > 0 && line[0] == '{') {
        r = parse_json(st, line, len, rec);
    } else if (len >= b + 19 && fl_is_digit(line[b]) && (line[b + 4] == '-' || line[b + 4] == '/') &&
               line[b + 7] == line[b + 4] &&
               (line[b + 10] == ' ' || line[b + 10] == 'T' || line[b + 10] == 't')) {
        r = parse_text(st, line, len, rec);
    } else {
        size_t e = fl_srv_token_end(line, len, 0);
        const char *eq = len ? memchr(line, '=', e) : NULL;
        if (!eq || eq == line)
            return fl_srv_untimed(srv, line, len);
        r = parse_logfmt(st, line, len, rec);
        if (r == FL_PARSE_UNPARSEABLE)
            return fl_srv_untimed(srv, line, len);
    }
    if (r == FL_PARSE_OK)
        srv->started = 1;
    return r;
}

/* Contract: parses one application log line into rec (see the header comment). */
static fl_parse_result fl_app_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    size_t t;
    fl_srv_record_init(rec);
    if (len > 0 && line[0] != '[' && (t = fl_ts_iso_cached(&st->ts, line, len, &rec->time)) != 0) {
        /* The usual line: a time in the cached minute and zone. Its first 16 bytes
         * are a key fl_ts_iso stored, so it has the shape parse_other looks for, and
         * parse_text would read the same time. */
        fl_parse_result r = parse_text_rest(line, len, t, rec);
        if (r == FL_PARSE_OK)
            fl_srv_state_of(st)->started = 1;
        return r;
    }
    return parse_other(st, line, len, rec);
}

extern const fl_format fl_format_app;

/* Whether a specific server format (a server row before app's in the table) reads
 * the line (a fresh state each): the catch-all leaves such lines to it, so that
 * nginx error, MySQL, PostgreSQL or CRI files are never taken for app logs however
 * their multi-line entries score. */
static int claimed(const char *line, size_t len)
{
    static const fl_parse_state fresh; /* zero state: const, so no shared mutation */
    fl_parse_state st;
    fl_record rec;
    for (const fl_format *const *f = fl_formats; *f && *f != &fl_format_app; f++) {
        if ((*f)->kind != FL_KIND_SERVER)
            continue;
        memcpy(&st, &fresh, sizeof st);
        st.year = 2000;
        if ((*f)->parse(&st, line, len, &rec) == FL_PARSE_OK)
            return 1;
    }
    return 0;
}

/* Detection counts levelled lines, and Go's "2026/11/23 12:20:01 msg", that no
 * specific server format reads. */
static int app_accept(const fl_record *rec, const char *line, size_t len)
{
    return (rec->level != FL_LEVEL_NONE || (len > 10 && line[4] == '/' && line[10] == ' ')) &&
           !claimed(line, len);
}

static int fl_app_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    int s = fl_srv_sniff(fl_app_parse, app_accept, lines, lens, n);
    return s > APP_MAX_SCORE ? APP_MAX_SCORE : s;
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample app_samples[] = {
    {.line = "2026-11-23 12:04:10,330 INFO  [qtp-41] com.example.inventory.StockResource - "
             "reserved 3 items for order 88001",
     .time = "2026-11-23T12:04:10.330", .level = FL_LEVEL_INFO},
    {.line = "2026-11-23 12:10:12,455 ERROR [qtp-47] com.example.inventory.StockResource - "
             "reservation failed for order 88112",
     .time = "2026-11-23T12:10:12.455", .level = FL_LEVEL_ERROR},
    {.line = "java.net.SocketTimeoutException: Read timed out",
     .result = FL_PARSE_CONTINUATION},
    {.line = NULL},
};

const fl_format fl_format_app = {
    .name = "app",
    .kind = FL_KIND_SERVER,
    .description = "Application logs: ISO time + level word (Log4j, Python, Go, Spring), logfmt, JSON",
    .sniff = fl_app_sniff,
    .parse = fl_app_parse,
    .samples = app_samples,
};
