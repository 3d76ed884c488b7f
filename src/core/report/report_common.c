/* report_common.c: what every writer needs: bucket times in the report zone and the
 * failing status codes / paths / upstreams / client classes of a window. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/report.h"

const fl_words *fl_report_words(const fl_report *r)
{
    static const fl_words access = {"requests", "failed", "failed requests", "Failed requests",
                                   "requests failed"};
    static const fl_words server = {"log entries", "were errors", "error entries", "Error entries",
                                   "error-level log entries surged"};
    return r->analysis->access_records ? &access : &server;
}

const char *fl_report_short_path(const char *p)
{
    const char *last = strrchr(p, '/');
    if (!last)
        return p;
    const char *prev = last;
    while (prev > p && prev[-1] != '/')
        prev--;
    return prev > p || *p != '/' ? prev : last + 1;
}

size_t fl_fmt_u64(char *out, uint64_t v)
{
    char d[20];
    size_t k = 0, n = 0;
    do
        d[k++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (k)
        out[n++] = d[--k];
    return n;
}

size_t fl_fmt_fixed(char *out, double v, int decimals)
{
    static const uint64_t p10[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0 || decimals > 6 || !(fabs(v) * (double)p10[decimals] < 1e18))
        return (size_t)snprintf(out, 40, "%.*f", decimals, v); /* NaN, inf, huge */
    size_t n = 0;
    if (signbit(v)) {
        out[n++] = '-';
        v = -v;
    }
    /* v * 10^d = x * 2^e exactly, x an integer of at most 73 bits. */
    int e;
    double f = frexp(v, &e);
    unsigned __int128 x = (unsigned __int128)(uint64_t)ldexp(f, 53) * p10[decimals];
    e -= 53;
    uint64_t q;
    if (e >= 0) {
        q = (uint64_t)(x << e);
    } else if (e <= -127) {
        q = 0; /* below 2^-54: rounds to 0 */
    } else {
        unsigned s = (unsigned)-e;
        unsigned __int128 rem = x & (((unsigned __int128)1 << s) - 1), half = (unsigned __int128)1 << (s - 1);
        q = (uint64_t)(x >> s);
        q += rem > half || (rem == half && (q & 1));
    }
    n += fl_fmt_u64(out + n, q / p10[decimals]);
    if (decimals > 0) {
        uint64_t frac = q % p10[decimals];
        out[n++] = '.';
        for (int k = decimals - 1; k >= 0; k--, frac /= 10)
            out[n + (size_t)k] = (char)('0' + frac % 10);
        n += (size_t)decimals;
    }
    return n;
}

int64_t fl_report_bucket_start(const fl_report *r, size_t i)
{
    int64_t ms = (r->first_index + (int64_t)i) * r->analysis->cfg->bucket_ms;
    return fl_floor_div(ms, 1000);
}

char *fl_report_iso(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    return fl_time_iso(utc_s, fl_tz_offset_at(r->tz, utc_s, NULL), buf, len);
}

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

/* "16:25:03"; with seconds always when secs, else only when not zero ("16:25"). */
static char *clock_text(const fl_report *r, int64_t utc_s, char *buf, size_t len, int secs)
{
    fl_civil c;
    fl_civil_from_seconds(utc_s + fl_tz_offset_at(r->tz, utc_s, NULL), &c);
    if (c.second || secs)
        snprintf(buf, len, "%02u:%02u:%02u", c.hour, c.minute, c.second);
    else
        snprintf(buf, len, "%02u:%02u", c.hour, c.minute);
    return buf;
}

char *fl_report_clock(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    return clock_text(r, utc_s, buf, len, 0);
}

const char *fl_report_duration(int64_t s, char *buf, size_t len)
{
    int64_t d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
    if (s < 60)
        snprintf(buf, len, "%lld s", (long long)s);
    else if (d)
        snprintf(buf, len, "%lld d %lld h", (long long)d, (long long)h);
    else if (h && m)
        snprintf(buf, len, "%lld h %lld min", (long long)h, (long long)m);
    else if (h)
        snprintf(buf, len, "%lld h", (long long)h);
    else
        snprintf(buf, len, "%lld min", (long long)m);
    return buf;
}

/* The local day number of utc_s in the report zone. */
static int64_t local_day(const fl_report *r, int64_t utc_s)
{
    return fl_floor_div(utc_s + fl_tz_offset_at(r->tz, utc_s, NULL), 86400);
}

int fl_report_multiday(const fl_report *r)
{
    int64_t t0 = fl_report_bucket_start(r, 0), t1 = fl_report_bucket_start(r, r->n) - 1;
    return r->n && local_day(r, t0) != local_day(r, t1 > t0 ? t1 : t0);
}

int fl_report_offset_changes(const fl_report *r)
{
    int64_t t0 = fl_report_bucket_start(r, 0), t1 = fl_report_bucket_start(r, r->n);
    /* Any change within the span, not only between its ends: spring and autumn both */
    return r->n && fl_tz_next_change(r->tz, t0) <= t1;
}

/* fl_report_hm and fl_report_hms: the day when the span crosses one, the clock, the
 * abbreviation when the offset changes. */
static char *day_clock(const fl_report *r, int64_t utc_s, char *buf, size_t len, int secs)
{
    size_t o = 0;
    if (fl_report_multiday(r)) {
        fl_civil c;
        fl_civil_from_seconds(utc_s + fl_tz_offset_at(r->tz, utc_s, NULL), &c);
        o = (size_t)snprintf(buf, len, "%u %s ", c.day, month_names[c.month - 1]);
    }
    if (o < len)
        clock_text(r, utc_s, buf + o, len - o, secs);
    if (fl_report_offset_changes(r)) { /* "02:40 CEST", "02:20 CET": the clock went back */
        const char *abbr;
        fl_tz_offset_at(r->tz, utc_s, &abbr);
        o = strlen(buf);
        if (o < len)
            snprintf(buf + o, len - o, " %s", abbr);
    }
    return buf;
}

char *fl_report_hm(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    return day_clock(r, utc_s, buf, len, 0);
}

char *fl_report_hms(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    return day_clock(r, utc_s, buf, len, 1);
}

char *fl_report_at(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    fl_report_clock(r, utc_s, buf, len);
    size_t o = strlen(buf);
    if (fl_report_offset_changes(r) && o < len) {
        const char *abbr;
        fl_tz_offset_at(r->tz, utc_s, &abbr);
        o += (size_t)snprintf(buf + o, len - o, " %s", abbr);
    }
    if (fl_report_multiday(r) && o < len) {
        fl_civil c;
        fl_civil_from_seconds(utc_s + fl_tz_offset_at(r->tz, utc_s, NULL), &c);
        snprintf(buf + o, len - o, " on %u %s", c.day, month_names[c.month - 1]);
    }
    return buf;
}

int64_t fl_report_request_ms(const fl_report *r, size_t i, int last)
{
    const fl_buckets *b = &r->analysis->buckets;
    int64_t start = fl_report_bucket_start(r, i) * 1000, width = r->analysis->cfg->bucket_ms;
    int64_t at = (int64_t)(i) + r->first_index - fl_buckets_first_index(b);
    if (at < 0 || (size_t)at >= fl_buckets_span(b))
        return start;
    const fl_bucket *k = fl_buckets_get(b, (size_t)at);
    uint32_t v = last ? k->req_last : k->req_first;
    return v && v <= width ? start + v - 1 : start;
}

char *fl_report_date(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    const char *const *months = month_names;
    fl_civil c;
    fl_civil_from_seconds(utc_s + fl_tz_offset_at(r->tz, utc_s, NULL), &c);
    snprintf(buf, len, "%u %s %lld", c.day, months[c.month - 1], (long long)c.year);
    return buf;
}

/* Fill s for incident inc; nonzero when the incident is a silence: traffic stopped
 * for at least onset_buckets (2 at least) and the requests that were logged did not
 * fail beyond the threshold. Access logs only (server logs have their own words). */
int fl_report_silence(const fl_report *r, const fl_incident *inc, fl_silence *s)
{
    size_t best = 0, i = inc->onset;
    memset(s, 0, sizeof *s);
    while (i < inc->end) {
        size_t j = i;
        while (j < inc->end && r->requests[j] == 0)
            j++;
        if (j - i > best) {
            best = j - i;
            s->from = i;
            s->to = j;
        }
        i = j > i ? j : i + 1;
    }
    unsigned need = r->analysis->cfg->detect.onset_buckets;
    if (!r->analysis->access_records || best < (need > 2 ? need : 2) ||
        (double)inc->failed > r->detection->threshold * (double)inc->requests)
        return 0;
    s->last_s = s->first_s = -1;
    for (size_t k = s->from; k-- > 0;)
        if (r->requests[k]) {
            s->last_s = fl_floor_div(fl_report_request_ms(r, k, 1), 1000);
            s->last_b = k;
            break;
        }
    for (size_t k = s->to; k < r->n; k++)
        if (r->requests[k]) {
            s->first_s = fl_floor_div(fl_report_request_ms(r, k, 0), 1000);
            s->first_b = k;
            break;
        }
    return 1;
}

/* Add count under key in a small table; returns 0 when the table is full. */
static int tally(fl_top_item *t, size_t *n, size_t cap, const char *key, uint64_t count,
                 uint64_t err)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(t[i].key, key) == 0) {
            t[i].count += count;
            t[i].err += err;
            return 1;
        }
    if (*n == cap)
        return 0;
    snprintf(t[*n].key, sizeof t[*n].key, "%s", key);
    t[*n].count = count;
    t[*n].err = err;
    (*n)++;
    return 1;
}

static int cmp_top(const void *a, const void *b)
{
    const fl_top_item *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->key, y->key);
}

/* Sort the table and copy the first max into out; returns the number copied. */
static size_t take_top(fl_top_item *t, size_t n, fl_top_item *out, size_t max)
{
    qsort(t, n, sizeof *t, cmp_top);
    size_t k = n < max ? n : max;
    memcpy(out, t, k * sizeof *t);
    return k;
}

#define FL_TALLY_CAP 4096

size_t fl_report_top_codes(const fl_report *r, size_t from, size_t to, fl_top_item *out,
                           size_t max, uint64_t *other)
{
    fl_top_item t[64];
    size_t n = 0;
    *other = 0;
    char key[8];
    for (size_t i = from; i < to; i++) {
        const fl_bucket_detail *d = fl_buckets_get(&r->analysis->buckets, i)->detail;
        if (!d)
            continue;
        *other += d->codes_other;
        for (size_t k = 0; k < FL_TOP_CODES && d->codes[k].count; k++) {
            snprintf(key, sizeof key, "%u", d->codes[k].code);
            if (!tally(t, &n, 64, key, d->codes[k].count, 0))
                *other += d->codes[k].count;
        }
    }
    return take_top(t, n, out, max);
}

/* The largest entries of a space-saving summary kept per bucket, over buckets
 * [from, to): the failing paths, or (upstreams != 0) the failing upstreams. */
static size_t top_summary(const fl_report *r, size_t from, size_t to, fl_top_item *out, size_t max,
                          int upstreams)
{
    fl_top_item *t = malloc(FL_TALLY_CAP * sizeof *t);
    size_t n = 0;
    if (!t) {
        fl_report_nomem(r);
        return 0;
    }
    for (size_t i = from; i < to; i++) {
        const fl_bucket_detail *d = fl_buckets_get(&r->analysis->buckets, i)->detail;
        for (size_t k = 0; d && k < (upstreams ? FL_TOP_UPSTREAMS : FL_TOP_PATHS); k++) {
            const fl_path_count *p = upstreams ? NULL : &d->paths[k];
            const fl_upstream_count *u = upstreams ? &d->upstreams[k] : NULL;
            uint32_t count = p ? p->count : u->count;
            if (!count)
                break;
            tally(t, &n, FL_TALLY_CAP, p ? p->path : u->upstream, count, p ? p->err : u->err);
        }
    }
    size_t k = take_top(t, n, out, max);
    free(t);
    return k;
}

size_t fl_report_top_paths(const fl_report *r, size_t from, size_t to, fl_top_item *out,
                           size_t max)
{
    return top_summary(r, from, to, out, max, 0);
}

size_t fl_report_top_upstreams(const fl_report *r, size_t from, size_t to, fl_top_item *out,
                               size_t max)
{
    return top_summary(r, from, to, out, max, 1);
}

void fl_report_client_mix(const fl_report *r, size_t from, size_t to, fl_client_mix *m)
{
    memset(m, 0, sizeof *m);
    for (size_t i = from; i < to && i < r->n; i++) {
        const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
        m->total_requests += b->requests;
        for (size_t c = 0; c < FL_CLIENT_N; c++) {
            m->sampled[c] += b->client_sample[c];
            m->total_sampled += b->client_sample[c];
            if (b->detail) {
                m->failed[c] += b->detail->by_client[c];
                m->total_failed += b->detail->by_client[c];
            }
        }
    }
    uint64_t ok = m->total_requests > m->total_failed ? m->total_requests - m->total_failed : 0;
    for (size_t c = 0; c < FL_CLIENT_N; c++) {
        m->requests[c] = (double)m->failed[c];
        if (m->total_sampled)
            m->requests[c] += (double)ok * (double)m->sampled[c] / (double)m->total_sampled;
        if (c != FL_CLIENT_UNKNOWN && (m->sampled[c] || m->failed[c]))
            m->any_agent = 1;
    }
}

int fl_report_latency(const fl_report *r, size_t from, size_t to, double *p50, double *p95,
                      double *p99)
{
    uint32_t bins[FL_LAT_BINS] = {0};
    int any = 0;
    for (size_t i = from; i < to && i < r->n; i++) {
        const uint32_t *l = fl_buckets_get(&r->analysis->buckets, i)->latency;
        if (!l)
            continue;
        any = 1;
        for (size_t k = 0; k < FL_LAT_BINS; k++)
            bins[k] += l[k];
    }
    *p50 = any ? fl_latency_quantile(bins, 0.50) : -1;
    *p95 = any ? fl_latency_quantile(bins, 0.95) : -1;
    *p99 = any ? fl_latency_quantile(bins, 0.99) : -1;
    return any;
}

int fl_report_has_latency(const fl_report *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (fl_buckets_get(&r->analysis->buckets, i)->latency)
            return 1;
    return 0;
}

/* v with at most one decimal, trimmed: "3", "2.5". */
static void one_decimal(double v, char *buf, size_t len)
{
    long long tenths = llround(v * 10);
    if (tenths % 10)
        snprintf(buf, len, "%lld.%lld", tenths / 10, tenths % 10);
    else
        snprintf(buf, len, "%lld", tenths / 10);
}

char *fl_report_usual_rate(double per_bucket, int64_t bucket_ms, char *buf, size_t len)
{
    double per_min = per_bucket * 60000.0 / (double)(bucket_ms > 0 ? bucket_ms : 60000);
    char v[40];
    if (!(per_min > 0))
        snprintf(buf, len, "none");
    else if (per_min >= 0.95) {
        one_decimal(per_min, v, sizeof v);
        snprintf(buf, len, "%s/min", v);
    } else {
        one_decimal(per_min * 60, v, sizeof v);
        snprintf(buf, len, "%s/h", strcmp(v, "0") ? v : "0.1");
    }
    return buf;
}

char *fl_report_count_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    char dur[32], usual[40];
    int64_t s = fl_report_bucket_start(r, inc->end) - fl_report_bucket_start(r, inc->onset);
    fl_report_usual_rate(inc->expected, r->analysis->cfg->bucket_ms, usual, sizeof usual);
    snprintf(buf, len, "%llu %s entr%s in %s %s%s", (unsigned long long)inc->failed, fl_report_level_word(inc),
             inc->failed == 1 ? "y" : "ies", fl_report_duration(s, dur, sizeof dur),
             inc->expected > 0 ? "against a usual " : "where there are usually none",
             inc->expected > 0 ? usual : "");
    return buf;
}
