/* report_notes.c: the per-file lines of timeline.md's Notes section, grouped by
 * reason. A set of 60 files that share one reason (no year in their dates, an
 * unknown format, binary content) is one line with the count and a few names, not
 * 60 lines; a reason only one file has is told about that file as before. */
#include <stdlib.h>
#include <string.h>

#include "report/escape.h"
#include "report/report.h"

#define NOTE_EXAMPLES 3 /* file names shown in a grouped line */

/* One kind of per-file note: the reason of an input (NULL when the note does not
 * apply) and the sentence for one file and for several, each with two %s: who, why. */
typedef struct note_kind {
    const char *(*reason)(const fl_input *in);
    const char *one, *many;
    int short_names; /* name files by their last two path components */
} note_kind;

static const char *problem(const fl_input *in) { return in->status != FL_OK ? in->error : NULL; }
static const char *binary(const fl_input *in) { return in->binary ? "" : NULL; }
static const char *unknown(const fl_input *in)
{
    return in->status == FL_OK && in->lines && !in->records ? in->format : NULL;
}
static const char *no_year(const fl_input *in) { return in->year_why[0] ? in->year_why : NULL; }

static const note_kind kinds[] = {
    {problem, "- **Problem with %s**: %s.\n", "- **Problem with %s**: %s.\n", 0},
    {binary, "- %s: binary content, skipped.%s\n", "- %s: binary content, skipped.%s\n", 0},
    {unknown, "- %s: no line in a known format (%s); not used.\n",
     "- %s: no line in a known format (%s); not used.\n", 0},
    {no_year, "- %s writes dates without a year: %s.\n", "- %s write dates without a year: %s.\n", 1},
};

typedef struct note_item {
    const char *reason;
    size_t input;
} note_item;

static int cmp_item(const void *a, const void *b)
{
    const note_item *x = a, *y = b;
    int c = strcmp(x->reason, y->reason);
    return c ? c : (x->input > y->input) - (x->input < y->input);
}

/* "`a/x.log`" or "12 files (`a/x.log`, `b/y.log`, `c/z.log` and 9 more)". */
static void who(const fl_report *r, const note_kind *k, const note_item *g, size_t n, char *buf, size_t len)
{
    size_t o = 0;
    if (n > 1)
        o = (size_t)snprintf(buf, len, "%zu files (", n);
    for (size_t i = 0; i < n && i < NOTE_EXAMPLES && o < len; i++) {
        const char *p = r->analysis->inputs[g[i].input].path;
        if (i)
            o += (size_t)snprintf(buf + o, len - o, ", ");
        if (o < len)
            o = fl_md_code(buf, len, o, k->short_names ? fl_report_short_path(p) : p, 200);
    }
    if (n > NOTE_EXAMPLES && o < len)
        o += (size_t)snprintf(buf + o, len - o, " and %zu more", n - NOTE_EXAMPLES);
    if (n > 1 && o < len)
        snprintf(buf + o, len - o, ")");
}

/* The notes of one kind, a line per distinct reason, in order of reason. */
static void kind_notes(const fl_report *r, const note_kind *k, note_item *items, FILE *out)
{
    const fl_analysis *an = r->analysis;
    size_t n = 0;
    for (size_t i = 0; i < an->n_inputs; i++) {
        const char *why = k->reason(&an->inputs[i]);
        if (why)
            items[n++] = (note_item){why, i};
    }
    qsort(items, n, sizeof *items, cmp_item);
    char *names = malloc(1024), *text = malloc(1100);
    for (size_t s = 0, e; names && text && s < n; s = e) {
        for (e = s + 1; e < n && strcmp(items[e].reason, items[s].reason) == 0;)
            e++;
        who(r, k, items + s, e - s, names, 1024);
        fl_md_text(text, 1100, 0, items[s].reason, SIZE_MAX);
        fprintf(out, e - s > 1 ? k->many : k->one, names, text);
    }
    if (n && (!names || !text))
        fl_report_nomem(r);
    free(names);
    free(text);
}

void fl_report_file_notes(const fl_report *r, int year_notes, FILE *out)
{
    size_t n = r->analysis->n_inputs;
    note_item *items = n ? malloc(n * sizeof *items) : NULL;
    if (n && !items) {
        fl_report_nomem(r);
        return;
    }
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if ((kinds[k].reason == no_year) == year_notes)
            kind_notes(r, &kinds[k], items, out);
    free(items);
}
