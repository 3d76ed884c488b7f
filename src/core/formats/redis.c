/* redis.c: the Redis server log (serverLogRaw in server.c), since 3.0:
 *   pid:role dd Mmm yyyy hh:mm:ss.mmm level message
 *   1234:M 23 Nov 2026 12:20:01.123 # Server initialized
 * role: X sentinel, C RDB/AOF child, S replica, M master; level: '.' debug,
 * '-' verbose, '*' notice, '#' warning (Redis has no error level: its worst lines
 * are warnings, left to the signatures). Before 3.0:
 *   [pid] dd Mmm hh:mm:ss.mmm level message
 * with no year (taken from st->year / st->month, as for syslog). Local time without
 * an offset (has_offset 0). Untimed lines after an entry (the ASCII-art logo, a
 * crash report's stack trace and INFO dump) are CONTINUATION. */
#include <assert.h>
#include <string.h>

#include "time/fl_time.h"
#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct redis_priv {
    fl_srv_state srv;
} redis_priv;
static_assert(sizeof(redis_priv) <= FL_FORMAT_PRIV, "redis state fits st->priv");

/* Two digits at s (the first may be a space), -1 if not. */
static int num2(const char *s)
{
    if (!fl_is_digit(s[1]) || !(fl_is_digit(s[0]) || s[0] == ' '))
        return -1;
    return (s[0] == ' ' ? 0 : (s[0] - '0') * 10) + (s[1] - '0');
}

/* "23 Nov 2026 12:20:01.123" (with_year) or "23 Nov 12:20:01.123": bytes used, 0 if
 * invalid. year/ref_month are used without a year (a month more than one ahead of
 * ref_month is last year's). The minute is cached under the text up to the minute. */
static size_t redis_time(fl_ts_cache *c, const char *s, size_t len, int with_year, int year,
                         int ref_month, fl_time *t)
{
    size_t h = with_year ? 12 : 7; /* index of the hour */
    if (len < h + 8 || s[2] != ' ' || s[6] != ' ' || s[h - 1] != ' ' || s[h + 2] != ':' ||
        s[h + 5] != ':')
        return 0;
    int sec = num2(s + h + 6);
    if (sec < 0 || sec > 60 || s[h + 6] == ' ')
        return 0;
    size_t p = h + 8;
    int64_t frac = 0;
    if (p + 1 < len && s[p] == '.' && fl_is_digit(s[p + 1])) {
        int scale = 100;
        for (p++; p < len && fl_is_digit(s[p]); p++, scale /= 10)
            frac += (s[p] - '0') * scale;
    }
    size_t key = h + 5;
    int64_t minute;
    if (c->key_len == key && memcmp(c->key, s, key) == 0) {
        minute = c->minute_ms;
    } else {
        unsigned mo = fl_month_from_abbr(s + 3);
        int d = num2(s), hh = num2(s + h), mi = num2(s + h + 3);
        if (with_year) {
            year = 0;
            for (int i = 7; i < 11; i++) {
                if (!fl_is_digit(s[i]))
                    return 0;
                year = year * 10 + (s[i] - '0');
            }
        } else if (ref_month && (int)mo > ref_month + 1) {
            year--;
        }
        if (!mo || d < 0 || hh < 0 || mi < 0 || s[h + 3] == ' ' ||
            !fl_ts_civil_ms(year, mo, (unsigned)d, (unsigned)hh, (unsigned)mi, 0, &minute))
            return 0;
        memcpy(c->key, s, key);
        c->key_len = key;
        c->minute_ms = minute;
    }
    t->ms = minute + sec * 1000 + frac;
    t->offset_s = 0;
    t->has_offset = 0;
    return p;
}

static fl_level level_char(char c)
{
    switch (c) {
    case '.': return FL_LEVEL_DEBUG;
    case '-': return FL_LEVEL_INFO; /* "verbose" */
    case '*': return FL_LEVEL_NOTICE;
    case '#': return FL_LEVEL_WARN;
    default: return FL_LEVEL_NONE;
    }
}

/* Contract: parses one Redis log line into rec (see the header comment). */
static fl_parse_result fl_redis_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    size_t i = 0;
    int with_year;
    if (len > 0 && fl_is_digit(line[0])) {
        while (i < len && fl_is_digit(line[i]))
            i++;
        if (i + 3 >= len || line[i] != ':' || !memchr("XCSM", line[i + 1], 4) || line[i + 2] != ' ')
            return fl_srv_untimed(srv, line, len);
        i += 3;
        with_year = 1;
    } else if (len > 0 && line[0] == '[') {
        for (i = 1; i < len && fl_is_digit(line[i]); i++)
            ;
        if (i == 1 || i + 2 >= len || line[i] != ']' || line[i + 1] != ' ')
            return fl_srv_untimed(srv, line, len);
        i += 2;
        with_year = 0;
    } else {
        return fl_srv_untimed(srv, line, len);
    }
    st->year_used |= !with_year;
    size_t n = redis_time(&st->ts, line + i, len - i, with_year, st->year ? st->year : 1970,
                          st->month, &rec->time);
    if (!n)
        return FL_PARSE_NO_TIMESTAMP;
    i += n;
    if (i + 2 > len || line[i] != ' ' || (rec->level = level_char(line[i + 1])) == FL_LEVEL_NONE ||
        (i + 2 < len && line[i + 2] != ' '))
        return FL_PARSE_UNPARSEABLE;
    i = i + 3 < len ? i + 3 : len;
    rec->message = line + i;
    rec->message_len = fl_srv_rtrim(line + i, len - i);
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_redis_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_redis_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample redis_samples[] = {
    {.line = "1:M 23 Nov 2026 12:00:01.104 * Server initialized",
     .time = "2026-11-23T12:00:01.104", .level = FL_LEVEL_NOTICE},
    {.line = "52:C 23 Nov 2026 12:10:03.118 # Write error saving DB on disk: No space left on "
             "device",
     .time = "2026-11-23T12:10:03.118", .level = FL_LEVEL_WARN},
    {.line = NULL},
};

const fl_format fl_format_redis = {
    .name = "redis",
    .kind = FL_KIND_SERVER,
    .description = "Redis server log: pid:role dd Mmm yyyy hh:mm:ss.mmm #|*|-|. message",
    .sniff = fl_redis_sniff,
    .parse = fl_redis_parse,
    .samples = redis_samples,
};
