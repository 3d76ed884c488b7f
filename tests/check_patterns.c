/* check_patterns.c: the signature library's own test. Loads pattern files or
 * directories (format: patterns/README.md) and checks, for every signature, that
 * each `match:` example matches it and each `no-match:` example does not, with the
 * prefilter off (the regex itself) and with each prefilter (per-signature literal
 * search and the automaton must never reject a line the regex matches). An entry without a description or without at least one
 * example of each kind fails, as does a regex with trailing whitespace (invisible
 * in review). Every failure is
 * printed as "file:line: message".
 * Usage: check_patterns [-v] PATH...  (-v also lists each signature's prefilter
 * literal)   Exit status: 0 all good, 1 a check failed,
 * 2 usage error or a file that does not load. */
#include <stdio.h>
#include <string.h>

#include "match/patterns.h"

/* Check one signature; returns the number of failures printed. */
static int check_signature(fl_matcher *m, size_t i, const fl_signature_info *s, size_t *checked)
{
    int fails = 0, n_match = 0, n_no = 0;
    size_t rl = strlen(s->regex);
    if (rl && (s->regex[rl - 1] == ' ' || s->regex[rl - 1] == '\t')) {
        printf("%s:%u: %s: regex ends in whitespace\n", s->file, s->line, s->name);
        fails++;
    }
    for (size_t k = 0; k < s->n_examples; k++) {
        const fl_pattern_example *ex = &s->examples[k];
        size_t len = strlen(ex->text);
        fl_matcher_set_prefilter(m, FL_PREFILTER_OFF);
        int plain = fl_matcher_test(m, i, ex->text, len);
        fl_matcher_set_prefilter(m, FL_PREFILTER_LITERALS);
        int filtered = fl_matcher_test(m, i, ex->text, len);
        fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
        int automaton = fl_matcher_test(m, i, ex->text, len);
        /* The whole matcher must agree with the single-signature test. */
        uint32_t hits[1024];
        size_t nh = fl_matcher_run(m, ex->text, len, hits, 1024), k2 = 0;
        while (k2 < nh && k2 < 1024 && hits[k2] != i)
            k2++;
        int in_run = k2 < nh && k2 < 1024;
        (*checked)++;
        if (ex->expect_match)
            n_match++;
        else
            n_no++;
        if (plain != ex->expect_match) {
            printf("%s:%u: %s: %s example %s\n", s->file, ex->line, s->name,
                   ex->expect_match ? "match" : "no-match",
                   ex->expect_match ? "does not match" : "matches");
            fails++;
        } else if (filtered != plain || automaton != plain || in_run != plain) {
            printf("%s:%u: %s: prefilter literal \"%s\" rejects a line the regex matches\n",
                   s->file, ex->line, s->name, s->literal ? s->literal : "");
            fails++;
        }
    }
    if (!*s->description) {
        printf("%s:%u: %s: no description:\n", s->file, s->line, s->name);
        fails++;
    }
    if (n_match == 0) {
        printf("%s:%u: %s: no match: example\n", s->file, s->line, s->name);
        fails++;
    }
    if (n_no == 0) {
        printf("%s:%u: %s: no no-match: example\n", s->file, s->line, s->name);
        fails++;
    }
    return fails;
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    if (argc < 2 + verbose) {
        fprintf(stderr, "usage: check_patterns [-v] FILE|DIR...\n");
        return 2;
    }
    fl_patterns *p;
    char err[1024];
    if (fl_patterns_new(&p) != FL_OK) {
        fprintf(stderr, "check_patterns: out of memory\n");
        return 2;
    }
    for (int a = 1 + verbose; a < argc; a++) {
        if (fl_patterns_load(p, argv[a], err, sizeof err) != FL_OK) {
            printf("%s\n", err);
            fl_patterns_free(p);
            return 2;
        }
    }
    fl_patterns_compile(p, err, sizeof err);
    fl_matcher *m = fl_matcher_new(p);
    if (!m) {
        fprintf(stderr, "check_patterns: out of memory\n");
        fl_patterns_free(p);
        return 2;
    }
    size_t n = fl_patterns_count(p), checked = 0, no_literal = 0;
    int fails = 0;
    for (size_t i = 0; i < n; i++) {
        const fl_signature_info *s = fl_patterns_info(p, i);
        fails += check_signature(m, i, s, &checked);
        no_literal += s->literal == NULL;
        if (verbose)
            printf("%-40s %s\"%s\"%s\n", s->name, s->literal_caseless ? "(caseless) " : "",
                   s->literal ? s->literal : "", s->literal_given ? " (given)" : "");
    }
    printf("%zu signatures (%zu without a prefilter literal), %zu examples checked, %d failure%s\n",
           n, no_literal, checked, fails, fails == 1 ? "" : "s");
    fl_matcher_free(m);
    fl_patterns_free(p);
    return fails ? 1 : 0;
}
