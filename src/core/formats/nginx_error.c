/* nginx_error.c: the nginx error log (ngx_log_error_core in src/core/ngx_log.c; the
 * error_log directive of ngx_core_module):
 *   YYYY/MM/DD HH:MM:SS [LEVEL] PID#TID: [*CID ]message[, client: .., server: ..,
 *   request: "..", upstream: "..", host: ".."]
 * e.g. 2026/11/23 12:20:01 [error] 1234#0: *5 connect() failed (111: Connection
 * refused) while connecting to upstream, client: 10.0.0.1, server: x, ...
 * LEVEL is one of debug, info, notice, warn, error, crit, alert, emerg (crit and
 * alert map to critical, emerg to fatal). The time is local time with no offset
 * (has_offset 0: --input-tz applies). message starts after "PID#TID: " with the
 * "*CID " connection number dropped; host is the "server: " value when the line
 * names one. Untimed lines (a multi-line "FastCGI sent in stderr" body) after an
 * entry are CONTINUATION. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct nginx_error_priv {
    fl_srv_state srv;
} nginx_error_priv;
static_assert(sizeof(nginx_error_priv) <= FL_FORMAT_PRIV, "nginx_error state fits st->priv");

/* The ", server: NAME" of the line's context, if any. */
static void find_server(const char *s, size_t n, fl_record *rec)
{
    static const char key[] = ", server: ";
    const size_t k = sizeof key - 1;
    /* comma to comma with memchr: most of a message is no comma */
    for (const char *c = n ? memchr(s, ',', n) : NULL; c; c = memchr(c + 1, ',', (size_t)(s + n - c - 1))) {
        size_t i = (size_t)(c - s);
        if (i + k > n)
            return;
        if (memcmp(s + i, key, k) != 0)
            continue;
        size_t b = i + k, e = b;
        while (e < n && s[e] != ',' && s[e] != ' ')
            e++;
        if (e > b) {
            rec->host = s + b;
            rec->host_len = e - b;
        }
        return;
    }
}

/* Contract: parses one nginx error log line into rec. UNPARSEABLE without the
 * "[level] PID#TID:" shape, NO_TIMESTAMP for an impossible date, CONTINUATION for an
 * untimed line after an entry. */
static fl_parse_result fl_nginx_error_parse(fl_parse_state *st, const char *line, size_t len,
                                     fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    if (len < 20 || !fl_is_digit(line[0]) || line[4] != '/' || line[7] != '/' || line[10] != ' ')
        return fl_srv_untimed(srv, line, len);
    size_t i = fl_ts_iso(&st->ts, line, len, &rec->time);
    if (!i)
        return FL_PARSE_NO_TIMESTAMP;
    if (i + 3 >= len || line[i] != ' ' || line[i + 1] != '[')
        return FL_PARSE_UNPARSEABLE;
    const char *rb = memchr(line + i + 2, ']', len - i - 2);
    if (!rb)
        return FL_PARSE_UNPARSEABLE;
    rec->level = fl_level_parse(line + i + 2, (size_t)(rb - line) - i - 2, 0);
    if (rec->level == FL_LEVEL_NONE)
        return FL_PARSE_UNPARSEABLE;
    i = (size_t)(rb - line) + 1;
    if (i >= len || line[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    size_t p = ++i;
    while (p < len && fl_is_digit(line[p]))
        p++;
    if (p == i || p >= len || line[p] != '#')
        return FL_PARSE_UNPARSEABLE;
    for (i = ++p; p < len && fl_is_digit(line[p]); p++)
        ;
    if (p == i || p >= len || line[p] != ':')
        return FL_PARSE_UNPARSEABLE;
    i = fl_srv_skip_blanks(line, len, p + 1);
    if (i < len && line[i] == '*') {
        for (p = i + 1; p < len && fl_is_digit(line[p]); p++)
            ;
        if (p > i + 1 && p < len && line[p] == ' ')
            i = p + 1;
    }
    rec->message = line + i;
    rec->message_len = fl_srv_rtrim(line + i, len - i);
    find_server(rec->message, rec->message_len, rec);
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_nginx_error_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_nginx_error_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample nginx_error_samples[] = {
    {.line = "2026/11/23 12:07:13 [info] 30#30: *1522 client 203.0.113.50 closed keepalive "
             "connection",
     .time = "2026-11-23T12:07:13", .level = FL_LEVEL_INFO},
    {.line = "2026/11/23 12:14:05 [error] 30#30: *2240 connect() failed (111: Connection "
             "refused) while connecting to upstream, client: 10.0.9.11, server: "
             "shop.example.com, request: \"GET /api/cart HTTP/1.1\", upstream: "
             "\"http://10.0.3.21:8080/api/cart\", host: \"shop.example.com\"",
     .time = "2026-11-23T12:14:05", .level = FL_LEVEL_ERROR},
    {.line = "2026/11/23 12:14:12 [error] 30#30: *2260 FastCGI sent in stderr: \"PHP message: "
             "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection "
             "refused in /var/www/shop/src/Db.php:31",
     .time = "2026-11-23T12:14:12", .level = FL_LEVEL_ERROR},
    {.line = "Stack trace:", .result = FL_PARSE_CONTINUATION},
    {.line = NULL},
};

const fl_format fl_format_nginx_error = {
    .name = "nginx_error",
    .kind = FL_KIND_SERVER,
    .description = "nginx error_log: yyyy/mm/dd hh:mm:ss [error] pid#tid: *cid message",
    .sniff = fl_nginx_error_sniff,
    .parse = fl_nginx_error_parse,
    .samples = nginx_error_samples,
};
