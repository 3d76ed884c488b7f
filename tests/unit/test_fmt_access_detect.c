/* test_fmt_access_detect.c: detection across the access formats (formats.c table).
 * Each format's sniff is the share of sample lines that parse (W3C and CloudFront:
 * the lines from their #Fields header on); the best score wins and ties go to the
 * earlier table row. A format must win on its own samples and must not score 100 on
 * another's: Combined/Common files still detect as combined/common, a Combined line
 * is not vhost_combined, JSON is not taken by CLF, and so on. The samples follow the
 * formats' documentation and are each format's own (fl_format_sample, in its file);
 * the second part runs the sample files fixtures/formats/<name>.log through
 * detection and parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

#define MAXL 64

/* Each access format's own samples (its fl_format_sample lines, test_formats.c
 * checks what they parse to) score 100 for it, and no other access format reaches
 * 100 on them, except Common on Combined lines (Combined is a Common line plus
 * fields): detection does not hang on table order alone. */
static void test_samples(void)
{
    for (const fl_format *const *f = fl_formats; *f; f++) {
        const char *lines[MAXL];
        size_t lens[MAXL], n = 0;
        if ((*f)->kind != FL_KIND_ACCESS || !(*f)->samples)
            continue;
        for (const fl_format_sample *s = (*f)->samples; s->line && n < MAXL; s++, n++) {
            lines[n] = s->line;
            lens[n] = strlen(s->line);
        }
        CHECK_INT((*f)->sniff(lines, lens, n), 100);
        for (const fl_format *const *g = fl_formats; *g; g++) {
            if ((*g)->kind != FL_KIND_ACCESS || *g == *f)
                continue;
            if (strcmp((*f)->name, "combined") == 0 && strcmp((*g)->name, "common") == 0)
                continue;
            int other = (*g)->sniff(lines, lens, n);
            if (other >= 100)
                fprintf(stderr, "  %s scores %d on the %s samples\n", (*g)->name, other, (*f)->name);
            CHECK(other < 100);
        }
    }
}

/* The fixtures/formats/<name>.log sample files (tests run from tests/). */
static void test_fixture_files(void)
{
    static const char *names[] = {"vhost_combined", "json", "elb",     "alb",  "cloudfront",
                                  "w3c",            "haproxy", "envoy", "squid"};
    static char text[MAXL][4096];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "../fixtures/formats/%s.log", names[i]);
        FILE *fp = fopen(path, "r");
        CHECK(fp != NULL);
        if (!fp) {
            fprintf(stderr, "  cannot open %s\n", path);
            continue;
        }
        const char *lines[MAXL];
        size_t lens[MAXL], n = 0;
        while (n < MAXL && fgets(text[n], sizeof text[n], fp)) {
            lens[n] = strcspn(text[n], "\r\n");
            text[n][lens[n]] = 0;
            lines[n] = text[n];
            n++;
        }
        int more = fgetc(fp) != EOF;
        fclose(fp);
        CHECK(!more && n >= 20 && n <= MAXL);
        /* Detection on the first 16 lines, as the reader does. */
        size_t sn = n < 16 ? n : 16;
        int score = 0;
        const fl_format *f = fl_format_detect(lines, lens, sn, &score, NULL, 0);
        if (!f || strcmp(f->name, names[i]) != 0)
            fprintf(stderr, "  %s detected as %s\n", path, f ? f->name : "nothing");
        CHECK(f && strcmp(f->name, names[i]) == 0);
        if (!f)
            continue;
        /* Every line parses (or is a header); a few 5xx; times in order. */
        fl_parse_state st = {0};
        size_t ok = 0, headers = 0, fails = 0;
        int64_t last = INT64_MIN;
        int ordered = 1;
        for (size_t k = 0; k < n; k++) {
            fl_record r;
            fl_parse_result res = f->parse(&st, lines[k], lens[k], &r);
            if (res == FL_PARSE_HEADER) {
                headers++;
                continue;
            }
            if (res != FL_PARSE_OK) {
                fprintf(stderr, "  %s:%zu: result %d\n", path, k + 1, (int)res);
                continue;
            }
            ok++;
            fails += r.status >= 500;
            ordered &= r.time.ms >= last;
            last = r.time.ms;
        }
        CHECK_INT(ok + headers, n);
        CHECK(ok >= 20);
        CHECK(fails >= 3 && fails * 2 < ok);
        CHECK(ordered);
    }
}

int main(void)
{
    test_samples();
    test_fixture_files();
    return fl_test_result("test_fmt_access_detect");
}
