/* report_json_write.c: writing report.json: the tree of report_json.c through
 * jansson, then the buckets array, streamed as text. */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fl_json.h"
#include "report/report.h"
#include "report/report_json_int.h"

/* ---- the buckets array, streamed ---------------------------------------------- */

/* The buckets are the bulk of the report (an object a minute), which as a jansson
 * tree, with a printf for every number, cost more than all the other outputs
 * together; each is built as text in a row buffer instead. The text is byte for
 * byte what json_dumpf writes with JSON_INDENT(2) and JSON_REAL_PRECISION(12)
 * (check_report compares the two on every fixture). Nothing here is escaped by hand:
 * a bucket holds numbers, booleans and its start (an ISO time we format); every
 * text that comes from the logs (paths, names, messages) stays with jansson. */

/* A real as jansson writes it: "%.12g", ".0" added when that has no '.' or 'e', no
 * '+' or leading zeros in the exponent. */
static void put_real(fl_row *j, double v)
{
    char t[40];
    int k = snprintf(t, sizeof t, "%.12g", v);
    if (k <= 0 || (size_t)k >= sizeof t - 3)
        k = snprintf(t, sizeof t, "0.0");
    if (!strchr(t, '.') && !strchr(t, 'e') && !strchr(t, 'n') && !strchr(t, 'i'))
        memcpy(t + k, ".0", 3);
    char *e = strchr(t, 'e');
    if (e) {
        char *from = e + 1, *to = e + 1;
        if (*from == '-')
            from++, to++;
        else if (*from == '+')
            from++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
    }
    fl_row_str(j, t);
}

/* scaled / 10^decimals (1 <= decimals <= 3) for an integral scaled (the value
 * rounded to that many decimals), as put_real writes that value: the same digits
 * without "%.12g" (12 significant digits always hold them, so it prints the exact
 * decimal: the fixed text with its trailing zeros removed, one kept). */
static void put_decimal(fl_row *j, double scaled, int decimals)
{
    static const double pow10[] = {1, 10, 100, 1000};
    if (!(fabs(scaled) < 1e12)) { /* NaN, huge: the general path */
        put_real(j, scaled / pow10[decimals]);
        return;
    }
    char t[48];
    size_t n = fl_fmt_fixed(t, scaled / pow10[decimals], decimals);
    while (t[n - 1] == '0' && t[n - 2] != '.')
        n--;
    t[n] = 0;
    fl_row_str(j, t);
}

static void put_field(fl_row *j, const char *indent, const char *key)
{
    fl_row_str(j, ",\n");
    fl_row_str(j, indent);
    fl_row_str(j, "\"");
    fl_row_str(j, key);
    fl_row_str(j, "\": ");
}

/* Bucket i: what bucket objects used to hold, in the same order. */
static void bucket_text(const fl_report *r, size_t i, fl_row *j)
{
    static const char *const classes[6] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
    static const char *const in = "      ";
    const fl_detection *d = r->detection;
    const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
    char when[40];
    fl_row_str(j, i ? ",\n    {\n      \"start\": \"" : "\n    {\n      \"start\": \"");
    fl_row_str(j, fl_report_iso(r, fl_report_bucket_start(r, i), when, sizeof when));
    fl_row_str(j, "\"");
    put_field(j, in, "requests");
    fl_row_u64(j, r->requests[i]);
    put_field(j, in, "failed");
    fl_row_u64(j, r->failed[i]);
    put_field(j, in, "error_rate_pct");
    put_decimal(j, fl_rj_pct_thousandths(r->requests[i] ? (double)r->failed[i] / r->requests[i] : 0), 3);
    put_field(j, in, "impact_pct");
    put_decimal(j, fl_rj_pct_thousandths(d->impact[i]), 3);
    put_field(j, in, "expected_requests");
    put_real(j, d->expected[i]);
    put_field(j, in, "bad");
    fl_row_str(j, d->bad[i] ? "true" : "false");
    for (size_t k = 1; k < 6; k++) {
        put_field(j, in, classes[k]);
        fl_row_u64(j, b->by_class[k]);
    }
    if (b->latency) {
        static const char *const names[3] = {"p50", "p95", "p99"};
        double q[3];
        fl_report_latency(r, i, i + 1, &q[0], &q[1], &q[2]);
        fl_row_str(j, ",\n      \"latency_ms\": {");
        for (int k = 0; k < 3; k++) {
            fl_row_str(j, k ? ",\n        \"" : "\n        \"");
            fl_row_str(j, names[k]);
            fl_row_str(j, "\": ");
            if (q[k] < 0)
                fl_row_str(j, "null");
            else
                put_decimal(j, fl_rj_ms_tenths(q[k]), 1);
        }
        fl_row_str(j, "\n      }");
    }
    fl_row_str(j, "\n    }");
}

/* "buckets": [...] as the root's last member, after the text of the rest of the
 * root ("{\n ... \n}" from jansson, without its closing "\n}"). */
static int write_buckets(const fl_report *r, FILE *out)
{
    fl_row j;
    j.out = out;
    j.n = 0;
    fl_row_str(&j, ",\n  \"buckets\": [");
    for (size_t i = 0; i < r->n; i++)
        bucket_text(r, i, &j);
    fl_row_str(&j, r->n ? "\n  ]\n}" : "]\n}");
    fl_row_flush(&j);
    return ferror(out) ? -1 : 0;
}

/* json_dump_callback's sink: everything to out but the last two bytes ("\n}"),
 * before which the buckets go. failed notes a write error or any call after one:
 * jansson 2.14 ignores some of its callback's failures (an object key's), so the
 * error is kept here and not left to its return value. */
typedef struct json_sink {
    FILE *out;
    char tail[2];
    size_t have;
    int failed;
} json_sink;

static int sink_bytes(const char *buf, size_t size, void *data)
{
    json_sink *j = data;
    if (j->failed)
        return -1;
    if (size >= 2) {
        fwrite(j->tail, 1, j->have, j->out);
        fwrite(buf, 1, size - 2, j->out);
        memcpy(j->tail, buf + size - 2, 2);
        j->have = 2;
    } else if (size == 1 && j->have == 2) {
        fputc(j->tail[0], j->out);
        j->tail[0] = j->tail[1];
        j->tail[1] = buf[0];
    } else if (size == 1) {
        j->tail[j->have++] = buf[0];
    }
    j->failed = ferror(j->out) != 0;
    return j->failed ? -1 : 0;
}

fl_status fl_write_json(const fl_report *r, FILE *out)
{
    json_t *root = fl_rj_tree(r);
    if (!root)
        return FL_ERR_NOMEM;
    json_sink sink = {out, {0, 0}, 0, 0};
    int rc = json_dump_callback(root, sink_bytes, &sink,
                                JSON_INDENT(2) | JSON_REAL_PRECISION(12) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || sink.failed || sink.have != 2 || memcmp(sink.tail, "\n}", 2) != 0)
        return ferror(out) ? FL_ERR_IO : FL_ERR_NOMEM;
    if (write_buckets(r, out) != 0 || fputc('\n', out) == EOF)
        return FL_ERR_IO;
    return FL_OK;
}
