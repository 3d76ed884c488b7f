/* analysis.c: per-file reading, format detection, classification into buckets.
 * An archive is one work item whose members are read in turn, each into a result
 * of its own (fl_archive.h). */
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

#define FL_SNIFF_LINES 16
#define FL_MAX_DRIFT_MS (366 * 86400000LL) /* records this far from a file's sample are out of range */

const char *const fl_skip_names[FL_SKIP_N] = {"unparseable", "no_timestamp", "overlong",
                                              "out_of_range"};

void fl_config_defaults(fl_config *c)
{
    memset(c, 0, sizeof *c);
    c->bucket_ms = 60000;
    for (int s = 500; s < 600; s++)
        c->fail_status[s] = 1;
    c->max_line = 64 * 1024;
    c->max_span = 4u * 1024 * 1024;
    /* Large plain files are read in chunks of this size by separate threads. The size
     * is fixed (not derived from --jobs) so every --jobs value gives the same result. */
    c->chunk_bytes = 32u << 20;
    fl_detect_defaults(&c->detect);
}

/* One item of a --fail-status list: "5xx", "503", "500-504". */
static int fail_item(fl_config *c, const char *s, size_t n)
{
    char buf[16];
    unsigned lo, hi;
    char tail;
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = 0;
    if (n == 3 && isdigit((unsigned char)buf[0]) && (buf[1] | 0x20) == 'x' && (buf[2] | 0x20) == 'x') {
        lo = (unsigned)(buf[0] - '0') * 100;
        hi = lo + 99;
    } else if (sscanf(buf, "%u-%u%c", &lo, &hi, &tail) == 2) {
    } else if (sscanf(buf, "%u%c", &lo, &tail) == 1) {
        hi = lo;
    } else {
        return 0;
    }
    if (lo < 100 || hi >= FL_MAX_STATUS || lo > hi)
        return 0;
    for (unsigned k = lo; k <= hi; k++)
        c->fail_status[k] = 1;
    return 1;
}

fl_status fl_config_fail_status(fl_config *c, const char *spec)
{
    memset(c->fail_status, 0, sizeof c->fail_status);
    while (*spec) {
        size_t n = strcspn(spec, ",");
        if (!fail_item(c, spec, n))
            return FL_ERR_USAGE;
        spec += n;
        if (*spec == ',')
            spec++;
    }
    return FL_OK;
}

static void input_free(fl_input *in)
{
    free(in->path);
    free(in->sightings);
    free(in->markers);
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
        input_free(&a->inputs[i]);
        if (a->input_buckets)
            fl_buckets_free(&a->input_buckets[i]);
    }
    free(a->inputs);
    free(a->input_buckets);
    fl_buckets_free(&a->buckets);
    for (size_t i = 0; i < a->n_sources; i++) {
        free(a->sources[i].name);
        fl_buckets_free(&a->sources[i].counts);
    }
    free(a->sources);
    memset(a, 0, sizeof *a);
}


/* Start an inventory entry named prefix + name + (":" + member when member is not
 * NULL), as cfg says (name "-" is stdin). Its source is the directory part of the
 * name; for an archive's member, ARCHIVE:DIR (ARCHIVE for a member at the top).
 * Returns FL_ERR_NOMEM only. */
static fl_status entry_init(fl_input *in, const fl_config *cfg, const char *path, const char *member)
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

static fl_status input_init(fl_input *in, const fl_config *cfg, const char *path)
{
    return entry_init(in, cfg, path, NULL);
}

void fl_result_free(fl_result *r)
{
    input_free(&r->in);
    fl_buckets_free(&r->buckets);
    memset(r, 0, sizeof *r);
}

fl_status fl_result_failed(const fl_config *cfg, const char *path, const char *why, fl_result *r)
{
    fl_buckets_init(&r->buckets, cfg->bucket_ms, cfg->max_span);
    if (input_init(&r->in, cfg, path) != FL_OK)
        return FL_ERR_NOMEM;
    r->in.status = FL_ERR_OPEN;
    snprintf(r->in.error, sizeof r->in.error, "%s", why);
    return FL_OK;
}

static void skip(fl_input *in, fl_skip_reason why, uint64_t lineno)
{
    in->skipped[why]++;
    if (in->n_bad_line < FL_SAMPLE_BAD)
        in->bad_line[in->n_bad_line++] = lineno;
}

/* Count n records written with UTC offset off. */
static void add_offset(fl_input *in, int32_t off, uint64_t n)
{
    for (size_t i = 0; i < in->n_offsets; i++)
        if (in->offsets[i] == off) {
            in->offset_count[i] += n;
            return;
        }
    if (in->n_offsets < FL_MAX_OFFSETS) {
        in->offsets[in->n_offsets] = off;
        in->offset_count[in->n_offsets++] = n;
    }
}

/* Per-file reading context: a file is read on its own (possibly in its own thread)
 * into its own buckets, merged into the analysis afterwards. */
typedef struct file_ctx {
    const fl_config *cfg;
    fl_buckets *buckets;
    fl_input *in;
    const fl_format *fmt;
    fl_parse_state ps;
    int64_t anchor_ms;     /* median time of the sample lines; 0 = none */
    int64_t last_utc_ms;   /* latest converted wall-clock time, for repeated hours */
    fl_matcher *matcher;   /* this thread's signature matcher, NULL without patterns */
    int32_t *slot;         /* signature -> index in in->sightings, -1 before its first match */
    int64_t entry_ms;      /* time of the last server-log entry, for its continuation lines */
    char entry_host[48];
    fl_bucket *cur;        /* bucket of the previous record: [cur_start, cur_end) */
    int64_t cur_start, cur_end;
    int64_t local_minute;  /* last wall-clock minute converted with input_tz ... */
    int64_t utc_minute;    /* ... and its UTC minute */
    fl_lat_cache lat;      /* request time -> sketch bin */
    uint32_t client_tick;  /* access records seen, for the client-class sample */
} file_ctx;

/* UTC ms of a record, converting wall-clock times with --input-tz (cached a minute). */
static int64_t record_utc_ms(file_ctx *fc, const fl_time *t)
{
    if (t->has_offset)
        return t->ms;
    fc->in->local_time_records++;
    if (!fc->cfg->input_tz)
        return t->ms;
    int64_t minute = fl_floor_div(t->ms, 60000);
    if (minute != fc->local_minute) {
        const fl_tz *tz = fc->cfg->input_tz;
        int64_t first = fl_tz_local_to_utc(tz, minute * 60);
        /* The same wall-clock minute a second time, after clocks went back: */
        int64_t second = minute * 60 - fl_tz_offset_at(tz, first + 3 * 3600, NULL);
        int64_t utc = first;
        /* In a repeated hour, a file that has already moved past the first
         * occurrence is in the second one; mapping both to the first would pile two
         * hours into one and leave a phantom silent hour. */
        int ambiguous = second > first && fl_tz_offset_at(tz, second, NULL) == minute * 60 - second;
        if (ambiguous && fc->last_utc_ms > first * 1000 + 600000)
            utc = second;
        fc->local_minute = minute;
        fc->utc_minute = fl_floor_div(utc, 60);
    }
    int64_t ms = t->ms + (fc->utc_minute - minute) * 60000;
    if (ms > fc->last_utc_ms)
        fc->last_utc_ms = ms;
    return ms;
}

/* Copy text for a report: control bytes become '?', cut to fit out (with "..."). */
static void sample_copy(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        out[o++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    if (o + 1 >= cap && n > o && cap > 4)
        memcpy(out + cap - 4, "...", 3), o = cap - 1;
    out[o] = 0;
}

/* Record a match of signature sig at ms (line lineno) in the file's sightings,
 * lifecycle markers and bucket b. */
static fl_status note_hit(file_ctx *fc, uint32_t sig, int64_t ms, uint64_t lineno, fl_bucket *b,
                          const char *text, size_t len, const char *host)
{
    fl_input *in = fc->in;
    int32_t k = fc->slot[sig];
    if (k < 0) {
        fl_sighting *p = realloc(in->sightings, (in->n_sightings + 1) * sizeof *p);
        if (!p)
            return FL_ERR_NOMEM;
        in->sightings = p;
        k = fc->slot[sig] = (int32_t)in->n_sightings++;
        fl_sighting *g = &in->sightings[k];
        memset(g, 0, sizeof *g);
        g->sig = sig;
        g->first_ms = g->last_ms = ms;
        g->first_line = lineno;
        snprintf(g->host, sizeof g->host, "%s", host);
        sample_copy(g->sample, sizeof g->sample, text, len);
    }
    fl_sighting *g = &in->sightings[k];
    g->count++;
    if (ms < g->first_ms)
        g->first_ms = ms;
    if (ms >= g->last_ms) {
        g->last_ms = ms;
        g->last_line = lineno;
    }
    if (fl_patterns_info(fc->cfg->patterns, sig)->is_lifecycle) {
        if (in->n_markers == FL_MAX_LIFECYCLE) {
            in->markers_dropped++;
        } else {
            if (!in->markers && !(in->markers = calloc(FL_MAX_LIFECYCLE, sizeof *in->markers)))
                return FL_ERR_NOMEM;
            fl_marker *m = &in->markers[in->n_markers++];
            m->sig = sig;
            m->ms = ms;
            m->line = lineno;
            snprintf(m->host, sizeof m->host, "%s", host);
            sample_copy(m->sample, sizeof m->sample, text, len);
        }
    }
    return b ? fl_bucket_add_hit(fc->buckets, b, sig) : FL_OK;
}

/* Run the signatures on text, a message logged at ms. */
static fl_status match_text(file_ctx *fc, const char *text, size_t len, int64_t ms, uint64_t lineno,
                            fl_bucket *b, const char *host)
{
    uint32_t hits[16];
    size_t n = fl_matcher_run(fc->matcher, text, len, hits, 16);
    for (size_t k = 0; k < n && k < 16; k++) {
        fl_status st = note_hit(fc, hits[k], ms, lineno, b, text, len, host);
        if (st != FL_OK)
            return st;
    }
    return FL_OK;
}

/* Classify one record into its bucket (the format's detail function may fill in
 * rec's agent and upstream). */
static fl_status classify(file_ctx *fc, fl_record *rec, const char *line, size_t len,
                          uint64_t lineno)
{
    fl_input *in = fc->in;
    int64_t ms = record_utc_ms(fc, &rec->time);
    fl_bucket *b = NULL;
    if (ms >= fc->cur_start && ms < fc->cur_end) { /* same bucket as the line before */
        b = fc->cur;
    } else if (!fc->anchor_ms ||
               (ms > fc->anchor_ms - FL_MAX_DRIFT_MS && ms < fc->anchor_ms + FL_MAX_DRIFT_MS)) {
        /* (A clock that jumped years away would stretch the series over empty years.) */
        b = fl_buckets_at(fc->buckets, ms);
        if (b) {
            fc->cur = b;
            fc->cur_start = fl_floor_div(ms, fc->buckets->width_ms) * fc->buckets->width_ms;
            fc->cur_end = fc->cur_start + fc->buckets->width_ms;
        }
    }
    if (!b) {
        skip(in, FL_SKIP_OUT_OF_RANGE, lineno);
        return FL_OK;
    }
    if (rec->kind == FL_KIND_SERVER) {
        b->entries++;
        if (rec->level >= FL_LEVEL_ERROR) {
            b->errors++;
            in->server_errors++;
        }
        if (fc->matcher) {
            fc->entry_ms = ms;
            sample_copy(fc->entry_host, sizeof fc->entry_host, rec->host, rec->host_len);
            fl_status st = match_text(fc, rec->message_len ? rec->message : line,
                                      rec->message_len ? rec->message_len : len, ms, lineno, b,
                                      fc->entry_host);
            if (st != FL_OK)
                return st;
        }
    } else {
        int status = rec->status;
        b->requests++;
        in->access_records++;
        if (rec->duration_ms >= 0 && fl_bucket_add_latency_cached(b, rec->duration_ms, &fc->lat) != FL_OK)
            return FL_ERR_NOMEM;
        b->by_class[status >= 100 && status < 600 ? status / 100 : 0]++;
        int failed = status > 0 && status < FL_MAX_STATUS && fc->cfg->fail_status[status];
        /* Client classes of failures, and of one request in FL_CLIENT_SAMPLE: the
         * agent is the longest field of a Combined line, too long to find and
         * classify on every line. The sample is spread by Fibonacci hashing of the
         * record count, not every 16th record, so that traffic with a period (a
         * probe every 4th request) does not alias with it. */
        int sampled = (uint32_t)(++fc->client_tick * 2654435761u) < (uint32_t)(4294967296.0 / FL_CLIENT_SAMPLE);
        if (!failed && !sampled)
            goto counted;
        if (fc->fmt->detail)
            fc->fmt->detail(line, len, rec);
        fl_client_class client = fl_client_classify(rec->user_agent, rec->user_agent_len);
        b->client_sample[client] += (uint32_t)(sampled && !failed); /* failures are counted exactly */
        if (failed) {
            char path[FL_PATH_MAX], upstream[FL_UPSTREAM_MAX];
            fl_failure_extra extra = {client, NULL};
            b->failed++;
            fl_path_normalise(rec->path, rec->path_len, path, sizeof path);
            if (rec->upstream_len) { /* the format logs upstreams */
                fl_upstream_normalise(rec->upstream, rec->upstream_len, upstream, sizeof upstream);
                extra.upstream = upstream;
            }
            if (fl_bucket_add_failure_ex(b, status, path, &extra) != FL_OK)
                return FL_ERR_NOMEM;
        }
    }
counted:
    if (in->records == 0 || ms < in->first_ms)
        in->first_ms = ms;
    if (in->records == 0 || ms > in->last_ms)
        in->last_ms = ms;
    in->records++;
    if (rec->time.has_offset)
        add_offset(in, rec->time.offset_s, 1);
    return FL_OK;
}

/* Parse and classify one line with the file's format. */
static fl_status handle_line(file_ctx *fc, const char *line, size_t len, uint64_t lineno)
{
    fl_record rec;
    fl_input *in = fc->in;
    in->lines++;
    if (len == 0) {
        in->blank++;
        return FL_OK;
    }
    if (!fc->fmt) {
        skip(in, FL_SKIP_UNPARSEABLE, lineno);
        return FL_OK;
    }
    switch (fc->fmt->parse(&fc->ps, line, len, &rec)) {
    case FL_PARSE_OK:
        return classify(fc, &rec, line, len, lineno);
    case FL_PARSE_HEADER:
        in->header++;
        return FL_OK;
    case FL_PARSE_CONTINUATION:
        in->continuation++;
        /* Stack-trace lines belong to their entry: "Caused by: ... refused". */
        if (fc->matcher && fc->entry_ms)
            return match_text(fc, line, len, fc->entry_ms, lineno,
                              fl_buckets_at(fc->buckets, fc->entry_ms), fc->entry_host);
        return FL_OK;
    case FL_PARSE_NO_TIMESTAMP:
        skip(in, FL_SKIP_NO_TIMESTAMP, lineno);
        return FL_OK;
    default:
        skip(in, FL_SKIP_UNPARSEABLE, lineno);
        return FL_OK;
    }
}

/* The first lines of a file, copied so the format can be chosen before parsing. */
typedef struct sniff_sample {
    char *text[FL_SNIFF_LINES];
    size_t len[FL_SNIFF_LINES];
    uint64_t lineno[FL_SNIFF_LINES];
    size_t n;
} sniff_sample;

static void sample_free(sniff_sample *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->text[i]);
}

/* Read lines into the sample until it is full or input ends. */
static fl_status sample_fill(fl_line_reader *lr, sniff_sample *s)
{
    const char *line;
    size_t len;
    while (s->n < FL_SNIFF_LINES && fl_lines_next(lr, &line, &len)) {
        s->text[s->n] = malloc(len + 1);
        if (!s->text[s->n])
            return FL_ERR_NOMEM;
        memcpy(s->text[s->n], line, len);
        s->text[s->n][len] = 0;
        s->len[s->n] = len;
        s->lineno[s->n++] = lr->lineno;
    }
    return FL_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Median time of the sample lines that parse (0 if none): the reference that the
 * file's other records must stay within FL_MAX_DRIFT_MS of. Parses a copy of the
 * parser state so the real pass starts fresh. */
static int64_t sample_anchor(file_ctx *fc, const sniff_sample *sample)
{
    fl_parse_state *ps = malloc(sizeof *ps);
    int64_t t[FL_SNIFF_LINES], anchor = 0;
    size_t n = 0;
    fl_record rec;
    if (!ps)
        return 0;
    *ps = fc->ps;
    for (size_t i = 0; i < sample->n; i++)
        if (sample->len[i] && fc->fmt->parse(ps, sample->text[i], sample->len[i], &rec) == FL_PARSE_OK)
            t[n++] = rec.time.ms;
    if (n) {
        qsort(t, n, sizeof *t, cmp_i64);
        anchor = t[n / 2];
    }
    free(ps);
    if (!n)
        return 0;
    return anchor ? anchor : 1; /* an anchor exactly at the epoch still counts as set */
}

/* Year and month that syslog-style timestamps without a year belong to. */
static void year_hint(const fl_config *cfg, int64_t mtime, fl_parse_state *ps)
{
    fl_civil c;
    if (cfg->year) {
        ps->year = cfg->year;
        return;
    }
    fl_civil_from_seconds(mtime ? mtime : 0, &c);
    ps->year = mtime ? (int)c.year : 1970;
    ps->month = mtime ? (int)c.month : 0;
}

/* Read every line of src into res. */
/* The source whose file bytes the progress display counts (an archive's, for its
 * members), and how many of them were counted. */
typedef struct progress_ref {
    const fl_source *src;
    uint64_t reported;
} progress_ref;

/* Add the bytes p->src consumed since the last call to the shared progress counter. */
static void report_progress(const fl_config *cfg, progress_ref *p)
{
    uint64_t now = fl_source_raw_bytes(p->src);
    atomic_fetch_add(cfg->progress, now - p->reported);
    p->reported = now;
}

/* What the first chunk of a large file told the others: its format and time anchor. */
typedef struct chunk_hint {
    const fl_format *fmt;
    int64_t anchor_ms;
} chunk_hint;

/* Read every line of src into in and buckets (hint: a later chunk of a large file;
 * progress: NULL, or where an archive member's progress is counted). Problems with
 * the data are recorded in in; returns FL_ERR_NOMEM or FL_OK. */
static fl_status read_lines(const fl_config *cfg, fl_input *in, fl_buckets *buckets, fl_source *src,
                            const chunk_hint *hint, fl_matcher *matcher, progress_ref *progress)
{
    progress_ref own = {src, 0};
    if (!progress)
        progress = &own;
    fl_line_reader lr;
    sniff_sample sample = {0};
    file_ctx *fc = calloc(1, sizeof *fc); /* holds the parser's private state: keep it off the stack */
    if (!fc)
        return FL_ERR_NOMEM;
    fc->cfg = cfg;
    fc->buckets = buckets;
    fc->in = in;
    if (matcher && cfg->patterns) {
        size_t n = fl_patterns_count(cfg->patterns);
        if (!(fc->slot = malloc((n ? n : 1) * sizeof *fc->slot))) {
            free(fc);
            return FL_ERR_NOMEM;
        }
        for (size_t k = 0; k < n; k++)
            fc->slot[k] = -1;
        fc->matcher = matcher;
    }
    fc->local_minute = INT64_MIN;
    fc->ps.custom = cfg->custom_format;
    year_hint(cfg, fl_source_mtime(src), &fc->ps);
    fl_status st = fl_lines_init(&lr, src, cfg->max_line);
    if (st == FL_OK)
        st = sample_fill(&lr, &sample);
    if (st == FL_OK && !hint && fl_lines_looks_binary(&lr)) {
        /* One finding for the file, not a count for every "line" of a binary. */
        in->binary = 1;
        in->format = "binary";
        snprintf(in->format_why, sizeof in->format_why, "NUL or control bytes in the first %zu bytes",
                 lr.head_len);
        sample_free(&sample);
        fl_lines_free(&lr);
        free(fc->slot);
        free(fc);
        return FL_OK;
    }
    fc->fmt = hint ? hint->fmt : cfg->format;
    in->format_score = 100;
    snprintf(in->format_why, sizeof in->format_why, "set by --format");
    if (st == FL_OK && !fc->fmt)
        fc->fmt = fl_format_detect((const char *const *)sample.text, sample.len, sample.n,
                                   &in->format_score, in->format_why, sizeof in->format_why);
    if (fc->fmt) {
        in->format = fc->fmt->name;
        fc->anchor_ms = hint ? hint->anchor_ms : sample_anchor(fc, &sample);
    }
    for (size_t i = 0; st == FL_OK && i < sample.n; i++)
        st = handle_line(fc, sample.text[i], sample.len[i], sample.lineno[i]);
    const char *line;
    size_t len;
    while (st == FL_OK && fl_lines_next(&lr, &line, &len)) {
        st = handle_line(fc, line, len, lr.lineno);
        if (cfg->progress && (lr.lineno & 0x3fff) == 0) /* every 16384 lines */
            report_progress(cfg, progress);
    }
    if (cfg->progress)
        report_progress(cfg, progress);
    in->skipped[FL_SKIP_OVERLONG] += lr.overlong;
    in->lines += lr.overlong;
    if (lr.status != FL_OK) {
        in->status = lr.status;
        snprintf(in->error, sizeof in->error, "%s after line %llu", fl_source_why(src, lr.status),
                 (unsigned long long)lr.lineno);
    }
    sample_free(&sample);
    fl_lines_free(&lr);
    free(fc->slot);
    free(fc);
    return st;
}


/* One unit of work: a whole file, or the chunk [start, end) of a large one, or an
 * archive (one result per member). */
typedef struct work_item {
    const char *path;
    size_t path_index;  /* which input it belongs to */
    int chunked;        /* a chunk: plain, format known */
    uint64_t start, end;
    chunk_hint hint;
    fl_result res;      /* what was read (not used for an archive) */
    int archive;        /* the file is an archive: its results are members[] */
    fl_result *members; /* an archive's results (malloc'd) */
    size_t n_members;
    fl_status st;       /* FL_OK or FL_ERR_NOMEM; problems with the file are in res.in */
} work_item;

/* Append a result to an archive's item, its buckets ready; NULL when out of memory. */
static fl_result *add_member(const fl_config *cfg, work_item *w, size_t *cap)
{
    if (w->n_members == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        fl_result *p = realloc(w->members, c * sizeof *p);
        if (!p)
            return NULL;
        w->members = p;
        *cap = c;
    }
    fl_result *r = &w->members[w->n_members];
    memset(r, 0, sizeof *r);
    fl_buckets_init(&r->buckets, cfg->bucket_ms, cfg->max_span);
    r->buckets.n_sig = cfg->patterns ? fl_patterns_count(cfg->patterns) : 0;
    return r;
}

/* Archives inside archives are read in place too (a bundle of per-host bundles, an
 * .xz or .zst rotated log in a tar), down to this depth; deeper ones are refused, so
 * that a bomb of nested archives stops here. */
#define FL_ARCHIVE_DEPTH 3

/* Reading one archive item: the item, its members' capacity, the thread's matcher,
 * and the progress of the outermost source. */
typedef struct archive_walk {
    const fl_config *cfg;
    work_item *w;
    size_t cap;
    fl_matcher *matcher;
    progress_ref progress;
} archive_walk;

/* "prefix:name" (malloc'd; NULL when out of memory): just name without a prefix,
 * just prefix for name "" (the one file of a compressed non-tar, named by its
 * archive). */
static char *join_member(const char *prefix, const char *name)
{
    size_t n = (prefix ? strlen(prefix) + 1 : 0) + strlen(name) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", prefix ? prefix : "", prefix && name[0] ? ":" : "", name);
    return s;
}

/* A new member entry named prefix:name (prefix: the archives it lies in below the
 * item, NULL at the top; name as for join_member). NULL when out of memory (then
 * w->st says so). */
static fl_result *member_entry(archive_walk *aw, const char *prefix, const char *name)
{
    work_item *w = aw->w;
    char *full = prefix ? join_member(prefix, name) : NULL;
    fl_result *r = !prefix || full ? add_member(aw->cfg, w, &aw->cap) : NULL;
    if (!r || entry_init(&r->in, aw->cfg, w->path, prefix ? full : name[0] ? name : NULL) != FL_OK) {
        if (r)
            fl_result_free(r);
        free(full);
        w->st = FL_ERR_NOMEM;
        return NULL;
    }
    if (prefix) { /* no directory after the inner archive's name: it is the source */
        size_t at = strlen(r->in.path) - strlen(full) + strlen(prefix);
        if (r->in.source_len < at && name[0])
            r->in.source_len = at;
    }
    free(full);
    w->n_members++;
    return r;
}

/* An entry for an archive itself (damage between members, no file at all, or one
 * that could not be opened): format "archive", the error when why is not NULL. */
static void archive_entry(archive_walk *aw, const char *prefix, const char *name, fl_source *src,
                          fl_status st, const char *why)
{
    fl_result *r = member_entry(aw, prefix, name);
    if (!r)
        return;
    r->in.format = "archive";
    r->in.gzip = fl_source_is_gzip(src);
    r->in.bytes = fl_source_raw_bytes(src);
    if (why) {
        r->in.status = st;
        snprintf(r->in.error, sizeof r->in.error, "%s", why);
    }
}

static void read_members(archive_walk *aw, fl_archive *ar, const char *prefix, int depth);

/* Member name of ar (prefix as for member_entry), an archive of kind k in src:
 * read its members, or record on an entry why it cannot be. */
static void read_nested(archive_walk *aw, fl_source *src, fl_archive_kind k, const char *prefix,
                        const char *name, int depth)
{
    work_item *w = aw->w;
    char *inner_name = join_member(prefix, name), err[200];
    fl_archive *inner;
    if (!inner_name) {
        w->st = FL_ERR_NOMEM;
        return;
    }
    fl_status st = fl_archive_open(src, k, &inner, err, sizeof err);
    if (st == FL_ERR_NOMEM) {
        w->st = st;
    } else if (st != FL_OK) {
        archive_entry(aw, prefix, name, src, st, err);
    } else {
        size_t before = w->n_members;
        read_members(aw, inner, inner_name, depth + 1);
        const char *damage = fl_archive_damage(inner);
        if (w->st == FL_OK && (damage || w->n_members == before))
            archive_entry(aw, prefix, name, src, FL_ERR_ARCHIVE, damage);
        fl_archive_close(inner);
    }
    free(inner_name);
}

/* Read the members of ar (prefix as for member_entry, depth: archives around it). */
static void read_members(archive_walk *aw, fl_archive *ar, const char *prefix, int depth)
{
    work_item *w = aw->w;
    fl_archive_member m;
    fl_result *r;
    while (w->st == FL_OK && fl_archive_next(ar, &m)) {
        if (m.error) {
            if ((r = member_entry(aw, prefix, m.name))) {
                r->in.status = FL_ERR_ARCHIVE;
                snprintf(r->in.error, sizeof r->in.error, "%s", m.error);
            }
            continue;
        }
        fl_source *msrc;
        if ((w->st = fl_archive_member_open(ar, &msrc)) != FL_OK)
            break;
        const unsigned char *head;
        size_t n;
        fl_source_head(msrc, &head, &n);
        fl_archive_kind k = fl_archive_sniff(head, n);
        if (k != FL_ARCHIVE_NONE && depth < FL_ARCHIVE_DEPTH) {
            read_nested(aw, msrc, k, prefix, m.name, depth);
        } else if ((r = member_entry(aw, prefix, m.name)) && k != FL_ARCHIVE_NONE) {
            r->in.status = FL_ERR_ARCHIVE;
            snprintf(r->in.error, sizeof r->in.error, "%s inside %d levels of archives: not read",
                     fl_archive_kind_name(k), depth);
        } else if (r) {
            w->st = read_lines(aw->cfg, &r->in, &r->buckets, msrc, NULL, aw->matcher, &aw->progress);
            r->in.gzip = fl_source_is_gzip(msrc);
            r->in.bytes = fl_source_raw_bytes(msrc);
        }
        fl_source_close(msrc);
    }
}

/* Read the archive of kind k that src (w->path) turned out to be: each regular
 * file in it, and in the archives inside it, becomes a result of its own. A member
 * that cannot be read is recorded on its entry, damage between members (or an
 * archive without a file) on the archive's own entry; what was read before it
 * counts. Sets w->st. */
static void read_archive(const fl_config *cfg, work_item *w, fl_source *src, fl_archive_kind k,
                         fl_matcher *matcher)
{
    fl_archive *ar;
    char err[200];
    fl_status st = fl_archive_open(src, k, &ar, err, sizeof err);
    if (st != FL_OK) {
        /* FL_ERR_OPEN (no archive support) is warned about as "cannot read ERROR":
         * the error names the file; other warnings name it themselves. */
        w->res.in.status = st;
        snprintf(w->res.in.error, sizeof w->res.in.error, "%s%s%s", st == FL_ERR_OPEN ? w->res.in.path : "",
                 st == FL_ERR_OPEN ? ": " : "", err);
        w->st = st == FL_ERR_NOMEM ? st : FL_OK;
        return;
    }
    archive_walk aw = {cfg, w, 0, matcher, {src, 0}};
    w->st = FL_OK;
    w->archive = 1;
    read_members(&aw, ar, NULL, 1);
    const char *damage = fl_archive_damage(ar);
    if (w->st == FL_OK && (damage || w->n_members == 0))
        archive_entry(&aw, NULL, "", src, FL_ERR_ARCHIVE, damage);
    fl_result_free(&w->res);
    fl_archive_close(ar);
}

static void read_item(const fl_config *cfg, work_item *w, fl_matcher *matcher)
{
    fl_source *src;
    char err[200];
    fl_buckets_init(&w->res.buckets, cfg->bucket_ms, cfg->max_span);
    w->res.buckets.n_sig = cfg->patterns ? fl_patterns_count(cfg->patterns) : 0;
    if ((w->st = input_init(&w->res.in, cfg, w->path)) != FL_OK)
        return;
    fl_status st = w->chunked ? fl_source_open_range(w->path, w->start, w->end, &src, err, sizeof err)
                              : fl_source_open(w->path, &src, err, sizeof err);
    if (st != FL_OK) {
        w->res.in.status = st;
        snprintf(w->res.in.error, sizeof w->res.in.error, "%s", err);
        w->st = st == FL_ERR_NOMEM ? st : FL_OK;
        return;
    }
    if (!w->chunked) {
        /* Archives are told by their first bytes (after the file's own gzip). */
        const unsigned char *head;
        size_t n;
        fl_source_head(src, &head, &n);
        fl_archive_kind k = fl_archive_sniff(head, n);
        if (k != FL_ARCHIVE_NONE) {
            read_archive(cfg, w, src, k, matcher);
            fl_source_close(src);
            return;
        }
    }
    w->st = read_lines(cfg, &w->res.in, &w->res.buckets, src, w->chunked ? &w->hint : NULL, matcher,
                       NULL);
    w->res.in.gzip = fl_source_is_gzip(src);
    w->res.in.bytes = fl_source_raw_bytes(src);
    fl_source_close(src);
}

/* Fold a later chunk's inventory into the file's entry. */
static void merge_chunk_input(fl_input *into, const fl_input *c)
{
    for (size_t k = 0; k < c->n_bad_line && into->n_bad_line < FL_SAMPLE_BAD; k++)
        into->bad_line[into->n_bad_line++] = into->lines + c->bad_line[k];
    if (c->records && (!into->records || c->first_ms < into->first_ms))
        into->first_ms = c->first_ms;
    if (c->records && (!into->records || c->last_ms > into->last_ms))
        into->last_ms = c->last_ms;
    into->bytes += c->bytes;
    into->lines += c->lines;
    into->blank += c->blank;
    into->header += c->header;
    into->continuation += c->continuation;
    into->records += c->records;
    into->access_records += c->access_records;
    into->server_errors += c->server_errors;
    into->local_time_records += c->local_time_records;
    for (size_t k = 0; k < FL_SKIP_N; k++)
        into->skipped[k] += c->skipped[k];
    for (size_t k = 0; k < c->n_offsets; k++)
        add_offset(into, c->offsets[k], c->offset_count[k]);
    if (into->status == FL_OK && c->status != FL_OK) {
        into->status = c->status;
        snprintf(into->error, sizeof into->error, "%s", c->error);
    }
}

/* Chunk boundaries of a large plain access log: the first line start at or after
 * each multiple of chunk bytes. Returns the number of chunks (1 = read whole),
 * with starts in *starts (malloc'd). */
static size_t plan_chunks(const char *path, uint64_t size, uint64_t chunk, uint64_t **starts)
{
    size_t n = (size_t)(size / chunk) + 1, k = 1;
    uint64_t *s = malloc(n * sizeof *s);
    char buf[65536];
    if (!s)
        return 1;
    s[0] = 0;
    FILE *f = fopen(path, "rb");
    for (size_t i = 1; f && i < n; i++) {
        uint64_t at = (uint64_t)i * chunk;
        if (at <= s[k - 1] || fseeko(f, (off_t)at - 1, SEEK_SET) != 0)
            continue;
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
            char *nl = memchr(buf, '\n', got);
            if (nl) {
                at += (uint64_t)(nl - buf);
                if (at < size)
                    s[k++] = at;
                break;
            }
            at += got;
        }
    }
    if (f)
        fclose(f);
    *starts = s;
    return k;
}

/* Decide whether path is read in chunks: a large plain file whose first lines are an
 * access format without header lines (W3C-like formats keep state between lines).
 * Fills hint on success. */
static int chunkable(const fl_config *cfg, const char *path, uint64_t *size, chunk_hint *hint)
{
    fl_source *src;
    char err[200];
    int ok = 0;
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        (uint64_t)sb.st_size < 2 * cfg->chunk_bytes ||
        fl_source_open(path, &src, err, sizeof err) != FL_OK)
        return 0;
    *size = (uint64_t)sb.st_size;
    const unsigned char *head = NULL;
    size_t n = 0;
    if (!fl_source_is_gzip(src))
        fl_source_head(src, &head, &n);
    /* Archives are read whole by one thread: their members are not lines. */
    if (!fl_source_is_gzip(src) && fl_archive_sniff(head, n) == FL_ARCHIVE_NONE) {
        fl_input in;
        fl_buckets b;
        fl_buckets_init(&b, cfg->bucket_ms, cfg->max_span);
        if (input_init(&in, cfg, path) == FL_OK) {
            fl_source *whole;
            uint64_t probe = cfg->chunk_bytes < (512u << 10) ? cfg->chunk_bytes : (512u << 10);
            if (fl_source_open_range(path, 0, probe, &whole, err, sizeof err) == FL_OK) {
                read_lines(cfg, &in, &b, whole, NULL, NULL, NULL); /* the first 512 KiB decide */
                fl_source_close(whole);
                hint->fmt = fl_format_find(in.format);
                ok = hint->fmt && hint->fmt->kind == FL_KIND_ACCESS && !in.header && !in.binary &&
                     in.records > 0;
                hint->anchor_ms = ok ? in.first_ms : 0;
            }
            input_free(&in);
        }
        fl_buckets_free(&b);
    }
    fl_source_close(src);
    return ok;
}

/* The source (directory, an archive's directory) named by path[0..n), created at
 * its first file. NULL when out of memory. */
static fl_source_series *source_of(fl_analysis *a, const char *path, size_t n)
{
    for (size_t i = a->n_sources; i-- > 0;) /* newest first: files of a directory come together */
        if (strlen(a->sources[i].name) == n && strncmp(a->sources[i].name, path, n) == 0)
            return &a->sources[i];
    fl_source_series *p = realloc(a->sources, (a->n_sources + 1) * sizeof *p);
    if (!p)
        return NULL;
    a->sources = p;
    fl_source_series *s = &a->sources[a->n_sources];
    memset(s, 0, sizeof *s);
    if (!(s->name = strndup(path, n)))
        return NULL;
    fl_buckets_init(&s->counts, a->cfg->bucket_ms, a->cfg->max_span);
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

/* Fold one result into the analysis, taking it over. */
static fl_status add_result(fl_analysis *a, fl_result *r)
{
    fl_status st = fl_buckets_merge(&a->buckets, &r->buckets);
    if (st == FL_OK && r->in.records) {
        fl_source_series *src = source_of(a, r->in.path, r->in.source_len);
        st = src ? fl_buckets_merge_counts(&src->counts, &r->buckets) : FL_ERR_NOMEM;
        if (src) {
            src->records += r->in.records;
            src->access_records += r->in.access_records;
        }
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

fl_status fl_analysis_add_results(fl_analysis *a, fl_result *res, size_t n)
{
    if (!a->cfg->input_tz && !a->cfg->keep_inputs)
        fl_results_guess_zones(res, n, a->cfg->bucket_ms);
    qsort(res, n, sizeof *res, fl_result_cmp);
    fl_status st = FL_OK;
    for (size_t i = 0; i < n; i++) {
        if (st == FL_OK)
            st = add_result(a, &res[i]);
        else
            fl_result_free(&res[i]);
    }
    return st;
}

typedef struct work_queue {
    const fl_config *cfg;
    work_item *items;
    size_t n;
    atomic_size_t next;  /* next item to take */
} work_queue;

static void *worker(void *arg)
{
    work_queue *q = arg;
    size_t i;
    fl_matcher *m = q->cfg->patterns ? fl_matcher_new(q->cfg->patterns) : NULL;
    while ((i = atomic_fetch_add(&q->next, 1)) < q->n) {
        if (q->cfg->patterns && !m)
            q->items[i].st = FL_ERR_NOMEM;
        else
            read_item(q->cfg, &q->items[i], m);
    }
    fl_matcher_free(m);
    return NULL;
}

/* One work item per small file, one per chunk of a large plain access log. */
static work_item *plan_work(const fl_config *cfg, char *const *paths, size_t n, size_t *count)
{
    size_t cap = n ? n : 1, k = 0;
    work_item *items = calloc(cap, sizeof *items);
    for (size_t i = 0; items && i < n; i++) {
        uint64_t size = 0, *starts = NULL;
        chunk_hint hint = {0};
        size_t chunks = chunkable(cfg, paths[i], &size, &hint)
                            ? plan_chunks(paths[i], size, cfg->chunk_bytes, &starts)
                            : 1;
        if (k + chunks > cap) {
            cap = (k + chunks) * 2;
            work_item *p = realloc(items, cap * sizeof *p);
            if (!p) {
                free(starts);
                free(items);
                return NULL;
            }
            items = p;
        }
        for (size_t c = 0; c < chunks; c++) {
            work_item *w = &items[k++];
            memset(w, 0, sizeof *w);
            w->path = paths[i];
            w->path_index = i;
            if (chunks > 1) {
                w->chunked = 1;
                w->start = starts[c];
                w->end = c + 1 < chunks ? starts[c + 1] : size;
                w->hint = hint;
            }
        }
        free(starts);
    }
    *count = k;
    return items;
}

/* Fold a later chunk of a file into the file's first item (the chunks of a file
 * are consecutive items, in file order). */
static fl_status fold_chunk(work_item *first, work_item *chunk)
{
    fl_status st = chunk->st != FL_OK ? chunk->st : fl_buckets_merge(&first->res.buckets, &chunk->res.buckets);
    if (st == FL_OK)
        merge_chunk_input(&first->res.in, &chunk->res.in);
    fl_result_free(&chunk->res);
    return st;
}

fl_status fl_analysis_read_files(const fl_config *cfg, char *const *paths, size_t n, unsigned jobs,
                                 fl_result **out, size_t *nout)
{
    size_t count = 0;
    work_item *items = plan_work(cfg, paths, n, &count);
    if (!items)
        return FL_ERR_NOMEM;
    if (jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 0 ? (unsigned)cores : 1;
    }
    if (jobs > count)
        jobs = count ? (unsigned)count : 1;
    work_queue q = {cfg, items, count, 0};
    pthread_t *threads = calloc(jobs, sizeof *threads);
    if (!threads) {
        free(items);
        return FL_ERR_NOMEM;
    }
    unsigned started = 0;
    for (; started + 1 < jobs; started++) /* the calling thread is the last worker */
        if (pthread_create(&threads[started], NULL, worker, &q) != 0)
            break;
    worker(&q);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
    /* One result per file, its chunks folded in file order (the same for any jobs),
     * or one per archive member: sized now that the members are known. */
    size_t total = 0, k = 0;
    for (size_t i = 0; i < count; i++)
        total += items[i].archive ? items[i].n_members
                 : (i + 1 == count || items[i + 1].path_index != items[i].path_index);
    fl_result *res = malloc((total ? total : 1) * sizeof *res);
    fl_status st = res ? FL_OK : FL_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        if (items[i].archive) {
            for (size_t m = 0; m < items[i].n_members; m++) {
                if (res)
                    res[k++] = items[i].members[m];
                else
                    fl_result_free(&items[i].members[m]);
            }
            if (st == FL_OK)
                st = items[i].st;
            free(items[i].members);
            continue;
        }
        if (i > 0 && items[i - 1].path_index == items[i].path_index) {
            fl_status r = fold_chunk(&items[i - 1], &items[i]);
            items[i].res = items[i - 1].res; /* the file's result moves along */
            items[i].st = items[i - 1].st != FL_OK ? items[i - 1].st : r;
        }
        if (i + 1 < count && items[i + 1].path_index == items[i].path_index)
            continue;
        if (st == FL_OK && items[i].st != FL_OK)
            st = items[i].st;
        if (res)
            res[k++] = items[i].res;
        else
            fl_result_free(&items[i].res);
    }
    free(items);
    if (st != FL_OK) {
        for (size_t i = 0; i < k; i++)
            fl_result_free(&res[i]);
        free(res);
        return st;
    }
    *out = res;
    *nout = k;
    return FL_OK;
}

fl_status fl_analysis_add_files(fl_analysis *a, char *const *paths, size_t n, unsigned jobs)
{
    fl_result *res;
    size_t nres;
    fl_status st = fl_analysis_read_files(a->cfg, paths, n, jobs, &res, &nres);
    if (st != FL_OK)
        return st;
    st = fl_analysis_add_results(a, res, nres);
    free(res);
    return st;
}

int32_t fl_analysis_main_offset(const fl_analysis *a)
{
    int32_t offs[64];
    uint64_t counts[64];
    size_t n = 0, best = 0;
    for (size_t i = 0; i < a->n_inputs; i++) {
        const fl_input *in = &a->inputs[i];
        for (size_t k = 0; k < in->n_offsets; k++) {
            size_t j = 0;
            while (j < n && offs[j] != in->offsets[k])
                j++;
            if (j == n) {
                if (n == 64)
                    continue;
                offs[n] = in->offsets[k];
                counts[n++] = 0;
            }
            counts[j] += in->offset_count[k];
        }
    }
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
    if (!*R || !*F) {
        free(*R);
        free(*F);
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
