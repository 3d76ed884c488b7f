/* test_formats.c: every row of the format table (formats.c), driven by the samples
 * each format carries (format.h's fl_format_sample). A format's samples, read in
 * order from one fresh state, give the results, times, statuses and levels they
 * state; offered together they are detected as that format; a format without
 * samples ("custom") is never detected; and every prefix of every sample line,
 * in a heap buffer of exactly that size, goes through every parser without a read
 * past its end (under ASan). A new format is tested by adding its row. */
#include "fmt_test.h"
#include "time/fl_time.h"

#define MAX_SAMPLES 16

/* The fl_time a sample's "yyyy-mm-ddThh:mm:ss[.mmm][Z|+hh:mm]" states; 0 if the
 * text is not of that shape. */
static int expected_time(const char *s, fl_time *t)
{
    int y, mo, d, h, mi, sec, ms = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
        return 0;
    s += n;
    if (*s == '.') {
        if (sscanf(s, ".%3d%n", &ms, &n) != 1 || n != 4)
            return 0;
        s += n;
    }
    int64_t wall = ((fl_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 + h) * 60 + mi) * 60 + sec;
    memset(t, 0, sizeof *t);
    if (*s == 'Z' || *s == '+' || *s == '-') {
        int oh = 0, om = 0;
        if (*s != 'Z' && sscanf(s + 1, "%2d:%2d", &oh, &om) != 2)
            return 0;
        t->has_offset = 1;
        t->offset_s = (*s == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else if (*s) {
        return 0;
    }
    t->ms = (wall - t->offset_s) * 1000 + ms;
    return 1;
}

/* A format's sample lines, in order. */
static size_t sample_lines(const fl_format *f, const char **lines, size_t *lens)
{
    size_t n = 0;
    for (const fl_format_sample *s = f->samples; s && s->line && n < MAX_SAMPLES; s++) {
        lines[n] = s->line;
        lens[n++] = strlen(s->line);
    }
    return n;
}

static void check_record(const fl_format *f, const fl_format_sample *s, const fl_record *r)
{
    fl_time want;
    CHECK(expected_time(s->time, &want));
    if (r->time.ms != want.ms || r->time.has_offset != want.has_offset ||
        r->time.offset_s != want.offset_s)
        fprintf(stderr, "  %s: \"%.60s\": time %lld ms (offset %d s: %d), expected %s\n",
                f->name, s->line, (long long)r->time.ms, r->time.has_offset, r->time.offset_s,
                s->time);
    CHECK_INT(r->time.ms, want.ms);
    CHECK_INT(r->time.has_offset, want.has_offset);
    CHECK_INT(r->time.offset_s, want.offset_s);
    CHECK_INT(r->kind, f->kind);
    if (f->kind == FL_KIND_ACCESS) {
        CHECK_INT(r->status, s->status);
        CHECK(s->status >= 100 && s->status <= 599);
    } else {
        CHECK_INT(r->level, s->level);
        CHECK(fmt_server_fields(r));
    }
}

/* The samples parse, in order from one state, as they say. Returns the records. */
static size_t check_parse(const fl_format *f)
{
    fl_parse_state st;
    fl_record r;
    size_t records = 0;
    fmt_state(&st);
    for (const fl_format_sample *s = f->samples; s->line; s++) {
        fl_parse_result res = fmt_parse(f->parse, &st, s->line, &r);
        if (res != s->result)
            fprintf(stderr, "  %s: \"%.60s\": result %d, expected %d\n", f->name, s->line, (int)res,
                    (int)s->result);
        CHECK_INT(res, s->result);
        CHECK((s->result == FL_PARSE_OK) == (s->time != NULL));
        if (res == FL_PARSE_OK && s->result == FL_PARSE_OK) {
            check_record(f, s, &r);
            records++;
        }
    }
    return records;
}

/* Offered together, a format's samples are detected as that format. */
static void check_detect(const fl_format *f)
{
    const char *lines[MAX_SAMPLES];
    size_t lens[MAX_SAMPLES], n = sample_lines(f, lines, lens);
    char why[256];
    int score = 0;
    const fl_format *d = fl_format_detect(lines, lens, n, &score, why, sizeof why);
    if (d != f)
        fprintf(stderr, "  %s samples detected as %s (%s)\n", f->name, d ? d->name : "none", why);
    CHECK(d == f);
    CHECK(score >= 50);
}

/* A format without samples is never detected: it scores 0 on every other's. */
static void check_never_detected(const fl_format *f)
{
    for (const fl_format *const *g = fl_formats; *g; g++) {
        const char *lines[MAX_SAMPLES];
        size_t lens[MAX_SAMPLES], n = sample_lines(*g, lines, lens);
        if (n)
            CHECK_INT(f->sniff(lines, lens, n), 0);
    }
}

/* Every prefix of every sample line through every parser, from a fresh state. */
static void check_prefixes_in_bounds(void)
{
    size_t runs = 0;
    for (const fl_format *const *f = fl_formats; *f; f++)
        for (const fl_format_sample *s = (*f)->samples; s && s->line; s++) {
            size_t len = strlen(s->line);
            for (size_t n = 0; n <= len; n++) {
                char *copy = malloc(n ? n : 1);
                if (!copy)
                    continue;
                memcpy(copy, s->line, n);
                for (const fl_format *const *g = fl_formats; *g; g++) {
                    fl_parse_state st;
                    fl_record r;
                    fmt_state(&st);
                    runs += (*g)->parse(&st, copy, n, &r) <= FL_PARSE_CONTINUATION;
                }
                free(copy);
            }
        }
    CHECK(runs > 10000);
}

int main(void)
{
    size_t formats = 0;
    for (const fl_format *const *f = fl_formats; *f; f++, formats++) {
        CHECK(fl_format_find((*f)->name) == *f);
        CHECK((*f)->name && (*f)->description && (*f)->sniff && (*f)->parse);
        if (!(*f)->samples) {
            check_never_detected(*f);
            continue;
        }
        CHECK(check_parse(*f) >= 1);
        check_detect(*f);
    }
    CHECK(formats >= 24);
    check_prefixes_in_bounds();
    return fl_test_result("test_formats");
}
