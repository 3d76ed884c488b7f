/* docker.c: Docker's json-file logging driver (docs.docker.com, "JSON File logging
 * driver"): one JSON object per line, {"log":"Log line is here\n","stream":"stdout",
 * "time":"2019-01-01T11:11:11.111111111Z"} (plus "attrs" with labels/env when
 * configured). "log" holds the container's output line with its newline; a line
 * longer than 16 KiB is split into entries whose "log" does not end in "\n", and the
 * entries after such a chunk, up to the one that ends the line, are CONTINUATION.
 * Entries whose text is a stack-trace line ("\tat ...", "Caused by:", ...) continue
 * the entry before them; "panic:" stays an entry. message is the "log" string with
 * its JSON escapes kept and the trailing "\n" dropped (parsers do not allocate).
 * Level from the text, as for CRI: a JSON text's "level" (escaped quotes and all), a
 * klog header, or a level word near its start; "stream":"stderr" alone is not an
 * error. A line that is not a JSON object, or has no "log" member, is UNPARSEABLE
 * (so JSON access logs are never taken for Docker). A "log" that is a whole
 * Combined or Common access line (an nginx container) is read as an HTTP request
 * with its status (fl_srv_wrapped_access). */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/json_scan.h"
#include "formats/server_util.h"

typedef struct docker_priv {
    fl_srv_state srv;
    char access[1536]; /* a "log" holding an access line, decoded */
} docker_priv;
static_assert(sizeof(docker_priv) <= FL_FORMAT_PRIV, "docker state fits st->priv");

static int key_eq(const fl_json_field *f, const char *k)
{
    size_t n = strlen(k);
    return f->key_len == n && memcmp(f->key, k, n) == 0;
}

/* Whether the (escaped) text starts with a stack-trace shape: JSON escapes for a tab
 * ("\t") count as the leading blank they stand for. */
static int text_continues(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '\\' && s[1] == 't')
        return 1;
    if (n >= 6 && memcmp(s, "panic:", 6) == 0)
        return 0;
    return fl_srv_looks_continuation(s, n);
}

/* Contract: parses one json-file line into rec (see the header comment). */
static fl_parse_result fl_docker_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_json_field f, log = {0}, time = {0};
    int have_log = 0, have_time = 0, r;
    size_t pos = 0;
    fl_srv_record_init(rec);
    while ((r = fl_json_next(line, len, &pos, &f)) == 1) {
        if (key_eq(&f, "log") && f.is_string)
            log = f, have_log = 1;
        else if (key_eq(&f, "time") && f.is_string)
            time = f, have_time = 1;
    }
    if (r < 0 || !have_log)
        return FL_PARSE_UNPARSEABLE;
    size_t n = log.val_len;
    int ends_line = n >= 2 && log.val[n - 2] == '\\' && log.val[n - 1] == 'n' &&
                    (n < 3 || log.val[n - 3] != '\\');
    if (ends_line) {
        n -= 2;
        if (n >= 2 && log.val[n - 2] == '\\' && log.val[n - 1] == 'r')
            n -= 2;
    }
    rec->message = log.val;
    rec->message_len = n;
    if (!have_time || !fl_ts_iso_whole(&st->ts, time.val, time.val_len, &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    docker_priv *p = (docker_priv *)st->priv;
    if (ends_line && !srv->partial &&
        fl_srv_wrapped_access(st, p->access, sizeof p->access, log.val, log.val_len, rec)) {
        srv->started = 1;
        return FL_PARSE_OK;
    }
    int was_partial = srv->partial;
    srv->partial = !ends_line;
    if (srv->started && (was_partial || text_continues(rec->message, rec->message_len)))
        return FL_PARSE_CONTINUATION;
    rec->level = fl_srv_level_in_text(rec->message, rec->message_len, 6, 1);
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_docker_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_docker_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample docker_samples[] = {
    {.line = "{\"log\":\"2026-11-23 12:02:10,550 INFO payments.api: charge ok order=88001 "
             "amount=42.00\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:02:10.550312997Z"
             "\"}",
     .time = "2026-11-23T12:02:10.550Z", .level = FL_LEVEL_INFO},
    {.line = "{\"log\":\"2026-11-23 12:10:03,114 ERROR payments.api: charge failed "
             "order=88112\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:10:03.114207322Z"
             "\"}",
     .time = "2026-11-23T12:10:03.114Z", .level = FL_LEVEL_ERROR},
    {.line = "{\"log\":\"Traceback (most recent call last):\\n\",\"stream\":\"stdout\",\"time\""
             ":\"2026-11-23T12:10:03.114302871Z\"}",
     .result = FL_PARSE_CONTINUATION},
    {.line = NULL},
};

const fl_format fl_format_docker = {
    .name = "docker",
    .kind = FL_KIND_SERVER,
    .description = "Docker json-file: {\"log\":\"...\\n\",\"stream\":\"stderr\",\"time\":\"...\"}",
    .sniff = fl_docker_sniff,
    .parse = fl_docker_parse,
    .samples = docker_samples,
};
