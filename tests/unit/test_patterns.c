/* test_patterns.c: the signature library (src/core/match/patterns.h): loader errors with
 * their exact messages (bad regex with PCRE2's offset, missing keys, duplicates,
 * unknown severity ...), rollback of a failed load, directories read in name order,
 * prefilter literal extraction, and the matcher (hits in library order, max_hits,
 * every prefilter mode giving the same answers, the AVX2 scan the scalar one's). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fl_test.h"
#include "match/patterns.h"
#include "match/patterns_int.h" /* the literal index's stride */

static char dir[] = "/tmp/fl-test-patterns-XXXXXX";

static const char *path_of(const char *name)
{
    static char p[2][512];
    static int k;
    k ^= 1;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(path_of(name), "w");
    fputs(text, f);
    fclose(f);
}

/* Load text (written to name) into a fresh library; returns the status and leaves
 * the message in err. */
static fl_status load_text(const char *name, const char *text, char *err, size_t errlen)
{
    fl_patterns *p;
    write_file(name, text);
    fl_patterns_new(&p);
    fl_status st = fl_patterns_load(p, path_of(name), err, errlen);
    fl_patterns_free(p);
    return st;
}

/* Expect load of text to fail with FL_ERR_PARSE and "<path>:<msg>". */
#define CHECK_LOAD_ERR(name, text, msg)                                            \
    do {                                                                           \
        char err_[512], want_[512];                                                \
        CHECK_INT(load_text(name, text, err_, sizeof err_), FL_ERR_PARSE);         \
        snprintf(want_, sizeof want_, "%s:%s", path_of(name), msg);                \
        CHECK_STR(err_, want_);                                                    \
    } while (0)

static const char *good_entry =
    "# a comment\n"
    "name: conn-refused\n"
    "category: upstream\n"
    "severity: error\n"
    "regex: connect\\(\\) failed \\(111: Connection refused\\)\n"
    "description: backend down\n"
    "match: connect() failed (111: Connection refused) while connecting\n"
    "no-match: connect() failed (113: No route to host)\n";

static void test_load_ok(void)
{
    fl_patterns *p;
    char err[512] = "";
    char text[2048];
    snprintf(text, sizeof text,
             "%s\n\n"
             "name: restart\n"
             "category: lifecycle\n"
             "severity: info\n"
             "flags: caseless\n"
             "regex: received SIGTERM\n"
             "match: Received SIGTERM\n"
             "# comments inside an entry are fine\n"
             "no-match: SIGTERM handler installed\n",
             good_entry);
    write_file("ok.pat", text);
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("ok.pat"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_count(p), 2);
    const fl_signature_info *a = fl_patterns_info(p, 0), *b = fl_patterns_info(p, 1);
    CHECK_STR(a->name, "conn-refused");
    CHECK_STR(a->category, "upstream");
    CHECK_INT(a->severity, FL_SEV_ERROR);
    CHECK_STR(fl_severity_name(a->severity), "error");
    CHECK_STR(a->regex, "connect\\(\\) failed \\(111: Connection refused\\)");
    CHECK_STR(a->description, "backend down");
    CHECK_STR(a->file, path_of("ok.pat"));
    CHECK_INT(a->line, 2); /* the comment line does not start the entry */
    CHECK_INT(a->is_lifecycle, 0);
    CHECK_STR(a->literal, "connect() failed (111: Connection refused)");
    CHECK_INT(a->n_examples, 2);
    CHECK_INT(a->examples[0].expect_match, 1);
    CHECK_INT(a->examples[0].line, 7);
    CHECK_INT(a->examples[1].expect_match, 0);
    CHECK_STR(b->name, "restart");
    CHECK_INT(b->is_lifecycle, 1);
    CHECK_INT(b->caseless, 1);
    CHECK_INT(b->literal_caseless, 1);
    CHECK_STR(b->literal, "received sigterm");
    CHECK_STR(b->description, "");
    CHECK_INT(fl_patterns_find(p, "restart"), 1);
    CHECK_INT(fl_patterns_find(p, "nope"), -1);
    CHECK(fl_patterns_info(p, 2) == NULL);
    /* The library is frozen once compiled. */
    CHECK_INT(fl_patterns_load(p, path_of("ok.pat"), err, sizeof err), FL_ERR_USAGE);
    fl_patterns_free(p);
}

static void test_load_errors(void)
{
    char err[512];
    /* Bad regex: file, line of the regex: key, PCRE2's offset and message. */
    CHECK_LOAD_ERR("badre.pat",
                   "name: x\ncategory: c\nseverity: error\nregex: foo(bar\n",
                   "4: regex error at offset 7: missing closing parenthesis");
    CHECK_LOAD_ERR("badre2.pat",
                   "\n\nname: y\ncategory: c\nseverity: info\nregex: ok\n\n"
                   "name: x\ncategory: c\nseverity: error\nregex: a[b\n",
                   "11: regex error at offset 3: missing terminating ] for character class");
    /* Missing required keys: reported at the entry's first line. */
    CHECK_LOAD_ERR("noregex.pat", "\nname: x\ncategory: c\nseverity: error\n",
                   "2: entry 'x' has no 'regex:'");
    CHECK_LOAD_ERR("nosev.pat", "name: x\ncategory: c\nregex: a\n\n",
                   "1: entry 'x' has no 'severity:'");
    CHECK_LOAD_ERR("nocat.pat", "name: x\nseverity: info\nregex: a\n",
                   "1: entry 'x' has no 'category:'");
    CHECK_LOAD_ERR("noname.pat", "category: c\nseverity: info\nregex: a\n",
                   "1: entry has no 'name:'");
    /* Duplicate name, with where the first one is. */
    {
        char text[1024], want[1024];
        snprintf(text, sizeof text, "%s\n%s", good_entry, good_entry);
        write_file("dup.pat", text);
        fl_patterns *p;
        fl_patterns_new(&p);
        CHECK_INT(fl_patterns_load(p, path_of("dup.pat"), err, sizeof err), FL_ERR_PARSE);
        snprintf(want, sizeof want, "%s:11: duplicate name 'conn-refused' (first defined at %s:2)",
                 path_of("dup.pat"), path_of("dup.pat"));
        CHECK_STR(err, want);
        CHECK_INT(fl_patterns_count(p), 0); /* rolled back */
        fl_patterns_free(p);
    }
    CHECK_LOAD_ERR("sev.pat", "name: x\ncategory: c\nseverity: fatal\nregex: a\n",
                   "3: unknown severity 'fatal' (expected info, warning, error or critical)");
    CHECK_LOAD_ERR("key.pat", "name: x\ncategory: c\nseverity: info\nregexp: a\n",
                   "4: unknown key 'regexp:'");
    CHECK_LOAD_ERR("syntax.pat", "name: x\nthis is not a key\n", "2: expected 'key: value'");
    CHECK_LOAD_ERR("kebab.pat", "name: Conn_Refused\n", "1: name 'Conn_Refused' is not kebab-case");
    CHECK_LOAD_ERR("twice.pat", "name: x\nseverity: info\nseverity: error\n",
                   "3: duplicate key 'severity:' in entry");
    CHECK_LOAD_ERR("flag.pat", "name: x\ncategory: c\nseverity: info\nflags: multiline\nregex: a\n",
                   "4: unknown flag 'multiline' (expected caseless)");
    CHECK_LOAD_ERR("empty.pat", "name: x\nregex:\n", "2: empty value for 'regex:'");

    /* Unreadable paths. */
    fl_patterns *p;
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("missing.pat"), err, sizeof err), FL_ERR_OPEN);
    CHECK(strstr(err, "missing.pat: No such file or directory") != NULL);
    mkdir(path_of("emptydir"), 0700);
    CHECK_INT(fl_patterns_load(p, path_of("emptydir"), err, sizeof err), FL_ERR_OPEN);
    CHECK(strstr(err, "no .pat files") != NULL);
    fl_patterns_free(p);
}

static void test_load_dir(void)
{
    char err[512];
    mkdir(path_of("lib"), 0700);
    mkdir(path_of("lib/sub.pat"), 0700); /* a directory named *.pat: ignored */
    write_file("lib/b.pat", "name: bee\ncategory: c\nseverity: info\nregex: bbb\n");
    write_file("lib/a.pat",
               "name: ay\ncategory: c\nseverity: info\nregex: aaa\n\n"
               "name: ay-two\ncategory: c\nseverity: warning\nregex: a2\n");
    write_file("lib/c.txt", "name: not-loaded\n");
    write_file("lib/.hidden.pat", "garbage\n");
    fl_patterns *p;
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("lib"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_count(p), 3);
    CHECK_STR(fl_patterns_info(p, 0)->name, "ay");
    CHECK_STR(fl_patterns_info(p, 1)->name, "ay-two");
    CHECK_STR(fl_patterns_info(p, 2)->name, "bee");
    CHECK_STR(fl_patterns_info(p, 2)->file, path_of("lib/b.pat"));
    CHECK_INT(fl_patterns_info(p, 1)->line, 6);

    /* Loading appends; a failing load (duplicate across files) changes nothing. */
    write_file("more.pat", "name: zed\ncategory: c\nseverity: info\nregex: zzz\n");
    CHECK_INT(fl_patterns_load(p, path_of("more.pat"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_count(p), 4);
    mkdir(path_of("lib2"), 0700);
    write_file("lib2/1.pat", "name: fine\ncategory: c\nseverity: info\nregex: f\n");
    write_file("lib2/2.pat", "name: bee\ncategory: c\nseverity: info\nregex: b\n");
    CHECK_INT(fl_patterns_load(p, path_of("lib2"), err, sizeof err), FL_ERR_PARSE);
    char want[1024];
    snprintf(want, sizeof want, "%s:1: duplicate name 'bee' (first defined at %s:1)",
             path_of("lib2/2.pat"), path_of("lib/b.pat"));
    CHECK_STR(err, want);
    CHECK_INT(fl_patterns_count(p), 4);
    CHECK_INT(fl_patterns_find(p, "fine"), -1);
    fl_patterns_free(p);
}

/* Extracted literal of regex ("" for none), lower-cased when caseless. */
static const char *lit(const char *regex, int caseless_in, int *caseless)
{
    static char out[256];
    int ci;
    fl_patterns_extract_literal(regex, caseless_in, out, sizeof out, &ci);
    if (caseless)
        *caseless = ci;
    return out;
}

static void test_extract_literal(void)
{
    int ci;
    CHECK_STR(lit("connect\\(\\) failed \\(111: Connection refused\\)", 0, NULL),
              "connect() failed (111: Connection refused)");
    CHECK_STR(lit("upstream timed out \\(110: (?:Connection|Operation) timed out\\) while", 0, NULL),
              "upstream timed out (110: ");
    CHECK_STR(lit("foo|barbaz", 0, NULL), "");         /* top-level alternation */
    CHECK_STR(lit("(foo|barbaz)", 0, NULL), "");       /* only a group */
    CHECK_STR(lit("abc(?:x|y)defgh", 0, NULL), "defgh");
    CHECK_STR(lit("abcde?fghij", 0, NULL), "fghij");   /* optional atom ends a run */
    CHECK_STR(lit("abcdef?gh", 0, NULL), "abcde");     /* ... and is left out */
    CHECK_STR(lit("wxyz+abc", 0, NULL), "wxyz");       /* z+ is needed once */
    CHECK_STR(lit("ab*cdef", 0, NULL), "cdef");
    CHECK_STR(lit("abcd{0,3}efg", 0, NULL), "abc");
    CHECK_STR(lit("ab{2,}cdef", 0, NULL), "cdef");
    CHECK_STR(lit("abc{,3}de", 0, NULL), "ab");        /* {,3}: 10.43 quantifier */
    CHECK_STR(lit("[abc]def\\d+ghij", 0, NULL), "ghij");
    CHECK_STR(lit("[]x|]ab\\]cd", 0, NULL), "ab]cd");  /* ']' first in a class */
    CHECK_STR(lit("x(?=abc)defg", 0, NULL), "defg");
    CHECK_STR(lit("\\bword boundary\\b", 0, NULL), "word boundary");
    CHECK_STR(lit("foo\\.bar\\d", 0, NULL), "foo.bar");
    /* \Q..\E, (?^..) and (?#..) give no literal: fuzzing found quantifier and
     * option corner cases where a literal would wrongly skip a match. */
    CHECK_STR(lit("\\Qa.b(c\\E+xyz", 0, NULL), "");
    CHECK_STR(lit("\\Q|||\\E", 0, NULL), "");
    CHECK_STR(lit("(?^i)abcdef", 0, NULL), "");
    CHECK_STR(lit("abcd(?#x)?", 0, NULL), "");
    CHECK_STR(lit("ab\\x41cd", 0, NULL), "ab");        /* hex escapes are not decoded */
    CHECK_STR(lit("ab.cd.efg", 0, NULL), "efg");
    CHECK_STR(lit("^Killed$", 0, NULL), "Killed");
    CHECK_STR(lit("a(*ACCEPT)bcdef", 0, NULL), "");
    CHECK_STR(lit("(?i)Hello World", 0, &ci), "hello world");
    CHECK_INT(ci, 1);
    CHECK_STR(lit("Foo Bar", 1, &ci), "foo bar");
    CHECK_INT(ci, 1);
    CHECK_STR(lit("(?i:Ab)Cdef", 0, &ci), "Cdef");    /* (?i:...) stays in its group */
    CHECK_INT(ci, 0);
    CHECK_STR(lit("(?x) abc def", 0, NULL), "");        /* extended mode: give up */
    CHECK_STR(lit("", 0, NULL), "");
    char small[4];
    CHECK_INT(fl_patterns_extract_literal("abcdefgh", 0, small, sizeof small, NULL), 3);
    CHECK_STR(small, "abc");
}

static fl_patterns *matcher_library(void)
{
    write_file("m.pat",
               "name: refused\ncategory: upstream\nseverity: error\n"
               "regex: connect\\(\\) failed \\(111: Connection refused\\)\n\n"
               "name: oom\ncategory: jvm\nseverity: critical\n"
               "regex: java\\.lang\\.OutOfMemoryError: (?:Java heap space|Metaspace)\n\n"
               "name: sigterm\ncategory: lifecycle\nseverity: info\nflags: caseless\n"
               "regex: received sigterm\n\n"
               "name: no-literal\ncategory: x\nseverity: warning\nregex: \\d{3} (?:ab|cd)\n\n"
               "name: given\ncategory: x\nseverity: info\nregex: xyz|XYZW\nliteral: XYZ\nflags: caseless\n");
    fl_patterns *p;
    char err[256];
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("m.pat"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
    return p;
}

static size_t run(fl_matcher *m, const char *s, uint32_t *hits, size_t max)
{
    return fl_matcher_run(m, s, strlen(s), hits, max);
}

/* Each of the n lines gives m the same signatures with the automaton prefilter as
 * with none. */
static void same_as_prefilter_off(fl_matcher *m, const char *const *lines, size_t n)
{
    uint32_t want[8], got[8];
    for (size_t i = 0; i < n; i++) {
        fl_matcher_set_prefilter(m, FL_PREFILTER_OFF);
        size_t nw = run(m, lines[i], want, 8);
        fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
        size_t ng = run(m, lines[i], got, 8);
        CHECK_INT(ng, nw);
        for (size_t k = 0; k < nw && k < ng; k++)
            CHECK_INT(got[k], want[k]);
    }
}

static void test_matcher(void)
{
    fl_patterns *p = matcher_library();
    CHECK(fl_patterns_info(p, 3)->literal == NULL);
    CHECK_STR(fl_patterns_info(p, 4)->literal, "xyz");
    CHECK_INT(fl_patterns_info(p, 4)->literal_given, 1);
    fl_matcher *m = fl_matcher_new(p);
    uint32_t hits[8];
    static const fl_prefilter modes[] = {FL_PREFILTER_AUTOMATON, FL_PREFILTER_LITERALS,
                                         FL_PREFILTER_OFF};
    for (int mi = 0; mi < 3; mi++) {
        fl_matcher_set_prefilter(m, modes[mi]);
        CHECK_INT(run(m, "all good here", hits, 8), 0);
        CHECK_INT(run(m, "", hits, 8), 0);
        CHECK_INT(run(m, "connect() failed (111: Connection refused) while connecting", hits, 8), 1);
        CHECK_INT(hits[0], 0);
        CHECK_INT(run(m, "connect() failed (113: No route to host)", hits, 8), 0);
        CHECK_INT(run(m, "Exception: java.lang.OutOfMemoryError: Metaspace", hits, 8), 1);
        CHECK_INT(hits[0], 1);
        CHECK_INT(run(m, "java.lang.OutOfMemoryError: GC overhead", hits, 8), 0);
        CHECK_INT(run(m, "INFO RECEIVED SIGTERM, bye", hits, 8), 1);
        CHECK_INT(hits[0], 2);
        CHECK_INT(run(m, "code 503 cd", hits, 8), 1);
        CHECK_INT(hits[0], 3);
        CHECK_INT(run(m, "value XyZ", hits, 8), 1);
        CHECK_INT(hits[0], 4);
        /* Several signatures: library order, and the total even past max_hits. */
        const char *many = "503 ab; received SIGTERM; connect() failed (111: Connection refused)";
        CHECK_INT(run(m, many, hits, 8), 3);
        CHECK_INT(hits[0], 0);
        CHECK_INT(hits[1], 2);
        CHECK_INT(hits[2], 3);
        hits[1] = 99;
        CHECK_INT(run(m, many, hits, 1), 3);
        CHECK_INT(hits[0], 0);
        CHECK_INT(hits[1], 99); /* untouched */
        CHECK_INT(run(m, many, NULL, 0), 3);
        /* Length is honoured: the match must lie inside s[0..len). */
        CHECK_INT(fl_matcher_run(m, "received SIGTERM", 10, hits, 8), 0);
        CHECK_INT(fl_matcher_test(m, 2, "received sigterm", 16), 1);
        CHECK_INT(fl_matcher_test(m, 2, "received sigterm", 15), 0);
        CHECK_INT(fl_matcher_test(m, 99, "x", 1), 0);
    }
    /* Caseless literals on a line longer than the lower-case scratch buffer. */
    size_t big = 200000;
    char *line = malloc(big + 1);
    memset(line, 'x', big);
    memcpy(line + big - 20, "Received SigTerm", 16);
    line[big] = 0;
    for (int mi = 0; mi < 2; mi++) {
        fl_matcher_set_prefilter(m, modes[mi]);
        memcpy(line + big - 20, "Received SigTerm", 16);
        CHECK_INT(fl_matcher_test(m, 2, line, big), 1);
        memcpy(line + big - 20, "Received SigTerX", 16);
        CHECK_INT(fl_matcher_test(m, 2, line, big), 0);
    }
    free(line);
    fl_matcher_free(m);
    fl_patterns_free(p);
}

/* Overlapping and nested literals (the classic he/she/his/hers set), a literal shared
 * by two signatures, case folding: the automaton must find every one. */
static void test_automaton(void)
{
    write_file("ac.pat",
               "name: she\ncategory: x\nseverity: info\nregex: she\n\n"
               "name: hers\ncategory: x\nseverity: info\nregex: hers\n\n"
               "name: his\ncategory: x\nseverity: info\nregex: his\n\n"
               "name: he\ncategory: x\nseverity: info\nregex: he\nliteral: he\n\n"
               "name: upper\ncategory: x\nseverity: info\nregex: SHE\n\n"
               "name: shared\ncategory: x\nseverity: info\nregex: hers?\\b\nliteral: her\n\n"
               "name: long\ncategory: x\nseverity: info\nregex: ushers and his\n");
    fl_patterns *p;
    char err[256];
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("ac.pat"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
    fl_matcher *m = fl_matcher_new(p);
    /* Literals of 3 bytes have no 4-byte window at a line's end ("HIS", "a his"), and
     * windows are tested at even positions: each literal at odd and even ones. */
    static const char *lines[] = {"ushers and his", "USHERS", "ahishers", "h", "", "xhex",
                                  "she said: hers, his", "SHEHERS her", "HIS", "a his", "ushe",
                                  "ushers and hi", "he", "xushers and his", "xxushers and his",
                                  "xhers", "xxhers", "xhis", "xxhis", "xhisx", "xxhisxx", "his x",
                                  "xhis x", "xhers x", "xxhers x", "x she", "xx she!"};
    uint32_t got[8];
    same_as_prefilter_off(m, lines, sizeof lines / sizeof *lines);
    fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
    CHECK_INT(run(m, "ushers and his", got, 8), 6); /* all but upper */
    CHECK_INT(run(m, "USHERS", got, 8), 1);
    CHECK_INT(got[0], 4);
    fl_matcher_free(m);
    fl_patterns_free(p);
}

/* A literal of 8 bytes or more is compared 8 bytes at a time under its fold mask:
 * letters in either case match, and a punctuation byte does not match the one that
 * differs from it in bit 0x20 only ('@' '`', '[' '{', '-' '\r', '_' DEL). */
static void test_fold_mask(void)
{
    write_file("fm.pat",
               "name: quota\ncategory: x\nseverity: info\n"
               "regex: (?i)Disk@Full\\[x\\]-quota_exceeded\n\n"
               "name: exact\ncategory: x\nseverity: info\nregex: Connection Refused: 111\n");
    fl_patterns *p;
    char err[256];
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("fm.pat"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
    fl_matcher *m = fl_matcher_new(p);
    static const char *lines[] = {
        "disk@full[x]-quota_exceeded", "DISK@FULL[X]-QUOTA_EXCEEDED", "at: Disk@Full[X]-Quota_ExceedeD",
        "disk`full[x]-quota_exceeded", "disk@full{x}-quota_exceeded", "disk@full[x]\rquota_exceeded",
        "disk@full[x]-quota\x7f" "exceeded", "disk@full[x]-quota_exceedeD!", "disk@full[x]-quota_exceedex",
        "Connection Refused: 111", "connection refused: 111", "Connection Refused\x1a 111",
        "xx Connection Refused: 111 yy", "Connection Refused: 11!"};
    uint32_t got[8];
    same_as_prefilter_off(m, lines, sizeof lines / sizeof *lines);
    fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
    CHECK_INT(run(m, "DISK@FULL[X]-QUOTA_EXCEEDED", got, 8), 1);
    CHECK_INT(run(m, "disk`full[x]-quota_exceeded", got, 8), 0);
    CHECK_INT(run(m, "disk@full[x]-quota\x7f" "exceeded", got, 8), 0);
    CHECK_INT(run(m, "xx Connection Refused: 111 yy", got, 8), 1);
    fl_matcher_free(m);
    fl_patterns_free(p);
}

/* What the automaton must answer for signature i on line: the regex (prefilter
 * off), and a `literal:` given by the file held by the line in any case. */
static int expected_hit(fl_matcher *m, const fl_patterns *p, size_t i, const char *line)
{
    const fl_signature_info *in = fl_patterns_info(p, i);
    fl_matcher_set_prefilter(m, FL_PREFILTER_OFF);
    int hit = fl_matcher_test(m, i, line, strlen(line));
    fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
    if (hit && in->literal_given) {
        size_t n = strlen(line), k = in->literal_len, at = 0;
        while (at + k <= n && strncasecmp(line + at, in->literal, k) != 0)
            at++;
        hit = at + k <= n;
    }
    return hit;
}

/* Every signature of p on line, with the automaton, against expected_hit. */
static void check_line(fl_matcher *m, const fl_patterns *p, const char *line)
{
    uint32_t got[64];
    fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
    size_t ng = run(m, line, got, 64), k = 0;
    for (size_t i = 0; i < fl_patterns_count(p); i++) {
        int want = expected_hit(m, p, i, line);
        int in_run = k < ng && got[k] == i;
        k += in_run;
        if (want != in_run)
            fprintf(stderr, "signature %zu on \"%s\": want %d\n", i, line, want);
        CHECK_INT(in_run, want);
        CHECK_INT(fl_matcher_test(m, i, line, strlen(line)), want);
    }
    CHECK_INT(k, ng);
}

/* Each word placed at every offset modulo 4 from a line's start and end, as is,
 * upper-cased and with its middle byte changed. */
static void check_placements(fl_matcher *m, const fl_patterns *p, const char *const *words,
                             size_t n)
{
    char line[256], w[128];
    for (size_t i = 0; i < n; i++) {
        for (int form = 0; form < 3; form++) {
            size_t len = strlen(words[i]);
            for (size_t k = 0; k <= len; k++)
                w[k] = form == 1 ? (char)toupper((unsigned char)words[i][k]) : words[i][k];
            if (form == 2)
                w[len / 2] = w[len / 2] == '#' ? '%' : '#';
            for (int pre = 0; pre < 6; pre++)
                for (int post = 0; post < 6; post++) {
                    snprintf(line, sizeof line, "%.*s%s%.*s", pre, "x.y-z", w, post, "-z.yx");
                    check_line(m, p, line);
                }
        }
    }
}

/* Alternatives: each top-level alternative's literal (or those of the alternatives of
 * a group every match goes through) indexed; a given literal the alternatives' do
 * not hold stays a gate on the line; refused constructs run on every line. */
static void test_alternatives(void)
{
    write_file("alt.pat",
               "name: groups\ncategory: x\nseverity: info\n"
               "regex: (?:\\[Kafka Server \\d+\\]|\\[KafkaServer id=\\d+\\]) (?:shutting down|shut down completed)\n\n"
               "name: two\ncategory: x\nseverity: info\nregex: abc[0-9]+xyz|Node became not ready\n\n"
               "name: implied\ncategory: x\nseverity: info\n"
               "regex: status is now: NodeNotReady|Node became not ready\nliteral: Node\n\n"
               "name: gated\ncategory: x\nseverity: info\n"
               "regex: Publishers will be blocked|connection \\S+ is blocked\nliteral: onnect\n\n"
               "name: caseless\ncategory: x\nseverity: info\nregex: (?i)Disk Full|quota exceeded\n\n"
               "name: none\ncategory: x\nseverity: info\nregex: \\d{5}|[a-z]+!\n\n"
               "name: quoted\ncategory: x\nseverity: info\nregex: \\Qa|b\\E|ccc\n\n"
               "name: class\ncategory: x\nseverity: info\nregex: [|(]alpha|(beta|gamma)\\|delta\n\n"
               "name: optional\ncategory: x\nseverity: info\nregex: (?:foo|bar)?baz9|qux(zz|yy)*\n\n"
               "name: spliced\ncategory: x\nseverity: info\n"
               "regex: \\bdeploy(?:ing|ed) (?:version|v?\\d)|fail(?:ed|ure) to (start|stop)\n\n"
               "name: anchored\ncategory: x\nseverity: info\n"
               "regex: ^Killed$|: line \\d+: +\\d+ Killed\\s|^Stop\\.ping+ now\nliteral: l\n\n"
               "name: multiline\ncategory: x\nseverity: info\nregex: (?m)^Halted here|zzzz\n");
    fl_patterns *p;
    char err[256];
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("alt.pat"), err, sizeof err), FL_OK);
    CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
    fl_matcher *m = fl_matcher_new(p);
    static const char *lines[] = {
        "[Kafka Server 3] shutting down", "[KafkaServer id=1] shut down completed",
        "[Kafka Server 3] started", "shutting down", "abc12xyz", "abcxyz", "Node became not ready",
        "node BECAME not ready!", "status is now: NodeNotReady", "status is now: NodeReady",
        "Publishers will be blocked", "Publishers will be blocked (connect)",
        "connection c1 is blocked", "connection  is blocked", "DISK FULL", "Quota Exceeded",
        "12345", "abc!", "a|b", "ccc", "a", "|alpha", "(alpha", "alpha", "beta|delta",
        "gamma|delta", "betadelta", "baz9", "foobaz9", "qux", "xxqux", "", "x",
        "deploying version 3", "Deployed v2", "DEPLOYED 7", "deploy version", "deploying",
        "redeployed 1", "failure to stop", "failed to start", "fail to start", "FAILED TO STOP",
        "Killed", "KILLED", "Killed ", "Out of memory: Killed process 1", "x Killed",
        "sh: line 3:  12 Killed sleep 9", "Stop.pinggg now", "Stop.pin now", "a Stop.ping now",
        "Halted here", "x\nHalted here", "x Halted here"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        check_line(m, p, lines[i]);
    static const char *gated[] = {"Publishers will be blocked; oNNect", "Publishers will be blocked ONNECT",
                                  "Publishers will be blocked oNnEcT", "onnect Publishers will be blocked",
                                  "connection c1 is blocked", "Publishers will be blocked"};
    check_placements(m, p, gated, sizeof gated / sizeof *gated);
    /* spliced: a group of alternatives joins its neighbours' text in the literals */
    const lit_index *x = fl_patterns_lit_index(p);
    int spliced = 0;
    for (size_t e = 0; x && e < x->n_entry; e++)
        spliced += x->entry[e].len == 10 && memcmp(x->pool + x->entry[e].text, "deploying ", 10) == 0;
    CHECK_INT(spliced, 1);
    /* anchored: "killed" only at the line's start ("Stop.ping" too; multiline: none) */
    int at_start = 0;
    for (size_t e = 0; x && e < x->n_entry; e++)
        at_start += (int)x->entry[e].at_start;
    CHECK_INT(at_start, 2);
    /* gated: the regex matches, the given literal is not in the line */
    uint32_t h[16];
    CHECK_INT(run(m, "Publishers will be blocked", h, 16), 0);
    fl_matcher_free(m);
    fl_patterns_free(p);
}

/* The index tests the windows at every fourth position when each short literal
 * (5 bytes or less) holds a byte no other folds to, else every second: literals of
 * each length at every offset, both ways. */
static void test_strides(void)
{
    static const char lib[] =
        "name: s3\ncategory: x\nseverity: info\nregex: \\b 50[0-9]\n\n"
        "name: s4\ncategory: x\nseverity: info\nregex: \" 50[0-9]\n\n"
        "name: s5\ncategory: x\nseverity: info\nregex: a-1_b\n\n"
        "name: s5b\ncategory: x\nseverity: info\nregex: x 503 \n\n"
        "name: s6\ncategory: x\nseverity: info\nregex: deploy(?:ed|ing)\n\n"
        "name: s6b\ncategory: x\nseverity: info\nregex: Killed\n\n"
        "name: s7\ncategory: x\nseverity: info\nregex: ABCdefG\n\n"
        "name: long\ncategory: x\nseverity: info\nregex: connection reset by peer\n\n"
        "name: two\ncategory: x\nseverity: info\nregex: NotPrimaryError|ab=c\n";
    static const char *words[] = {" 503", "\" 504", "a-1_b", "x 503 ", "deployed", "deploying",
                                  "Killed", "abcdefg", "connection reset by peer",
                                  "NotPrimaryError", "ab=c", "x\" 50", "a-1_b\" 501"};
    for (int letters = 0; letters < 2; letters++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s", lib,
                 letters ? "\nname: abc\ncategory: x\nseverity: info\nregex: Hex\n" : "");
        write_file("stride.pat", text);
        fl_patterns *p;
        char err[256];
        fl_patterns_new(&p);
        CHECK_INT(fl_patterns_load(p, path_of("stride.pat"), err, sizeof err), FL_OK);
        CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
        const lit_index *x = fl_patterns_lit_index(p);
        CHECK(x != NULL);
        if (x)
            CHECK_INT(x->stride, letters ? LIT_STRIDE_2 : LIT_STRIDE_4);
        fl_matcher *m = fl_matcher_new(p);
        check_placements(m, p, words, sizeof words / sizeof *words);
        check_line(m, p, "hex a-1_b\" 501 deployed Killed");
        fl_matcher_free(m);
        fl_patterns_free(p);
    }
}

/* A small generator of regexes (alternations, groups of each kind, classes, escapes,
 * quantifiers) and of lines of the same words, for test_random_regexes. */
typedef struct rgen {
    uint32_t state;
    char *out;
    size_t n, cap;
} rgen;

static uint32_t rgen_next(rgen *g, uint32_t n)
{
    g->state = g->state * 1103515245u + 12345u;
    return (g->state >> 8) % n;
}

static void rgen_put(rgen *g, const char *t)
{
    size_t k = strlen(t);
    if (g->n + k < g->cap) {
        memcpy(g->out + g->n, t, k + 1);
        g->n += k;
    }
}

static const char *const rgen_words[] = {"ab", "cd", "Err", "foo", "bar", "x-1", " 50", "Kill",
                                         "ed", "ing", "baz", "AB", "Foo", "deploy", "s: "};

static void rgen_alt(rgen *g, int depth);

static void rgen_atom(rgen *g, int depth)
{
    static const char *const chars[] = {"a", "x", "1", "5", " ", "-", ":", "\\d", "\\s", "\\w",
                                        "\\.", "\\(", "\\|", "\\\\", "\\x41", "\\b", "\\S+",
                                        "[a-c]", "[|(]", "[^x]", "[\\]a]", "[[:alpha:]]", "[)]",
                                        ".", "^", "$"};
    static const char *const open[] = {"(", "(?:", "(?i:", "(?=", "(?!", "(?>", "(?|", "(?<n>"};
    static const char *const quant[] = {"?", "*", "+", "{2}", "{0,2}", "{1,}", "??", "*+"};
    uint32_t r = rgen_next(g, 100);
    if (r < 40 || depth > 1) {
        rgen_put(g, rgen_words[rgen_next(g, sizeof rgen_words / sizeof *rgen_words)]);
    } else if (r < 80) {
        rgen_put(g, chars[rgen_next(g, sizeof chars / sizeof *chars)]);
    } else {
        rgen_put(g, open[rgen_next(g, sizeof open / sizeof *open)]);
        rgen_alt(g, depth + 1);
        rgen_put(g, ")");
    }
    if (rgen_next(g, 4) == 0)
        rgen_put(g, quant[rgen_next(g, sizeof quant / sizeof *quant)]);
}

static void rgen_alt(rgen *g, int depth)
{
    uint32_t n = 1 + rgen_next(g, 4);
    for (uint32_t k = 0; k < n; k++) {
        if (k)
            rgen_put(g, "|");
        for (uint32_t j = 1 + rgen_next(g, 3); j > 0; j--)
            rgen_atom(g, depth);
    }
}

/* Random regexes, alone in a library, on random lines of their words: the automaton
 * (each alternative's literals, either stride) agrees with the regex everywhere. */
static void test_random_regexes(void)
{
    static const char *const toks[] = {"ab", "cd", "Err", "foo", "bar", "x-1", " 50", "Kill",
                                       "ed", "ing", "baz", "AB", "FOO", "deploy", "s: ", "(", ")",
                                       "|", "\\", "A", "5", "1", " ", "-", "x", "]", "a"};
    char re[2048], text[2600], lines[200][128];
    rgen g = {.state = 12345};
    for (size_t i = 0; i < 200; i++) {
        g.out = lines[i];
        g.n = 0;
        g.cap = sizeof lines[i];
        lines[i][0] = 0;
        for (uint32_t k = rgen_next(&g, 9); k > 0; k--)
            rgen_put(&g, toks[rgen_next(&g, sizeof toks / sizeof *toks)]);
    }
    int mismatches = 0;
    for (int r = 0; r < 300; r++) {
        g.out = re;
        g.n = 0;
        g.cap = sizeof re;
        re[0] = 0;
        rgen_alt(&g, 0);
        snprintf(text, sizeof text,
                 "name: r\ncategory: x\nseverity: info\nregex: %s\n\n"
                 "name: pad\ncategory: x\nseverity: info\nregex: zz9zz\n", re);
        write_file("random.pat", text);
        fl_patterns *p;
        char err[256];
        fl_patterns_new(&p);
        if (fl_patterns_load(p, path_of("random.pat"), err, sizeof err) != FL_OK) {
            fl_patterns_free(p); /* PCRE2 refused it (e.g. a lookbehind of no fixed length) */
            continue;
        }
        fl_patterns_compile(p, err, sizeof err);
        fl_matcher *m = fl_matcher_new(p);
        for (size_t i = 0; i < 200; i++) {
            size_t len = strlen(lines[i]);
            fl_matcher_set_prefilter(m, FL_PREFILTER_OFF);
            int want = fl_matcher_test(m, 0, lines[i], len);
            fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON);
            int got = fl_matcher_test(m, 0, lines[i], len);
            if (got != want && mismatches++ < 5)
                fprintf(stderr, "regex %s on \"%s\": want %d\n", re, lines[i], want);
        }
        fl_matcher_free(m);
        fl_patterns_free(p);
    }
    CHECK_INT(mismatches, 0);
}

/* The signatures the prefilter lets through on s (bit i: signature i), by the
 * AVX2 scan or the scalar one. */
static uint32_t prefilter_set(fl_matcher *m, const fl_patterns *p, int avx2, const char *s,
                              size_t len)
{
    m->avx2 = avx2;
    fl_matcher_test(m, 0, s, len); /* runs the scan */
    uint32_t set = 0;
    for (size_t i = 0; i < fl_patterns_count(p) && i < 32; i++)
        set |= (uint32_t)(m->seen[i] == m->gen) << i;
    return set;
}

/* The AVX2 scan of LIT_STRIDE_4 (blocks of 32 bytes, the last one overlapping or
 * copied) lets through the same signatures as the scalar one: libraries of none,
 * one, two and more groups of short literals (the AVX2 scan compares the pair of the
 * first) and long literals, on lines of the literals' pieces at every length
 * 0..200 and every alignment, each ending where its buffer does (so that AddressSanitizer
 * sees any read past it). */
static void test_avx2_scan(void)
{
    static const char *const libs[] = {
        "name: s3\ncategory: x\nseverity: info\nregex: \\b 50[0-9]\n\n"
        "name: s4\ncategory: x\nseverity: info\nregex: \" 50[0-9]\n\n"
        "name: s5\ncategory: x\nseverity: info\nregex: a-1_b\n\n"
        "name: s5b\ncategory: x\nseverity: info\nregex: x 503 \n\n"
        "name: h\ncategory: x\nseverity: info\nregex: #9z\n\n"
        "name: pc\ncategory: x\nseverity: info\nregex: %%Q\n\n"
        "name: ti\ncategory: x\nseverity: info\nregex: ~7~|=:=\n\n"
        "name: s6\ncategory: x\nseverity: info\nregex: deploy(?:ed|ing)\n\n"
        "name: s6b\ncategory: x\nseverity: info\nregex: Killed\n\n"
        "name: s7\ncategory: x\nseverity: info\nregex: ABCdefG\n\n"
        "name: long\ncategory: x\nseverity: info\nregex: connection reset by peer\n\n"
        "name: anch\ncategory: x\nseverity: info\nregex: ^Stop here now\n",
        "name: s3\ncategory: x\nseverity: info\nregex: \\b 50[0-9]\n\n"
        "name: h\ncategory: x\nseverity: info\nregex: #9z|1#2\n\n"
        "name: s6b\ncategory: x\nseverity: info\nregex: Killed\n\n"
        "name: long\ncategory: x\nseverity: info\nregex: connection reset by peer\n",
        "name: s3\ncategory: x\nseverity: info\nregex: \\b 50[0-9]\n\n"
        "name: s7\ncategory: x\nseverity: info\nregex: ABCdefG\n\n"
        "name: long\ncategory: x\nseverity: info\nregex: connection reset by peer\n",
        "name: s6b\ncategory: x\nseverity: info\nregex: Killed\n\n"
        "name: s7\ncategory: x\nseverity: info\nregex: ABCdefG\n\n"
        "name: long\ncategory: x\nseverity: info\nregex: connection reset by peer\n"};
    static const char *const toks[] = {
        " 50", "\" 50", "a-1_b", "A-1_B", "x 503 ", "#9z", "#9Z", "1#2", "%%q", "%%Q", "~7~",
        "=:=", "deployed", "DEPLOYING", "Killed", "abcdefg", "ABCdefG", "connection reset by peer",
        "Stop here now", "stop", "50", "5", "#", " ", "x", "-", "9z", "eer", "\xff", "\x85"};
    rgen g = {.state = 777};
    uint64_t found = 0, differ = 0;
    for (size_t l = 0; l < sizeof libs / sizeof *libs; l++) {
        write_file("avx2.pat", libs[l]);
        fl_patterns *p;
        char err[256];
        fl_patterns_new(&p);
        CHECK_INT(fl_patterns_load(p, path_of("avx2.pat"), err, sizeof err), FL_OK);
        CHECK_INT(fl_patterns_compile(p, err, sizeof err), FL_OK);
        const lit_index *x = fl_patterns_lit_index(p);
        CHECK(x && x->stride == LIT_STRIDE_4 && (x->n_group > 0) == (l < 3)); /* the last: none */
        fl_matcher *m = fl_matcher_new(p);
        int avx2 = m->avx2;
        if (!avx2 && l == 0)
            fprintf(stderr, "test_avx2_scan: no AVX2 here, the scalar scan only\n");
        for (int r = 0; r < 12; r++) {
            char line[256] = "";
            g.out = line;
            g.n = 0;
            g.cap = sizeof line;
            while (g.n < 200)
                rgen_put(&g, toks[rgen_next(&g, sizeof toks / sizeof *toks)]);
            for (size_t len = 0; len <= 200; len++) {
                for (size_t align = 0; align < 32; align++) {
                    char *buf = malloc(align + len + 1);
                    char *s = buf + align + 1; /* ends where buf does */
                    memcpy(s, line + (r & 1 ? 200 - len : 0), len);
                    uint32_t want = prefilter_set(m, p, 0, s, len);
                    uint32_t got = prefilter_set(m, p, avx2, s, len);
                    found += (uint64_t)__builtin_popcount(want);
                    if (got != want && differ++ < 5)
                        fprintf(stderr, "lib %zu, \"%.*s\": avx2 %#x, scalar %#x\n", l, (int)len,
                                s, got, want);
                    free(buf);
                }
            }
        }
        fl_matcher_free(m);
        fl_patterns_free(p);
    }
    CHECK_INT(differ, 0);
    CHECK(found > 10000); /* the lines hold the literals */
}

/* The matcher works before fl_patterns_compile too (interpreter only). */
static void test_uncompiled(void)
{
    write_file("u.pat", good_entry);
    fl_patterns *p;
    char err[256];
    fl_patterns_new(&p);
    CHECK_INT(fl_patterns_load(p, path_of("u.pat"), err, sizeof err), FL_OK);
    fl_matcher *m = fl_matcher_new(p);
    uint32_t h;
    CHECK_INT(run(m, "connect() failed (111: Connection refused)", &h, 1), 1);
    fl_matcher_set_prefilter(m, FL_PREFILTER_AUTOMATON); /* no automaton: literals */
    CHECK_INT(run(m, "connect() failed (111: Connection refused)", &h, 1), 1);
    CHECK_INT(run(m, "connect() failed (113: No route to host)", &h, 1), 0);
    fl_matcher_free(m);
    fl_patterns_free(p);
}

static void cleanup(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_load_ok();
    test_load_errors();
    test_load_dir();
    test_extract_literal();
    test_matcher();
    test_automaton();
    test_fold_mask();
    test_alternatives();
    test_strides();
    test_random_regexes();
    test_avx2_scan();
    test_uncompiled();
    cleanup();
    return fl_test_result("test_patterns");
}
