/* report_html.c: report.html, one self-contained page (no network, no JavaScript):
 * the timeline (rendered from timeline.md's Markdown), inline SVG charts drawn here,
 * breakdown tables (failing upstreams, client classes) and the input inventory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/escape.h"
#include "report/report.h"

/* ---- escaping and a Markdown subset (what timeline.md uses) ---- */

/* Text into HTML: markup characters as entities, control bytes and invalid UTF-8
 * as the text \xHH. */
static void esc(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i];) {
        size_t k = fl_utf8_printable(s + i);
        if (k > n - i)
            k = 0; /* a character cut by the end of the text */
        if (!k) {
            fprintf(out, "\\x%02x", (unsigned char)s[i]);
            k = 1;
        } else if (s[i] == '<' || s[i] == '>' || s[i] == '&' || s[i] == '"') {
            fputs(s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : s[i] == '&' ? "&amp;" : "&quot;", out);
        } else {
            fwrite(s + i, 1, k, out);
        }
        i += k;
    }
}

/* A code span at s (n bytes left) opening with a run of backticks: writes it and
 * returns the bytes it took, or 0 when it has no closing run (then the backticks
 * are text). Strips one space each side as CommonMark does; \| is a table's pipe. */
static size_t code_span(FILE *out, const char *s, size_t n)
{
    size_t f = 0;
    while (f < n && s[f] == '`')
        f++;
    for (size_t e = f; e < n; e++) {
        size_t g = 0;
        while (e + g < n && s[e + g] == '`')
            g++;
        if (g != f) {
            e += g;
            continue;
        }
        size_t a = f, b = e;
        if (b - a >= 2 && s[a] == ' ' && s[b - 1] == ' ')
            a++, b--;
        fputs("<code>", out);
        for (size_t i = a; i < b;) {
            size_t end = i;
            while (end < b && !(s[end] == '\\' && end + 1 < b && s[end + 1] == '|'))
                end++;
            esc(out, s + i, end - i);
            if (end < b)
                fputc('|', out), end += 2;
            i = end;
        }
        fputs("</code>", out);
        return e + f;
    }
    return 0;
}

/* Inline Markdown: `code`, **bold**, _emphasis_ (a whole cell or line), backslash
 * escapes, and the entities fl_md_text writes (&lt; &gt; &amp;), kept as they are. */
static void inline_md(FILE *out, const char *s, size_t n)
{
    int bold = 0;
    for (size_t i = 0; i < n; i++) {
        size_t took;
        if (s[i] == '`' && (took = code_span(out, s + i, n - i)) != 0) {
            i += took - 1;
        } else if (s[i] == '\\' && i + 1 < n && strchr("\\`*_[]|#", s[i + 1])) {
            esc(out, s + ++i, 1);
        } else if (s[i] == '&' && (strncmp(s + i, "&lt;", 4) == 0 || strncmp(s + i, "&gt;", 4) == 0)) {
            fwrite(s + i, 1, 4, out);
            i += 3;
        } else if (s[i] == '&' && strncmp(s + i, "&amp;", 5) == 0) {
            fputs("&amp;", out);
            i += 4;
        } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
            fputs(bold ? "</strong>" : "<strong>", out);
            bold = !bold;
            i++;
        } else if (s[i] == '_' && (i == 0 || i == n - 1)) {
            fputs(i == 0 ? "<em>" : "</em>", out);
        } else {
            size_t k = fl_utf8_printable(s + i);
            esc(out, s + i, k && k <= n - i ? k : 1);
            i += (k && k <= n - i ? k : 1) - 1;
        }
    }
    if (bold)
        fputs("</strong>", out);
}

static void table_row(FILE *out, const char *line, size_t n, int header)
{
    fputs("<tr>", out);
    size_t i = 1;
    while (i < n) {
        size_t j = i;
        while (j < n && !(line[j] == '|' && line[j - 1] != '\\'))
            j++;
        if (j >= n)
            break;
        size_t a = i, b = j;
        while (a < b && line[a] == ' ')
            a++;
        while (b > a && line[b - 1] == ' ')
            b--;
        fputs(header ? "<th>" : "<td>", out);
        inline_md(out, line + a, b - a);
        fputs(header ? "</th>" : "</td>", out);
        i = j + 1;
    }
    fputs("</tr>\n", out);
}

/* Render timeline.md's Markdown (headings, paragraphs, lists, tables, numbered
 * lists) to HTML. */
static void markdown(FILE *out, const char *md)
{
    const char *p = md;
    int in_table = 0, in_list = 0, table_header = 0;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int is_table = n && p[0] == '|', is_item = n > 1 && p[0] == '-' && p[1] == ' ';
        if (in_table && !is_table)
            fputs("</table>\n", out), in_table = 0;
        if (in_list && !is_item)
            fputs("</ul>\n", out), in_list = 0;
        if (is_table) {
            if (!in_table)
                fputs("<table>\n", out), in_table = 1, table_header = 1;
            if (n > 2 && p[1] == '-' && p[2] == '-')
                ; /* the |---| separator line */
            else
                table_row(out, p, n, table_header), table_header = 0;
        } else if (is_item) {
            if (!in_list)
                fputs("<ul>\n", out), in_list = 1;
            fputs("<li>", out);
            inline_md(out, p + 2, n - 2);
            fputs("</li>\n", out);
        } else if (n && p[0] == '#') {
            size_t h = 0;
            while (h < n && p[h] == '#')
                h++;
            fprintf(out, "<h%zu>", h);
            inline_md(out, p + h + 1, n > h ? n - h - 1 : 0);
            fprintf(out, "</h%zu>\n", h);
        } else if (n) {
            fputs("<p>", out);
            inline_md(out, p, n);
            fputs("</p>\n", out);
        }
        p += n + (e != NULL);
    }
    if (in_table)
        fputs("</table>\n", out);
    if (in_list)
        fputs("</ul>\n", out);
}

/* ---- SVG charts ---- */

#define W 1000
#define H 320
#define ML 56 /* margins: left, right, top, bottom */
#define MR 64
#define MT 16
#define MB 40

static double xpos(size_t i, size_t from, size_t to)
{
    return ML + (double)(i - from) * (W - ML - MR) / (double)(to > from ? to - from : 1);
}

static double ypct(double pct) { return MT + (H - MT - MB) * (1.0 - pct / 100.0); }

/* Tick step in seconds giving about 8-12 labels over span seconds. */
static int64_t tick_step(int64_t span)
{
    static const int64_t steps[] = {60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (span / steps[i] <= 12)
            return steps[i];
    return 604800;
}

/* A chart of buckets [from, to): failed % and impact % (left axis), traffic (right
 * axis, shaded), incident windows, onset/peak/recovery marks. */
static void svg_chart(const fl_report *r, FILE *out, size_t from, size_t to, const char *title)
{
    const fl_detection *d = r->detection;
    const fl_words *w = fl_report_words(r);
    uint32_t max_r = 1;
    for (size_t i = from; i < to; i++)
        max_r = r->requests[i] > max_r ? r->requests[i] : max_r;
    double ymax_r = max_r * 1.8;
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
                 "aria-label=\"", W, H);
    esc(out, title, strlen(title));
    fprintf(out, "\" class=\"chart\">\n<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, H);
    for (size_t k = 0; k < d->n_incidents; k++) { /* incident windows */
        const fl_incident *inc = &d->incidents[k];
        size_t a = inc->onset > from ? inc->onset : from, b = inc->end < to ? inc->end : to;
        if (a < b)
            fprintf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fde0dc\"/>\n",
                    xpos(a, from, to), MT, xpos(b, from, to) - xpos(a, from, to), H - MT - MB);
    }
    for (int p = 0; p <= 100; p += 20) /* grid and left axis */
        fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
                     "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%d%%</text>\n",
                ML, W - MR, ypct(p), ypct(p), ML - 6, ypct(p) + 4, p);
    for (int q = 0; q <= 4; q++) /* right axis: traffic */
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"tick\">%.0f</text>\n", W - MR + 6,
                MT + (H - MT - MB) * (1.0 - q / 4.0) + 4, ymax_r * q / 4.0);
    int64_t t0 = fl_report_bucket_start(r, from), t1 = fl_report_bucket_start(r, to);
    int64_t step = tick_step(t1 - t0);
    int32_t off = fl_tz_offset_at(r->tz, t0, NULL);
    for (int64_t t = fl_floor_div(t0 + off + step - 1, step) * step - off; t <= t1; t += step) {
        double x = ML + (double)(t - t0) * (W - ML - MR) / (double)(t1 > t0 ? t1 - t0 : 1);
        char hm[48];
        fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                     "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>\n",
                x, x, MT, H - MB, x, H - MB + 16, fl_report_hm(r, t, hm, sizeof hm));
    }
    /* traffic area */
    fprintf(out, "<path fill=\"#6baed6\" fill-opacity=\"0.35\" d=\"M%.1f %d", xpos(from, from, to), H - MB);
    fl_row row = {.out = out, .n = 0};
    for (size_t i = from; i < to; i++) {
        fl_row_str(&row, " L");
        fl_row_fixed(&row, xpos(i, from, to), 1);
        fl_row_str(&row, " ");
        fl_row_fixed(&row, MT + (H - MT - MB) * (1.0 - r->requests[i] / ymax_r), 1);
    }
    fl_row_flush(&row);
    fprintf(out, " L%.1f %d Z\"/>\n", xpos(to - 1, from, to), H - MB);
    /* impact and failed % */
    static const char *const colors[2] = {"#ffa726", "#c62828"};
    for (int line = 0; line < 2; line++) {
        fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"", colors[line],
                line ? "2" : "1.2");
        for (size_t i = from; i < to; i++) {
            double v = line ? (r->requests[i] ? 100.0 * r->failed[i] / r->requests[i] : 0) : 100.0 * d->impact[i];
            fl_row_fixed(&row, xpos(i, from, to), 1);
            fl_row_str(&row, ",");
            fl_row_fixed(&row, ypct(v), 1);
            fl_row_str(&row, " ");
        }
        fl_row_flush(&row);
        fputs("\"/>\n", out);
    }
    fl_lanes lanes = {0}; /* labels that never overlap: a lane each, 14 px apart */
    for (size_t k = 0; k < d->n_incidents; k++) { /* marks */
        const fl_incident *inc = &d->incidents[k];
        size_t at[3] = {inc->onset, inc->peak, inc->end};
        const char *what[3] = {"onset", "peak", "recovery"}, *col[3] = {"#b71c1c", "#6a1b9a", "#1b5e20"};
        for (int m = 0; m < 3; m++) {
            if (at[m] < from || at[m] >= to || (m == 2 && !inc->recovered))
                continue;
            char hm[48];
            double x = xpos(at[m], from, to);
            fl_report_hm(r, fl_report_bucket_start(r, at[m]), hm, sizeof hm);
            /* about 7 px a character of the 12 px label font */
            int lane = fl_lane_place(&lanes, x, (double)(strlen(what[m]) + 1 + strlen(hm)) * 7.0 + 10);
            fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                    x, x, MT, H - MB, col[m]);
            if (lane >= 0)
                fprintf(out, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" class=\"mark\">%s %s</text>",
                        x + 4, MT + 14 + 14 * lane, col[m], what[m], hm);
            fputc('\n', out);
        }
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"legend\"><tspan fill=\"#c62828\">&#9632; %s %%</tspan> "
                 "<tspan fill=\"#ffa726\">&#9632; impact %%</tspan> <tspan fill=\"#6baed6\">&#9632; %s per bucket (right axis)</tspan></text>\n",
            ML, H - 6, w->failures, w->items);
    fputs("</svg>\n", out);
}

/* ---- tables ---- */

static void inventory(const fl_report *r, FILE *out)
{
    const fl_analysis *an = r->analysis;
    fputs("<h2>Inputs</h2>\n<table>\n<tr><th>file</th><th>format</th><th>lines</th><th>records</th>"
          "<th>skipped</th><th>first</th><th>last</th><th>problem</th></tr>\n", out);
    for (size_t i = 0; i < an->n_inputs; i++) {
        const fl_input *in = &an->inputs[i];
        uint64_t skipped = 0;
        char a[48] = "", b[48] = "";
        for (size_t k = 0; k < FL_SKIP_N; k++)
            skipped += in->skipped[k];
        if (in->records) {
            fl_report_iso(r, fl_floor_div(in->first_ms, 1000), a, sizeof a);
            fl_report_iso(r, fl_floor_div(in->last_ms, 1000), b, sizeof b);
        }
        fputs("<tr><td><code>", out);
        esc(out, in->path, strlen(in->path));
        fprintf(out, "</code></td><td>%s%s</td><td>%llu</td><td>%llu</td><td>%llu</td><td>%s</td><td>%s</td><td>",
                in->format, in->gzip ? " (gzip)" : "", (unsigned long long)in->lines,
                (unsigned long long)in->records, (unsigned long long)skipped, a, b);
        if (in->status != FL_OK)
            esc(out, in->error, strlen(in->error));
        else if (in->binary)
            fputs("binary, skipped", out);
        fputs("</td></tr>\n", out);
    }
    if (an->other.count) /* the inputs the inventory cap summed */
        fprintf(out, "<tr><td>%llu other inputs (summed)</td><td></td><td>%llu</td><td>%llu</td><td>0</td>"
                     "<td></td><td></td><td></td></tr>\n",
                (unsigned long long)an->other.count, (unsigned long long)an->other.lines,
                (unsigned long long)an->other.records);
    fputs("</table>\n", out);
}

static void signatures_table(const fl_report *r, FILE *out)
{
    fl_sig_summary *sums;
    size_t n = r->analysis->cfg->patterns ? fl_report_signatures(r, &sums) : 0;
    if (!n)
        return;
    fputs("<h2>Error signatures</h2>\n<table>\n<tr><th>first seen</th><th>signature</th><th>severity</th>"
          "<th>count</th><th>where first</th><th>sample</th></tr>\n", out);
    for (size_t i = 0; i < n; i++) {
        const fl_signature_info *info = fl_patterns_info(r->analysis->cfg->patterns, sums[i].sig);
        char when[48];
        fl_report_iso(r, fl_floor_div(sums[i].first_ms, 1000), when, sizeof when);
        fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%llu</td><td><code>", when, info->name,
                fl_severity_name(info->severity), (unsigned long long)sums[i].count);
        esc(out, sums[i].first_in->path, strlen(sums[i].first_in->path));
        fprintf(out, ":%llu</code></td><td><code>", (unsigned long long)sums[i].first_line);
        esc(out, sums[i].sample, strlen(sums[i].sample));
        fputs("</code></td></tr>\n", out);
    }
    fputs("</table>\n", out);
    free(sums);
}

/* Per incident: the failing upstreams (space-saving counts with their bound) and the
 * client classes (failures exact, requests estimated from the sample); nothing when
 * the logs name no upstream and no agent. */
static void breakdowns(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    int heading = 0;
    for (size_t k = 0; k < d->n_incidents; k++) {
        const fl_incident *inc = &d->incidents[k];
        fl_top_item top[10];
        fl_client_mix m;
        size_t n = fl_report_top_upstreams(r, inc->onset, inc->end, top, 10);
        fl_report_client_mix(r, inc->onset, inc->end, &m);
        if (!n && !m.any_agent)
            continue;
        if (!heading)
            fputs("<h2>Breakdowns</h2>\n", out), heading = 1;
        fprintf(out, "<h3>Incident %zu</h3>\n", k + 1);
        if (n) {
            fputs("<table>\n<tr><th>failing upstream</th><th>failed</th><th>share of failures</th>"
                  "<th>may be overcounted by</th></tr>\n", out);
            for (size_t i = 0; i < n; i++) {
                fputs("<tr><td><code>", out);
                esc(out, top[i].key, strlen(top[i].key));
                fprintf(out, "</code></td><td>%llu</td><td>%.1f%%</td><td>%llu</td></tr>\n",
                        (unsigned long long)top[i].count,
                        inc->failed ? 100.0 * (double)top[i].count / (double)inc->failed : 0.0,
                        (unsigned long long)top[i].err);
            }
            fputs("</table>\n", out);
        }
        if (m.any_agent) {
            fprintf(out, "<table>\n<tr><th>client class</th><th>failed</th><th>requests (estimated from 1 in %d)</th>"
                         "<th>failure rate</th></tr>\n", FL_CLIENT_SAMPLE);
            for (int c = 0; c < FL_CLIENT_N; c++) {
                if (!m.failed[c] && !m.sampled[c])
                    continue;
                double rate = m.requests[c] > 0 ? (double)m.failed[c] / m.requests[c] : 0;
                fprintf(out, "<tr><td>%s</td><td>%llu</td><td>%.0f</td><td>%.1f%%</td></tr>\n",
                        fl_client_label((fl_client_class)c), (unsigned long long)m.failed[c],
                        m.requests[c], 100.0 * (rate > 1 ? 1 : rate));
            }
            fputs("</table>\n", out);
        }
    }
}

static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;"
    "color:#222;padding:0 1em}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;"
    "text-align:left;vertical-align:top}th{background:#f6f6f6}code{font-size:0.9em;background:#f3f3f3;"
    "padding:0 3px;word-break:break-all}.chart{width:100%;height:auto;border:1px solid #eee}"
    ".tick{font-size:11px;fill:#555}.mark{font-size:12px}.legend{font-size:12px}"
    ".summary{background:#fafafa;border-left:4px solid #c62828;padding:0.5em 1em}";

fl_status fl_write_html(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    char *md;
    size_t md_len;
    fl_status st = fl_timeline_text(r, &md, &md_len);
    if (st != FL_OK)
        return st;
    char date[40];
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<title>faultline report: %s</title>\n<style>%s</style>\n</head>\n<body>\n",
            r->n ? fl_report_date(r, fl_report_bucket_start(r, 0), date, sizeof date) : "no data", css);
    fprintf(out, "<h1>Outage report: %s</h1>\n", date);
    svg_chart(r, out, 0, r->n, "error rate and traffic over the whole span");
    for (size_t k = 0; k < d->n_incidents; k++) { /* zoom: 30 buckets either side */
        const fl_incident *inc = &d->incidents[k];
        size_t from = inc->onset > 30 ? inc->onset - 30 : 0, to = inc->end + 30 < r->n ? inc->end + 30 : r->n;
        fprintf(out, "<h3>Incident %zu, close up</h3>\n", k + 1);
        svg_chart(r, out, from, to, "incident close up");
    }
    fputs("<div class=\"timeline\">\n", out);
    /* timeline.md without its title: the page has its own. */
    const char *body = md ? strstr(md, "\n## ") : NULL;
    markdown(out, body ? body + 1 : (md ? md : ""));
    fputs("</div>\n", out);
    breakdowns(r, out);
    signatures_table(r, out);
    inventory(r, out);
    fprintf(out, "<p><em>Generated by faultline %s. Charts: %s (red, left axis), impact %% (orange), "
                 "traffic (blue, right axis); incident windows shaded.</em></p>\n</body>\n</html>\n",
            r->version, fl_report_words(r)->failures);
    free(md);
    return ferror(out) ? FL_ERR_IO : FL_OK;
}
