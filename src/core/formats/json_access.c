/* json_access.c: JSON-lines access logs, one object per line (RFC 8259), read with
 * the allocation-free scanner of json_scan.h. Covers:
 * - nginx log_format ... escape=json with the usual variable names ($status,
 *   $time_iso8601/$time_local/$msec, $request or $request_method/$request_uri,
 *   $remote_addr, $body_bytes_sent, $request_time in seconds);
 * - Caddy v2 access logs ({"level":"info","ts":1669206001.123,"logger":
 *   "http.log.access...","msg":"handled request","request":{"remote_ip":...,
 *   "client_ip":...,"method":...,"uri":...},"status":502,"duration":0.0123,
 *   "size":12}; duration in seconds);
 * - Traefik accessLog format json (ClientHost, DownstreamStatus, RequestMethod,
 *   RequestPath, StartUTC, Duration in nanoseconds, DownstreamContentSize);
 * - Envoy json_format access logs with the names of its documentation examples
 *   (start_time, method, path, response_code, duration in ms, bytes_sent).
 * Keys are matched exactly (case-sensitive). A line without a usable status is not
 * an access record (UNPARSEABLE), which leaves JSON server logs to the server
 * formats. */
#include <string.h>

#include "access_util.h"
#include "format.h"
#include "json_scan.h"

typedef enum json_role {
    R_STATUS,
    R_TIME,
    R_METHOD,
    R_PATH,
    R_REQUEST,   /* "GET /x HTTP/1.1" string, or Caddy's request object */
    R_HOST,
    R_HOST_PORT, /* address with ":port" (Traefik ClientAddr) */
    R_BYTES,
    R_DUR_S,
    R_DUR_MS,
    R_DUR_NS,
    R_DUR_AMBIG, /* "duration": seconds for Caddy, ms otherwise (Envoy) */
    R_LOGGER,
    R_N
} json_role;

typedef struct json_key {
    const char *name;
    json_role role;
    int rank; /* lower wins when several keys of one role are present */
} json_key;

static const json_key keys[] = {
    {"status", R_STATUS, 0},          {"status_code", R_STATUS, 1},
    {"statusCode", R_STATUS, 2},      {"response_code", R_STATUS, 3},
    {"DownstreamStatus", R_STATUS, 4},
    {"StartUTC", R_TIME, 0},          {"start_time", R_TIME, 1},
    {"time_iso8601", R_TIME, 2},      {"@timestamp", R_TIME, 3},
    {"timestamp", R_TIME, 4},         {"time", R_TIME, 5},
    {"ts", R_TIME, 6},                {"time_local", R_TIME, 7},
    {"msec", R_TIME, 8},
    {"method", R_METHOD, 0},          {"request_method", R_METHOD, 1},
    {"RequestMethod", R_METHOD, 2},
    {"request_uri", R_PATH, 0},       {"uri", R_PATH, 1},
    {"path", R_PATH, 2},              {"RequestPath", R_PATH, 3},
    {"url", R_PATH, 4},
    {"request", R_REQUEST, 0},
    {"client_ip", R_HOST, 0},         {"remote_addr", R_HOST, 1},
    {"remote_ip", R_HOST, 2},         {"ClientHost", R_HOST, 3},
    {"ClientAddr", R_HOST_PORT, 0},
    {"size", R_BYTES, 0},             {"body_bytes_sent", R_BYTES, 1},
    {"bytes_sent", R_BYTES, 2},       {"DownstreamContentSize", R_BYTES, 3},
    {"response_size", R_BYTES, 4},
    {"request_time", R_DUR_S, 0},     {"duration_ms", R_DUR_MS, 0},
    {"Duration", R_DUR_NS, 0},        {"duration", R_DUR_AMBIG, 0},
    {"logger", R_LOGGER, 0},
};

/* The members found for each role (the best-ranked one). */
typedef struct json_found {
    fl_json_field f[R_N];
    int rank[R_N]; /* -1: absent */
    int caddy;
} json_found;

/* Keep f for role when it is the first or better-ranked key of that role. */
static void note(json_found *jf, json_role role, int rank, const fl_json_field *f)
{
    if (jf->rank[role] < 0 || rank < jf->rank[role]) {
        jf->rank[role] = rank;
        jf->f[role] = *f;
    }
}

/* Record the members of one object level; nested is 1 inside Caddy's "request". */
static int collect(const char *s, size_t len, json_found *jf, int nested)
{
    fl_json_field f;
    size_t pos = 0;
    int r;
    while ((r = fl_json_next(s, len, &pos, &f)) == 1) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            const json_key *key = &keys[k];
            if (f.key_len != strlen(key->name) || memcmp(f.key, key->name, f.key_len) != 0)
                continue;
            if (nested && key->role != R_METHOD && key->role != R_PATH && key->role != R_HOST)
                break;
            if (key->role == R_REQUEST && !f.is_string && f.val_len && f.val[0] == '{') {
                jf->caddy = 1;
                if (collect(f.val, f.val_len, jf, 1) < 0)
                    return -1;
            } else if (key->role == R_LOGGER) {
                jf->caddy |= f.is_string && f.val_len >= 15 &&
                             memcmp(f.val, "http.log.access", 15) == 0;
            } else {
                note(jf, key->role, key->rank, &f);
            }
            break;
        }
    }
    return r;
}

/* A time member: ISO 8601, CLF ($time_local) or epoch, as a string or a number;
 * the whole value must be the timestamp. */
static int json_time(fl_ts_cache *c, const fl_json_field *f, fl_time *t)
{
    size_t n = f->val_len;
    if (n == 0)
        return 0;
    if (f->is_string && (fl_ts_iso(c, f->val, n, t) == n || fl_ts_clf(c, f->val, n, t) == n))
        return 1;
    return fl_ts_epoch(f->val, n, t) == n;
}

/* One JSON object per line. UNPARSEABLE when the line is not an object, is
 * malformed or has no status in 0 or 100..599; NO_TIMESTAMP when the time member is
 * missing or not a time; otherwise OK with the fields found (absent ones empty/-1). */
fl_parse_result fl_json_access_parse(fl_parse_state *st, const char *line, size_t len,
                                     fl_record *rec)
{
    json_found jf;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i >= len || line[i] != '{')
        return FL_PARSE_UNPARSEABLE;
    for (int k = 0; k < R_N; k++)
        jf.rank[k] = -1;
    jf.caddy = 0;
    if (collect(line, len, &jf, 0) < 0)
        return FL_PARSE_UNPARSEABLE;

    fl_acc_record_init(rec);
    int64_t v;
    if (jf.rank[R_STATUS] < 0 || !fl_json_int(&jf.f[R_STATUS], &v) || v < 0 || v > 599 ||
        (v > 0 && v < 100))
        return FL_PARSE_UNPARSEABLE;
    rec->status = (int)v;

    if (jf.rank[R_REQUEST] >= 0 && jf.f[R_REQUEST].is_string)
        fl_acc_split_request(jf.f[R_REQUEST].val, jf.f[R_REQUEST].val_len, rec);
    if (jf.rank[R_METHOD] >= 0 && jf.f[R_METHOD].is_string) {
        rec->method = jf.f[R_METHOD].val;
        rec->method_len = jf.f[R_METHOD].val_len;
    }
    if (jf.rank[R_PATH] >= 0 && jf.f[R_PATH].is_string) {
        rec->path = jf.f[R_PATH].val;
        rec->path_len = jf.f[R_PATH].val_len;
    }
    if (jf.rank[R_HOST] >= 0 && jf.f[R_HOST].is_string) {
        rec->host = jf.f[R_HOST].val;
        rec->host_len = jf.f[R_HOST].val_len;
    } else if (jf.rank[R_HOST_PORT] >= 0 && jf.f[R_HOST_PORT].is_string) {
        fl_acc_strip_port(jf.f[R_HOST_PORT].val, jf.f[R_HOST_PORT].val_len, &rec->host,
                          &rec->host_len);
    }
    if (jf.rank[R_BYTES] >= 0 && fl_json_int(&jf.f[R_BYTES], &v) && v >= 0)
        rec->bytes = v;

    double d;
    if (jf.rank[R_DUR_MS] >= 0 && fl_json_double(&jf.f[R_DUR_MS], &d))
        rec->duration_ms = d;
    else if (jf.rank[R_DUR_S] >= 0 && fl_json_double(&jf.f[R_DUR_S], &d))
        rec->duration_ms = d * 1000.0;
    else if (jf.rank[R_DUR_NS] >= 0 && fl_json_double(&jf.f[R_DUR_NS], &d))
        rec->duration_ms = d / 1e6;
    else if (jf.rank[R_DUR_AMBIG] >= 0 && fl_json_double(&jf.f[R_DUR_AMBIG], &d))
        rec->duration_ms = jf.caddy ? d * 1000.0 : d;
    if (rec->duration_ms < 0)
        rec->duration_ms = -1;

    if (jf.rank[R_TIME] < 0 || !json_time(&st->ts, &jf.f[R_TIME], &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

int fl_json_access_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_json_access_parse, lines, lens, n);
}
