/* report_chart.c: the gnuplot script error_rate.gp and its data file (gnuplot 5).
 * The script draws error_rate.{png,svg} (failed %, impact %, traffic, incident
 * windows and marks), incident_K.{png,svg} (each incident from 30 buckets before
 * onset to 30 after its end) and status.{png,svg} (stacked 2xx/3xx/4xx/5xx per
 * bucket), signatures.{png,svg} (matches of the signatures that rose, from buckets.csv)
 * and its companion templates.{png,svg} (messages of the mined kinds that changed at
 * onset, from templates.dat, written here too). The variable `prefix` is put in front of every output name
 * (`gnuplot -e 'prefix="x-"' error_rate.gp`). Times are wall-clock in the report zone. */
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/columns.h"
#include "report/escape.h"
#include "report/report.h"
#include "report/report_changes.h"

/* Legends sit outside the plot so they never cover a curve or a mark's label: below
 * (sample before its name) for the few series of the rate and status charts, to the
 * right for the long signature names. An explicit "inside"/"outside" matters: a
 * placement set after "below" without it warns on the terminal. */
#define KEY_BELOW "set key outside below center horizontal reverse Left height 1.5"
#define KEY_RIGHT "set key outside right top vertical box"

/* "2022-10-12T12:20:00" for gnuplot's timefmt, at the zone's offset at the start of
 * the data: one fixed offset for the whole axis, so a daylight-saving change cannot
 * fold an hour back onto itself (the axis label names that offset). */
static const char *local_stamp(const fl_report *r, int64_t utc_s, char *buf, size_t len)
{
    fl_civil c;
    int64_t t0 = fl_report_bucket_start(r, 0);
    fl_civil_from_seconds(utc_s + fl_tz_offset_at(r->tz, t0, NULL), &c);
    snprintf(buf, len, "%04lld-%02u-%02uT%02u:%02u:%02u", (long long)c.year, c.month, c.day,
             c.hour, c.minute, c.second);
    return buf;
}

/* A mark's line and its label "onset 12:20" in the lane that keeps it clear of the
 * others (no label when none does). x positions are fractions of the span [t0, t1);
 * a character of the 10-point label font is about 7 of the 1400 pixels. */
static void mark(const fl_report *r, FILE *gp, int64_t t, const char *what, const char *color,
                 fl_lanes *lanes)
{
    char st[32], hm[48], text[80];
    int64_t t0 = fl_report_bucket_start(r, 0), t1 = fl_report_bucket_start(r, r->n);
    local_stamp(r, t, st, sizeof st);
    fprintf(gp, "set arrow from \"%s\", graph 0 to \"%s\", graph 1 nohead back lc rgb \"%s\" dt 2 lw 1.5\n",
            st, st, color);
    int n = snprintf(text, sizeof text, "%s %s", what, fl_report_hm(r, t, hm, sizeof hm));
    double x = (double)(t - t0) / (double)(t1 > t0 ? t1 - t0 : 1);
    int lane = fl_lane_place(lanes, x, (n * 7.0 + 16) / 1250.0);
    if (lane >= 0)
        fprintf(gp, "set label \"%s\" at \"%s\", graph %.2f offset 0.5,0 front boxed tc rgb \"%s\" font \",10\"\n",
                text, st, 0.95 - 0.07 * lane, color);
}

/* The x-axis format: the day on every tick when [t0, t1) crosses a day in the zone. */
static const char *axis_format(const fl_report *r, int64_t t0, int64_t t1)
{
    fl_civil a, b;
    fl_civil_from_seconds(t0 + fl_tz_offset_at(r->tz, t0, NULL), &a);
    fl_civil_from_seconds(t1 - 1 + fl_tz_offset_at(r->tz, t1 - 1, NULL), &b);
    return a.day != b.day || a.month != b.month || a.year != b.year ? "%d %b\\n%H:%M" : "%H:%M";
}

/* The top of the status chart: the most responses of any bucket, at least 1, so that
 * a run without requests (server logs only) does not give gnuplot an empty range. */
static uint64_t status_top(const fl_report *r)
{
    uint64_t top = 1;
    for (size_t i = 0; i < r->n; i++) {
        const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
        uint64_t sum = 0;
        for (int k = 2; k <= 5; k++)
            sum += b->by_class[k];
        top = sum > top ? sum : top;
    }
    return top + top / 10 + 1;
}

/* The latency chart's range (log scale): from the lowest p50 to the highest p99 of
 * any bucket, widened by half on either side, so that request times that never vary
 * (one value everywhere) still make a range gnuplot can draw. */
static void latency_range(const fl_report *r, FILE *gp)
{
    double lo = -1, hi = -1, q[3];
    for (size_t i = 0; i < r->n; i++) {
        if (!fl_report_latency(r, i, i + 1, &q[0], &q[1], &q[2]))
            continue;
        lo = lo < 0 || q[0] < lo ? q[0] : lo;
        hi = q[2] > hi ? q[2] : hi;
    }
    if (lo <= 0)
        lo = 0.1; /* the log scale needs a positive floor */
    fprintf(gp, "set yrange [%g:%g]\n", lo / 1.5, (hi > lo ? hi : lo) * 1.5);
}

/* Draw the plot held in gnuplot variable `plot` to prefix.name.png and .svg. */
static void render(FILE *gp, const char *name, const char *plot)
{
    fprintf(gp, "@png\nset output prefix.\"%s.png\"\n@%s\n@svg\nset output prefix.\"%s.svg\"\n@%s\n"
                "unset output\n",
            name, plot, name, plot);
}

/* The charts the script draws besides incident_N. */
static const char *const chart_stems[] = {"error_rate", "status", "signatures", "latency", "templates"};

int fl_chart_is_ours(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || (strcmp(dot, ".png") != 0 && strcmp(dot, ".svg") != 0))
        return 0;
    size_t len = (size_t)(dot - name);
    for (size_t i = 0; i < sizeof chart_stems / sizeof chart_stems[0]; i++)
        if (strlen(chart_stems[i]) == len && strncmp(name, chart_stems[i], len) == 0)
            return 1;
    if (len <= 9 || strncmp(name, "incident_", 9) != 0 || name[9] == '0')
        return 0;
    for (const char *p = name + 9; p < dot; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

fl_status fl_write_chart_data(const fl_report *r, FILE *dat)
{
    char st[32];
    fl_row row = {.out = dat, .n = 0};
    fl_row_str(&row, "# time");
    fl_columns_header(&row, &fl_layout_dat, " ");
    fl_row_str(&row, " (NaN: no request time logged)\n");
    for (size_t i = 0; i < r->n; i++) {
        fl_row_str(&row, local_stamp(r, fl_report_bucket_start(r, i), st, sizeof st));
        fl_columns_row(&row, r, i, &fl_layout_dat, " ", "NaN");
        fl_row_str(&row, "\n");
    }
    fl_row_flush(&row);
    return ferror(dat) ? FL_ERR_IO : FL_OK;
}

/* Log text s made safe for a gnuplot file: at most max bytes ("..." marks a cut),
 * every byte that is not printable UTF-8 as '?', and with quote set a single quote
 * doubled: the inside of a single-quoted gnuplot string, the only kind in which
 * gnuplot neither runs `backquoted` text as a shell command nor expands @macros or
 * backslashes. Into buf (len > 2 * max + 4); returns buf. */
static const char *gp_text(const char *s, size_t max, int quote, char *buf, size_t len)
{
    size_t o = 0, i = 0;
    while (s[i] && i < max && o + 8 < len) {
        size_t k = fl_utf8_printable(s + i);
        if (!k) {
            buf[o++] = '?';
            i++;
            continue;
        }
        if (i + k > max)
            break;
        if (quote && s[i] == '\'')
            buf[o++] = '\'';
        memcpy(buf + o, s + i, k);
        o += k;
        i += k;
    }
    if (s[i])
        memcpy(buf + o, "...", 3), o += 3;
    buf[o] = 0;
    return buf;
}

/* What a kind is called on the chart: its signature's name, else its template. */
static const char *kind_name(const fl_report_kind *k) { return k->signature ? k->signature : k->text; }

fl_status fl_write_kinds_data(const fl_report *r, FILE *dat)
{
    fl_report_kind kinds[FL_KINDS_CHARTED];
    size_t n = fl_report_incident_kinds(r, kinds, FL_KINDS_CHARTED), at[FL_KINDS_CHARTED] = {0};
    char st[32], text[2 * FL_MINER_TEXT + 8];
    fprintf(dat, "# templates.dat: messages per bucket of the kinds in the incidents' What changed "
                 "tables (timeline.md), drawn as templates.png by error_rate.gp\n");
    for (size_t k = 0; k < n; k++)
        fprintf(dat, "# column %zu: %s\n", k + 2, gp_text(kind_name(&kinds[k]), FL_MINER_TEXT, 0, text, sizeof text));
    fl_row row = {.out = dat, .n = 0};
    fl_row_str(&row, "# time");
    for (size_t k = 0; k < n; k++) {
        fl_row_str(&row, " kind");
        fl_row_u64(&row, k + 1);
    }
    fl_row_str(&row, "\n");
    for (size_t i = 0; n && i < r->n; i++) {
        int64_t b = r->first_index + (int64_t)i;
        fl_row_str(&row, local_stamp(r, fl_report_bucket_start(r, i), st, sizeof st));
        for (size_t k = 0; k < n; k++) { /* each series is sorted by bucket: one cursor each */
            const fl_tmpl_series *s = &r->analysis->mined->series[kinds[k].c.slot];
            while (at[k] < s->n && s->at[at[k]].bucket < b)
                at[k]++;
            fl_row_str(&row, " ");
            fl_row_u64(&row, at[k] < s->n && s->at[at[k]].bucket == b ? s->at[at[k]].count : 0);
        }
        fl_row_str(&row, "\n");
    }
    fl_row_flush(&row);
    return ferror(dat) ? FL_ERR_IO : FL_OK;
}

/* The companion of the signatures chart: messages per bucket of the mined kinds
 * that changed at onset (templates.dat), each titled by its signature or template,
 * text the log wrote: in single quotes (see gp_text), never enhanced-text markup. */
static void kinds_chart(const fl_report *r, FILE *gp)
{
    fl_report_kind kinds[FL_KINDS_CHARTED];
    size_t n = fl_report_incident_kinds(r, kinds, FL_KINDS_CHARTED);
    char title[2 * 72 + 8];
    if (!n)
        return;
    fprintf(gp, "set title \"Message kinds that changed at onset (mined templates), per %s\" font \",14\"\n"
                "set ylabel \"messages\"\nunset logscale y\nset yrange [0:*]\n",
            r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket");
    /* The key in a bottom margin of its own, one line a kind: "set key below" puts
     * it over the x-axis label. */
    fprintf(gp, "set bmargin %zu\nset key at screen 0.5, screen 0.02 center bottom vertical Left reverse box\n", n + 6);
    for (size_t k = 0; k < n; k++)
        fprintf(gp, "kind%zu = '%s'\n", k + 1, gp_text(kind_name(&kinds[k]), 72, 1, title, sizeof title));
    fprintf(gp, "templates = \"plot ");
    for (size_t k = 0; k < n; k++)
        fprintf(gp, "%s'templates.dat' using 1:%zu with lines lw 1.5 title kind%zu noenhanced", k ? ", " : "", k + 2,
                k + 1);
    fprintf(gp, "\"\n");
    render(gp, "templates", "templates");
}

/* Column c's number in error_rate.dat, for the script's "using" clauses. */
static size_t col(fl_bucket_col c) { return fl_column_number(&fl_layout_dat, c); }

fl_status fl_write_chart_script(const fl_report *r, FILE *gp)
{
    const fl_detection *d = r->detection;
    char st[32], date[40], off[8];
    const char *abbr;
    int64_t t0 = fl_report_bucket_start(r, 0), t1 = fl_report_bucket_start(r, r->n);
    int32_t o = fl_tz_offset_at(r->tz, t0, &abbr);

    fprintf(gp, "# error_rate.gp: written by faultline %s. Redraw: gnuplot error_rate.gp\n", r->version);
    fprintf(gp, "if (!exists(\"prefix\")) prefix = \"\"\n");
    fprintf(gp, "datafile = \"error_rate.dat\"\n");
    fprintf(gp, "set xdata time\nset timefmt \"%%Y-%%m-%%dT%%H:%%M:%%S\"\n");
    fprintf(gp, "set format x \"%s\"\n", axis_format(r, t0, t1));
    fprintf(gp, "set xrange [\"%s\":", local_stamp(r, t0, st, sizeof st));
    fprintf(gp, "\"%s\"]\n", local_stamp(r, t1, st, sizeof st));
    const fl_words *w = fl_report_words(r);
    fprintf(gp, "set title \"%s and traffic, %s\" font \",14\"\n", w->title,
            fl_report_date(r, t0, date, sizeof date));
    if (fl_tz_is_fixed(r->tz)) /* "UTC" or "UTC+01:00" already says it all */
        fprintf(gp, "set xlabel \"time (%s)\"\n", abbr);
    else
        fprintf(gp, "set xlabel \"time (%s, UTC%s)\"\n", abbr, fl_offset_str(o, off, sizeof off));
    /* Mark labels sit on a white box so a neighbouring mark's line cannot cross them. */
    fprintf(gp, "set style textbox opaque noborder\n");
    fprintf(gp, "set ylabel \"failed / impact (%%)\"\nset y2label \"%s per %s\"\n", w->items,
            r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket");
    uint32_t max_r = 1;
    for (size_t i = 0; i < r->n; i++)
        max_r = r->requests[i] > max_r ? r->requests[i] : max_r;
    /* Traffic keeps to the lower part of the chart, under the percentage lines. */
    fprintf(gp, "set yrange [0:110]\nset y2range [0:%u]\nset ytics 0,20,100 nomirror\nset y2tics\n",
            max_r * 9 / 5 + 1);
    fprintf(gp, "set grid xtics ytics lc rgb \"#dddddd\"\n%s\n", KEY_BELOW);
    fprintf(gp, "set border lc rgb \"#555555\"\n");
    fl_lanes lanes = {0};
    for (size_t k = 0; k < d->n_incidents; k++) {
        const fl_incident *inc = &d->incidents[k];
        char a[32], b[32];
        int64_t on = fl_report_bucket_start(r, inc->onset), end = fl_report_bucket_start(r, inc->end);
        fprintf(gp, "set object %zu rect from \"%s\", graph 0 to \"%s\", graph 1 fc rgb \"#fde0dc\" "
                    "fs solid 1.0 noborder behind\n",
                k + 1, local_stamp(r, on, a, sizeof a), local_stamp(r, end, b, sizeof b));
        mark(r, gp, on, "onset", "#b71c1c", &lanes);
        mark(r, gp, fl_report_bucket_start(r, inc->peak), "peak", "#6a1b9a", &lanes);
        if (inc->recovered)
            mark(r, gp, end, "recovery", "#1b5e20", &lanes);
    }
    fprintf(gp, "draw = \"plot datafile using 1:%zu axes x1y2 with filledcurves x1 fs transparent solid 0.35 noborder lc rgb \\\"#6baed6\\\" "
                "title \\\"requests\\\", '' using 1:%zu with lines lw 1 lc rgb \\\"#ffb74d\\\" "
                "title \\\"impact %%\\\", '' using 1:%zu with lines lw 2 lc rgb \\\"#c62828\\\" "
                "title \\\"failed %%\\\"\"\n",
            col(FL_COL_REQUESTS), col(FL_COL_IMPACT_PCT), col(FL_COL_ERROR_PCT));
    fprintf(gp, "png = \"set terminal pngcairo size 1400,600 background rgb '#ffffff' font 'sans,10'\"\n"
                "svg = \"set terminal svg size 1400,600 dynamic background rgb '#ffffff' font 'sans,10'\"\n");
    render(gp, "error_rate", "draw");
    for (size_t k = 0; k < d->n_incidents; k++) { /* close-ups */
        const fl_incident *inc = &d->incidents[k];
        size_t from = inc->onset > 30 ? inc->onset - 30 : 0, to = inc->end + 30 < r->n ? inc->end + 30 : r->n;
        char a[32], b[32], name[32];
        fprintf(gp, "set xrange [\"%s\":\"%s\"]\nset format x \"%s\"\n",
                local_stamp(r, fl_report_bucket_start(r, from), a, sizeof a),
                local_stamp(r, fl_report_bucket_start(r, to), b, sizeof b),
                axis_format(r, fl_report_bucket_start(r, from), fl_report_bucket_start(r, to)));
        fprintf(gp, "set title \"Incident %zu, close up\" font \",14\"\n", k + 1);
        snprintf(name, sizeof name, "incident_%zu", k + 1);
        render(gp, name, "draw");
    }
    /* Status classes, stacked: each curve is a cumulative sum drawn over the last. */
    fprintf(gp, "set xrange [\"%s\":", local_stamp(r, t0, st, sizeof st));
    fprintf(gp, "\"%s\"]\nset format x \"%s\"\nunset y2tics\nunset y2label\nset yrange [0:%llu]\n"
                "set ytics auto\nset ylabel \"requests per bucket\"\nunset arrow\nunset label\n"
                "set title \"Responses by status class\" font \",14\"\n",
            local_stamp(r, t1, st, sizeof st), axis_format(r, t0, t1),
            (unsigned long long)status_top(r));
    size_t c2 = col(FL_COL_2XX), c3 = col(FL_COL_3XX), c4 = col(FL_COL_4XX), c5 = col(FL_COL_5XX);
    fprintf(gp, "status = \"plot datafile using 1:($%zu+$%zu+$%zu+$%zu) with filledcurves x1 lc rgb '#c62828' title '5xx', "
                "'' using 1:($%zu+$%zu+$%zu) with filledcurves x1 lc rgb '#ffb74d' title '4xx', "
                "'' using 1:($%zu+$%zu) with filledcurves x1 lc rgb '#90caf9' title '3xx', "
                "'' using 1:%zu with filledcurves x1 lc rgb '#66bb6a' title '2xx'\"\n",
            c2, c3, c4, c5, c2, c3, c4, c2, c3, c2);
    render(gp, "status", "status");
    uint32_t *sigs = NULL;
    size_t n_sigs = r->analysis->cfg->patterns ? fl_report_incident_signatures(r, &sigs) : 0;
    if (n_sigs) { /* the signatures that rose around incidents, from buckets.csv */
        fprintf(gp, "set datafile separator ','\nset timefmt \"%%Y-%%m-%%dT%%H:%%M:%%S\"\n"
                    "set title \"Error signatures per %s\" font \",14\"\nset ylabel \"matches\"\n"
                    "set yrange [0:*]\n%s\n",
                r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket", KEY_RIGHT);
        fprintf(gp, "signatures = \"plot ");
        for (size_t k = 0; k < n_sigs && k < 8; k++)
            fprintf(gp, "%s'buckets.csv' using 1:%zu with lines lw 1.5 title '%s'", k ? ", " : "", fl_layout_csv.n + 2 + k,
                    fl_patterns_info(r->analysis->cfg->patterns, sigs[k])->name);
        fprintf(gp, "\"\n");
        render(gp, "signatures", "signatures");
        fprintf(gp, "set datafile separator whitespace\n%s\n", KEY_BELOW);
    }
    free(sigs);
    if (fl_report_has_latency(r)) { /* request times, where the format logs them */
        fprintf(gp, "set title \"Request time (p50, p95, p99; within %.0f%%)\" font \",14\"\n"
                    "set ylabel \"ms (log scale)\"\nset logscale y\n", 100 * FL_LAT_ALPHA);
        latency_range(r, gp);
        fprintf(gp, "latency = \"plot datafile using 1:%zu with lines lw 1.5 lc rgb '#c62828' title 'p99', "
                    "'' using 1:%zu with lines lw 1.5 lc rgb '#ff8f00' title 'p95', "
                    "'' using 1:%zu with lines lw 2 lc rgb '#1565c0' title 'p50'\"\n",
                col(FL_COL_P99), col(FL_COL_P95), col(FL_COL_P50));
        render(gp, "latency", "latency");
    }
    kinds_chart(r, gp);
    return ferror(gp) ? FL_ERR_IO : FL_OK;
}

fl_status fl_write_summary(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    const fl_analysis *an = r->analysis;
    char a[40], b[40], c[40], zone[8];
    const char *abbr;
    uint64_t skipped = 0, lines = an->other.lines;
    size_t inputs = an->n_inputs + (size_t)an->other.count;
    for (size_t i = 0; i < an->n_inputs; i++) {
        lines += an->inputs[i].lines;
        for (size_t k = 0; k < FL_SKIP_N; k++)
            skipped += an->inputs[i].skipped[k];
    }
    int64_t t0 = fl_report_bucket_start(r, 0), t1 = fl_report_bucket_start(r, r->n);
    fl_tz_offset_at(r->tz, t0, &abbr);
    char d1[40] = "";
    if (fl_report_multiday(r)) /* "1 August 1995 00:00 to 8 August 1995 11:13" */
        snprintf(d1, sizeof d1, "%s ", fl_report_date(r, t1, a, sizeof a));
    fprintf(out, "faultline: %zu input%s, %llu lines, %llu requests, %llu server-log entries, %s %s to %s%s %s %s\n",
            inputs, inputs == 1 ? "" : "s", (unsigned long long)lines,
            (unsigned long long)an->access_records,
            (unsigned long long)(an->records - an->access_records), fl_report_date(r, t0, a, sizeof a),
            fl_report_clock(r, t0, b, sizeof b), d1, fl_report_clock(r, t1, c, sizeof c), abbr,
            fl_offset_str(fl_tz_offset_at(r->tz, t0, NULL), zone, sizeof zone));
    fl_report_zone_lines(r, out, "", "\n", 0);
    if (skipped)
        fprintf(out, "skipped: %llu lines (see report.json inputs[].skipped)\n",
                (unsigned long long)skipped);
    if (!d->n_incidents && d->count_rule)
        fprintf(out, "no incident found (error entries: usual %s; warning entries: usual %s)\n",
                fl_report_usual_rate(d->usual_failed, r->analysis->cfg->bucket_ms, a, sizeof a),
                fl_report_usual_rate(d->usual_warned, r->analysis->cfg->bucket_ms, b, sizeof b));
    else if (!d->n_incidents)
        fprintf(out, "no incident found (threshold %.1f%% failing, baseline %.2f%%)\n",
                100 * d->threshold, 100 * d->baseline_error);
    for (size_t k = 0; k < d->n_incidents; k++) {
        const fl_incident *inc = &d->incidents[k];
        int64_t on = fl_report_bucket_start(r, inc->onset), end = fl_report_bucket_start(r, inc->end);
        int64_t s = end - on;
        if (inc->kind == FL_INCIDENT_SILENCE) { /* no rate, no peak: who stopped and resumed */
            fprintf(out, "incident %zu: onset %s  silence:", k + 1, fl_report_iso(r, on, a, sizeof a));
            fl_write_silence_summary(r, k, 0, out);
            fprintf(out, "\n");
            continue;
        }
        if (fl_incident_counted(inc->kind)) {
            char what[160];
            fprintf(out, "incident %zu: onset %s  %s  ", k + 1, fl_report_iso(r, on, a, sizeof a),
                    fl_report_count_text(r, inc, what, sizeof what));
        } else
            fprintf(out, "incident %zu: onset %s  peak %s (impact %.1f%%, %.1f%% failing)  ", k + 1,
                fl_report_iso(r, on, a, sizeof a),
                fl_report_hm(r, fl_report_bucket_start(r, inc->peak), b, sizeof b),
                100 * inc->peak_impact, 100 * inc->peak_error_rate);
        if (inc->recovered)
            fprintf(out, "recovery %s", fl_report_hm(r, end, c, sizeof c));
        else
            fprintf(out, "not recovered when logs end (%s)", fl_report_hm(r, end, c, sizeof c));
        fprintf(out, "  duration %lldh%02lldm", (long long)(s / 3600), (long long)(s / 60 % 60));
        fl_silence sl;
        if (fl_report_silence(r, inc, &sl) && sl.last_s >= 0 && sl.first_s >= 0) {
            int64_t g = sl.first_s - sl.last_s;
            fprintf(out, "  traffic stopped: last request %s, next %s (%lldh%02lldm later)\n",
                    fl_report_hm(r, sl.last_s, a, sizeof a), fl_report_hm(r, sl.first_s, b, sizeof b),
                    (long long)(g / 3600), (long long)(g / 60 % 60));
        } else if (fl_report_silence(r, inc, &sl)) {
            fprintf(out, "  traffic stopped\n");
        } else if (fl_incident_counted(inc->kind)) {
            fprintf(out, "\n");
        } else {
            fprintf(out, "  failed %llu of %llu\n", (unsigned long long)inc->failed,
                    (unsigned long long)inc->requests);
        }
    }
    if (an->cfg->patterns) {
        fl_sig_summary *sums;
        size_t n = fl_report_signatures(r, &sums);
        fl_marker_ref *refs;
        size_t n_markers = fl_report_markers(r, &refs);
        fprintf(out, "signatures: %zu of %zu matched, %zu lifecycle markers (timeline.md, report.json)\n",
                n, fl_patterns_count(an->cfg->patterns), n_markers);
        free(refs);
        free(sums);
    }
    return ferror(out) ? FL_ERR_IO : FL_OK;
}
