/* test_fmt_server_detect.c: detection across the server formats (formats.c table
 * order and each format's sniff), over the sample files fixtures/formats/<name>.log:
 * each sample is detected as its own format from its first 16 lines, parses whole
 * (every line an entry or a continuation, times in order inside 2026-11-23
 * 12:00-12:40 local time, some error-level entries - warnings for Redis, which has
 * no error level), and no server format scores 50 or more on access logs -
 * Combined/Common lines, JSON access lines, and the access samples other formats
 * keep in the same directory (the catch-all last row excepted). The formats and
 * whether their samples have continuation lines come from the table. The detection rule is
 * format.h's: the best score wins, ties go to table order, nothing below 50. */
#include <dirent.h>

#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_app, fl_format_syslog;

#define SNIFF_LINES 16

/* A sample with continuation lines is expected of a format whose own samples
 * (fl_format_sample) include one. */
static int multiline(const fl_format *f)
{
    for (const fl_format_sample *s = f->samples; s && s->line; s++)
        if (s->result == FL_PARSE_CONTINUATION)
            return 1;
    return 0;
}

/* The first SNIFF_LINES non-blank lines of a file, as analysis.c samples them. */
static size_t sample(const fmt_file *f, const char **lines, size_t *lens)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n && n < SNIFF_LINES; i++)
        if (f->len[i]) {
            lines[n] = f->line[i];
            lens[n++] = f->len[i];
        }
    return n;
}

static void check_sample_file(const fl_format *fmt)
{
    char path[256];
    fmt_file f;
    snprintf(path, sizeof path, "../fixtures/formats/%s.log", fmt->name);
    if (!fmt_file_read(path, &f)) {
        fprintf(stderr, "cannot read %s\n", path);
        CHECK(0);
        return;
    }
    const char *lines[SNIFF_LINES];
    size_t lens[SNIFF_LINES], n = sample(&f, lines, lens);
    int score = 0;
    const fl_format *d = fl_format_detect(lines, lens, n, &score, NULL, 0);
    if (!d || strcmp(d->name, fmt->name) != 0)
        fprintf(stderr, "%s: detected as %s (%d)\n", path, d ? d->name : "none", score);
    CHECK(d && strcmp(d->name, fmt->name) == 0);
    CHECK(fl_format_find(fmt->name) && fl_format_find(fmt->name)->kind == FL_KIND_SERVER);

    /* The whole file parses; times are in order and inside the sample's 40 minutes. */
    fl_parse_state st;
    fl_record r;
    size_t ok = 0, cont = 0, errors = 0, bad = 0;
    int64_t last = 0;
    fmt_state(&st);
    for (size_t i = 0; i < f.n; i++) {
        if (!f.len[i])
            continue;
        memset(&r, 0, sizeof r);
        fl_parse_result res = fmt->parse(&st, f.line[i], f.len[i], &r);
        if (res == FL_PARSE_CONTINUATION) {
            cont++;
            continue;
        }
        if (res != FL_PARSE_OK) {
            fprintf(stderr, "%s:%zu: result %d\n", path, i + 1, (int)res);
            bad++;
            continue;
        }
        ok++;
        /* Redis has no error level: its warnings ('#') are its worst lines. */
        errors += r.level >= (strcmp(fmt->name, "redis") == 0 ? FL_LEVEL_WARN : FL_LEVEL_ERROR);
        CHECK(fmt_server_fields(&r));
        int64_t wall = r.time.ms + (r.time.has_offset ? (int64_t)r.time.offset_s * 1000 : 0);
        if (wall < FMT_T0 - 20 * 60000 - 1000 || wall > FMT_T0 + 20 * 60000 || wall < last) {
            fprintf(stderr, "%s:%zu: time %lld out of place\n", path, i + 1, (long long)wall);
            bad++;
        }
        last = wall;
    }
    CHECK_INT(bad, 0);
    if (ok < 15 || errors < 2)
        fprintf(stderr, "%s: %zu entries, %zu errors\n", path, ok, errors);
    CHECK(ok >= 15);
    CHECK(errors >= 2);
    if (multiline(fmt) && cont == 0)
        fprintf(stderr, "%s: no continuation lines\n", path);
    CHECK(!multiline(fmt) || cont > 0);
    fmt_file_free(&f);
}

/* No server format may score 50 or more on these lines, but the table's last row:
 * the catch-all "generic" caps its score at 50 and reads only what no earlier row
 * takes (ties go to the earlier row). */
static void check_not_server(const char *what, const char *const *lines, const size_t *lens, size_t n)
{
    for (const fl_format *const *f = fl_formats; *f && f[1]; f++) {
        if ((*f)->kind != FL_KIND_SERVER)
            continue;
        int s = (*f)->sniff(lines, lens, n);
        if (s >= 50)
            fprintf(stderr, "%s: %s scores %d\n", what, (*f)->name, s);
        CHECK(s < 50);
    }
}

static void test_access_lines(void)
{
    static const char *const combined[] = {
        "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
        "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
        "10.0.9.7 - - [23/Nov/2026:12:20:01 +0000] \"POST /api/v1/orders HTTP/1.1\" 503 197 \"-\" \"curl/8.5.0\"",
        "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
        NULL};
    static const char *const json[] = {
        "{\"time\":\"2026-11-23T12:20:01Z\",\"status\":503,\"method\":\"GET\",\"path\":\"/x\"}",
        "{\"time\":\"2026-11-23T12:20:02Z\",\"status\":200,\"method\":\"GET\",\"path\":\"/y\",\"level\":\"info\"}",
        "{\"level\":\"info\",\"ts\":1795436401.5,\"logger\":\"http.log.access\",\"msg\":\"handled request\","
        "\"request\":{\"method\":\"GET\",\"uri\":\"/\"},\"status\":502,\"duration\":0.01}",
        NULL};
    size_t lens[8], n;
    for (n = 0; combined[n]; n++)
        lens[n] = strlen(combined[n]);
    check_not_server("combined lines", combined, lens, n);
    const fl_format *d = fl_format_detect(combined, lens, n, NULL, NULL, 0);
    CHECK(d && d->kind == FL_KIND_ACCESS);
    for (n = 0; json[n]; n++)
        lens[n] = strlen(json[n]);
    check_not_server("JSON access lines", json, lens, n);
}

/* The access samples next to ours (another format's files): not server logs. */
static void test_access_samples(void)
{
    DIR *dir = opendir("../fixtures/formats");
    struct dirent *e;
    if (!dir)
        return;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        char name[256];
        if (len < 5 || len - 4 >= sizeof name || strcmp(e->d_name + len - 4, ".log") != 0)
            continue;
        memcpy(name, e->d_name, len - 4);
        name[len - 4] = 0;
        const fl_format *own = fl_format_find(name);
        if (own && own->kind == FL_KIND_SERVER)
            continue;
        char path[300];
        fmt_file f;
        snprintf(path, sizeof path, "../fixtures/formats/%s", e->d_name);
        if (!fmt_file_read(path, &f))
            continue;
        const char *lines[SNIFF_LINES];
        size_t lens[SNIFF_LINES], n = sample(&f, lines, lens);
        check_not_server(path, lines, lens, n);
        fmt_file_free(&f);
    }
    closedir(dir);
}

/* Shapes that more than one format could read go to the specific one. */
static void test_overlaps(void)
{
    static const char *const nginx[] = {
        "2026/11/23 12:20:01 [error] 1234#0: *5 connect() failed (111: Connection refused)",
        "2026/11/23 12:20:02 [warn] 1234#0: *6 upstream server temporarily disabled", NULL};
    static const char *const go[] = {"2026/11/23 12:20:01 listening on :8080",
                                     "2026/11/23 12:20:02 http: TLS handshake error from 1.2.3.4:5: EOF", NULL};
    static const char *const mysql[] = {
        "2026-11-23T12:20:01.123456Z 0 [ERROR] [MY-010119] [Server] Aborting",
        "2026-11-23T12:20:02.000000Z 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete", NULL};
    static const char *const pg[] = {"2026-11-23 12:20:01.123 UTC [1234] LOG:  database system is ready",
                                     "2026-11-23 12:20:02.000 UTC [1240] FATAL:  too many clients", NULL};
    static const char *const cri_app[] = {
        "2026-11-23T12:20:01.123456789Z stderr F 2026-11-23 12:20:01.123 ERROR [main] c.e.Foo - x",
        "2026-11-23T12:20:02.123456789Z stdout F 2026-11-23 12:20:02.123 INFO [main] c.e.Foo - y", NULL};
    static const char *const rsyslog[] = {
        "2026-11-23T12:20:01.123456+01:00 web-1 orders-api[123]: ERROR db down",
        "2026-11-23T12:20:02.000001+01:00 web-1 systemd[1]: Started Orders API.", NULL};
    static const char *const log4j[] = {
        "2026-11-23 12:20:01,123 ERROR [main] c.e.Foo - Connection refused",
        "java.net.ConnectException: Connection refused",
        "\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)",
        "2026-11-23 12:20:02,000 INFO  [main] c.e.Foo - retrying", NULL};
    static const char *const python[] = {"2026-11-23 12:20:01,123 - app - ERROR - boom",
                                         "Traceback (most recent call last):",
                                         "  File \"/app/x.py\", line 1, in <module>",
                                         "ValueError: boom",
                                         "2026-11-23 12:20:02,000 - app - INFO - ok", NULL};
    static const char *const rfc5424[] = {"<165>1 2026-11-23T12:20:01.003Z h app 1234 ID47 - msg", NULL};
    static const char *const docker[] = {
        "{\"log\":\"2026-11-23 12:20:01,123 ERROR boom\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-23T12:20:01.1Z\"}", NULL};
    static const char *const journal[] = {
        "{\"__REALTIME_TIMESTAMP\":\"1795436401000000\",\"PRIORITY\":\"3\",\"MESSAGE\":\"x\",\"_HOSTNAME\":\"h\"}", NULL};
    static const char *const app_json[] = {
        "{\"time\":\"2026-11-23T12:20:01Z\",\"level\":\"error\",\"msg\":\"charge failed\"}",
        "{\"time\":\"2026-11-23T12:20:02Z\",\"level\":\"info\",\"msg\":\"ok\"}", NULL};
    CHECK_STR(fmt_detect(nginx), "nginx_error");
    /* Even when a multi-line FastCGI body fills much of the sample, the levelled
     * nginx lines are not the catch-all's. */
    static const char *const nginx_php[] = {
        "2026/11/23 12:14:12 [error] 30#30: *2260 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Uncaught PDOException",
        "Stack trace:",
        "#0 /var/www/shop/src/Db.php(31): PDO->__construct()",
        "#1 /var/www/shop/public/index.php(12): Db::connect()",
        "#2 {main}",
        "2026/11/23 12:14:13 [error] 30#30: *2261 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Uncaught PDOException",
        "Stack trace:",
        NULL};
    CHECK_STR(fmt_detect(nginx_php), "nginx_error");
    CHECK_INT(fmt_sniff(fl_format_app.sniff, nginx_php), 0);
    CHECK_STR(fmt_detect(go), "app");
    CHECK_STR(fmt_detect(mysql), "mysql");
    CHECK_STR(fmt_detect(pg), "postgresql");
    CHECK_STR(fmt_detect(cri_app), "cri");
    CHECK_STR(fmt_detect(rsyslog), "syslog");
    CHECK_STR(fmt_detect(log4j), "app");
    CHECK_STR(fmt_detect(python), "app");
    CHECK_STR(fmt_detect(rfc5424), "syslog5424");
    CHECK_STR(fmt_detect(docker), "docker");
    CHECK_STR(fmt_detect(journal), "journald");
    CHECK_STR(fmt_detect(app_json), "app");
    /* The catch-all never scores above 90. */
    CHECK(fmt_sniff(fl_format_app.sniff, log4j) <= 90);
    CHECK(fmt_sniff(fl_format_app.sniff, log4j) >= 50);
    /* One entry followed by text that does not look like a continuation is not
     * enough: untimed lines that are not continuation-shaped weigh against. */
    static const char *const one_then_junk[] = {"Nov 23 12:20:01 web-1 app: started", "lorem ipsum",
                                                "dolor sit amet", "consectetur", "adipiscing elit",
                                                "sed do eiusmod", "tempor", "incididunt", "ut labore",
                                                NULL};
    CHECK(fmt_sniff(fl_format_syslog.sniff, one_then_junk) < 50);
    CHECK_STR(fmt_detect(one_then_junk), "none");
    /* Untimed text is nothing. */
    static const char *const prose[] = {"hello world", "this is not a log", "  indented", NULL};
    CHECK_STR(fmt_detect(prose), "none");
}

int main(void)
{
    /* Every server format with samples has its sample file, or a directory of
     * them that its own test reads (generic). */
    for (const fl_format *const *f = fl_formats; *f; f++) {
        char dir[256];
        snprintf(dir, sizeof dir, "../fixtures/formats/%s", (*f)->name);
        DIR *own = opendir(dir);
        if (own)
            closedir(own);
        else if ((*f)->kind == FL_KIND_SERVER && (*f)->samples)
            check_sample_file(*f);
    }
    test_access_lines();
    test_access_samples();
    test_overlaps();
    return fl_test_result("test_fmt_server_detect");
}
