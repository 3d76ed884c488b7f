/* exit_codes.c: the exit-status table and its --help and Markdown renderings. */
#include "exit_codes.h"

#include <string.h>

static const fl_exit_doc codes[] = {
    {FL_EXIT_OK, "success", "success (with or without incidents found)"},
    {FL_EXIT_NODATA, "no usable data (no line with a timestamp)",
     "no usable data: no line with a timestamp in a known format (`patterns --test`: the log could "
     "not be read in full)"},
    {FL_EXIT_USAGE, "usage error or an input that could not be read",
     "usage error, bad option value, unwritable output directory, or an input that could not be read"},
    {FL_EXIT_NOMEM, "out of memory, or an output could not be written",
     "out of memory, or an output could not be written (disk full, gnuplot failing or leaving "
     "empty charts): the message names the file and why; no report file was replaced by a "
     "half-written one (when only the charts failed, the other files are written and no chart is "
     "left in place)"},
};

const fl_exit_doc *fl_exit_codes(size_t *n)
{
    *n = sizeof codes / sizeof codes[0];
    return codes;
}

void fl_exit_codes_help(FILE *f)
{
    size_t col = (size_t)fprintf(f, "Exit status:");
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char item[128];
        int len = snprintf(item, sizeof item, " %d %s%s", (int)codes[i].code, codes[i].brief,
                           i + 1 < sizeof codes / sizeof codes[0] ? "," : ".");
        if (col + (size_t)len > 80) { /* wrap before the 80th column */
            fputc('\n', f);
            col = 0;
            fputs(item + 1, f);
            len--;
        } else {
            fputs(item, f);
        }
        col += (size_t)len;
    }
    fputc('\n', f);
}

void fl_exit_codes_markdown(FILE *f)
{
    fprintf(f, "| status | meaning |\n|---|---|\n");
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        fprintf(f, "| %d | %s |\n", (int)codes[i].code, codes[i].meaning);
}
