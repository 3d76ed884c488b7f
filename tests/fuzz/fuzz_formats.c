/* fuzz_formats.c: every row of fl_formats[] on the input's lines, as a file is read:
 * sniff and fl_format_detect on the first 16 lines, then each line through parse with
 * one persistent fl_parse_state per format, and the format's detail function (user
 * agent, upstream) on every record it parsed. The "custom" row gets a fixed compiled
 * --log-format. Each parse is repeated on a copy of the state with a cold timestamp
 * cache: the minute cache must never change a result. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "formats/format.h"
#include "formats/logformat.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_json;

#define SNIFF_LINES 16
#define MAX_LINES 64

static const fl_logformat *custom_format(void)
{
    static fl_logformat *lf;
    static int done;
    if (!done) {
        char err[128];
        done = 1;
        if (fl_logformat_compile("%h %^[%d:%t %^] \"%r\" %s %b \"%R\" \"%u\" %T", NULL, NULL, &lf, err,
                                 sizeof err) != FL_OK) {
            fprintf(stderr, "fuzz_formats: --log-format: %s\n", err);
            abort();
        }
    }
    return lf;
}

/* Pointers of a record must lie in readable memory (normally the line). */
static void check_record(const fl_record *r)
{
    fuzz_touch(r->user_agent, r->user_agent ? r->user_agent_len : 0);
    fuzz_touch(r->upstream, r->upstream ? r->upstream_len : 0);
    FUZZ_CHECK(r->user_agent || !r->user_agent_len);
    FUZZ_CHECK(r->upstream || !r->upstream_len);
    fuzz_touch(r->host, r->host ? r->host_len : 0);
    fuzz_touch(r->method, r->method ? r->method_len : 0);
    fuzz_touch(r->path, r->path ? r->path_len : 0);
    fuzz_touch(r->message, r->message ? r->message_len : 0);
    FUZZ_CHECK(r->host || !r->host_len);
    FUZZ_CHECK(r->method || !r->method_len);
    FUZZ_CHECK(r->path || !r->path_len);
    FUZZ_CHECK(r->message || !r->message_len);
}

/* JSON lines have no state between lines that may change a result: the layout the
 * parser learnt from the lines before (formats/json_access.c) must give what a fresh
 * state gives, every field of the record included. */
static void check_json_fresh(const char *line, size_t len, fl_parse_result r, const fl_record *rec,
                             fl_parse_state *fresh)
{
    fl_record b;
    memset(fresh, 0, sizeof *fresh);
    memset(&b, 0, sizeof b);
    fl_parse_result rb = fl_format_json.parse(fresh, line, len, &b);
    FUZZ_CHECK(r == rb);
    if (r != FL_PARSE_OK && r != FL_PARSE_NO_TIMESTAMP)
        return;
    FUZZ_CHECK(rec->status == b.status && rec->bytes == b.bytes && rec->host == b.host &&
               rec->host_len == b.host_len && rec->method == b.method && rec->method_len == b.method_len &&
               rec->path == b.path && rec->path_len == b.path_len &&
               memcmp(&rec->duration_ms, &b.duration_ms, sizeof b.duration_ms) == 0);
    FUZZ_CHECK(r != FL_PARSE_OK || (rec->time.ms == b.time.ms && rec->time.has_offset == b.time.has_offset &&
                                    rec->time.offset_s == b.time.offset_s));
}

static void run_format(const fl_format *f, const fuzz_lines *l, fl_parse_state *st,
                       fl_parse_state *cold)
{
    memset(st, 0, sizeof *st);
    st->year = 2022;
    st->month = 10;
    st->custom = custom_format();
    size_t ns = l->n < SNIFF_LINES ? l->n : SNIFF_LINES;
    int score = f->sniff((const char *const *)l->text, l->len, ns);
    FUZZ_CHECK(score >= 0 && score <= 100);
    for (size_t i = 0; i < l->n; i++) {
        fl_record rec, rec2;
        memset(&rec, 0, sizeof rec);
        memset(&rec2, 0, sizeof rec2);
        *cold = *st;
        memset(&cold->ts, 0, sizeof cold->ts);
        fl_parse_result r = f->parse(st, l->text[i], l->len[i], &rec);
        fl_parse_result r2 = f->parse(cold, l->text[i], l->len[i], &rec2);
        if (r == FL_PARSE_OK && f->detail) /* as classify does for failures and samples */
            f->detail(l->text[i], l->len[i], &rec);
        if (r == FL_PARSE_OK)
            check_record(&rec);
        if (f->parse == fl_format_json.parse)
            check_json_fresh(l->text[i], l->len[i], r, &rec, cold);
        if (r != r2 || (r == FL_PARSE_OK && (rec.time.ms != rec2.time.ms ||
                                             rec.time.has_offset != rec2.time.has_offset ||
                                             rec.status != rec2.status))) {
            fprintf(stderr, "format %s, line %zu: warm cache gave %d (ms %lld), cold cache %d (ms %lld)\n",
                    f->name, i + 1, (int)r, (long long)rec.time.ms, (int)r2, (long long)rec2.time.ms);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_lines l = {0};
    fl_parse_state *st = malloc(sizeof *st), *cold = malloc(sizeof *cold);
    if (st && cold && fuzz_split(data, size, MAX_LINES, &l) == 0) {
        char why[256];
        int score = -1;
        size_t ns = l.n < SNIFF_LINES ? l.n : SNIFF_LINES;
        const fl_format *best = fl_format_detect((const char *const *)l.text, l.len, ns, &score, why,
                                                 sizeof why);
        FUZZ_CHECK(score >= 0 && score <= 100);
        FUZZ_CHECK(!best || fl_format_find(best->name) == best);
        for (const fl_format *const *f = fl_formats; *f; f++)
            run_format(*f, &l, st, cold);
    }
    fuzz_lines_free(&l);
    free(st);
    free(cold);
    return 0;
}
