/* sources.c: names of sources (one host's directory, an archive's directory) for
 * people: the label text uses ("kafka1"), and the shortest tail of the path that
 * evidence is written with ("kafka1/logs/server.log:158"). Path components are split
 * at '/' and at the ':' between an archive and its member. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"

/* The components of one name: offsets and lengths into it, empty ones skipped. */
typedef struct comps {
    size_t n;
    size_t *start, *len;
} comps;

static int is_sep(char c) { return c == '/' || c == ':'; }

/* Split s into c (arrays malloc'd; free with comps_free). 0, or -1 when out of memory. */
static int comps_split(const char *s, comps *c)
{
    size_t cap = strlen(s) / 2 + 1;
    c->n = 0;
    c->start = malloc(cap * sizeof *c->start);
    c->len = malloc(cap * sizeof *c->len);
    if (!c->start || !c->len)
        return -1;
    for (size_t i = 0; s[i];) {
        while (is_sep(s[i]))
            i++;
        size_t b = i;
        while (s[i] && !is_sep(s[i]))
            i++;
        if (i > b) {
            c->start[c->n] = b;
            c->len[c->n++] = i - b;
        }
    }
    return 0;
}

static void comps_free(comps *c)
{
    free(c->start);
    free(c->len);
}

/* Component k of name a (c) equals component m of name b (d). */
static int comp_eq(const char *a, const comps *c, size_t k, const char *b, const comps *d, size_t m)
{
    return c->len[k] == d->len[m] && memcmp(a + c->start[k], b + d->start[m], c->len[k]) == 0;
}

/* Names a and b share their last k components (both have at least k). */
static int tails_eq(const char *a, const comps *c, const char *b, const comps *d, size_t k)
{
    if (c->n < k || d->n < k)
        return 0;
    for (size_t i = 1; i <= k; i++)
        if (!comp_eq(a, c, c->n - i, b, d, d->n - i))
            return 0;
    return 1;
}

/* The fewest last components of source i that no other source's name ends with
 * (all of them when none is enough); at least one. */
static size_t tail_needed(const fl_analysis *a, const comps *cs, size_t i)
{
    for (size_t k = 1; k < cs[i].n; k++) {
        size_t j = 0;
        while (j < a->n_sources && (j == i || !tails_eq(a->sources[i].name, &cs[i], a->sources[j].name, &cs[j], k)))
            j++;
        if (j == a->n_sources)
            return k;
    }
    return cs[i].n;
}

/* Leading (lead) or trailing components every non-empty name shares, leaving at
 * least one component of each. */
static size_t shared(const fl_analysis *a, const comps *cs, int lead, size_t keep_other)
{
    size_t best = SIZE_MAX, ref = SIZE_MAX, named = 0;
    for (size_t i = 0; i < a->n_sources; i++)
        if (cs[i].n) {
            named++;
            if (ref == SIZE_MAX)
                ref = i;
            size_t room = cs[i].n - 1 - keep_other; /* components that may go */
            best = room < best ? room : best;
        }
    if (named < 2) /* a lone name shares nothing with anyone */
        return 0;
    size_t k = 0;
    for (; k < best; k++)
        for (size_t i = 0; i < a->n_sources; i++) {
            if (!cs[i].n)
                continue;
            size_t x = lead ? k : cs[ref].n - 1 - k, y = lead ? k : cs[i].n - 1 - k;
            if (!comp_eq(a->sources[ref].name, &cs[ref], x, a->sources[i].name, &cs[i], y))
                return k;
        }
    return k;
}

/* label = name's components [from, to) as written, or "(top)" when there are none. */
static char *label_of(const char *name, const comps *c, size_t from, size_t to)
{
    if (from >= to)
        return strdup("(top)");
    size_t b = c->start[from], e = c->start[to - 1] + c->len[to - 1];
    return strndup(name + b, e - b);
}

static int labels_clash(const fl_analysis *a)
{
    for (size_t i = 0; i < a->n_sources; i++)
        for (size_t j = i + 1; j < a->n_sources; j++)
            if (strcmp(a->sources[i].label, a->sources[j].label) == 0)
                return 1;
    return 0;
}

fl_status fl_analysis_name_sources(fl_analysis *a)
{
    comps *cs = calloc(a->n_sources ? a->n_sources : 1, sizeof *cs);
    fl_status st = cs ? FL_OK : FL_ERR_NOMEM;
    for (size_t i = 0; st == FL_OK && i < a->n_sources; i++)
        if (comps_split(a->sources[i].name, &cs[i]) != 0)
            st = FL_ERR_NOMEM;
    size_t lead = 0, trail = 0;
    if (st == FL_OK && a->n_sources > 1) {
        trail = shared(a, cs, 0, 0);
        lead = shared(a, cs, 1, trail);
    }
    for (size_t i = 0; st == FL_OK && i < a->n_sources; i++) {
        fl_source_series *s = &a->sources[i];
        size_t k = tail_needed(a, cs, i);
        s->suffix_at = k < cs[i].n ? cs[i].start[cs[i].n - k] : 0;
        free(s->label);
        s->label = !cs[i].n ? label_of(s->name, &cs[i], 0, 0)
                   : a->n_sources > 1 ? label_of(s->name, &cs[i], lead, cs[i].n - trail)
                                    : label_of(s->name, &cs[i], cs[i].n ? cs[i].n - 1 : 0, cs[i].n);
        if (!s->label)
            st = FL_ERR_NOMEM;
    }
    int clash = st == FL_OK && labels_clash(a);
    for (size_t i = 0; clash && st == FL_OK && i < a->n_sources; i++) {
        fl_source_series *s = &a->sources[i]; /* fall back to the distinguishing tails */
        free(s->label);
        if (!(s->label = strdup(s->name[0] ? s->name + s->suffix_at : "(top)")))
            st = FL_ERR_NOMEM;
    }
    for (size_t i = 0; cs && i < a->n_sources; i++)
        comps_free(&cs[i]);
    free(cs);
    return st;
}

const char *fl_analysis_evidence_name(const fl_analysis *a, const fl_input *in, char *buf, size_t len)
{
    if (in->source >= a->n_sources || !a->sources[in->source].name[0]) {
        snprintf(buf, len, "%s", in->path);
        return buf;
    }
    const fl_source_series *s = &a->sources[in->source];
    snprintf(buf, len, "%s%s", s->name + s->suffix_at, in->path + in->source_len);
    return buf;
}

void fl_source_fill(const fl_source_series *s, int64_t first_index, size_t n, fl_series_field f,
                    uint32_t *out)
{
    memset(out, 0, n * sizeof *out);
    int64_t first = fl_buckets_first_index(&s->counts);
    for (size_t i = 0; i < fl_buckets_span(&s->counts); i++) {
        int64_t at = first + (int64_t)i - first_index;
        if (at < 0 || (size_t)at >= n)
            continue;
        const fl_bucket *b = fl_buckets_get(&s->counts, i);
        const uint32_t v[] = {b->requests + b->entries, b->requests, b->failed, b->entries, b->errors};
        out[at] = v[f];
    }
}

int64_t fl_source_record_time(const fl_source_series *s, int64_t bucket, int first)
{
    int64_t i = bucket - fl_buckets_first_index(&s->counts);
    if (i < 0 || (size_t)i >= fl_buckets_span(&s->counts))
        return INT64_MIN;
    const fl_bucket *b = fl_buckets_get(&s->counts, (size_t)i);
    if (!b->requests && !b->entries)
        return INT64_MIN;
    return bucket * s->counts.width_ms + (first ? b->first_off : b->last_off);
}

fl_status fl_analysis_liveness(const fl_analysis *a, int64_t first_index, size_t n, fl_liveness *out)
{
    uint32_t *rec = malloc((n ? n : 1) * sizeof *rec);
    fl_status st = rec ? FL_OK : FL_ERR_NOMEM;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; st == FL_OK && i < a->n_sources; i++) {
        fl_source_fill(&a->sources[i], first_index, n, FL_SERIES_RECORDS, rec);
        st = fl_liveness_scan(rec, n, i, &a->cfg->detect, out);
    }
    free(rec);
    return st;
}

void fl_analysis_detect_opts(const fl_analysis *a, fl_detect_opts *out)
{
    if (a->access_records)
        *out = a->cfg->detect;
    else
        fl_detect_server_opts(&a->cfg->detect, out);
    out->bucket_ms = a->cfg->bucket_ms;
}
