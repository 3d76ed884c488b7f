/* fuzz_patterns.c: the error-signature loader and matcher (patterns.h). The input is
 * a .pat file (in memory): loaded, loaded again (a failed load must leave the library
 * as it was), compiled, then matched against fixed lines, every example and every
 * regex text with each prefilter; all prefilters must agree with running every regex
 * (an extracted prefilter literal that a match does not contain is a bug; a literal
 * given by the file's `literal:` key is the author's promise and is not checked). Each input line also
 * goes through fl_patterns_extract_literal with a small buffer. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "match/patterns.h"

#define MAX_HITS 64

static const char *const fixed_lines[] = {
    ("2024/03/12 14:02:11 [error] 2817#2817: *10432 connect() failed (111: Connection refused) while "
     "connecting to upstream, client: 10.0.4.17, server: api.example.com"),
    "java.lang.OutOfMemoryError: Java heap space",
    "Back-off restarting failed container app in pod api-7d9f",
    "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
    "Out of memory: Killed process 1234 (java) total-vm:123kB",
    "",
    "ERROR ERROR error eRrOr timeout TIMEOUT Timed Out \t\\x00 \xc3\xa9\xe2\x84\xaa",
};

/* Hits of every signature on s with the matcher's current prefilter (bitmap). */
static void run_all(fl_matcher *m, size_t n, const char *s, size_t len, unsigned char *bits)
{
    uint32_t hits[MAX_HITS];
    size_t found = fl_matcher_run(m, s, len, hits, MAX_HITS);
    memset(bits, 0, n);
    size_t k = found < MAX_HITS ? found : MAX_HITS;
    for (size_t i = 0; i < k; i++) {
        FUZZ_CHECK(hits[i] < n);
        FUZZ_CHECK(i == 0 || hits[i] > hits[i - 1]);
        bits[hits[i]] = 1;
    }
    if (found <= MAX_HITS) /* all hits seen: compare with fl_matcher_test */
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(fl_matcher_test(m, i, s, len) == bits[i]);
}

/* Every prefilter gives the hits of running every regex. */
static void check_line(const fl_patterns *p, fl_matcher *m, size_t n, const char *line, int compiled,
                       unsigned char *ref, unsigned char *got)
{
    size_t len = strlen(line);
    char *copy = malloc(len ? len : 1); /* exact size: matching must not read past len */
    if (!copy)
        return;
    memcpy(copy, line, len);
    fl_matcher_set_prefilter(m, FL_PREFILTER_OFF);
    run_all(m, n, copy, len, ref);
    static const fl_prefilter modes[] = {FL_PREFILTER_LITERALS, FL_PREFILTER_AUTOMATON};
    for (size_t k = 0; k < 2; k++) {
        if (modes[k] == FL_PREFILTER_AUTOMATON && !compiled)
            continue;
        fl_matcher_set_prefilter(m, modes[k]);
        run_all(m, n, copy, len, got);
        for (size_t i = 0; i < n; i++)
            if (got[i] != ref[i] && !fl_patterns_info(p, i)->literal_given) {
                fprintf(stderr, "prefilter %d: signature %zu %s on \"%s\" but the regex %s\n",
                        (int)modes[k], i, got[i] ? "matches" : "does not match", line,
                        ref[i] ? "matches" : "does not");
                abort();
            }
    }
    free(copy);
}

static void match_everything(fl_patterns *p, int compiled)
{
    size_t n = fl_patterns_count(p);
    fl_matcher *m = fl_matcher_new(p);
    unsigned char *ref = malloc(n + 1), *got = malloc(n + 1);
    if (m && ref && got) {
        for (size_t i = 0; i < sizeof fixed_lines / sizeof *fixed_lines; i++)
            check_line(p, m, n, fixed_lines[i], compiled, ref, got);
        for (size_t i = 0; i < n; i++) {
            const fl_signature_info *info = fl_patterns_info(p, i);
            FUZZ_CHECK(info && info->name && info->regex && info->description && info->file);
            FUZZ_CHECK(fl_patterns_find(p, info->name) == (long)i);
            FUZZ_CHECK(!info->literal || strlen(info->literal) == info->literal_len);
            check_line(p, m, n, info->regex, compiled, ref, got);
            check_line(p, m, n, info->description, compiled, ref, got);
            for (size_t e = 0; e < info->n_examples; e++)
                check_line(p, m, n, info->examples[e].text, compiled, ref, got);
        }
    }
    FUZZ_CHECK(fl_patterns_info(p, n) == NULL);
    free(ref);
    free(got);
    fl_matcher_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_lines l = {0};
    if (fuzz_split(data, size, 256, &l) == 0)
        for (size_t i = 0; i < l.n; i++) {
            char *re = fuzz_strndup((const uint8_t *)l.text[i], l.len[i]), out[8];
            int ci = 0;
            if (!re)
                break;
            size_t n = fl_patterns_extract_literal(re, (int)(i & 1), out, sizeof out, &ci);
            FUZZ_CHECK(n < sizeof out && strlen(out) == n);
            free(re);
        }
    fuzz_lines_free(&l);

    char path[64], err[512];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    fl_patterns *p = NULL;
    if (fl_patterns_new(&p) == FL_OK) {
        if (fl_patterns_load(p, path, err, sizeof err) == FL_OK) {
            size_t n = fl_patterns_count(p);
            fl_status again = fl_patterns_load(p, path, err, sizeof err);
            FUZZ_CHECK(n == 0 ? again == FL_OK : again == FL_ERR_PARSE); /* duplicate names */
            FUZZ_CHECK(fl_patterns_count(p) == n);
            match_everything(p, 0);
            if (fl_patterns_compile(p, err, sizeof err) == FL_OK) {
                FUZZ_CHECK(fl_patterns_load(p, path, err, sizeof err) == FL_ERR_USAGE);
                match_everything(p, 1);
            }
        } else {
            FUZZ_CHECK(fl_patterns_count(p) == 0);
            FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL);
        }
        fl_patterns_free(p);
    }
    close(fd);
    return 0;
}
