/* journald.c: the systemd journal as "journalctl -o json" writes it, one JSON object
 * per entry (journalctl(1) "json"; fields per systemd.journal-fields(7)):
 *   __REALTIME_TIMESTAMP  wallclock time of the entry, microseconds since the epoch,
 *                         as a decimal string
 *   PRIORITY              "0" (emerg) .. "7" (debug), syslog's severity
 *   MESSAGE               the text; an array of byte values when it is not valid
 *                         UTF-8 (then message_len 0), null when too large for
 *                         journalctl to print
 *   _HOSTNAME, SYSLOG_IDENTIFIER, _COMM
 * A line is taken for journald only when it carries one of the journal's own
 * "__"-fields (__CURSOR, __REALTIME_TIMESTAMP, __MONOTONIC_TIMESTAMP) or _BOOT_ID, so
 * other JSON logs (access logs with a status included) are UNPARSEABLE here.
 * message points at the JSON string contents with its escapes kept (\" \n \uXXXX):
 * parsers do not allocate. A MESSAGE that is an nginx/Apache Combined or Common line
 * (a web server logging to the journal) is decoded into the state and read as an
 * HTTP request with its status (fl_srv_wrapped_access), so a journal export of a
 * web server is traffic, not messages. A line that is not a JSON object is UNPARSEABLE: journalctl
 * output has no continuation lines. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/json_scan.h"
#include "formats/server_util.h"

typedef struct journald_priv {
    fl_srv_state srv;
    char access[1536]; /* a MESSAGE holding an access line, decoded */
} journald_priv;
static_assert(sizeof(journald_priv) <= FL_FORMAT_PRIV, "journald state fits st->priv");

static int key_eq(const fl_json_field *f, const char *k)
{
    size_t n = strlen(k);
    return f->key_len == n && memcmp(f->key, k, n) == 0;
}

/* Contract: parses one journalctl JSON line into rec. UNPARSEABLE for non-objects
 * and objects without journal fields; NO_TIMESTAMP when __REALTIME_TIMESTAMP is
 * missing or not a number. Level from PRIORITY, else from the message text. */
static fl_parse_result fl_journald_parse(fl_parse_state *st, const char *line, size_t len,
                                  fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_json_field f, ts = {0};
    const char *ident = NULL, *comm = NULL;
    size_t ident_n = 0, comm_n = 0, pos = 0;
    int journal = 0, have_ts = 0, prio = -1, r;
    fl_srv_record_init(rec);
    while ((r = fl_json_next(line, len, &pos, &f)) == 1) {
        /* By the key's length first: an entry has a dozen or more fields, most of
         * them none of these (one compare each, not one per key). */
        switch (f.key_len) {
        case 20:
            if (key_eq(&f, "__REALTIME_TIMESTAMP")) {
                ts = f;
                have_ts = journal = 1;
            }
            break;
        case 8:
            if (key_eq(&f, "__CURSOR") || key_eq(&f, "_BOOT_ID")) {
                journal = 1;
            } else if (key_eq(&f, "PRIORITY")) {
                if (f.val_len == 1 && f.val[0] >= '0' && f.val[0] <= '7')
                    prio = f.val[0] - '0';
            }
            break;
        case 21:
            if (key_eq(&f, "__MONOTONIC_TIMESTAMP"))
                journal = 1;
            break;
        case 7:
            if (key_eq(&f, "MESSAGE")) {
                rec->message = f.is_string ? f.val : "";
                rec->message_len = f.is_string ? f.val_len : 0;
            }
            break;
        case 9:
            if (key_eq(&f, "_HOSTNAME") && f.is_string) {
                rec->host = f.val;
                rec->host_len = f.val_len;
            }
            break;
        case 17:
            if (key_eq(&f, "SYSLOG_IDENTIFIER") && f.is_string) {
                ident = f.val;
                ident_n = f.val_len;
            }
            break;
        case 5:
            if (key_eq(&f, "_COMM") && f.is_string) {
                comm = f.val;
                comm_n = f.val_len;
            }
            break;
        default:
            break;
        }
    }
    if (r < 0 || !journal)
        return FL_PARSE_UNPARSEABLE;
    if (!rec->host_len && (ident || comm)) {
        rec->host = ident ? ident : comm;
        rec->host_len = ident ? ident_n : comm_n;
    }
    journald_priv *p = (journald_priv *)st->priv;
    if (have_ts && fl_srv_wrapped_access(st, p->access, sizeof p->access, rec->message,
                                         rec->message_len, rec)) {
        srv->started = 1;
        return FL_PARSE_OK;
    }
    rec->level = prio >= 0 ? fl_srv_syslog_severity(prio)
                           : fl_srv_level_in_text(rec->message, rec->message_len, 4, 0);
    if (!have_ts || fl_ts_epoch(ts.val, ts.val_len, &rec->time) != ts.val_len || ts.val_len == 0)
        return FL_PARSE_NO_TIMESTAMP;
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_journald_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_journald_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample journald_samples[] = {
    {.line = "{\"__REALTIME_TIMESTAMP\":\"1795436401000000\",\"PRIORITY\":\"6\",\"_HOSTNAME\":"
             "\"db-1\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"MESSAGE\":\"Started PostgreSQL "
             "Cluster 16-main.\"}",
     .time = "2026-11-23T12:20:01Z", .level = FL_LEVEL_INFO},
    {.line = "{\"__REALTIME_TIMESTAMP\":\"1795436402500000\",\"PRIORITY\":\"3\",\"_HOSTNAME\":"
             "\"db-1\",\"SYSLOG_IDENTIFIER\":\"postgres\",\"MESSAGE\":\"could not write to "
             "file \\\"pg_wal/xlogtemp.812\\\": No space left on device\"}",
     .time = "2026-11-23T12:20:02.500Z", .level = FL_LEVEL_ERROR},
    {.line = NULL},
};

const fl_format fl_format_journald = {
    .name = "journald",
    .kind = FL_KIND_SERVER,
    .description = "systemd journal, journalctl -o json (__REALTIME_TIMESTAMP, PRIORITY, MESSAGE)",
    .sniff = fl_journald_sniff,
    .parse = fl_journald_parse,
    .samples = journald_samples,
};
