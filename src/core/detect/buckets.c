/* buckets.c: per-bucket counters in pages allocated where records fall (a sorted
 * page table); failure detail
 * uses exact counts for a few status codes and the client classes, and the
 * space-saving heavy-hitters summary (Metwally et al. 2005) for paths and upstreams. */
#include "detect/buckets.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_search.h"
#include "time/fl_time.h"

void fl_buckets_init(fl_buckets *b, int64_t width_ms, size_t max_span)
{
    memset(b, 0, sizeof *b);
    b->width_ms = width_ms;
    b->max_span = max_span;
    b->first = 1; /* empty: first > last */
}

void fl_buckets_free(fl_buckets *b)
{
    for (size_t p = 0; p < b->n_pages; p++) {
        fl_bucket *s = b->pages[p].slots;
        for (size_t i = 0; i < FL_BUCKET_PAGE; i++) {
            free(s[i].detail);
            free(s[i].sig_hits);
            free(s[i].latency);
        }
        free(s);
    }
    free(b->pages);
    b->pages = NULL;
    b->n_pages = b->cap_pages = b->last_page = 0;
    b->first = 1;
    b->last = 0;
}

/* Position of page `number` in b->pages, or where it would be inserted (*found 0). */
static size_t page_find(const fl_buckets *b, int64_t number, int *found)
{
    size_t lo = fl_lower_bound_i64(b->pages, b->n_pages, sizeof *b->pages, offsetof(fl_bucket_page, number), number);
    *found = lo < b->n_pages && b->pages[lo].number == number;
    return lo;
}

/* The slots of page `number`, allocated (zeroed) when new; NULL when out of memory. */
static fl_bucket *page_slots(fl_buckets *b, int64_t number)
{
    if (b->last_page < b->n_pages && b->pages[b->last_page].number == number)
        return b->pages[b->last_page].slots;
    int found;
    size_t at = page_find(b, number, &found);
    if (!found) {
        fl_bucket *slots = calloc(FL_BUCKET_PAGE, sizeof *slots);
        fl_bucket_page *p = slots ? fl_insert_room(b->pages, &b->n_pages, &b->cap_pages, sizeof *p, at) : NULL;
        if (!p) {
            free(slots);
            return NULL;
        }
        b->pages = p;
        b->pages[at] = (fl_bucket_page){number, slots};
    }
    b->last_page = at;
    return b->pages[at].slots;
}

fl_bucket *fl_buckets_at(fl_buckets *b, int64_t ts_ms)
{
    int64_t idx = fl_floor_div(ts_ms, b->width_ms);
    int empty = b->first > b->last;
    int64_t first = empty || idx < b->first ? idx : b->first;
    int64_t last = empty || idx > b->last ? idx : b->last;
    if ((uint64_t)(last - first) >= (uint64_t)b->max_span)
        return NULL;
    fl_bucket *slots = page_slots(b, fl_floor_div(idx, FL_BUCKET_PAGE));
    if (!slots) {
        b->nomem = 1;
        return NULL;
    }
    b->first = first;
    b->last = last;
    return &slots[idx - fl_floor_div(idx, FL_BUCKET_PAGE) * FL_BUCKET_PAGE];
}

fl_status fl_buckets_shift(fl_buckets *b, int64_t k)
{
    if (b->first > b->last || k == 0)
        return FL_OK;
    fl_buckets nb;
    fl_buckets_init(&nb, b->width_ms, SIZE_MAX);
    /* Every page first, so that running out of memory leaves b as it was. */
    for (size_t p = 0; p < b->n_pages; p++) {
        int64_t at = b->pages[p].number * FL_BUCKET_PAGE + k;
        if (!page_slots(&nb, fl_floor_div(at, FL_BUCKET_PAGE)) ||
            !page_slots(&nb, fl_floor_div(at + FL_BUCKET_PAGE - 1, FL_BUCKET_PAGE))) {
            fl_buckets_free(&nb);
            return FL_ERR_NOMEM;
        }
    }
    for (size_t p = 0; p < b->n_pages; p++) {
        for (size_t i = 0; i < FL_BUCKET_PAGE; i++) {
            int64_t at = b->pages[p].number * FL_BUCKET_PAGE + (int64_t)i + k;
            fl_bucket *d = page_slots(&nb, fl_floor_div(at, FL_BUCKET_PAGE));
            d[at - fl_floor_div(at, FL_BUCKET_PAGE) * FL_BUCKET_PAGE] = b->pages[p].slots[i];
        }
        free(b->pages[p].slots); /* its details moved along */
    }
    free(b->pages);
    b->pages = nb.pages;
    b->n_pages = nb.n_pages;
    b->cap_pages = nb.cap_pages;
    b->last_page = 0;
    b->first += k;
    b->last += k;
    return FL_OK;
}

size_t fl_buckets_span(const fl_buckets *b)
{
    return b->first > b->last ? 0 : (size_t)(b->last - b->first) + 1;
}

int64_t fl_buckets_first_index(const fl_buckets *b) { return b->first > b->last ? 0 : b->first; }

const fl_bucket *fl_buckets_get(const fl_buckets *b, size_t i)
{
    static const fl_bucket zero; /* every bucket of a page never allocated */
    int64_t idx = b->first + (int64_t)i, number = fl_floor_div(idx, FL_BUCKET_PAGE);
    int found;
    size_t at = page_find(b, number, &found);
    return found ? &b->pages[at].slots[idx - number * FL_BUCKET_PAGE] : &zero;
}

static void count_code(fl_bucket_detail *d, int code, uint32_t n)
{
    for (size_t i = 0; i < FL_TOP_CODES; i++) {
        if (d->codes[i].code == code || d->codes[i].count == 0) {
            d->codes[i].code = (uint16_t)code;
            d->codes[i].count += n;
            return;
        }
    }
    d->codes_other += n;
}

/* Space-saving update: an unseen path replaces the current minimum and inherits
 * its count as error. */
static void count_path(fl_bucket_detail *d, const char *path, uint32_t n, uint32_t err)
{
    size_t min = 0;
    for (size_t i = 0; i < FL_TOP_PATHS; i++) {
        fl_path_count *p = &d->paths[i];
        if (p->count == 0 || strcmp(p->path, path) == 0) {
            if (p->count == 0)
                snprintf(p->path, sizeof p->path, "%s", path);
            p->count += n;
            p->err += err;
            return;
        }
        if (p->count < d->paths[min].count)
            min = i;
    }
    fl_path_count *p = &d->paths[min];
    snprintf(p->path, sizeof p->path, "%s", path);
    p->err = p->count + err;
    p->count += n;
}

/* Space-saving update of the upstream summary, as count_path. */
static void count_upstream(fl_bucket_detail *d, const char *up, uint32_t n, uint32_t err)
{
    size_t min = 0;
    for (size_t i = 0; i < FL_TOP_UPSTREAMS; i++) {
        fl_upstream_count *u = &d->upstreams[i];
        if (u->count == 0 || strcmp(u->upstream, up) == 0) {
            if (u->count == 0)
                snprintf(u->upstream, sizeof u->upstream, "%s", up);
            u->count += n;
            u->err += err;
            return;
        }
        if (u->count < d->upstreams[min].count)
            min = i;
    }
    fl_upstream_count *u = &d->upstreams[min];
    snprintf(u->upstream, sizeof u->upstream, "%s", up);
    u->err = u->count + err;
    u->count += n;
}

fl_status fl_bucket_add_hit(const fl_buckets *b, fl_bucket *bk, size_t sig)
{
    if (!bk->sig_hits && !(bk->sig_hits = calloc(b->n_sig, sizeof *bk->sig_hits)))
        return FL_ERR_NOMEM;
    bk->sig_hits[sig]++;
    return FL_OK;
}

/* gamma = (1 + alpha) / (1 - alpha); bin i holds (gamma^(i-1), gamma^i] * FL_LAT_MIN. */
#define FL_LAT_MIN 0.01

static size_t latency_bin(double ms)
{
    static const double log_gamma = 0.04000533461369913; /* ln(1.02 / 0.98) */
    if (!(ms > FL_LAT_MIN))
        return 0;
    double i = ceil(log(ms / FL_LAT_MIN) / log_gamma);
    return i >= FL_LAT_BINS - 1 ? FL_LAT_BINS - 1 : (size_t)i;
}

fl_status fl_bucket_add_latency(fl_bucket *bk, double ms)
{
    if (!bk->latency && !(bk->latency = calloc(FL_LAT_BINS, sizeof *bk->latency)))
        return FL_ERR_NOMEM;
    bk->latency[latency_bin(ms)]++;
    return FL_OK;
}

fl_status fl_bucket_add_latency_cached(fl_bucket *bk, double ms, fl_lat_cache *c)
{
    if (!bk->latency && !(bk->latency = calloc(FL_LAT_BINS, sizeof *bk->latency)))
        return FL_ERR_NOMEM;
    uint64_t bits;
    memcpy(&bits, &ms, sizeof bits);
    size_t slot = (size_t)((bits * 0x9E3779B97F4A7C15u) >> 53) & (FL_LAT_CACHE - 1);
    if (c->key[slot] != bits) {
        c->key[slot] = bits;
        c->bin[slot] = (uint16_t)latency_bin(ms);
    }
    bk->latency[c->bin[slot]]++;
    return FL_OK;
}

double fl_latency_quantile(const uint32_t *bins, double q)
{
    uint64_t total = 0, seen = 0;
    for (size_t i = 0; i < FL_LAT_BINS; i++)
        total += bins[i];
    if (!total)
        return -1;
    uint64_t rank = (uint64_t)(q * (double)(total - 1)); /* 0-based rank of the quantile */
    for (size_t i = 0; i < FL_LAT_BINS; i++) {
        seen += bins[i];
        if (seen > rank) {
            double gamma = (1 + FL_LAT_ALPHA) / (1 - FL_LAT_ALPHA);
            /* 2 gamma^i / (gamma + 1): within alpha of every value in the bin */
            return i == 0 ? FL_LAT_MIN : FL_LAT_MIN * 2 * pow(gamma, (double)i) / (gamma + 1);
        }
    }
    return -1;
}

fl_status fl_bucket_add_failure(fl_bucket *bk, int code, const char *path)
{
    if (!bk->detail) {
        bk->detail = calloc(1, sizeof *bk->detail);
        if (!bk->detail)
            return FL_ERR_NOMEM;
    }
    count_code(bk->detail, code, 1);
    count_path(bk->detail, path, 1, 0);
    return FL_OK;
}

fl_status fl_bucket_add_failure_ex(fl_bucket *bk, int code, const char *path,
                                   const fl_failure_extra *extra)
{
    if (fl_bucket_add_failure(bk, code, path) != FL_OK)
        return FL_ERR_NOMEM;
    bk->detail->by_client[extra->client < FL_CLIENT_N ? extra->client : FL_CLIENT_UNKNOWN]++;
    if (extra->upstream)
        count_upstream(bk->detail, extra->upstream, 1, 0);
    return FL_OK;
}

static fl_status merge_bucket(fl_bucket *d, const fl_bucket *s, size_t n_sig)
{
    if (s->latency) {
        if (!d->latency && !(d->latency = calloc(FL_LAT_BINS, sizeof *d->latency)))
            return FL_ERR_NOMEM;
        for (size_t k = 0; k < FL_LAT_BINS; k++)
            d->latency[k] += s->latency[k];
    }
    if (s->sig_hits) {
        if (!d->sig_hits && !(d->sig_hits = calloc(n_sig, sizeof *d->sig_hits)))
            return FL_ERR_NOMEM;
        for (size_t k = 0; k < n_sig; k++)
            d->sig_hits[k] += s->sig_hits[k];
    }
    if (s->requests || s->entries) {
        int empty = d->requests == 0 && d->entries == 0;
        if (empty || s->first_off < d->first_off)
            d->first_off = s->first_off;
        if (empty || s->last_off > d->last_off)
            d->last_off = s->last_off;
    }
    d->requests += s->requests;
    if (s->req_first && (!d->req_first || s->req_first < d->req_first))
        d->req_first = s->req_first;
    if (s->req_last > d->req_last)
        d->req_last = s->req_last;
    d->failed += s->failed;
    d->entries += s->entries;
    d->errors += s->errors;
    d->warnings += s->warnings;
    for (size_t k = 0; k < 6; k++)
        d->by_class[k] += s->by_class[k];
    for (size_t k = 0; k < FL_CLIENT_N; k++)
        d->client_sample[k] += s->client_sample[k];
    if (!s->detail)
        return FL_OK;
    if (!d->detail && !(d->detail = calloc(1, sizeof *d->detail)))
        return FL_ERR_NOMEM;
    for (size_t k = 0; k < FL_TOP_CODES; k++)
        if (s->detail->codes[k].count)
            count_code(d->detail, s->detail->codes[k].code, s->detail->codes[k].count);
    d->detail->codes_other += s->detail->codes_other;
    for (size_t k = 0; k < FL_TOP_PATHS; k++)
        if (s->detail->paths[k].count)
            count_path(d->detail, s->detail->paths[k].path, s->detail->paths[k].count,
                       s->detail->paths[k].err);
    for (size_t k = 0; k < FL_TOP_UPSTREAMS; k++)
        if (s->detail->upstreams[k].count)
            count_upstream(d->detail, s->detail->upstreams[k].upstream,
                           s->detail->upstreams[k].count, s->detail->upstreams[k].err);
    for (size_t k = 0; k < FL_CLIENT_N; k++)
        d->detail->by_client[k] += s->detail->by_client[k];
    return FL_OK;
}

/* Add src into dst bucket by bucket; counts_only skips failure detail, signature
 * hits and latency sketches (the light merge kept per source). */
static fl_status merge_all(fl_buckets *dst, const fl_buckets *src, int counts_only)
{
    for (size_t p = 0; p < src->n_pages; p++) {
        for (size_t i = 0; i < FL_BUCKET_PAGE; i++) {
            const fl_bucket *s = &src->pages[p].slots[i];
            int details = !counts_only && (s->detail || s->sig_hits || s->latency);
            if (!s->requests && !s->entries && !details)
                continue;
            int64_t idx = src->pages[p].number * FL_BUCKET_PAGE + (int64_t)i;
            fl_bucket *d = fl_buckets_at(dst, idx * src->width_ms);
            if (!d)
                return FL_ERR_NOMEM;
            fl_bucket light;
            if (counts_only) {
                light = *s;
                light.detail = NULL;
                light.sig_hits = NULL;
                light.latency = NULL;
                s = &light;
            }
            fl_status st = merge_bucket(d, s, counts_only ? 0 : src->n_sig);
            if (st != FL_OK)
                return st;
        }
    }
    return FL_OK;
}

fl_status fl_buckets_merge(fl_buckets *dst, const fl_buckets *src) { return merge_all(dst, src, 0); }

fl_status fl_buckets_merge_counts(fl_buckets *dst, const fl_buckets *src)
{
    return merge_all(dst, src, 1);
}

/* A segment that identifies one object rather than naming an endpoint. */
static int is_id_segment(const char *s, size_t n)
{
    size_t digits = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-'))
            return 0;
    }
    if (digits == n)
        return 1;                         /* 123 */
    return n >= 16 && digits > 0; /* UUIDs and hashes: long, hex and '-' only */
}

void fl_path_normalise(const char *path, size_t len, char *out, size_t out_len)
{
    size_t o = 0, i = 0;
    for (size_t k = 0; k < len; k++)
        if (path[k] == '?' || path[k] == '#') {
            len = k;
            break;
        }
    while (i < len && o + 1 < out_len) {
        if (path[i] == '/') {
            out[o++] = '/';
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && path[j] != '/')
            j++;
        if (is_id_segment(path + i, j - i)) {
            for (const char *id = ":id"; *id && o + 1 < out_len; id++)
                out[o++] = *id;
        } else {
            for (size_t k = i; k < j && o + 1 < out_len; k++)
                out[o++] = (unsigned char)path[k] < 0x20 ? '?' : path[k];
        }
        i = j;
    }
    if (o == 0 && out_len > 1)
        out[o++] = len ? '?' : '-';
    out[o] = 0;
}

void fl_upstream_normalise(const char *s, size_t len, char *out, size_t out_len)
{
    /* The last of a list: after the last ", " or " : " separator. */
    for (size_t k = len; k-- > 0;)
        if (s[k] == ',' || (s[k] == ':' && k > 0 && s[k - 1] == ' ')) {
            s += k + 1;
            len -= k + 1;
            break;
        }
    while (len && s[0] == ' ')
        s++, len--;
    while (len && s[len - 1] == ' ')
        len--;
    if (len == 0 || (len == 1 && s[0] == '-')) {
        snprintf(out, out_len, "(none)");
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < out_len; i++)
        out[o++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    out[o] = 0;
}
