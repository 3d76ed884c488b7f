/* fuzz_partial.c: the partial-result reader (partial.h) on the input as a stream of
 * partials. Partials travel between machines, so anything may arrive: the reader
 * must refuse it with a message, or accept it. What it accepts must survive a round
 * trip: folded into an analysis, written back and read again, the second writing
 * is byte for byte the first (for partials without signatures, since the harness
 * has no library to name them). */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "analysis/analysis.h"
#include "partial/partial.h"

/* The first header is taken, later ones must agree, as `faultline merge` does. */
typedef struct check_ctx {
    fl_partial_header first;
    int have;
} check_ctx;

static int check(const fl_partial_header *h, void *ctx, char *err, size_t errlen)
{
    check_ctx *c = ctx;
    if (c->have)
        return fl_partial_header_differs(h, &c->first, err, errlen);
    c->first = *h;
    c->have = 1;
    return 0;
}

static void free_results(fl_result *res, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fl_result_free(&res[i]);
    free(res);
}

/* Read a stream; on success fold it and write it back into *out (malloc'd). */
static fl_status read_fold_write(const void *data, size_t size, check_ctx *c, char **out, size_t *outlen)
{
    fl_result *res = NULL;
    size_t n = 0;
    char err[1024];
    err[0] = 0;
    FILE *f = fmemopen((void *)data, size, "r");
    FUZZ_CHECK(f != NULL || size == 0);
    if (!f)
        return FL_ERR_PARSE;
    fl_status st = fl_partial_read(f, "fuzz", 1u << 16, check, c, &res, &n, err, sizeof err);
    fclose(f);
    if (st != FL_OK) {
        FUZZ_CHECK(st == FL_ERR_PARSE || st == FL_ERR_USAGE || st == FL_ERR_NOMEM);
        FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL && (st == FL_ERR_NOMEM || err[0]));
        free_results(res, n);
        return st;
    }
    FUZZ_CHECK(c->have);
    fl_config cfg;
    fl_config_defaults(&cfg);
    cfg.bucket_ms = c->first.bucket_ms;
    cfg.max_span = 1u << 16;
    cfg.keep_inputs = 1;
    FUZZ_CHECK(fl_config_fail_status(&cfg, c->first.fail_status) == FL_OK || c->first.fail_status[0]);
    fl_analysis a;
    fl_analysis_init(&a, &cfg);
    st = fl_analysis_add_results(&a, res, n);
    free(res);
    if (st == FL_OK && c->first.n_sig == 0 && !c->first.input_tz[0] &&
        fl_config_fail_status(&cfg, c->first.fail_status) == FL_OK) {
        FILE *m = open_memstream(out, outlen);
        FUZZ_CHECK(m != NULL);
        st = fl_partial_write(&a, m);
        fclose(m);
    } else {
        st = FL_ERR_USAGE; /* not written: no round trip to check */
    }
    fl_analysis_free(&a);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_ctx c1 = {0};
    char *once = NULL, *twice = NULL;
    size_t once_len = 0, twice_len = 0;
    if (read_fold_write(data, size, &c1, &once, &once_len) == FL_OK) {
        check_ctx c2 = {0};
        fl_status st = read_fold_write(once, once_len, &c2, &twice, &twice_len);
        if (st != FL_OK || once_len != twice_len || memcmp(once, twice, once_len) != 0) {
            fprintf(stderr, "round trip differs (status %d)\n--- once\n%.*s\n--- twice\n%.*s\n", st,
                    (int)once_len, once, (int)twice_len, twice ? twice : "");
            abort();
        }
    }
    free(once);
    free(twice);
    return 0;
}
