/* partial_tmpl.c: an input's mined templates written into and read from a partial. */
#include "partial/partial_tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partial/partial_int.h"

#define MS_LIM 4102444800000LL /* year 2100: times beyond are not ones we wrote */
#define SERIES_MAX (16u << 20) /* buckets per template read, at most (the span cap) */

static json_t *series_json(const fl_tmpl_series *s)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < s->n; i++)
        if (json_array_append_new(a, json_pack("[I,I]", (json_int_t)s->at[i].bucket,
                                               (json_int_t)s->at[i].count)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

json_t *fl_partial_templates_json(const fl_mined *m)
{
    json_t *list = json_array();
    for (uint32_t s = 0; list && s < fl_miner_slots(m->miner); s++) {
        if (!fl_miner_count(m->miner, s))
            continue;
        const fl_tmpl_info *t = &m->info[s];
        json_t *e = json_pack("[o,I,i,i,I,I,I,o,o]", fl_partial_bytes_json(fl_miner_text(m->miner, s)),
                              (json_int_t)fl_miner_count(m->miner, s), t->level, t->has_time,
                              (json_int_t)t->first_ms, (json_int_t)t->last_ms,
                              (json_int_t)t->first_line, fl_partial_bytes_json(t->sample),
                              series_json(&m->series[s]));
        if (json_array_append_new(list, e) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    return list ? json_pack("{s:I,s:o}", "other", (json_int_t)fl_mined_other(m), "list", list) : NULL;
}

/* An integer of j in [lo, hi] into *v; 0 when it is not one. */
static int int_in(const json_t *j, int64_t lo, int64_t hi, int64_t *v)
{
    if (!json_is_integer(j))
        return 0;
    *v = json_integer_value(j);
    return *v >= lo && *v <= hi;
}

/* The series of e into a malloc'd sorted array; NULL with *why set on a bad one. */
static fl_tmpl_count *read_series(const json_t *a, size_t *n, const char **why)
{
    *n = json_array_size(a);
    if (!json_is_array(a) || *n > SERIES_MAX) {
        *why = "templates[].buckets: expected an array";
        return NULL;
    }
    fl_tmpl_count *c = malloc((*n ? *n : 1) * sizeof *c);
    if (!c) {
        *why = NULL;
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        const json_t *p = json_array_get(a, i);
        int64_t b, k;
        if (json_array_size(p) != 2 || !int_in(json_array_get(p, 0), -MS_LIM, MS_LIM, &b) ||
            !int_in(json_array_get(p, 1), 1, INT64_MAX, &k) || (i && b <= c[i - 1].bucket)) {
            *why = "templates[].buckets: expected ascending [bucket, count] pairs";
            free(c);
            return NULL;
        }
        c[i] = (fl_tmpl_count){b, (uint64_t)k};
    }
    return c;
}

/* One template entry e into m; FL_OK, FL_ERR_NOMEM or FL_ERR_PARSE (why). */
static fl_status read_one(const json_t *e, fl_mined *m, char *why, size_t cap)
{
    char text[FL_MINER_TEXT + 1];
    fl_tmpl_info t;
    memset(&t, 0, sizeof t);
    int64_t v[6];
    const char *bad = json_array_size(e) != 9 ? "expected an array of 9" : NULL;
    if (!bad && (bad = fl_partial_bytes(json_array_get(e, 0), text, sizeof text)) == NULL &&
        (bad = fl_partial_bytes(json_array_get(e, 7), t.sample, sizeof t.sample)) == NULL &&
        !(int_in(json_array_get(e, 1), 1, INT64_MAX, &v[0]) && int_in(json_array_get(e, 2), 0, 255, &v[1]) &&
          int_in(json_array_get(e, 3), 0, 1, &v[2]) && int_in(json_array_get(e, 4), -MS_LIM, MS_LIM, &v[3]) &&
          int_in(json_array_get(e, 5), -MS_LIM, MS_LIM, &v[4]) && int_in(json_array_get(e, 6), 0, INT64_MAX, &v[5])))
        bad = "a value out of range";
    size_t n = 0;
    fl_tmpl_count *series = bad ? NULL : read_series(json_array_get(e, 8), &n, &bad);
    if (!series) {
        if (bad)
            snprintf(why, cap, "templates[]: %s", bad);
        return bad ? FL_ERR_PARSE : FL_ERR_NOMEM;
    }
    t.level = (uint8_t)v[1];
    t.has_time = (uint8_t)v[2];
    t.first_ms = v[3];
    t.last_ms = v[4];
    t.first_line = (uint64_t)v[5];
    t.n_inputs = 1;
    uint32_t slot;
    fl_status st = fl_mined_put(m, text, strlen(text), (uint64_t)v[0], &t, series, n, &slot);
    free(series);
    return st;
}

fl_status fl_partial_templates_read(const json_t *j, int64_t bucket_ms, fl_mined **out, char *why,
                                    size_t cap)
{
    const json_t *list = json_object_get(j, "list");
    int64_t other;
    if (!json_is_array(list) || !int_in(json_object_get(j, "other"), 0, INT64_MAX, &other)) {
        snprintf(why, cap, "templates: expected {\"other\": N, \"list\": [...]}");
        return FL_ERR_PARSE;
    }
    if (!(*out = fl_mined_new(bucket_ms)))
        return FL_ERR_NOMEM;
    fl_status st = FL_OK;
    for (size_t i = 0; i < json_array_size(list) && st == FL_OK; i++)
        st = read_one(json_array_get(list, i), *out, why, cap);
    if (st == FL_OK) /* the miner's own other count is 0 unless reading folded some */
        (*out)->other_read = (uint64_t)other;
    if (st != FL_OK) {
        fl_mined_free(*out);
        *out = NULL;
    }
    return st;
}
