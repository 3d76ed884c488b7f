/* test_gaps.c: the lines that bound a silence (analysis/classify.c): an input keeps
 * the lines of its first and last records and its FL_INPUT_GAPS longest gaps of at
 * least a bucket between consecutive records, longest first. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "analysis/classify.h"
#include "fl_test.h"

/* The longest gaps are kept in order, ties keep the earlier, a short one is dropped. */
static void test_note_gap_order(void)
{
    fl_input in = {0};
    static const int64_t len[] = {5, 9, 7, 9, 3, 8, 1};
    for (size_t i = 0; i < sizeof len / sizeof len[0]; i++) {
        fl_gap g = {(int64_t)i * 100, (int64_t)i * 100 + len[i], i + 1, i + 2};
        fl_input_note_gap(&in, &g);
    }
    CHECK_INT(in.n_gaps, FL_INPUT_GAPS);
    static const uint64_t want_line[] = {2, 4, 6, 3}; /* lengths 9 (first), 9, 8, 7 */
    for (size_t k = 0; k < FL_INPUT_GAPS; k++)
        CHECK_INT(in.gaps[k].from_line, want_line[k]);
}

/* A file read through the analysis: ticks every 10 s, a 30 min gap after line 4 and a
 * 5 min gap after line 7 (lines 5-6 are a 2 min gap's and a blank line's), records
 * out of order at the end: first and last records by time, gaps in file order. */
static void test_read_file(void)
{
    char path[] = "/tmp/fl-test-gaps-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    const char *lines[] = {
        "2026-11-23 10:00:10,000 INFO a - tick",  /* 1 */
        "2026-11-23 10:00:00,000 INFO a - tick",  /* 2: the earliest */
        "2026-11-23 10:00:20,000 INFO a - tick",  /* 3 */
        "2026-11-23 10:00:30,000 INFO a - tick",  /* 4: before 30 min of nothing */
        "2026-11-23 10:30:30,000 INFO a - tick",  /* 5 */
        "",                                       /* 6 */
        "2026-11-23 10:32:30,000 INFO a - tick",  /* 7: before 5 min */
        "2026-11-23 10:37:30,000 INFO a - tick",  /* 8: the latest */
        "2026-11-23 10:37:30,000 INFO a - tick",  /* 9: the latest's last line */
        "2026-11-23 10:37:00,000 INFO a - tick",  /* 10 */
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        fprintf(f, "%s\n", lines[i]);
    fclose(f);
    fl_config cfg;
    fl_analysis a;
    fl_config_defaults(&cfg);
    CHECK_INT(fl_analysis_init(&a, &cfg), FL_OK);
    char *paths[] = {path};
    CHECK_INT(fl_analysis_add_files(&a, paths, 1, 1), FL_OK);
    CHECK_INT(a.n_inputs, 1);
    const fl_input *in = &a.inputs[0];
    CHECK_INT(in->first_line, 2);
    CHECK_INT(in->last_line, 9);
    CHECK_INT(in->n_gaps, 3); /* 30 min, 5 min, 2 min */
    CHECK_INT(in->gaps[0].from_line, 4);
    CHECK_INT(in->gaps[0].to_line, 5);
    CHECK_INT(in->gaps[0].to_ms - in->gaps[0].from_ms, 30 * 60000);
    CHECK_INT(in->gaps[1].from_line, 7);
    CHECK_INT(in->gaps[1].to_line, 8);
    CHECK_INT(in->gaps[2].from_line, 5);
    CHECK_INT(in->gaps[2].to_line, 7);
    fl_analysis_free(&a);
    unlink(path);
}

int main(void)
{
    test_note_gap_order();
    test_read_file();
    return fl_test_result("test_gaps");
}
