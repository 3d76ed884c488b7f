/* partial.c: partial results as JSON (jansson), written by `faultline scan
 * --partial` (read back by `faultline merge` in partial_read.c): the header and the
 * writer. Format in partial.h. */
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


/* ---- header ---- */

void fl_partial_header_of(const fl_config *cfg, fl_partial_header *h)
{
    memset(h, 0, sizeof *h);
    h->bucket_ms = cfg->bucket_ms;
    size_t len = 0;
    for (int lo = 0; lo < FL_MAX_STATUS; lo++) {
        if (!cfg->fail_status[lo])
            continue;
        int hi = lo;
        while (hi + 1 < FL_MAX_STATUS && cfg->fail_status[hi + 1])
            hi++;
        len += (size_t)snprintf(h->fail_status + len, sizeof h->fail_status - len,
                                hi > lo ? "%s%d-%d" : "%s%d", len ? "," : "", lo, hi);
        if (len >= sizeof h->fail_status)
            len = sizeof h->fail_status - 1;
        lo = hi;
    }
    if (cfg->input_tz)
        snprintf(h->input_tz, sizeof h->input_tz, "%s", fl_tz_name(cfg->input_tz));
    if (cfg->patterns) {
        h->n_sig = fl_patterns_count(cfg->patterns);
        h->sig_digest = fl_patterns_digest(cfg->patterns);
    }
}

int fl_partial_header_differs(const fl_partial_header *a, const fl_partial_header *b, char *err,
                              size_t errlen)
{
    if (a->bucket_ms != b->bucket_ms)
        snprintf(err, errlen, "bucket width %lld s, not %lld s", (long long)(a->bucket_ms / 1000),
                 (long long)(b->bucket_ms / 1000));
    else if (strcmp(a->fail_status, b->fail_status) != 0)
        snprintf(err, errlen, "failing statuses %s, not %s", a->fail_status, b->fail_status);
    else if (strcmp(a->input_tz, b->input_tz) != 0)
        snprintf(err, errlen, "--input-tz '%s', not '%s'", a->input_tz, b->input_tz);
    else if (a->n_sig != b->n_sig || a->sig_digest != b->sig_digest)
        snprintf(err, errlen,
                 "another signature library (%zu signatures, digest %016llx; here %zu, %016llx): "
                 "use the same faultline version and --patterns",
                 a->n_sig, (unsigned long long)a->sig_digest, b->n_sig, (unsigned long long)b->sig_digest);
    else
        return 0;
    return 1;
}

/* ---- writing ---- */

/* Whether s is UTF-8 as jansson takes it (no overlong form, surrogate or code
 * point above U+10FFFF). */
static int utf8_valid(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s, n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : 9;
        if (n == 9)
            return 0;
        uint32_t cp = n ? c & (0x3fu >> n) : c;
        for (unsigned k = 1; k <= n; k++) {
            if ((s[k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[k] & 0x3f);
        }
        static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        s += n + 1;
    }
    return 1;
}

json_t *fl_partial_bytes_json(const char *s)
{
    json_t *j = json_string(s);
    if (j || utf8_valid((const unsigned char *)s))
        return j; /* NULL for valid text: out of memory, not a reason for hex */
    size_t n = strlen(s);
    char *hex = malloc(2 * n + 1);
    if (!hex)
        return NULL;
    for (size_t i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", (unsigned char)s[i]);
    j = json_pack("{s:s}", "hex", hex);
    free(hex);
    return j;
}

#define bytes_json fl_partial_bytes_json

static json_t *u64(uint64_t v) { return json_integer((json_int_t)v); }

/* Whether a bucket holds anything (fl_buckets_merge skips the others). */
static int bucket_used(const fl_bucket *k)
{
    return k->requests || k->entries || k->detail || k->sig_hits || k->latency;
}

/* Rows of the used buckets as [offset from "first", counters...], "first" being
 * the first used bucket (so one content has one text), and the optional parts in
 * their own lists. A failed append sets *nomem. */
static json_t *buckets_json(const fl_buckets *b, int *nomem)
{
    json_t *rows = json_array(), *detail = json_array(), *hits = json_array(), *lat = json_array();
    size_t i0 = 0, span = fl_buckets_span(b);
    while (i0 < span && !bucket_used(fl_buckets_get(b, i0)))
        i0++;
    int64_t first = fl_buckets_first_index(b) + (int64_t)i0;
    for (size_t j = i0; j < span; j++) {
        const fl_bucket *k = fl_buckets_get(b, j);
        size_t i = j - i0;
        if (!bucket_used(k))
            continue;
        const uint32_t counters[] = {k->requests,    k->failed,      k->by_class[0], k->by_class[1],
                                     k->by_class[2], k->by_class[3], k->by_class[4], k->by_class[5],
                                     k->entries,     k->errors};
        json_t *row = json_pack("[I]", (json_int_t)i);
        for (size_t c = 0; c < sizeof counters / sizeof counters[0]; c++)
            fl_json_append(nomem, row, u64(counters[c]));
        for (size_t c = 0; c < FL_CLIENT_N; c++)
            fl_json_append(nomem, row, u64(k->client_sample[c]));
        fl_json_append(nomem, row, u64(k->req_first));
        fl_json_append(nomem, row, u64(k->req_last));
        fl_json_append(nomem, row, u64(k->warnings));
        fl_json_append(nomem, row, u64(k->first_off));
        fl_json_append(nomem, row, u64(k->last_off));
        fl_json_append(nomem, rows, row);
        if (k->detail) {
            /* Slots in array order: the space-saving merge depends on it. */
            json_t *codes = json_array(), *paths = json_array(), *ups = json_array(), *cls = json_array();
            for (size_t c = 0; c < FL_TOP_CODES && k->detail->codes[c].count; c++)
                fl_json_append(nomem, codes, json_pack("[i,I]", k->detail->codes[c].code,
                                                       (json_int_t)k->detail->codes[c].count));
            for (size_t p = 0; p < FL_TOP_PATHS && k->detail->paths[p].count; p++)
                fl_json_append(nomem, paths, json_pack("[o,I,I]", bytes_json(k->detail->paths[p].path),
                                                       (json_int_t)k->detail->paths[p].count,
                                                       (json_int_t)k->detail->paths[p].err));
            for (size_t p = 0; p < FL_TOP_UPSTREAMS && k->detail->upstreams[p].count; p++)
                fl_json_append(nomem, ups, json_pack("[o,I,I]", bytes_json(k->detail->upstreams[p].upstream),
                                                     (json_int_t)k->detail->upstreams[p].count,
                                                     (json_int_t)k->detail->upstreams[p].err));
            for (size_t c = 0; c < FL_CLIENT_N; c++)
                fl_json_append(nomem, cls, u64(k->detail->by_client[c]));
            fl_json_append(nomem, detail, json_pack("[I,o,I,o,o,o]", (json_int_t)i, codes,
                                                    (json_int_t)k->detail->codes_other, paths, ups, cls));
        }
        if (k->sig_hits) {
            json_t *h = json_pack("[I]", (json_int_t)i);
            for (size_t s = 0; s < b->n_sig; s++)
                if (k->sig_hits[s]) {
                    fl_json_append(nomem, h, u64(s));
                    fl_json_append(nomem, h, u64(k->sig_hits[s]));
                }
            fl_json_append(nomem, hits, h);
        }
        if (k->latency) {
            json_t *l = json_pack("[I]", (json_int_t)i);
            for (size_t s = 0; s < FL_LAT_BINS; s++)
                if (k->latency[s]) {
                    fl_json_append(nomem, l, u64(s));
                    fl_json_append(nomem, l, u64(k->latency[s]));
                }
            fl_json_append(nomem, lat, l);
        }
    }
    return json_pack("{s:I,s:o,s:o,s:o,s:o}", "first", (json_int_t)first, "rows", rows, "detail",
                     detail, "hits", hits, "latency", lat);
}

/* One input's entry and its buckets; a failed set or append sets *nomem. */
static json_t *input_json(const fl_input *in, const fl_buckets *b, int *nomem)
{
    json_t *o = json_object(), *a;
    fl_json_set(nomem, o, "path", bytes_json(in->path));
    fl_json_set(nomem, o, "source_len", u64(in->source_len));
    fl_json_set(nomem, o, "format", json_string(in->format));
    fl_json_set(nomem, o, "format_score", json_integer(in->format_score));
    fl_json_set(nomem, o, "format_why", bytes_json(in->format_why));
    fl_json_set(nomem, o, "year_why", bytes_json(in->year_why));
    fl_json_set(nomem, o, "gzip", json_integer(in->gzip));
    fl_json_set(nomem, o, "binary", json_integer(in->binary));
    fl_json_set(nomem, o, "status", json_integer(in->status));
    fl_json_set(nomem, o, "error", bytes_json(in->error));
    const uint64_t counts[] = {in->bytes,   in->lines,          in->blank,
                               in->header,  in->continuation,   in->records,
                               in->access_records, in->server_errors, in->local_time_records,
                               in->markers_dropped};
    a = json_array();
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
        fl_json_append(nomem, a, u64(counts[k]));
    fl_json_set(nomem, o, "counts", a);
    if (in->match_limited) /* only then: partials without it stay as they were */
        fl_json_set(nomem, o, "match_limited", u64(in->match_limited));
    a = json_array();
    for (size_t k = 0; k < FL_SKIP_N; k++)
        fl_json_append(nomem, a, u64(in->skipped[k]));
    fl_json_set(nomem, o, "skipped", a);
    a = json_array();
    for (size_t k = 0; k < in->n_bad_line; k++)
        fl_json_append(nomem, a, u64(in->bad_line[k]));
    fl_json_set(nomem, o, "bad_lines", a);
    fl_json_set(nomem, o, "span_ms", json_pack("[I,I]", (json_int_t)in->first_ms, (json_int_t)in->last_ms));
    fl_json_set(nomem, o, "span_lines", json_pack("[I,I]", (json_int_t)in->first_line, (json_int_t)in->last_line));
    a = json_array();
    for (size_t k = 0; k < in->n_gaps; k++) {
        const fl_gap *g = &in->gaps[k];
        fl_json_append(nomem, a, json_pack("[I,I,I,I]", (json_int_t)g->from_ms, (json_int_t)g->to_ms,
                                           (json_int_t)g->from_line, (json_int_t)g->to_line));
    }
    fl_json_set(nomem, o, "gaps", a);
    a = json_array();
    for (size_t k = 0; k < in->n_offsets; k++)
        fl_json_append(nomem, a, json_pack("[i,I]", in->offsets[k], (json_int_t)in->offset_count[k]));
    fl_json_set(nomem, o, "offsets", a);
    a = json_array();
    for (size_t k = 0; k < in->n_sightings; k++) {
        const fl_sighting *s = &in->sightings[k];
        fl_json_append(nomem, a, json_pack("[I,I,I,I,I,I,o,o]", (json_int_t)s->sig, (json_int_t)s->count,
                                           (json_int_t)s->first_ms, (json_int_t)s->last_ms,
                                           (json_int_t)s->first_line, (json_int_t)s->last_line,
                                           bytes_json(s->host), bytes_json(s->sample)));
    }
    fl_json_set(nomem, o, "sightings", a);
    a = json_array();
    for (size_t k = 0; k < in->n_markers; k++) {
        const fl_marker *m = &in->markers[k];
        fl_json_append(nomem, a, json_pack("[I,I,I,o,o]", (json_int_t)m->sig, (json_int_t)m->ms, (json_int_t)m->line,
                                           bytes_json(m->host), bytes_json(m->sample)));
    }
    fl_json_set(nomem, o, "markers", a);
    fl_json_set(nomem, o, "buckets", buckets_json(b, nomem));
    if (in->mined) /* templates mined from it (absent with --no-mine) */
        fl_json_set(nomem, o, "templates", fl_partial_templates_json(in->mined));
    return o;
}

fl_status fl_partial_write(const fl_analysis *a, FILE *out)
{
    fl_partial_header h;
    fl_partial_header_of(a->cfg, &h);
    char digest[17];
    snprintf(digest, sizeof digest, "%016llx", (unsigned long long)h.sig_digest);
    json_t *inputs = json_array();
    int nomem = 0;
    for (size_t i = 0; !nomem && i < a->n_inputs; i++)
        fl_json_append(&nomem, inputs, input_json(&a->inputs[i], &a->input_buckets[i], &nomem));
    if (nomem) { /* never a partial short of a value */
        json_decref(inputs);
        inputs = NULL;
    }
    json_t *root = inputs ? json_pack("{s:s,s:i,s:s,s:I,s:s,s:s,s:{s:I,s:s},s:o}", "format",
                                      FL_PARTIAL_FORMAT, "version", FL_PARTIAL_VERSION,
                                      "tool_version", FL_VERSION, "bucket_ms", (json_int_t)h.bucket_ms,
                                      "fail_status", h.fail_status, "input_tz", h.input_tz, "signatures",
                                      "count", (json_int_t)h.n_sig, "digest", digest, "inputs", inputs)
                          : NULL;
    if (!root)
        return FL_ERR_NOMEM;
    int rc = json_dumpf(root, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
        return FL_ERR_IO;
    return FL_OK;
}
