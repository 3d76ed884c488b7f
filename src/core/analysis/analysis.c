/* analysis.c: the analysis as a whole: the inventory entries of inputs, and the
 * folding of each input's result into the totals, per source and per input, in one
 * canonical order (fl_result_cmp) whatever order the readers finished in. */
#include "analysis/analysis.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/fl_archive.h"
#include "time/fl_time.h"
#include "input/input.h"
#include "input/lines.h"
#include "analysis/mined.h"
#include "analysis/read.h"
#include "detect/pack.h"

const char *const fl_skip_names[FL_SKIP_N] = {"unparseable", "no_timestamp", "overlong",
                                              "out_of_range", "outside_window"};

void fl_input_free(fl_input *in)
{
    free(in->path);
    free(in->sightings);
    free(in->markers);
    fl_mined_free(in->mined);
    in->mined = NULL;
}

fl_status fl_analysis_init(fl_analysis *a, const fl_config *cfg)
{
    memset(a, 0, sizeof *a);
    a->cfg = cfg;
    fl_buckets_init(&a->buckets, cfg->bucket_ms, cfg->max_span);
    a->buckets.n_sig = cfg->patterns ? fl_patterns_count(cfg->patterns) : 0;
    return FL_OK;
}

void fl_analysis_free(fl_analysis *a)
{
    for (size_t i = 0; i < a->n_inputs; i++) {
        fl_input_free(&a->inputs[i]);
        if (a->input_buckets)
            fl_buckets_free(&a->input_buckets[i]);
    }
    free(a->inputs);
    free(a->input_buckets);
    fl_buckets_free(&a->buckets);
    for (size_t i = 0; i < a->n_sources; i++) {
        free(a->sources[i].name);
        free(a->sources[i].label);
        fl_buckets_free(&a->sources[i].counts);
    }
    free(a->sources);
    fl_mined_free(a->mined);
    memset(a, 0, sizeof *a);
}


/* Start an inventory entry named prefix + name + (":" + member when member is not
 * NULL), as cfg says (name "-" is stdin). Its source is the directory part of the
 * name; for an archive's member, ARCHIVE:DIR (ARCHIVE for a member at the top).
 * Returns FL_ERR_NOMEM only. */
fl_status fl_input_entry_init(fl_input *in, const fl_config *cfg, const char *path, const char *member)
{
    memset(in, 0, sizeof *in);
    const char *name = path;
    if (strcmp(path, "-") == 0)
        name = cfg->stdin_name ? cfg->stdin_name : "(stdin)";
    const char *prefix = cfg->name_prefix ? cfg->name_prefix : "";
    size_t head = strlen(prefix) + strlen(name), n = head + (member ? strlen(member) + 1 : 0) + 1;
    if (!(in->path = malloc(n)))
        return FL_ERR_NOMEM;
    snprintf(in->path, n, "%s%s%s%s", prefix, name, member ? ":" : "", member ? member : "");
    in->format = "unknown";
    const char *slash = strrchr(in->path + (member ? head + 1 : 0), '/');
    in->source_len = slash ? (size_t)(slash - in->path) : member ? head : 0;
    in->archive_len = member ? head : 0;
    return FL_OK;
}


void fl_result_free(fl_result *r)
{
    fl_input_free(&r->in);
    fl_buckets_free(&r->buckets);
    memset(r, 0, sizeof *r);
}

fl_status fl_result_failed(const fl_config *cfg, const char *path, const char *why, fl_result *r)
{
    fl_buckets_init(&r->buckets, cfg->bucket_ms, FL_INPUT_MAX_SPAN);
    if (fl_input_entry_init(&r->in, cfg, path, NULL) != FL_OK)
        return FL_ERR_NOMEM;
    r->in.status = FL_ERR_OPEN;
    snprintf(r->in.error, sizeof r->in.error, "%s", why);
    return FL_OK;
}

/* The source (directory, an archive's directory) named by path[0..n), created at
 * its first file. NULL when out of memory (*capped 0) or when it would be one more
 * than FL_SOURCE_CAP (*capped 1). */
static fl_source_series *source_of(fl_analysis *a, const char *path, size_t n, int *capped)
{
    *capped = 0;
    for (size_t i = a->n_sources; i-- > 0;) /* newest first: files of a directory come together */
        if (strlen(a->sources[i].name) == n && strncmp(a->sources[i].name, path, n) == 0)
            return &a->sources[i];
    if (a->n_sources >= FL_SOURCE_CAP) {
        *capped = 1;
        return NULL;
    }
    fl_source_series *p = realloc(a->sources, (a->n_sources + 1) * sizeof *p);
    if (!p)
        return NULL;
    a->sources = p;
    fl_source_series *s = &a->sources[a->n_sources];
    memset(s, 0, sizeof *s);
    if (!(s->name = strndup(path, n)))
        return NULL;
    fl_buckets_init(&s->counts, a->cfg->bucket_ms, a->cfg->max_span);
    s->first_ms = INT64_MAX;
    s->last_ms = INT64_MIN;
    a->n_sources++;
    return s;
}

int fl_result_cmp(const void *pa, const void *pb)
{
    const fl_input *a = &((const fl_result *)pa)->in, *b = &((const fl_result *)pb)->in;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    /* The same name from two hosts or two splits of one stream: order by content. */
    const uint64_t ka[] = {a->bytes, a->lines, a->records, (uint64_t)a->first_ms, (uint64_t)a->last_ms,
                           (uint64_t)a->status};
    const uint64_t kb[] = {b->bytes, b->lines, b->records, (uint64_t)b->first_ms, (uint64_t)b->last_ms,
                           (uint64_t)b->status};
    for (size_t k = 0; k < sizeof ka / sizeof ka[0]; k++)
        if (ka[k] != kb[k])
            return ka[k] < kb[k] ? -1 : 1;
    return 0;
}

static void tally_offset(int32_t *offs, uint64_t *counts, size_t *n, size_t cap, int32_t off, uint64_t count);

/* Whether an input has something of its own to say (kept beyond the inventory cap):
 * a problem, skipped or binary content, no records, evidence the reports point to
 * by input (signatures, markers, templates), or times placed by a guess. */
static int notable(const fl_input *in)
{
    uint64_t skipped = 0;
    for (size_t k = 0; k < FL_SKIP_N; k++)
        skipped += in->skipped[k];
    return in->status != FL_OK || in->binary || skipped || !in->records || in->n_sightings || in->n_markers ||
           in->markers_dropped || in->mined || in->local_time_records || in->year_assumed || in->year_why[0] ||
           in->match_limited || in->zone_guess != FL_ZONE_NONE;
}

/* Add in's counts to the summary of the inputs not kept one by one. */
static void fold_other(fl_input_other *o, const fl_input *in)
{
    if (in->records && (!o->records || in->first_ms < o->first_ms))
        o->first_ms = in->first_ms;
    if (in->records && (!o->records || in->last_ms > o->last_ms))
        o->last_ms = in->last_ms;
    if (in->access_records && (!o->access_records || in->first_ms < o->access_first_ms))
        o->access_first_ms = in->first_ms;
    if (in->access_records && (!o->access_records || in->last_ms > o->access_last_ms))
        o->access_last_ms = in->last_ms;
    o->count++;
    o->gzip += in->gzip != 0;
    o->bytes += in->bytes;
    o->lines += in->lines;
    o->blank += in->blank;
    o->header += in->header;
    o->continuation += in->continuation;
    o->records += in->records;
    o->access_records += in->access_records;
    o->server_errors += in->server_errors;
    for (size_t k = 0; k < in->n_offsets; k++)
        tally_offset(o->offsets, o->offset_count, &o->n_offsets, FL_OTHER_OFFSETS, in->offsets[k],
                     in->offset_count[k]);
}

/* Fold one result into the analysis, taking it over. */
static fl_status add_result(fl_analysis *a, fl_result *r)
{
    fl_status st = fl_buckets_merge(&a->buckets, &r->buckets);
    r->in.source = SIZE_MAX;
    int capped = 0;
    if (st == FL_OK && r->in.records) {
        fl_source_series *src = source_of(a, r->in.path, r->in.source_len, &capped);
        st = src ? fl_buckets_merge_counts(&src->counts, &r->buckets) : capped ? FL_OK : FL_ERR_NOMEM;
        a->unfollowed_inputs += (uint64_t)capped;
        a->unfollowed_records += capped ? r->in.records : 0;
        if (src) {
            src->records += r->in.records;
            src->access_records += r->in.access_records;
            src->first_ms = r->in.first_ms < src->first_ms ? r->in.first_ms : src->first_ms;
            src->last_ms = r->in.last_ms > src->last_ms ? r->in.last_ms : src->last_ms;
            r->in.source = (size_t)(src - a->sources);
        }
    }
    if (st == FL_OK && !a->cfg->keep_inputs && a->n_inputs >= a->cfg->inventory_cap && !notable(&r->in)) {
        fold_other(&a->other, &r->in);
        a->records += r->in.records;
        a->access_records += r->in.access_records;
        fl_result_free(r);
        return FL_OK;
    }
    if (st == FL_OK && a->cfg->keep_inputs) {
        fl_buckets *p = realloc(a->input_buckets, (a->n_inputs + 1) * sizeof *p);
        if (!p)
            st = FL_ERR_NOMEM;
        else
            a->input_buckets = p;
    }
    fl_input *in = st == FL_OK ? realloc(a->inputs, (a->n_inputs + 1) * sizeof *in) : NULL;
    if (!in) {
        fl_result_free(r);
        return FL_ERR_NOMEM;
    }
    a->inputs = in;
    if (a->cfg->keep_inputs)
        a->input_buckets[a->n_inputs] = r->buckets;
    else
        fl_buckets_free(&r->buckets);
    a->inputs[a->n_inputs++] = r->in;
    a->records += r->in.records;
    a->access_records += r->in.access_records;
    memset(r, 0, sizeof *r);
    return FL_OK;
}

/* Unify the templates mined from every input (in canonical order) and those of an
 * earlier call into a->mined. */
static fl_status merge_mined(fl_analysis *a)
{
    if (!a->cfg->mine)
        return FL_OK;
    fl_mined **parts = malloc((a->n_inputs + 1) * sizeof *parts);
    if (!parts)
        return FL_ERR_NOMEM;
    fl_status st = FL_OK;
    for (size_t i = 0; i < a->n_inputs; i++) {
        parts[i] = a->inputs[i].mined;
        /* Each input's templates in canonical form, as a partial writes them, so
         * that scan+merge unifies the same templates as one run. */
        if (parts[i] && st == FL_OK)
            st = fl_mined_canonical(parts[i]);
    }
    parts[a->n_inputs] = a->mined;
    fl_mined *all = NULL;
    if (st == FL_OK)
        st = fl_mined_merge(&all, parts, a->n_inputs + 1);
    if (st == FL_OK) {
        for (size_t i = 0; i < a->n_inputs && !a->cfg->keep_inputs; i++) {
            fl_mined_free(a->inputs[i].mined);
            a->inputs[i].mined = NULL;
        }
        fl_mined_free(a->mined);
        a->mined = all;
    }
    free(parts);
    return st;
}

/* The zone tallies of n packed results, or NULL when no zone is guessed (cfg says
 * so); *st is FL_ERR_NOMEM when they could not be made. */
static fl_zone_tallies *tally_zones(const fl_analysis *a, const fl_packed *pk, size_t n, fl_status *st)
{
    *st = FL_OK;
    if (a->cfg->input_tz || a->cfg->keep_inputs)
        return NULL;
    fl_zone_tallies *t = fl_zone_tallies_new();
    for (size_t i = 0; t && i < n; i++) {
        fl_input in;
        fl_packed_input(&pk[i], &in);
        fl_zone_tallies_add(t, &in);
    }
    if (!t || fl_zone_tallies_done(t) != FL_OK) {
        fl_zone_tallies_free(t);
        *st = FL_ERR_NOMEM;
        return NULL;
    }
    return t;
}

fl_status fl_analysis_add_packed(fl_analysis *a, fl_packed *pk, size_t n)
{
    fl_status st;
    fl_zone_tallies *t = tally_zones(a, pk, n, &st);
    if (st == FL_OK && fl_packed_check_span(a, pk, n, t) != FL_OK)
        st = FL_ERR_SPAN;
    if (st == FL_OK && n) /* pk may be NULL then (a partial with no inputs), which qsort must not get */
        qsort(pk, n, sizeof *pk, fl_packed_cmp);
    for (size_t i = 0; i < n; i++) {
        fl_result r;
        if (st != FL_OK) {
            fl_packed_free(&pk[i]);
            continue;
        }
        st = fl_result_unpack(&pk[i], &r);
        if (st == FL_OK && t)
            fl_zone_apply(t, &r, a->cfg->bucket_ms);
        if (st == FL_OK)
            st = add_result(a, &r);
    }
    fl_zone_tallies_free(t);
    if (st == FL_OK)
        st = merge_mined(a);
    return st == FL_OK ? fl_analysis_name_sources(a) : st;
}

fl_status fl_analysis_add_results(fl_analysis *a, fl_result *res, size_t n)
{
    fl_packed *pk = malloc((n ? n : 1) * sizeof *pk);
    fl_status st = pk ? FL_OK : FL_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (st == FL_OK && (st = fl_result_pack(&res[i], &pk[k])) == FL_OK)
            k++;
        else
            fl_result_free(&res[i]);
    }
    if (st != FL_OK) {
        for (size_t i = 0; i < k; i++)
            fl_packed_free(&pk[i]);
        free(pk);
        return st;
    }
    st = fl_analysis_add_packed(a, pk, k);
    free(pk);
    return st;
}

fl_status fl_analysis_add_files(fl_analysis *a, char *const *paths, size_t n, unsigned jobs)
{
    fl_packed *res;
    size_t nres;
    fl_status st = fl_analysis_read_files(a->cfg, paths, n, jobs, &res, &nres);
    if (st != FL_OK)
        return st;
    st = fl_analysis_add_packed(a, res, nres);
    free(res);
    return st;
}

/* Add count lines written with offset off to the tally offs/counts (*n of cap used);
 * an offset beyond cap is left out. */
static void tally_offset(int32_t *offs, uint64_t *counts, size_t *n, size_t cap, int32_t off, uint64_t count)
{
    size_t j = 0;
    while (j < *n && offs[j] != off)
        j++;
    if (j == cap)
        return;
    if (j == *n) {
        offs[j] = off;
        counts[(*n)++] = 0;
    }
    counts[j] += count;
}

int32_t fl_analysis_main_offset(const fl_analysis *a)
{
    int32_t offs[64];
    uint64_t counts[64];
    size_t n = 0, best = 0;
    for (size_t i = 0; i < a->n_inputs; i++)
        for (size_t k = 0; k < a->inputs[i].n_offsets; k++)
            tally_offset(offs, counts, &n, 64, a->inputs[i].offsets[k], a->inputs[i].offset_count[k]);
    for (size_t k = 0; k < a->other.n_offsets; k++)
        tally_offset(offs, counts, &n, 64, a->other.offsets[k], a->other.offset_count[k]);
    for (size_t j = 1; j < n; j++)
        if (counts[j] > counts[best])
            best = j;
    return n ? offs[best] : 0;
}

void fl_analysis_measured_span(const fl_analysis *a, size_t *lo, size_t *hi)
{
    size_t span = fl_buckets_span(&a->buckets);
    int64_t base = fl_buckets_first_index(&a->buckets), first = INT64_MAX, last = INT64_MIN;
    *lo = 0;
    *hi = span;
    for (size_t i = 0; a->access_records && i < a->n_inputs; i++) {
        const fl_input *in = &a->inputs[i];
        if (!in->access_records)
            continue;
        first = in->first_ms < first ? in->first_ms : first;
        last = in->last_ms > last ? in->last_ms : last;
    }
    if (a->other.access_records) {
        first = a->other.access_first_ms < first ? a->other.access_first_ms : first;
        last = a->other.access_last_ms > last ? a->other.access_last_ms : last;
    }
    if (first > last)
        return;
    int64_t l = fl_floor_div(first, a->cfg->bucket_ms) - base, h = fl_floor_div(last, a->cfg->bucket_ms) - base + 1;
    if (l >= 0 && h <= (int64_t)span && l < h) {
        *lo = (size_t)l;
        *hi = (size_t)h;
    }
}

fl_status fl_analysis_series(const fl_analysis *a, uint32_t **R, uint32_t **F, size_t *n)
{
    size_t span = fl_buckets_span(&a->buckets);
    *R = malloc((span ? span : 1) * sizeof **R);
    *F = malloc((span ? span : 1) * sizeof **F);
    if (!*R || !*F) { /* none is left for the caller to free */
        free(*R);
        free(*F);
        *R = *F = NULL;
        return FL_ERR_NOMEM;
    }
    int access = a->access_records > 0;
    for (size_t i = 0; i < span; i++) {
        const fl_bucket *b = fl_buckets_get(&a->buckets, i);
        (*R)[i] = access ? b->requests : b->entries;
        (*F)[i] = access ? b->failed : b->errors;
    }
    *n = span;
    return FL_OK;
}

fl_status fl_analysis_warnings(const fl_analysis *a, uint32_t **W)
{
    size_t span = fl_buckets_span(&a->buckets);
    if (!(*W = malloc((span ? span : 1) * sizeof **W)))
        return FL_ERR_NOMEM;
    for (size_t i = 0; i < span; i++)
        (*W)[i] = fl_buckets_get(&a->buckets, i)->warnings;
    return FL_OK;
}
