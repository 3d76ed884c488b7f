/* test_fmt_generic.c: the generic server-log reader (formats/generic.c) over the
 * samples fixtures/formats/generic/<shape>.log (written in the shapes of the loghub
 * systems: HDFS, Spark, logcat, BGL, Thunderbird, HPC, Windows CBS, OpenStack,
 * HealthApp, Proxifier, ctime, java.util.logging, epoch ms, JVM GC logs whose pauses
 * are the levels): each is detected as
 * generic, every line is an entry or a continuation, times run in order inside
 * 2026-11-23 12:20-12:31, and the levels are the known ones. Literal lines check
 * what is learned (position, layout, level column), that a level word inside a
 * message is never taken, and that the reader never scores above 50 (it only
 * reads files no other format takes). */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_generic;

typedef struct sample_file {
    const char *name;
    size_t entries, continuations;
    size_t errors, warnings; /* entries at error level or above, at warn */
    const char *explain;     /* start of what --explain-format says it learned */
} sample_file;

static const sample_file files[] = {
    {"hdfs", 4, 0, 1, 1, "layout yyMMdd HHmmss at token 1, level in token 2"},
    {"spark", 4, 0, 1, 1, "layout yy/MM/dd HH:mm:ss at token 1, level in token 1"},
    {"logcat", 4, 0, 1, 1, "layout MM-dd HH:mm:ss.SSS (no year) at token 1, level in token 3"},
    {"bgl", 4, 0, 2, 0, "layout epoch seconds or milliseconds at token 2, level in token 7"},
    {"bgl-time", 4, 0, 2, 0, "layout yyyy-MM-dd-HH.mm.ss.ffffff at token 1, level in token 4"},
    {"thunderbird", 4, 0, 0, 0, "layout epoch seconds or milliseconds at token 2, no level"},
    {"hpc", 4, 0, 0, 0, "layout epoch seconds or milliseconds at token 5, no level"},
    {"cbs", 4, 0, 1, 1, "layout yyyy-MM-dd'T'HH:mm:ss.SSSXXX (ISO 8601"},
    {"openstack", 4, 0, 1, 1, "layout yyyy-MM-dd'T'HH:mm:ss.SSSXXX (ISO 8601"},
    {"healthapp", 4, 0, 0, 0, "layout yyyyMMdd-HH:mm:ss:SSS at token 1, no level"},
    {"proxifier", 4, 0, 0, 0, "layout MM.dd HH:mm:ss (no year) at token 1 in [ ], no level"},
    {"ctime", 4, 0, 1, 0, "layout EEE MMM dd HH:mm:ss yyyy at token 1, level in token 1"},
    {"jul", 3, 2, 0, 0, "layout MMM dd, yyyy h:mm:ss a at token 1, no level"},
    {"epoch-ms", 4, 0, 1, 1, "layout epoch seconds or milliseconds at token 1, level in token 2"},
    /* JVM GC: a 3.4 s pause (error), 640 ms (warning), old format: Full GC (warning)
     * and a 2.5 s pause (error). */
    {"gc-unified", 4, 0, 1, 1, "(ISO 8601: 'T' or ' ', '.' or ',', zone optional) at token 1 in [ ]"},
    {"gc-old", 4, 0, 1, 1, "(ISO 8601: 'T' or ' ', '.' or ',', zone optional) at token 1, no level"},
};

static void check_file(const sample_file *s)
{
    char path[256], why[320];
    fmt_file f;
    snprintf(path, sizeof path, "../fixtures/formats/generic/%s.log", s->name);
    if (!fmt_file_read(path, &f)) {
        fprintf(stderr, "cannot read %s\n", path);
        CHECK(0);
        return;
    }
    const fl_format *d = fl_format_detect(f.line, f.len, f.n, NULL, why, sizeof why);
    if (!d || strcmp(d->name, "generic") != 0 || !strstr(why, s->explain))
        fprintf(stderr, "%s: %s [%s]\n", s->name, d ? d->name : "none", why);
    CHECK(d && strcmp(d->name, "generic") == 0);
    CHECK(strstr(why, s->explain) != NULL);
    fl_parse_state st;
    fl_record r;
    size_t ok = 0, cont = 0, errors = 0, warnings = 0;
    int64_t last = 0;
    fmt_state(&st);
    for (size_t i = 0; i < f.n; i++) {
        if (!f.len[i])
            continue;
        memset(&r, 0x5a, sizeof r); /* garbage: the parser must set every field */
        fl_parse_result res = fl_format_generic.parse(&st, f.line[i], f.len[i], &r);
        if (res == FL_PARSE_CONTINUATION) {
            cont++;
            continue;
        }
        CHECK_INT(res, FL_PARSE_OK);
        if (res != FL_PARSE_OK)
            continue;
        ok++;
        CHECK(fmt_server_fields(&r));
        CHECK(r.time.ms >= FMT_T0 && r.time.ms < FMT_T0 + 11 * 60000);
        CHECK(r.time.ms >= last);
        CHECK(r.message_len > 0);
        last = r.time.ms;
        errors += r.level >= FL_LEVEL_ERROR;
        warnings += r.level == FL_LEVEL_WARN;
    }
    if (ok != s->entries || errors != s->errors || warnings != s->warnings)
        fprintf(stderr, "%s: %zu entries, %zu errors, %zu warnings\n", s->name, ok, errors, warnings);
    CHECK_INT(ok, s->entries);
    CHECK_INT(cont, s->continuations);
    CHECK_INT(errors, s->errors);
    CHECK_INT(warnings, s->warnings);
    fmt_file_free(&f);
}

static void test_lines(void)
{
    fl_parse_state st;
    fl_record r;
    fmt_state(&st);
    /* A line before any timed one is not an entry; the first timed one teaches. */
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "starting up", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "26/11/23 12:20:01 INFO Main: up", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.level, FL_LEVEL_INFO);
    CHECK(fmt_is(r.message, r.message_len, "Main: up"));
    /* The level column is fixed: "ERROR" later in a message is not a level. */
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "26/11/23 12:20:02 INFO Main: ERROR count 0", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_INFO);
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "26/11/23 12:20:03 Main: no level here", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    /* Untimed lines continue the entry (a stack trace). */
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "\tat org.x.Main.run(Main.java:12)", &r),
              FL_PARSE_CONTINUATION);
    /* Another layout later in the file is not this file's timestamp. */
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "2026-11-23 12:20:04 INFO x", &r),
              FL_PARSE_CONTINUATION);

    /* Lower-case words are levels only when decorated: "error" in a message is not. */
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "081109 203615 148 cache error corrected", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "081109 203616 148 [error] disk", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);

    /* A logcat letter counts only before a "tag:" token. */
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "11-23 12:20:01.000  1 2 E Tag: boom", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_generic.parse, &st, "11-23 12:20:01.000 E is a letter", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);

    /* A number glued to letters is not an epoch time. */
    CHECK_INT(fmt_parse1(fl_format_generic.parse, "job1795436401 started", &r), FL_PARSE_UNPARSEABLE);
}

static void test_score_cap(void)
{
    static const char *const lines[] = {"26/11/23 12:20:01 INFO a", "26/11/23 12:20:02 INFO b",
                                        NULL};
    CHECK_INT(fmt_sniff(fl_format_generic.sniff, lines), 50);
    static const char *const prose[] = {"hello world", "no times here", NULL};
    CHECK_INT(fmt_sniff(fl_format_generic.sniff, prose), 0);
    /* Lines another format reads stay with it (ties go to the earlier row). */
    static const char *const app[] = {"2026-11-23 12:20:01,123 ERROR [main] c.e.Foo - down",
                                      "2026-11-23 12:20:02,123 INFO [main] c.e.Foo - up", NULL};
    CHECK_STR(fmt_detect(app), "app");
}

int main(void)
{
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        check_file(&files[i]);
    test_lines();
    test_score_cap();
    return fl_test_result("fmt_generic");
}
