/* cri.c: Kubernetes container logs in the CRI logging format (kubelet CRI logging
 * proposal; containerd and CRI-O write /var/log/pods/.../N.log):
 *   TIMESTAMP SP STREAM SP TAGS SP MESSAGE
 * TIMESTAMP is RFC 3339 with nanoseconds ("2026-11-23T12:20:01.123456789Z"), STREAM
 * "stdout" or "stderr", TAGS ':'-separated with "F" (full line) or "P" (partial: the
 * runtime split a long line and the rest follows). A "P" line is the entry; the
 * chunks that follow it, up to and including the next "F", are CONTINUATION. Lines
 * whose message is a stack-trace line ("\tat ...", "Caused by:", "Traceback ...",
 * "goroutine 1 [running]:") continue the entry before them; "panic:" stays an entry
 * (of level fatal). Level from the message: a JSON message's "level"/"severity", a
 * klog header ("E1123 ..."), or a level word among its first tokens; stderr alone
 * says nothing about the level. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct cri_priv {
    fl_srv_state srv;
} cri_priv;
static_assert(sizeof(cri_priv) <= FL_FORMAT_PRIV, "cri state fits st->priv");

static int token_is(const char *s, size_t n, const char *w)
{
    return n == strlen(w) && memcmp(s, w, n) == 0;
}

/* Contract: parses one CRI line into rec (see the header comment). UNPARSEABLE when
 * the stream or tags are wrong, NO_TIMESTAMP for an impossible time, CONTINUATION for
 * the chunks after a partial line and for stack-trace lines. */
static fl_parse_result fl_cri_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    if (len < 20 || !fl_is_digit(line[0]) || line[4] != '-' || (line[10] != 'T' && line[10] != 't'))
        return fl_srv_untimed(srv, line, len);
    size_t i = fl_ts_iso(&st->ts, line, len, &rec->time);
    if (!i)
        return FL_PARSE_NO_TIMESTAMP;
    if (i >= len || line[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    size_t e = fl_srv_token_end(line, len, ++i);
    if (!token_is(line + i, e - i, "stdout") && !token_is(line + i, e - i, "stderr"))
        return FL_PARSE_UNPARSEABLE;
    if (e >= len || line[e] != ' ')
        return FL_PARSE_UNPARSEABLE;
    i = e + 1;
    e = fl_srv_token_end(line, len, i);
    if (e == i || (line[i] != 'F' && line[i] != 'P') || (e - i > 1 && line[i + 1] != ':'))
        return FL_PARSE_UNPARSEABLE;
    int partial = line[i] == 'P', was_partial = srv->partial;
    srv->partial = partial;
    i = e + (e < len);
    rec->message = line + i;
    rec->message_len = len - i;
    if (rec->message_len && rec->message[rec->message_len - 1] == '\r')
        rec->message_len--;
    if (was_partial && srv->started)
        return FL_PARSE_CONTINUATION;
    if (srv->started && fl_srv_looks_continuation(rec->message, rec->message_len) &&
        !(rec->message_len >= 6 && memcmp(rec->message, "panic:", 6) == 0))
        return FL_PARSE_CONTINUATION;
    rec->level = fl_srv_level_in_text(rec->message, rec->message_len, 6, 1);
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_cri_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_cri_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample cri_samples[] = {
    {.line = "2026-11-23T12:00:01.120334501Z stdout F 2026-11-23 12:00:01.120 INFO  [main] "
             "c.e.orders.Application - Starting Application v2.14.1 using Java 21.0.5",
     .time = "2026-11-23T12:00:01.120Z", .level = FL_LEVEL_INFO},
    {.line = "2026-11-23T12:10:12.460221190Z stderr F 2026-11-23 12:10:12.460 ERROR "
             "[http-nio-8080-exec-4] c.e.orders.OrderController - Request failed: POST "
             "/api/v1/orders",
     .time = "2026-11-23T12:10:12.460Z", .level = FL_LEVEL_ERROR},
    {.line = "2026-11-23T12:10:12.460239011Z stderr F org.springframework.jdbc.CannotGetJdbcCon"
             "nectionException: Failed to obtain JDBC Connection",
     .result = FL_PARSE_CONTINUATION},
    {.line = NULL},
};

const fl_format fl_format_cri = {
    .name = "cri",
    .kind = FL_KIND_SERVER,
    .description = "Kubernetes CRI container log: RFC 3339 time, stdout/stderr, F/P tag, message",
    .sniff = fl_cri_sniff,
    .parse = fl_cri_parse,
    .samples = cri_samples,
};
