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
 * The user agent ($http_user_agent, user_agent, Traefik's request_User-Agent, the
 * first value of Caddy's request.headers["User-Agent"] array) and
 * the upstream ($upstream_addr, of which the last try is kept, Envoy's upstream_host
 * or upstream_cluster, Traefik's ServiceAddr/ServiceURL/ServiceName and v1 Backend*)
 * are kept when present; an empty upstream is "-" (no upstream was reached).
 * Keys are matched exactly (case-sensitive). A line without a usable status is not
 * an access record (UNPARSEABLE), which leaves JSON server logs to the server
 * formats. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"
#include "formats/json_access.h"
#include "formats/json_scan.h"

#define KEY(name, role, rank) {name, sizeof name - 1, role, rank}

static const json_key keys[] = {
    KEY("status", R_STATUS, 0),          KEY("status_code", R_STATUS, 1),
    KEY("statusCode", R_STATUS, 2),      KEY("response_code", R_STATUS, 3),
    KEY("DownstreamStatus", R_STATUS, 4),
    KEY("StartUTC", R_TIME, 0),          KEY("start_time", R_TIME, 1),
    KEY("time_iso8601", R_TIME, 2),      KEY("@timestamp", R_TIME, 3),
    KEY("timestamp", R_TIME, 4),         KEY("time", R_TIME, 5),
    KEY("ts", R_TIME, 6),                KEY("time_local", R_TIME, 7),
    KEY("msec", R_TIME, 8),
    KEY("method", R_METHOD, 0),          KEY("request_method", R_METHOD, 1),
    KEY("RequestMethod", R_METHOD, 2),
    KEY("request_uri", R_PATH, 0),       KEY("uri", R_PATH, 1),
    KEY("path", R_PATH, 2),              KEY("RequestPath", R_PATH, 3),
    KEY("url", R_PATH, 4),
    KEY("request", R_REQUEST, 0),
    KEY("client_ip", R_HOST, 0),         KEY("remote_addr", R_HOST, 1),
    KEY("remote_ip", R_HOST, 2),         KEY("ClientHost", R_HOST, 3),
    KEY("ClientAddr", R_HOST_PORT, 0),
    KEY("size", R_BYTES, 0),             KEY("body_bytes_sent", R_BYTES, 1),
    KEY("bytes_sent", R_BYTES, 2),       KEY("DownstreamContentSize", R_BYTES, 3),
    KEY("response_size", R_BYTES, 4),
    KEY("request_time", R_DUR_S, 0),     KEY("duration_ms", R_DUR_MS, 0),
    KEY("Duration", R_DUR_NS, 0),        KEY("duration", R_DUR_AMBIG, 0),
    KEY("logger", R_LOGGER, 0),
    KEY("http_user_agent", R_UA, 0),     KEY("user_agent", R_UA, 1),
    KEY("request_User-Agent", R_UA, 2),  KEY("userAgent", R_UA, 3),
    KEY("User-Agent", R_UA, 4),          KEY("headers", R_HEADERS, 0),
    /* The host that served the request before a pool or service name. */
    KEY("upstream_addr", R_UPSTREAM, 0), KEY("upstream_host", R_UPSTREAM, 1),
    KEY("upstream", R_UPSTREAM, 2),      KEY("ServiceAddr", R_UPSTREAM, 3),
    KEY("BackendAddr", R_UPSTREAM, 4),   KEY("ServiceURL", R_UPSTREAM, 5),
    KEY("BackendURL", R_UPSTREAM, 6),    KEY("upstream_cluster", R_UPSTREAM, 7),
    KEY("ServiceName", R_UPSTREAM, 8),   KEY("BackendName", R_UPSTREAM, 9),
};

typedef struct json_priv {
    key_index ix;
    json_layout layout;
} json_priv;
static_assert(sizeof(json_priv) <= FL_FORMAT_PRIV, "the JSON state fits st->priv");
static_assert(offsetof(fl_parse_state, priv) % _Alignof(json_priv) == 0,
              "the JSON state is aligned at the start of priv");

static unsigned key_hash(const char *k, size_t n)
{
    return ((unsigned)n * 31u + (unsigned char)k[0] * 7u + (unsigned char)k[n - 1] * 3u +
            (unsigned char)k[n / 2]) % KEY_SLOTS;
}

static json_priv *json_priv_of(fl_parse_state *st)
{
    json_priv *jp = (json_priv *)(void *)st->priv;
    key_index *ix = &jp->ix;
    if (!ix->ready) {
        memset(ix->slot, 0, sizeof ix->slot);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            unsigned h = key_hash(keys[k].name, keys[k].len);
            while (ix->slot[h])
                h = (h + 1) % KEY_SLOTS;
            ix->slot[h] = (unsigned char)(k + 1);
        }
        ix->ready = 1;
    }
    return jp;
}

/* a[0..n) == b[0..n), inline: member names are short; 4 to 8 bytes take two
 * overlapping 4-byte loads per side, longer ones 8-byte loads (the last overlapping). */
static int same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y, diff = 0;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            diff |= x ^ y;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return (diff | (x ^ y)) == 0;
    }
    if (n >= 4) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&b0, b, 4);
        memcpy(&a1, a + n - 4, 4);
        memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return memcmp(a, b, n) == 0;
}

/* The keys[] entry named k[0..n), or NULL. */
const json_key *fl_jacc_key_find(const key_index *ix, const char *k, size_t n)
{
    if (n == 0)
        return NULL;
    for (unsigned h = key_hash(k, n); ix->slot[h]; h = (h + 1) % KEY_SLOTS) {
        const json_key *key = &keys[ix->slot[h] - 1];
        if (key->len == n && same_bytes(key->name, k, n))
            return key;
    }
    return NULL;
}

/* Keep f for role when it is the first or better-ranked key of that role. */
static void note(json_found *jf, json_role role, int rank, const fl_json_field *f)
{
    if (jf->rank[role] < 0 || rank < jf->rank[role]) {
        jf->rank[role] = rank;
        jf->f[role] = *f;
    }
}

static int collect(const key_index *ix, const char *s, size_t len, json_found *jf, int nested);

/* The first element of an array of strings ("[\"curl/8.0\"]": a header's values in
 * Caddy) as a string field; 0 when the array does not start with a string. */
static int first_string(const fl_json_field *f, fl_json_field *out)
{
    const char *s = f->val, *end = f->val + f->val_len;
    if (f->is_string || s == end || *s++ != '[')
        return 0;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++;
    if (s == end || *s++ != '"')
        return 0;
    for (const char *q = s; q < end; q++) {
        if (*q == '\\') {
            q++; /* the escaped byte */
        } else if (*q == '"') {
            *out = *f;
            out->val = s;
            out->val_len = (size_t)(q - s);
            out->is_string = 1;
            return 1;
        }
    }
    return 0;
}

/* Which roles count at each depth: the top level, Caddy's "request" (1) and its
 * "headers" (2). */
static int role_at(json_role role, int nested)
{
    if (nested == 1)
        return role == R_METHOD || role == R_PATH || role == R_HOST || role == R_HEADERS;
    if (nested == 2)
        return role == R_UA;
    return role != R_HEADERS;
}

/* Record member f of an object level (nested as for role_at); returns -1 when a
 * nested request or headers object is malformed. */
int fl_jacc_member(const key_index *ix, const fl_json_field *f, json_found *jf, int nested)
{
    const json_key *key = fl_jacc_key_find(ix, f->key, f->key_len);
    if (!key || !role_at(key->role, nested))
        return 0;
    int object = !f->is_string && f->val_len && f->val[0] == '{';
    if (key->role == R_REQUEST && object) {
        jf->caddy = 1;
        return collect(ix, f->val, f->val_len, jf, 1) < 0 ? -1 : 0;
    }
    if (key->role == R_HEADERS)
        return object && collect(ix, f->val, f->val_len, jf, 2) < 0 ? -1 : 0;
    fl_json_field first;
    if (key->role == R_UA && first_string(f, &first)) {
        note(jf, R_UA, key->rank, &first);
        return 0;
    }
    if (key->role == R_LOGGER)
        jf->caddy |= f->is_string && f->val_len >= 15 && memcmp(f->val, "http.log.access", 15) == 0;
    else
        note(jf, key->role, key->rank, f);
    return 0;
}

/* Record the members of one object level with fl_json_next; nested as for role_at. */
static int collect(const key_index *ix, const char *s, size_t len, json_found *jf, int nested)
{
    fl_json_field f;
    size_t pos = 0;
    int r;
    while ((r = fl_json_next(s, len, &pos, &f)) == 1)
        if (fl_jacc_member(ix, &f, jf, nested) < 0)
            return -1;
    return r;
}

/* A time member: ISO 8601, CLF ($time_local) or epoch, as a string or a number;
 * the whole value must be the timestamp. */
static int json_time(fl_ts_cache *c, const fl_json_field *f, fl_time *t)
{
    size_t n = f->val_len;
    if (n == 0)
        return 0;
    if (f->is_string && (fl_ts_iso_whole(c, f->val, n, t) || fl_ts_clf(c, f->val, n, t) == n))
        return 1;
    return fl_ts_epoch(f->val, n, t) == n;
}

/* One JSON object per line. UNPARSEABLE when the line is not an object, is
 * malformed or has no status in 0 or 100..599; NO_TIMESTAMP when the time member is
 * missing or not a time; otherwise OK with the fields found (absent ones empty/-1). */
static fl_parse_result fl_json_access_parse(fl_parse_state *st, const char *line, size_t len,
                                     fl_record *rec)
{
    json_found jf;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i >= len || line[i] != '{')
        return FL_PARSE_UNPARSEABLE;
    json_priv *jp = json_priv_of(st);
    const key_index *ix = &jp->ix;
    for (int k = 0; k < R_N; k++)
        jf.rank[k] = -1;
    jf.caddy = 0;
    if (!fl_jacc_collect_layout(&jp->layout, line, len, &jf)) {
        flat_members fm;
        for (int k = 0; k < R_N; k++)
            jf.rank[k] = -1;
        jf.caddy = 0;
        if (fl_jacc_collect_flat(ix, line, len, &jf, &fm)) {
            fl_jacc_layout_learn(&jp->layout, ix, line, &fm);
        } else {
            for (int k = 0; k < R_N; k++)
                jf.rank[k] = -1;
            jf.caddy = 0;
            if (collect(ix, line, len, &jf, 0) < 0)
                return FL_PARSE_UNPARSEABLE;
        }
    }

    fl_acc_record_init(rec);
    int64_t v;
    if (jf.rank[R_STATUS] < 0 || !fl_json_int(&jf.f[R_STATUS], &v) || v < 0 || v > 599 ||
        (v > 0 && v < 100))
        return FL_PARSE_UNPARSEABLE;
    rec->status = (int)v;

    if (jf.rank[R_REQUEST] >= 0 && jf.f[R_REQUEST].is_string)
        fl_acc_split_request_in(jf.f[R_REQUEST].val, jf.f[R_REQUEST].val_len, line + len, rec);
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
    if (jf.rank[R_UA] >= 0 && jf.f[R_UA].is_string) {
        rec->user_agent = jf.f[R_UA].val;
        rec->user_agent_len = jf.f[R_UA].val_len;
    }
    if (jf.rank[R_UPSTREAM] >= 0 && jf.f[R_UPSTREAM].is_string) {
        rec->upstream = jf.f[R_UPSTREAM].val_len ? jf.f[R_UPSTREAM].val : "-"; /* "": none reached */
        rec->upstream_len = jf.f[R_UPSTREAM].val_len ? jf.f[R_UPSTREAM].val_len : 1;
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

static int fl_json_access_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_json_access_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample json_samples[] = {
    {.line = "{\"level\":\"info\",\"ts\":1646861401.5241024,\"logger\":\"http.log.access\",\"ms"
             "g\":\"handled request\",\"request\":{\"remote_ip\":\"127.0.0.1\",\"method\":\"GET"
             "\",\"uri\":\"/\"},\"duration\":0.000929675,\"size\":10900,\"status\":200}",
     .time = "2022-03-09T21:30:01.524Z", .status = 200},
    {.line = "{\"time_iso8601\":\"2026-11-23T12:20:01+01:00\",\"remote_addr\":\"198.51.100.23\""
             ",\"request\":\"GET / HTTP/1.1\",\"status\":\"504\",\"body_bytes_sent\":\"0\",\"re"
             "quest_time\":\"60.001\"}",
     .time = "2026-11-23T12:20:01+01:00", .status = 504},
    {.line = NULL},
};

const fl_format fl_format_json = {
    .name = "json",
    .kind = FL_KIND_ACCESS,
    .description = "JSON-lines access logs: nginx escape=json, Caddy, Traefik, Envoy (needs a status)",
    .sniff = fl_json_access_sniff,
    .parse = fl_json_access_parse,
    .samples = json_samples,
};
