/* check_report.c: compares faultline's report.json with a fixture's expected.json
 * (the known answer written by fl-loggen --truth).
 * Usage: check_report REPORT.json EXPECTED.json
 * Per incident, in order: onset equal, recovery equal (both null or the same string),
 * peak equal when the expected peak is not null, and |peak_impact_pct - expected| at
 * most the expected peak_impact_tolerance; and, when the expected incident names them,
 * its failures, failing upstreams and failures by client class exactly. Also that
 * REPORT.json is byte for byte what jansson writes for its content (faultline
 * streams the buckets array itself). Exit 0 when all match ("ok: N incidents
 * match"), 1 on any mismatch (each one printed), 2 when a file is unreadable or
 * malformed. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_MISMATCH 1
#define EXIT_MALFORMED 2
#define IMPACT_EPSILON 1e-9

typedef struct incident {
    const char *onset;
    const char *peak;     /* NULL: json null (expected: peak not checked) */
    const char *recovery; /* NULL: json null (not recovered) */
    double impact_pct;
    double tolerance; /* expected only; 0 when absent */
} incident;

typedef struct report {
    const char *path;
    json_t *root;
    incident *incidents;
    size_t count;
} report;

static int malformed(const char *path, size_t index, const char *what)
{
    if (index == 0)
        fprintf(stderr, "check_report: %s: %s\n", path, what);
    else
        fprintf(stderr, "check_report: %s: incident %zu: %s\n", path, index, what);
    return 0;
}

/* Reads key as a string or, if null_ok, null (*out = NULL). Returns 0 otherwise. */
static int get_time(const json_t *obj, const char *key, int null_ok, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return 1;
    }
    *out = NULL;
    return null_ok && json_is_null(v);
}

static int parse_incident(const report *r, size_t index, const json_t *obj, int expected,
                          incident *out)
{
    const json_t *v;
    if (!json_is_object(obj))
        return malformed(r->path, index, "not an object");
    if (!get_time(obj, "onset", 0, &out->onset))
        return malformed(r->path, index, "\"onset\" missing or not a string");
    /* The report always names its peak; the expected answer may leave it open. */
    if (!get_time(obj, "peak", expected, &out->peak))
        return malformed(r->path, index,
                         expected ? "\"peak\" missing or neither a string nor null"
                                  : "\"peak\" missing or not a string");
    if (!get_time(obj, "recovery", 1, &out->recovery))
        return malformed(r->path, index, "\"recovery\" missing or neither a string nor null");
    v = json_object_get(obj, "peak_impact_pct");
    if (!json_is_number(v))
        return malformed(r->path, index, "\"peak_impact_pct\" missing or not a number");
    out->impact_pct = json_number_value(v);
    out->tolerance = 0;
    v = json_object_get(obj, "peak_impact_tolerance");
    if (expected && v) {
        if (!json_is_number(v) || json_number_value(v) < 0)
            return malformed(r->path, index,
                             "\"peak_impact_tolerance\" not a non-negative number");
        out->tolerance = json_number_value(v);
    }
    return 1;
}

/* Loads path into r. Returns 0 (after printing why) when it is unreadable or malformed. */
static int load_report(const char *path, int expected, report *r)
{
    json_error_t err;
    memset(r, 0, sizeof *r);
    r->path = path;
    r->root = json_load_file(path, 0, &err);
    if (!r->root) {
        if (err.line > 0)
            fprintf(stderr, "check_report: %s:%d:%d: %s\n", path, err.line, err.column,
                    err.text);
        else
            fprintf(stderr, "check_report: %s\n", err.text);
        return 0;
    }
    const json_t *list = json_object_get(r->root, "incidents");
    if (!json_is_array(list))
        return malformed(path, 0, "no \"incidents\" array at the top level");
    r->count = json_array_size(list);
    r->incidents = calloc(r->count ? r->count : 1, sizeof *r->incidents);
    if (!r->incidents)
        return malformed(path, 0, "out of memory");
    for (size_t i = 0; i < r->count; i++)
        if (!parse_incident(r, i + 1, json_array_get(list, i), expected, &r->incidents[i]))
            return 0;
    return 1;
}

static void free_report(report *r)
{
    free(r->incidents);
    json_decref(r->root);
}

static const char *or_null(const char *s)
{
    return s ? s : "null";
}

static int same_time(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Prints every mismatch of incident number n; returns how many there were. */
static int compare_incident(size_t n, const incident *want, const incident *got)
{
    int mismatches = 0;
    if (!same_time(want->onset, got->onset)) {
        printf("incident %zu: onset: expected %s, got %s\n", n, want->onset, got->onset);
        mismatches++;
    }
    if (want->peak && !same_time(want->peak, got->peak)) {
        printf("incident %zu: peak: expected %s, got %s\n", n, want->peak, got->peak);
        mismatches++;
    }
    double diff = got->impact_pct - want->impact_pct;
    if (diff < 0)
        diff = -diff;
    if (!(diff <= want->tolerance + IMPACT_EPSILON)) {
        printf("incident %zu: peak_impact_pct: expected %.3f (+-%.3f), got %.3f\n", n,
               want->impact_pct, want->tolerance, got->impact_pct);
        mismatches++;
    }
    if (!same_time(want->recovery, got->recovery)) {
        printf("incident %zu: recovery: expected %s, got %s\n", n, or_null(want->recovery),
               or_null(got->recovery));
        mismatches++;
    }
    return mismatches;
}

/* The optional breakdowns an expected incident may name, compared exactly:
 * "failed", "top_failing_upstreams" (the first entries in order: upstream and failed)
 * and "failed_by_client_class" (each listed class's listed counts). Prints every
 * mismatch; returns how many there were. */
static int compare_breakdowns(size_t n, const json_t *want, const json_t *got)
{
    int mismatches = 0;
    const json_t *w = json_object_get(want, "failed");
    if (w && json_integer_value(w) != json_integer_value(json_object_get(got, "failed"))) {
        printf("incident %zu: failed: expected %lld, got %lld\n", n, (long long)json_integer_value(w),
               (long long)json_integer_value(json_object_get(got, "failed")));
        mismatches++;
    }
    const json_t *wu = json_object_get(want, "top_failing_upstreams");
    const json_t *gu = json_object_get(got, "top_failing_upstreams");
    for (size_t k = 0; k < json_array_size(wu); k++) {
        const json_t *a = json_array_get(wu, k), *b = json_array_get(gu, k);
        const char *name = json_string_value(json_object_get(a, "upstream"));
        const char *got_name = b ? json_string_value(json_object_get(b, "upstream")) : NULL;
        json_int_t fa = json_integer_value(json_object_get(a, "failed"));
        json_int_t fb = b ? json_integer_value(json_object_get(b, "failed")) : -1;
        if (!name || !got_name || strcmp(name, got_name) != 0 || fa != fb) {
            printf("incident %zu: top_failing_upstreams[%zu]: expected %s %lld, got %s %lld\n", n, k,
                   or_null(name), (long long)fa, or_null(got_name), (long long)fb);
            mismatches++;
        }
    }
    const json_t *wc = json_object_get(want, "failed_by_client_class");
    const json_t *gc = json_object_get(got, "failed_by_client_class");
    const char *cls;
    const json_t *counts;
    json_object_foreach((json_t *)wc, cls, counts) {
        const char *key;
        const json_t *v;
        json_object_foreach((json_t *)counts, key, v) {
            const json_t *g = json_object_get(json_object_get(gc, cls), key);
            if (!json_is_integer(g) || json_integer_value(g) != json_integer_value(v)) {
                printf("incident %zu: failed_by_client_class.%s.%s: expected %lld, got %s%lld\n", n, cls,
                       key, (long long)json_integer_value(v), g ? "" : "(missing) ",
                       (long long)json_integer_value(g));
                mismatches++;
            }
        }
    }
    return mismatches;
}

static void list_incidents(const char *label, const report *r)
{
    for (size_t i = 0; i < r->count; i++)
        printf("  %s incident %zu: onset %s, recovery %s\n", label, i + 1,
               r->incidents[i].onset, or_null(r->incidents[i].recovery));
}

/* 1 when the text of path is json_dumps of root (with faultline's flags) and a
 * newline; otherwise prints the first line that differs and returns 0. */
static int written_as_jansson(const char *path, const json_t *root)
{
    char *want = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(12) | JSON_PRESERVE_ORDER);
    FILE *f = fopen(path, "rb");
    size_t n = want ? strlen(want) : 0, got_n = 0, line = 1;
    char *got = want ? malloc(n + 2) : NULL;
    if (f && got)
        got_n = fread(got, 1, n + 2, f); /* one byte more than expected, if there is one */
    int same = f && got && got_n == n + 1 && memcmp(got, want, n) == 0 && got[n] == '\n';
    if (!same) {
        for (size_t i = 0; i < n && i < got_n && got[i] == want[i]; i++)
            line += got[i] == '\n';
        printf("%s: line %zu is not what jansson writes for the same content\n", path, line);
    }
    if (f)
        fclose(f);
    free(got);
    free(want);
    return same;
}

int main(int argc, char **argv)
{
    report got, want;
    if (argc != 3) {
        fprintf(stderr, "usage: check_report REPORT.json EXPECTED.json\n");
        return EXIT_MALFORMED;
    }
    int loaded = load_report(argv[1], 0, &got);
    loaded = load_report(argv[2], 1, &want) && loaded;
    if (!loaded) {
        free_report(&got);
        free_report(&want);
        return EXIT_MALFORMED;
    }

    int mismatches = !written_as_jansson(argv[1], got.root);
    if (got.count != want.count) {
        printf("incident count: expected %zu, got %zu\n", want.count, got.count);
        list_incidents("expected", &want);
        list_incidents("got", &got);
        mismatches++;
    } else {
        const json_t *wl = json_object_get(want.root, "incidents"), *gl = json_object_get(got.root, "incidents");
        for (size_t i = 0; i < want.count; i++) {
            mismatches += compare_incident(i + 1, &want.incidents[i], &got.incidents[i]);
            mismatches += compare_breakdowns(i + 1, json_array_get(wl, i), json_array_get(gl, i));
        }
    }
    if (mismatches == 0)
        printf("ok: %zu incidents match\n", want.count);
    free_report(&got);
    free_report(&want);
    return mismatches ? EXIT_MISMATCH : EXIT_SUCCESS;
}
