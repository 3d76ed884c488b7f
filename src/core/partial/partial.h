/* partial.h: partial results, for runs split over hosts, processes or machines.
 * `faultline scan --partial` writes, instead of a report, every input's inventory
 * entry and its own buckets (counters, failure detail, signature hits, latency
 * sketches), and `faultline merge` reads any number of them back as fl_results.
 * Folding the same results gives the same analysis however they were split, so a
 * merged report equals the report of one run over all the inputs.
 *
 * Format (versioned; README "Partial results"): one line of compact JSON per
 * partial, so partials can be concatenated into one stream:
 *   {"format":"faultline-partial","version":1,"tool_version":"1.0.0",
 *    "bucket_ms":60000,"fail_status":"500-599","input_tz":"UTC",
 *    "signatures":{"count":229,"digest":"<16 hex>"},"inputs":[{...},...]}
 * Strings that are not UTF-8 (file names, samples) are written as {"hex":"..."}. */
#ifndef FL_PARTIAL_H
#define FL_PARTIAL_H

#include <stdint.h>
#include <stdio.h>

#include "analysis/analysis.h"
#include "fl_status.h"

#define FL_PARTIAL_VERSION 3

/* What a partial was made with; partials merge only when these agree. */
typedef struct fl_partial_header {
    int64_t bucket_ms;
    char fail_status[512];  /* failing statuses as ranges: "500-599,429" */
    char input_tz[64];      /* --input-tz zone name, "" when none (UTC) */
    size_t n_sig;           /* signatures in the library */
    uint64_t sig_digest;    /* fl_patterns_digest, 0 without a library */
} fl_partial_header;

/* The header describing cfg. */
void fl_partial_header_of(const fl_config *cfg, fl_partial_header *h);

/* Why a and b cannot be merged, written to err; 0 when they agree. */
int fl_partial_header_differs(const fl_partial_header *a, const fl_partial_header *b, char *err,
                              size_t errlen);

/* Write a's inputs (which must have been read with cfg->keep_inputs) as one partial
 * line to out. FL_OK, FL_ERR_NOMEM, or FL_ERR_IO when writing fails. */
fl_status fl_partial_write(const fl_analysis *a, FILE *out);

/* Read every partial in the stream `in` (one or more, concatenated), named `name`
 * in messages. Each partial's header goes through check(h, ctx) before its inputs
 * are read; check returns nonzero (with text in err) to refuse it. Results are
 * appended to *res and *n (a malloc'd array, grown as needed; pass NULL/0 first), with
 * the header's bucket width and signature count; max_span bounds their buckets.
 * Errors: FL_ERR_PARSE (not a partial, bad JSON, a value out of range, another
 * version; err says which partial and where), FL_ERR_USAGE (refused by check),
 * FL_ERR_NOMEM. Results read before an error stay in *res. */
fl_status fl_partial_read(FILE *in, const char *name, size_t max_span,
                          int (*check)(const fl_partial_header *h, void *ctx, char *err, size_t errlen),
                          void *ctx, fl_result **res, size_t *n, char *err, size_t errlen);

/* What tells one partial file's content from another: a 64-bit FNV-1a digest of its
 * bytes and their count. Reads f to its end and rewinds it; FL_ERR_IO when f cannot
 * be read or rewound (a pipe). */
typedef struct fl_partial_id {
    uint64_t digest, size;
} fl_partial_id;
fl_status fl_partial_identify(FILE *f, fl_partial_id *id);

#endif
