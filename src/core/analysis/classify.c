/* classify.c: one line of a file: parse it with the file's format, convert its time
 * to UTC, run the signatures on server-log messages, and count the record into its
 * bucket (status class, level, latency, client class, lifecycle markers). */
#include "analysis/classify.h"

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

#define FL_MAX_DRIFT_MS (366 * 86400000LL) /* records this far from a file's sample are out of range */

static void skip(fl_input *in, fl_skip_reason why, uint64_t lineno)
{
    in->skipped[why]++;
    if (in->n_bad_line < FL_SAMPLE_BAD)
        in->bad_line[in->n_bad_line++] = lineno;
}

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
__attribute__((noinline)) /* (most lines have no hit: match_text's frame stays small) */
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

/* Record the n matches hits[] of text, a message of the entry at fc->entry_ms from
 * host fc->entry_host. Out of line: most lines have none. */
__attribute__((noinline)) static fl_status note_hits(file_ctx *fc, const uint32_t *hits, size_t n,
                                                     const char *text, size_t len, uint64_t lineno,
                                                     fl_bucket *b)
{
    for (size_t k = 0; k < n && k < 16; k++) {
        fl_status st = note_hit(fc, hits[k], fc->entry_ms, lineno, b, text, len, fc->entry_host);
        if (st != FL_OK)
            return st;
    }
    return FL_OK;
}

/* Run the signatures on text, a message of the entry at fc->entry_ms from host
 * fc->entry_host (fields, not arguments: fewer to pass on every line). Inline: the
 * matcher's call is all most lines need. */
static inline fl_status match_text(file_ctx *fc, const char *text, size_t len, uint64_t lineno,
                                   fl_bucket *b)
{
    uint32_t hits[16];
    /* (fl_read_lines counts the lines over the matcher's limits, once per file) */
    size_t n = fl_matcher_run(fc->matcher, text, len, hits, 16);
    return n ? note_hits(fc, hits, n, text, len, lineno, b) : FL_OK;
}

/* Mine a message (cfg->mine), or hand it to cfg->on_message. */
static inline fl_status mine(file_ctx *fc, const char *msg, size_t len, int64_t ms, int has_time, int level,
                      uint64_t lineno)
{
    const fl_config *c = fc->cfg;
    if (c->on_message) {
        c->on_message(c->on_message_ctx, fc->in, lineno, msg, len);
        return FL_OK;
    }
    return fl_mined_add(&fc->in->mined, c->bucket_ms, msg, len, ms, has_time, level, lineno);
}

/* Classify one record into its bucket (the format's detail function may fill in
 * rec's agent and upstream). */
/* Whether a request is in the client-class sample (one in FL_CLIENT_SAMPLE): a hash
 * of what its line says (its time, length, and 8-byte words at its start, middle
 * and end), not of its position in the file or of a count, so that a file read
 * whole, in chunks, on stdin or in an engine's input splits samples the same
 * requests; and traffic with a period (a probe every 4th request) does not alias
 * with it as with every 16th record. */
static int in_client_sample(const char *line, size_t len, int64_t ms)
{
    uint64_t w[3] = {0, 0, 0};
    if (len >= 8) { /* constant-size copies: one load each, not a byte copy */
        memcpy(&w[0], line, 8);
        memcpy(&w[1], line + (len - 8) / 2, 8);
        memcpy(&w[2], line + len - 8, 8);
    } else { /* the three words are the whole line */
        memcpy(&w[0], line, len);
        w[2] = w[1] = w[0];
    }
    uint64_t h = (uint64_t)ms ^ ((uint64_t)len << 48);
    for (size_t k = 0; k < 3; k++) {
        h = (h ^ w[k]) * 0x9e3779b97f4a7c15u;
        h ^= h >> 29;
    }
    return (uint32_t)(h >> 32) < (uint32_t)(4294967296.0 / FL_CLIENT_SAMPLE);
}

void fl_input_note_gap(fl_input *in, const fl_gap *g)
{
    int64_t len = g->to_ms - g->from_ms;
    size_t at = in->n_gaps;
    while (at > 0 && in->gaps[at - 1].to_ms - in->gaps[at - 1].from_ms < len)
        at--;
    if (at >= FL_INPUT_GAPS)
        return;
    size_t n = in->n_gaps < FL_INPUT_GAPS ? in->n_gaps + 1 : FL_INPUT_GAPS;
    memmove(&in->gaps[at + 1], &in->gaps[at], (n - 1 - at) * sizeof *in->gaps);
    in->gaps[at] = *g;
    in->n_gaps = n;
}

/* A record at ms on line lineno: the input's span, its lines, and the gap since the
 * record before when it is at least a bucket long. */
static void note_span(file_ctx *fc, int64_t ms, uint64_t lineno)
{
    fl_input *in = fc->in;
    if (in->records == 0 || ms < in->first_ms) {
        in->first_ms = ms;
        in->first_line = lineno;
    }
    if (in->records == 0 || ms >= in->last_ms) {
        in->last_ms = ms;
        in->last_line = lineno;
    }
    if (in->records && ms - fc->prev_ms >= fc->buckets->width_ms) {
        fl_gap g = {fc->prev_ms, ms, fc->prev_line, lineno};
        fl_input_note_gap(in, &g);
    }
    fc->prev_ms = ms;
    fc->prev_line = lineno;
}

/* Mine a timed record: a server entry by its message (when mining is on), an access
 * line whole (only for `faultline templates`, cfg->mine == 2). */
static fl_status mine_record(file_ctx *fc, const fl_record *rec, const char *line, size_t len, int64_t ms,
                             uint64_t lineno)
{
    if (rec->kind == FL_KIND_SERVER)
        return fc->cfg->mine ? mine(fc, rec->message_len ? rec->message : line,
                                    rec->message_len ? rec->message_len : len, ms, 1, rec->level, lineno)
                             : FL_OK;
    return fc->cfg->mine == 2
               ? mine(fc, line, len, ms, 1, rec->status >= 500 ? FL_LEVEL_ERROR : FL_LEVEL_INFO, lineno)
               : FL_OK;
}

static fl_status classify(file_ctx *fc, fl_record *rec, const char *line, size_t len,
                          uint64_t lineno)
{
    fl_input *in = fc->in;
    int64_t ms = record_utc_ms(fc, &rec->time);
    fl_bucket *b = NULL;
    if (ms < fc->cfg->since_ms || ms >= fc->cfg->until_ms) { /* --since/--until */
        skip(in, FL_SKIP_OUTSIDE_WINDOW, lineno);
        return FL_OK;
    }
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
    if (!b && fc->buckets->nomem) /* not out of range: the line would be lost */
        return FL_ERR_NOMEM;
    if (!b) { /* `faultline templates` mines every record, whatever its time */
        skip(in, FL_SKIP_OUT_OF_RANGE, lineno);
        return fc->cfg->mine == 2 ? mine_record(fc, rec, line, len, ms, lineno) : FL_OK;
    }
    fl_bucket_note_time(b, (uint32_t)(ms - fc->cur_start));
    if (rec->kind == FL_KIND_SERVER) {
        b->entries++;
        if (rec->level >= FL_LEVEL_ERROR) {
            b->errors++;
            in->server_errors++;
        } else if (rec->level == FL_LEVEL_WARN) {
            b->warnings++;
        }
        /* the message, or the whole line when the format names none */
        const char *msg = rec->message_len ? rec->message : line;
        size_t msg_len = rec->message_len ? rec->message_len : len;
        if (fc->cfg->mine) { /* mine_record's server case, without its calls */
            fl_status st = mine(fc, msg, msg_len, ms, 1, rec->level, lineno);
            if (st != FL_OK)
                return st;
        }
        if (fc->matcher) {
            fc->entry_ms = ms;
            if (rec->host_len) /* (most server formats log no host) */
                sample_copy(fc->entry_host, sizeof fc->entry_host, rec->host, rec->host_len);
            else
                fc->entry_host[0] = 0;
            fl_status st = match_text(fc, msg, msg_len, lineno, b);
            if (st != FL_OK)
                return st;
        }
    } else {
        int status = rec->status;
        /* (an access line is mined only for `faultline templates`) */
        fl_status st = fc->cfg->mine == 2 ? mine_record(fc, rec, line, len, ms, lineno) : FL_OK;
        if (st != FL_OK)
            return st;
        b->requests++;
        in->access_records++;
        uint32_t at = (uint32_t)(ms - fc->cur_start) + 1;
        if (!b->req_first || at < b->req_first)
            b->req_first = at;
        if (at > b->req_last)
            b->req_last = at;
        if (rec->duration_ms >= 0 && fl_bucket_add_latency_cached(b, rec->duration_ms, &fc->lat) != FL_OK)
            return FL_ERR_NOMEM;
        b->by_class[status >= 100 && status < 600 ? status / 100 : 0]++;
        int failed = status > 0 && status < FL_MAX_STATUS && fc->cfg->fail_status[status];
        /* Client classes of failures, and of one request in FL_CLIENT_SAMPLE: the
         * agent is the longest field of a Combined line, too long to find and
         * classify on every line. */
        int sampled = in_client_sample(line, len, ms);
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
    note_span(fc, ms, lineno);
    in->records++;
    if (rec->time.has_offset)
        fl_input_add_offset(in, rec->time.offset_s, 1);
    return FL_OK;
}

/* Parse and classify one line with the file's format. */
fl_status fl_classify_line(file_ctx *fc, const char *line, size_t len, uint64_t lineno)
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
        /* Any text log can be clustered: lines in no known format are mined whole. */
        return fc->cfg->mine == 2 ? mine(fc, line, len, 0, 0, FL_LEVEL_NONE, lineno) : FL_OK;
    }
    fl_parse_result r = fc->fmt->parse(&fc->ps, line, len, &rec);
    if (r == FL_PARSE_OK) /* (first: most lines; a switch tests the others before it) */
        return classify(fc, &rec, line, len, lineno);
    switch (r) {
    case FL_PARSE_HEADER:
        in->header++;
        return FL_OK;
    case FL_PARSE_CONTINUATION:
        in->continuation++;
        /* Stack-trace lines belong to their entry: "Caused by: ... refused". */
        if (fc->matcher && fc->entry_ms)
            return match_text(fc, line, len, lineno, fl_buckets_at(fc->buckets, fc->entry_ms));
        return FL_OK;
    case FL_PARSE_NO_TIMESTAMP:
        skip(in, FL_SKIP_NO_TIMESTAMP, lineno);
        return FL_OK;
    default:
        skip(in, FL_SKIP_UNPARSEABLE, lineno);
        return FL_OK;
    }
}
