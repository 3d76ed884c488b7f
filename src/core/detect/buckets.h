/* buckets.h: fixed-width time buckets (UTC-aligned) of request counters, kept in
 * pages of FL_BUCKET_PAGE buckets allocated where records fall, so records may
 * arrive in any order and memory follows the buckets that hold data, not the time
 * between the first and the last. Bucket sets of equal width merge by addition
 * (order-independent). */
#ifndef FL_BUCKETS_H
#define FL_BUCKETS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/client.h"
#include "fl_status.h"

#define FL_TOP_CODES 8 /* distinct failing status codes kept exactly per bucket */
#define FL_TOP_PATHS 8 /* failing paths per bucket (space-saving summary) */
#define FL_PATH_MAX 64 /* normalised path bytes kept, NUL included */
#define FL_TOP_UPSTREAMS 8 /* failing upstreams per bucket (space-saving summary) */
#define FL_UPSTREAM_MAX 64 /* upstream name bytes kept, NUL included */
#define FL_CLIENT_SAMPLE 16 /* client classes of all requests: one in this many (power of 2) */

/* Request-time sketch: log-spaced bins with relative accuracy FL_LAT_ALPHA (a value
 * is reported within 2% of the true quantile value), from 0.01 ms to about 2.5 h.
 * Mergeable by adding bins (DDSketch, Masson et al. 2019, with fixed bins). */
#define FL_LAT_BINS 512
#define FL_LAT_ALPHA 0.02

typedef struct fl_code_count {
    uint16_t code;
    uint32_t count;
} fl_code_count;

typedef struct fl_path_count {
    char path[FL_PATH_MAX];
    uint32_t count;  /* estimated failures (space-saving: overestimates by <= err) */
    uint32_t err;    /* maximum overestimation */
} fl_path_count;

typedef struct fl_upstream_count {
    char upstream[FL_UPSTREAM_MAX]; /* as logged, "(none)" when no upstream was reached */
    uint32_t count;  /* estimated failures (space-saving: overestimates by <= err) */
    uint32_t err;    /* maximum overestimation */
} fl_upstream_count;

/* Failure detail, allocated for a bucket at its first failure. Plain fixed-size
 * arrays only (no pointers), so a detail copies and serialises as it is. */
typedef struct fl_bucket_detail {
    fl_code_count codes[FL_TOP_CODES];
    uint32_t codes_other;  /* failures whose code did not fit in codes[] */
    fl_path_count paths[FL_TOP_PATHS];
    fl_upstream_count upstreams[FL_TOP_UPSTREAMS]; /* only failures whose format logs one */
    uint32_t by_client[FL_CLIENT_N]; /* failures per client class (exact) */
} fl_bucket_detail;

typedef struct fl_bucket {
    uint32_t requests;      /* access-log records */
    uint32_t failed;        /* records whose status counts as failure */
    uint32_t by_class[6];   /* [1..5] = 1xx..5xx, [0] = anything else */
    uint32_t client_sample[FL_CLIENT_N]; /* per client class, the access records that did
                                          * not fail among every FL_CLIENT_SAMPLE-th one
                                          * of a file (or chunk) */
    uint32_t req_first;     /* ms into the bucket of its first request, + 1 (0: none), so a
                             * silence is told to the second */
    uint32_t req_last;      /* ... of its last request, + 1 */
    uint32_t entries;       /* server-log entries */
    uint32_t errors;        /* server-log entries at level error or above */
    uint32_t warnings;      /* server-log entries at level warning */
    uint32_t first_off;     /* ms from the bucket's start to its first record, and */
    uint32_t last_off;      /* to its last (valid when requests + entries > 0) */
    fl_bucket_detail *detail;
    uint32_t *sig_hits;     /* per-signature matches (n_sig of them), allocated at the first */
    uint32_t *latency;      /* request-time sketch (FL_LAT_BINS), allocated at the first */
} fl_bucket;

#define FL_BUCKET_PAGE 16 /* buckets per page (a page is allocated whole) */

/* FL_BUCKET_PAGE consecutive buckets, from bucket index number * FL_BUCKET_PAGE. */
typedef struct fl_bucket_page {
    int64_t number;     /* floor(bucket index / FL_BUCKET_PAGE) */
    fl_bucket *slots;   /* FL_BUCKET_PAGE of them */
} fl_bucket_page;

typedef struct fl_buckets {
    int64_t width_ms;   /* bucket width */
    int64_t first, last; /* used bucket indices (index = floor(ts / width)); empty when
                          * first > last */
    fl_bucket_page *pages; /* the allocated pages, sorted by number */
    size_t n_pages, cap_pages;
    size_t last_page;   /* the page of the last fl_buckets_at (records come in runs) */
    size_t max_span;    /* refuse to span more than this many buckets */
    size_t n_sig;       /* signatures counted per bucket (0 = none) */
    int nomem;          /* fl_buckets_at returned NULL for want of memory, not range */
} fl_buckets;

/* The most buckets the bucket set of one input may span: its pages are allocated
 * where its records are, so only a run's series (cfg->max_span) needs a tighter cap. */
#define FL_INPUT_MAX_SPAN ((size_t)1 << 40)

void fl_buckets_init(fl_buckets *b, int64_t width_ms, size_t max_span);
void fl_buckets_free(fl_buckets *b);

/* The bucket holding ts_ms, created (zeroed) if needed. NULL when out of memory or
 * when the span would exceed max_span (the caller counts the record as out of range). */
fl_bucket *fl_buckets_at(fl_buckets *b, int64_t ts_ms);

/* Number of buckets from the first to the last used one, and the first's index. */
size_t fl_buckets_span(const fl_buckets *b);
int64_t fl_buckets_first_index(const fl_buckets *b);

/* Move every bucket by k buckets (later for k > 0). FL_OK, or FL_ERR_NOMEM with b
 * unchanged. */
fl_status fl_buckets_shift(fl_buckets *b, int64_t k);

/* Bucket i of the span (0 <= i < span); never NULL (a shared all-zero bucket where
 * no page is allocated). */
const fl_bucket *fl_buckets_get(const fl_buckets *b, size_t i);

/* Count one match of signature sig (< b->n_sig) into bk, a bucket of b. */
fl_status fl_bucket_add_hit(const fl_buckets *b, fl_bucket *bk, size_t sig);

/* Count one request time (ms, >= 0) into bk's sketch. */
fl_status fl_bucket_add_latency(fl_bucket *bk, double ms);

/* Sketch bins of recently seen request times (direct-mapped on the value's bits):
 * logs repeat the same few thousand values ("0.123"), and a hit saves a log().
 * All zero is a valid empty cache (0.0 lands in bin 0). */
#define FL_LAT_CACHE 2048
typedef struct fl_lat_cache {
    uint64_t key[FL_LAT_CACHE];
    uint16_t bin[FL_LAT_CACHE];
} fl_lat_cache;

/* fl_bucket_add_latency through a cache owned by the caller's thread. */
fl_status fl_bucket_add_latency_cached(fl_bucket *bk, double ms, fl_lat_cache *c);

/* The q-quantile (0..1) of the request times in sketch bins[FL_LAT_BINS] (ms), or -1
 * when the sketch is empty. */
double fl_latency_quantile(const uint32_t *bins, double q);

/* Count one failure of status code with the given normalised path into bk. */
fl_status fl_bucket_add_failure(fl_bucket *bk, int code, const char *path);

/* What a failure adds beyond its code and path: its client class and the upstream
 * that served it (NUL-terminated, from fl_upstream_normalise; NULL when the format
 * logs none). */
typedef struct fl_failure_extra {
    fl_client_class client;
    const char *upstream;
} fl_failure_extra;

/* fl_bucket_add_failure with the extra detail. */
fl_status fl_bucket_add_failure_ex(fl_bucket *bk, int code, const char *path,
                                   const fl_failure_extra *extra);

/* Add every bucket of src into dst (same width and signature count). */
fl_status fl_buckets_merge(fl_buckets *dst, const fl_buckets *src);

/* Count a record at ms_off from the start of bk into bk's first/last record times;
 * call before the record's counters are added. */
static inline void fl_bucket_note_time(fl_bucket *bk, uint32_t ms_off)
{
    if ((bk->requests == 0 && bk->entries == 0) || ms_off < bk->first_off)
        bk->first_off = ms_off;
    if (ms_off > bk->last_off)
        bk->last_off = ms_off;
}

/* Add only the counters (requests, failed, classes, entries, errors, warnings, record
 * times) of src into dst:
 * the light merge kept per source. */
fl_status fl_buckets_merge_counts(fl_buckets *dst, const fl_buckets *src);

/* Normalise a request target for grouping: drop the query string and fragment,
 * collapse numeric, hex and UUID-like segments to ":id", truncate to out_len-1. */
void fl_path_normalise(const char *path, size_t len, char *out, size_t out_len);

/* An upstream as logged, for grouping: "-" or empty (no upstream was reached) becomes
 * "(none)"; of a list of tries ("10.0.0.1:80, 10.0.0.2:80" or nginx's "a : b" after
 * an internal redirect) the last one, which gave the response, is kept; control
 * bytes become '?'; truncated to out_len-1. */
void fl_upstream_normalise(const char *s, size_t len, char *out, size_t out_len);

#endif
