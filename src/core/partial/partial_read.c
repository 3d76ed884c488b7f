/* partial_read.c: reading partials back for `faultline merge` (written by partial.c;
 * format in partial.h). Every value read is checked, since partials travel between
 * machines. */
#include "partial/partial.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fl_json.h"
#include "time/tz.h"
#include "partial/partial_int.h"
#include "partial/partial_tmpl.h"
#include "version.h"

/* Times a partial may carry: years 1 to 9999 (UTC ms), as the reports can write them. */
#define MS_MIN (-62135596800000LL)
#define MS_MAX 253402300799999LL

/* Where reading is, for messages: "partial FILE (#2): inputs[3].buckets". */
typedef struct reader {
    const char *name;
    size_t index;        /* partial number in the stream, from 1 */
    char *err;
    size_t errlen;
    int failed;
    int64_t bucket_ms;
    size_t n_sig;
    size_t max_span;
} reader;

__attribute__((format(printf, 3, 4))) static int bad(reader *r, const char *where, const char *fmt, ...)
{
    if (r->failed++)
        return 0;
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s (partial #%zu): %s: %s", r->name, r->index, where, what);
    return 0;
}

/* An integer in [lo, hi] from j; 0 (error noted) otherwise. */
static int get_int(reader *r, const char *where, const json_t *j, int64_t lo, int64_t hi, int64_t *out)
{
    *out = 0;
    if (!json_is_integer(j))
        return bad(r, where, "expected an integer");
    json_int_t v = json_integer_value(j);
    if (v < lo || v > hi)
        return bad(r, where, "%lld out of range", (long long)v);
    *out = v;
    return 1;
}

static int get_u32(reader *r, const char *where, const json_t *j, uint32_t *out)
{
    int64_t v;
    if (!get_int(r, where, j, 0, UINT32_MAX, &v))
        return 0;
    *out = (uint32_t)v;
    return 1;
}

static int get_u64(reader *r, const char *where, const json_t *j, uint64_t *out)
{
    int64_t v;
    if (!get_int(r, where, j, 0, INT64_MAX, &v))
        return 0;
    *out = (uint64_t)v;
    return 1;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

const char *fl_partial_bytes(const json_t *j, char *out, size_t cap)
{
    const char *s = json_string_value(j);
    if (s) {
        if (json_string_length(j) >= cap || strlen(s) != json_string_length(j))
            return "string too long or with NUL bytes";
        memcpy(out, s, json_string_length(j) + 1);
        return NULL;
    }
    const char *hex = json_string_value(json_object_get(j, "hex"));
    size_t n = hex ? strlen(hex) : 0;
    if (!hex || n % 2 || n / 2 >= cap)
        return "expected a string";
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0 || (hi | lo) == 0)
            return "bad hex string";
        out[i] = (char)(hi << 4 | lo);
    }
    out[n / 2] = 0;
    return NULL;
}

/* A string written by bytes_json into out[cap] (must fit, NUL-terminated). */
static int get_bytes(reader *r, const char *where, const json_t *j, char *out, size_t cap)
{
    const char *why = fl_partial_bytes(j, out, cap);
    return why ? bad(r, where, "%s", why) : 1;
}

/* An array of exactly n elements (n = 0: any length, at least min). */
static const json_t *get_array(reader *r, const char *where, const json_t *j, size_t n, size_t min)
{
    if (!json_is_array(j) || (n && json_array_size(j) != n) || json_array_size(j) < min) {
        bad(r, where, n ? "expected an array of %zu" : "expected an array (of at least %zu)", n ? n : min);
        return NULL;
    }
    return j;
}

/* The bucket at offset i of a set whose first index is first; NULL when out of range. */
static fl_bucket *bucket_at(reader *r, fl_buckets *b, int64_t first, const json_t *j)
{
    int64_t i;
    if (!get_int(r, "buckets: offset", j, 0, (int64_t)r->max_span - 1, &i))
        return NULL;
    fl_bucket *k = fl_buckets_at(b, (first + i) * b->width_ms);
    if (!k)
        bad(r, "buckets", "out of memory or span too long");
    return k;
}

static int read_rows(reader *r, fl_buckets *b, int64_t first, const json_t *rows)
{
    size_t i;
    const json_t *row;
    json_array_foreach(rows, i, row) {
        fl_bucket *k;
        if (!get_array(r, "buckets.rows[]", row, 16 + FL_CLIENT_N, 0) ||
            !(k = bucket_at(r, b, first, json_array_get(row, 0))))
            return 0;
        uint32_t *dst[10] = {&k->requests,    &k->failed,      &k->by_class[0], &k->by_class[1],
                             &k->by_class[2], &k->by_class[3], &k->by_class[4], &k->by_class[5],
                             &k->entries,     &k->errors};
        for (size_t c = 0; c < 10; c++)
            if (!get_u32(r, "buckets.rows[]", json_array_get(row, c + 1), dst[c]))
                return 0;
        for (size_t c = 0; c < FL_CLIENT_N; c++)
            if (!get_u32(r, "buckets.rows[]", json_array_get(row, 11 + c), &k->client_sample[c]))
                return 0;
        uint32_t *tail[5] = {&k->req_first, &k->req_last, &k->warnings, &k->first_off, &k->last_off};
        for (size_t c = 0; c < 5; c++)
            if (!get_u32(r, "buckets.rows[]", json_array_get(row, 11 + FL_CLIENT_N + c), tail[c]))
                return 0;
        if (k->last_off < k->first_off || (int64_t)k->last_off >= b->width_ms)
            return bad(r, "buckets.rows[]", "record times outside their bucket");
    }
    return 1;
}

static int read_detail(reader *r, fl_buckets *b, int64_t first, const json_t *list)
{
    size_t i, c;
    const json_t *row, *e;
    json_array_foreach(list, i, row) {
        fl_bucket *k;
        const json_t *codes, *paths, *ups, *cls;
        if (!get_array(r, "buckets.detail[]", row, 6, 0) || !(k = bucket_at(r, b, first, json_array_get(row, 0))) ||
            !(codes = get_array(r, "buckets.detail[].codes", json_array_get(row, 1), 0, 0)) ||
            !(paths = get_array(r, "buckets.detail[].paths", json_array_get(row, 3), 0, 0)) ||
            !(ups = get_array(r, "buckets.detail[].upstreams", json_array_get(row, 4), 0, 0)) ||
            !(cls = get_array(r, "buckets.detail[].clients", json_array_get(row, 5), FL_CLIENT_N, 0)))
            return 0;
        if (json_array_size(codes) > FL_TOP_CODES || json_array_size(paths) > FL_TOP_PATHS ||
            json_array_size(ups) > FL_TOP_UPSTREAMS)
            return bad(r, "buckets.detail[]", "more entries than this build keeps");
        if (!k->detail && !(k->detail = calloc(1, sizeof *k->detail)))
            return bad(r, "buckets.detail[]", "out of memory");
        fl_bucket_detail *d = k->detail;
        json_array_foreach(codes, c, e) {
            int64_t code;
            if (!get_array(r, "buckets.detail[].codes[]", e, 2, 0) ||
                !get_int(r, "buckets.detail[].codes[]", json_array_get(e, 0), 0, UINT16_MAX, &code) ||
                !get_u32(r, "buckets.detail[].codes[]", json_array_get(e, 1), &d->codes[c].count))
                return 0;
            if (!d->codes[c].count) /* the writer ends the list at the first empty slot */
                return bad(r, "buckets.detail[].codes[]", "a count of 0");
            d->codes[c].code = (uint16_t)code;
        }
        if (!get_u32(r, "buckets.detail[].other", json_array_get(row, 2), &d->codes_other))
            return 0;
        json_array_foreach(paths, c, e) {
            if (!get_array(r, "buckets.detail[].paths[]", e, 3, 0) ||
                !get_bytes(r, "buckets.detail[].paths[]", json_array_get(e, 0), d->paths[c].path,
                           sizeof d->paths[c].path) ||
                !get_u32(r, "buckets.detail[].paths[]", json_array_get(e, 1), &d->paths[c].count) ||
                !get_u32(r, "buckets.detail[].paths[]", json_array_get(e, 2), &d->paths[c].err))
                return 0;
            if (!d->paths[c].count)
                return bad(r, "buckets.detail[].paths[]", "a count of 0");
        }
        json_array_foreach(ups, c, e) {
            fl_upstream_count *u = &d->upstreams[c];
            if (!get_array(r, "buckets.detail[].upstreams[]", e, 3, 0) ||
                !get_bytes(r, "buckets.detail[].upstreams[]", json_array_get(e, 0), u->upstream, sizeof u->upstream) ||
                !get_u32(r, "buckets.detail[].upstreams[]", json_array_get(e, 1), &u->count) ||
                !get_u32(r, "buckets.detail[].upstreams[]", json_array_get(e, 2), &u->err))
                return 0;
            if (!u->count)
                return bad(r, "buckets.detail[].upstreams[]", "a count of 0");
        }
        for (size_t k2 = 0; k2 < FL_CLIENT_N; k2++)
            if (!get_u32(r, "buckets.detail[].clients", json_array_get(cls, k2), &d->by_client[k2]))
                return 0;
    }
    return 1;
}

/* [offset, index, count, index, count ...] lists: signature hits (sketch = 0) or
 * latency bins (sketch = 1). */
static int read_sparse(reader *r, fl_buckets *b, int64_t first, const json_t *list, int sketch)
{
    const char *where = sketch ? "buckets.latency[]" : "buckets.hits[]";
    size_t n = sketch ? FL_LAT_BINS : r->n_sig, i;
    const json_t *row;
    json_array_foreach(list, i, row) {
        fl_bucket *k;
        if (!get_array(r, where, row, 0, 1) || json_array_size(row) % 2 != 1 ||
            !(k = bucket_at(r, b, first, json_array_get(row, 0))))
            return r->failed ? 0 : bad(r, where, "expected an offset and index/count pairs");
        uint32_t **slot = sketch ? &k->latency : &k->sig_hits;
        if (!*slot && !(*slot = calloc(n ? n : 1, sizeof **slot)))
            return bad(r, where, "out of memory");
        for (size_t p = 1; p < json_array_size(row); p += 2) {
            int64_t idx;
            uint32_t count;
            if (!get_int(r, where, json_array_get(row, p), 0, (int64_t)n - 1, &idx) ||
                !get_u32(r, where, json_array_get(row, p + 1), &count))
                return 0;
            (*slot)[idx] = count;
        }
    }
    return 1;
}

static int read_buckets(reader *r, const json_t *j, fl_buckets *b)
{
    int64_t first;
    const json_t *rows, *detail, *hits, *lat;
    if (!json_is_object(j) || !get_int(r, "buckets.first", json_object_get(j, "first"), MS_MIN / r->bucket_ms,
                                       MS_MAX / r->bucket_ms - (int64_t)r->max_span, &first))
        return r->failed ? 0 : bad(r, "buckets", "expected an object");
    if (!(rows = get_array(r, "buckets.rows", json_object_get(j, "rows"), 0, 0)) ||
        !(detail = get_array(r, "buckets.detail", json_object_get(j, "detail"), 0, 0)) ||
        !(hits = get_array(r, "buckets.hits", json_object_get(j, "hits"), 0, 0)) ||
        !(lat = get_array(r, "buckets.latency", json_object_get(j, "latency"), 0, 0)))
        return 0;
    if (json_array_size(hits) && !r->n_sig)
        return bad(r, "buckets.hits", "signature hits without a signature library");
    return read_rows(r, b, first, rows) && read_detail(r, b, first, detail) &&
           read_sparse(r, b, first, hits, 0) && read_sparse(r, b, first, lat, 1);
}

/* The static name of a format read from a partial. */
static const char *format_name(reader *r, const json_t *j)
{
    const char *s = json_string_value(j);
    const fl_format *f = s ? fl_format_find(s) : NULL;
    if (f)
        return f->name;
    if (s && strcmp(s, "unknown") == 0)
        return "unknown";
    if (s && strcmp(s, "binary") == 0)
        return "binary";
    if (s && strcmp(s, "archive") == 0) /* the entry of a damaged or empty archive */
        return "archive";
    bad(r, "format", "unknown format '%s' (a newer faultline?)", s ? s : "");
    return NULL;
}

/* The lines of the span's records and the longest gaps between records (absent in
 * partials written before them: no lines then). */
static int read_gaps(reader *r, const json_t *o, fl_input *in)
{
    const json_t *a = json_object_get(o, "span_lines"), *e;
    size_t i;
    if (a && (!get_array(r, "span_lines", a, 2, 0) || !get_u64(r, "span_lines", json_array_get(a, 0), &in->first_line) ||
              !get_u64(r, "span_lines", json_array_get(a, 1), &in->last_line)))
        return 0;
    if (!(a = json_object_get(o, "gaps")))
        return 1;
    if (!get_array(r, "gaps", a, 0, 0))
        return 0;
    if (json_array_size(a) > FL_INPUT_GAPS)
        return bad(r, "gaps", "more than %d", FL_INPUT_GAPS);
    json_array_foreach(a, i, e) {
        fl_gap *g = &in->gaps[i];
        if (!get_array(r, "gaps[]", e, 4, 0) ||
            !get_int(r, "gaps[]", json_array_get(e, 0), MS_MIN, MS_MAX, &g->from_ms) ||
            !get_int(r, "gaps[]", json_array_get(e, 1), g->from_ms, MS_MAX, &g->to_ms) ||
            !get_u64(r, "gaps[]", json_array_get(e, 2), &g->from_line) ||
            !get_u64(r, "gaps[]", json_array_get(e, 3), &g->to_line))
            return 0;
    }
    in->n_gaps = json_array_size(a);
    return 1;
}

static int read_counts(reader *r, const json_t *o, fl_input *in)
{
    const json_t *a;
    uint64_t *counts[] = {&in->bytes,   &in->lines,          &in->blank,
                          &in->header,  &in->continuation,   &in->records,
                          &in->access_records, &in->server_errors, &in->local_time_records,
                          &in->markers_dropped};
    size_t n = sizeof counts / sizeof counts[0], i;
    const json_t *e;
    if (!(a = get_array(r, "counts", json_object_get(o, "counts"), n, 0)))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!get_u64(r, "counts", json_array_get(a, k), counts[k]))
            return 0;
    /* One reason fewer in partials written before outside_window (--since/--until). */
    if (!(a = get_array(r, "skipped", json_object_get(o, "skipped"), 0, FL_SKIP_N - 1)))
        return 0;
    if (json_array_size(a) > FL_SKIP_N) {
        bad(r, "skipped", "expected an array of %d", FL_SKIP_N);
        return 0;
    }
    for (size_t k = 0; k < json_array_size(a); k++)
        if (!get_u64(r, "skipped", json_array_get(a, k), &in->skipped[k]))
            return 0;
    const json_t *lim = json_object_get(o, "match_limited"); /* written only when not 0 */
    if (lim && !get_u64(r, "match_limited", lim, &in->match_limited))
        return 0;
    if (!(a = get_array(r, "bad_lines", json_object_get(o, "bad_lines"), 0, 0)))
        return 0;
    if (json_array_size(a) > FL_SAMPLE_BAD)
        return bad(r, "bad_lines", "more than %d", FL_SAMPLE_BAD);
    json_array_foreach(a, i, e) {
        if (!get_u64(r, "bad_lines", e, &in->bad_line[i]))
            return 0;
    }
    in->n_bad_line = json_array_size(a);
    if (!(a = get_array(r, "span_ms", json_object_get(o, "span_ms"), 2, 0)) ||
        !get_int(r, "span_ms", json_array_get(a, 0), MS_MIN, MS_MAX, &in->first_ms) ||
        !get_int(r, "span_ms", json_array_get(a, 1), MS_MIN, MS_MAX, &in->last_ms))
        return 0;
    if (!read_gaps(r, o, in) || !(a = get_array(r, "offsets", json_object_get(o, "offsets"), 0, 0)))
        return 0;
    if (json_array_size(a) > FL_MAX_OFFSETS)
        return bad(r, "offsets", "more than %d", FL_MAX_OFFSETS);
    json_array_foreach(a, i, e) {
        int64_t off;
        if (!get_array(r, "offsets[]", e, 2, 0) || !get_int(r, "offsets[]", json_array_get(e, 0), -86400, 86400, &off) ||
            !get_u64(r, "offsets[]", json_array_get(e, 1), &in->offset_count[i]))
            return 0;
        in->offsets[i] = (int32_t)off;
    }
    in->n_offsets = json_array_size(a);
    return 1;
}

/* A sighting or marker's signature index. */
static int get_sig(reader *r, const char *where, const json_t *j, uint32_t *sig)
{
    int64_t v;
    if (!get_int(r, where, j, 0, r->n_sig ? (int64_t)r->n_sig - 1 : -1, &v))
        return 0;
    *sig = (uint32_t)v;
    return 1;
}

static int read_evidence(reader *r, const json_t *o, fl_input *in)
{
    const json_t *a, *e;
    size_t i;
    if (!(a = get_array(r, "sightings", json_object_get(o, "sightings"), 0, 0)))
        return 0;
    if (json_array_size(a) && !(in->sightings = calloc(json_array_size(a), sizeof *in->sightings)))
        return bad(r, "sightings", "out of memory");
    json_array_foreach(a, i, e) {
        fl_sighting *s = &in->sightings[i];
        int64_t t[2];
        if (!get_array(r, "sightings[]", e, 8, 0) || !get_sig(r, "sightings[]", json_array_get(e, 0), &s->sig) ||
            !get_u64(r, "sightings[]", json_array_get(e, 1), &s->count) ||
            !get_int(r, "sightings[]", json_array_get(e, 2), MS_MIN, MS_MAX, &t[0]) ||
            !get_int(r, "sightings[]", json_array_get(e, 3), MS_MIN, MS_MAX, &t[1]) ||
            !get_u64(r, "sightings[]", json_array_get(e, 4), &s->first_line) ||
            !get_u64(r, "sightings[]", json_array_get(e, 5), &s->last_line) ||
            !get_bytes(r, "sightings[].host", json_array_get(e, 6), s->host, sizeof s->host) ||
            !get_bytes(r, "sightings[].sample", json_array_get(e, 7), s->sample, sizeof s->sample))
            return 0;
        s->first_ms = t[0];
        s->last_ms = t[1];
        in->n_sightings = i + 1;
    }
    if (!(a = get_array(r, "markers", json_object_get(o, "markers"), 0, 0)))
        return 0;
    if (json_array_size(a) > FL_MAX_LIFECYCLE)
        return bad(r, "markers", "more than %d", FL_MAX_LIFECYCLE);
    if (json_array_size(a) && !(in->markers = calloc(json_array_size(a), sizeof *in->markers)))
        return bad(r, "markers", "out of memory");
    json_array_foreach(a, i, e) {
        fl_marker *m = &in->markers[i];
        if (!get_array(r, "markers[]", e, 5, 0) || !get_sig(r, "markers[]", json_array_get(e, 0), &m->sig) ||
            !get_int(r, "markers[]", json_array_get(e, 1), MS_MIN, MS_MAX, &m->ms) ||
            !get_u64(r, "markers[]", json_array_get(e, 2), &m->line) ||
            !get_bytes(r, "markers[].host", json_array_get(e, 3), m->host, sizeof m->host) ||
            !get_bytes(r, "markers[].sample", json_array_get(e, 4), m->sample, sizeof m->sample))
            return 0;
        in->n_markers = i + 1;
    }
    return 1;
}

/* The input's templates, when it has some. */
static int read_templates(reader *r, const json_t *o, fl_input *in)
{
    const json_t *j = json_object_get(o, "templates");
    char why[200];
    if (!j)
        return 1;
    fl_status st = fl_partial_templates_read(j, r->bucket_ms, &in->mined, why, sizeof why);
    return st == FL_OK ? 1 : bad(r, "templates", "%s", st == FL_ERR_NOMEM ? "out of memory" : why);
}

static int read_input(reader *r, const json_t *o, fl_result *res)
{
    fl_input *in = &res->in;
    char path[4096];
    int64_t v;
    if (!json_is_object(o))
        return bad(r, "inputs[]", "expected an object");
    if (!get_bytes(r, "path", json_object_get(o, "path"), path, sizeof path) ||
        !(in->path = strdup(path)))
        return r->failed ? 0 : bad(r, "path", "out of memory");
    if (!get_int(r, "source_len", json_object_get(o, "source_len"), 0, (int64_t)strlen(path), &v))
        return 0;
    in->source_len = (size_t)v;
    if (!(in->format = format_name(r, json_object_get(o, "format"))) ||
        !get_int(r, "format_score", json_object_get(o, "format_score"), 0, 100, &v))
        return 0;
    in->format_score = (int)v;
    if (!get_bytes(r, "format_why", json_object_get(o, "format_why"), in->format_why, sizeof in->format_why) ||
        !get_int(r, "gzip", json_object_get(o, "gzip"), 0, 1, &v))
        return 0;
    json_t *year_why = json_object_get(o, "year_why"); /* absent in older partials */
    if (year_why && !get_bytes(r, "year_why", year_why, in->year_why, sizeof in->year_why))
        return 0;
    in->gzip = (int)v;
    if (!get_int(r, "binary", json_object_get(o, "binary"), 0, 1, &v))
        return 0;
    in->binary = (int)v;
    if (!get_int(r, "status", json_object_get(o, "status"), 0, FL_STATUS_N - 1, &v))
        return 0;
    in->status = (fl_status)v;
    return get_bytes(r, "error", json_object_get(o, "error"), in->error, sizeof in->error) &&
           read_counts(r, o, in) && read_evidence(r, o, in) &&
           read_buckets(r, json_object_get(o, "buckets"), &res->buckets) && read_templates(r, o, in);
}

/* Header of one partial; 0 (error noted) when it is not one this build reads. */
static int read_header(reader *r, const json_t *root, fl_partial_header *h)
{
    const char *fmt = json_string_value(json_object_get(root, "format"));
    int64_t v;
    memset(h, 0, sizeof *h);
    if (!json_is_object(root) || !fmt || strcmp(fmt, FL_PARTIAL_FORMAT) != 0)
        return bad(r, "format", "not a faultline partial (made by faultline scan --partial)");
    if (!get_int(r, "version", json_object_get(root, "version"), 0, INT32_MAX, &v))
        return 0;
    if (v != FL_PARTIAL_VERSION)
        return bad(r, "version", "partial format version %lld; this faultline reads version %d",
                   (long long)v, FL_PARTIAL_VERSION);
    if (!get_int(r, "bucket_ms", json_object_get(root, "bucket_ms"), 1000, 86400000, &h->bucket_ms) ||
        !get_bytes(r, "fail_status", json_object_get(root, "fail_status"), h->fail_status,
                   sizeof h->fail_status) ||
        !get_bytes(r, "input_tz", json_object_get(root, "input_tz"), h->input_tz, sizeof h->input_tz))
        return 0;
    const json_t *sigs = json_object_get(root, "signatures");
    const char *digest = json_string_value(json_object_get(sigs, "digest"));
    char *end;
    if (!get_int(r, "signatures.count", json_object_get(sigs, "count"), 0, INT32_MAX, &v))
        return 0;
    h->n_sig = (size_t)v;
    h->sig_digest = digest ? strtoull(digest, &end, 16) : 0;
    if (!digest || strlen(digest) != 16 || *end)
        return bad(r, "signatures.digest", "expected 16 hex digits");
    return 1;
}

/* Append one result slot to *res; NULL when out of memory. */
static fl_result *grow_results(fl_result **res, size_t *n)
{
    fl_result *p = realloc(*res, (*n + 1) * sizeof *p);
    if (!p)
        return NULL;
    *res = p;
    memset(&p[*n], 0, sizeof p[*n]);
    return &p[(*n)++];
}

/* Skip whitespace; nonzero when more data follows. */
static int more_data(FILE *in)
{
    int c;
    while ((c = getc(in)) == ' ' || c == '\n' || c == '\r' || c == '\t')
        ;
    if (c == EOF)
        return 0;
    ungetc(c, in);
    return 1;
}

fl_status fl_partial_read(FILE *in, const char *name, size_t max_span,
                          int (*check)(const fl_partial_header *h, void *ctx, char *err, size_t errlen),
                          void *ctx, fl_result **res, size_t *n, char *err, size_t errlen)
{
    reader r = {name, 0, err, errlen, 0, 0, 0, max_span};
    int any = 0;
    while (more_data(in) || !any) {
        json_error_t je;
        r.index++;
        any = 1;
        json_t *root = json_loadf(in, JSON_DISABLE_EOF_CHECK, &je);
        if (!root) {
            snprintf(err, errlen, "%s (partial #%zu): not a complete faultline partial (cut short, or not JSON): line %d: %s",
                     name, r.index, je.line, je.text);
            return FL_ERR_PARSE;
        }
        fl_partial_header h;
        const json_t *inputs = NULL;
        if (read_header(&r, root, &h))
            inputs = get_array(&r, "inputs", json_object_get(root, "inputs"), 0, 0);
        if (inputs && check(&h, ctx, err, errlen)) {
            char why[400];
            snprintf(why, sizeof why, "%s", err);
            snprintf(err, errlen, "%s (partial #%zu) cannot be merged here: %s", name, r.index, why);
            json_decref(root);
            return FL_ERR_USAGE;
        }
        r.bucket_ms = h.bucket_ms;
        r.n_sig = h.n_sig;
        size_t i;
        const json_t *o;
        json_array_foreach(inputs, i, o) {
            fl_result *x = grow_results(res, n);
            if (!x) {
                json_decref(root);
                return FL_ERR_NOMEM;
            }
            fl_buckets_init(&x->buckets, h.bucket_ms, max_span);
            x->buckets.n_sig = h.n_sig;
            if (!read_input(&r, o, x))
                break;
        }
        json_decref(root);
        if (r.failed)
            return FL_ERR_PARSE;
    }
    return FL_OK;
}

fl_status fl_partial_identify(FILE *f, fl_partial_id *id)
{
    unsigned char buf[65536];
    size_t got;
    id->digest = 0xcbf29ce484222325u;
    id->size = 0;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < got; i++)
            id->digest = (id->digest ^ buf[i]) * 0x100000001b3u;
        id->size += got;
    }
    if (ferror(f) || fseek(f, 0, SEEK_SET) != 0)
        return FL_ERR_IO;
    return FL_OK;
}
