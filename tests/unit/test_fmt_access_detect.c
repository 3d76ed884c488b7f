/* test_fmt_access_detect.c: detection across the access formats (formats.c table).
 * Each format's sniff is the share of sample lines that parse (W3C and CloudFront:
 * the lines from their #Fields header on); the best score wins and ties go to the
 * earlier table row. A format must win on its own samples and must not score 100 on
 * another's: Combined/Common files still detect as combined/common, a Combined line
 * is not vhost_combined, JSON is not taken by CLF, and so on. The samples follow the
 * formats' documentation (see the test_fmt_*.c files); the second part runs the
 * sample files fixtures/formats/<name>.log through detection and parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

#define MAXL 64

typedef struct sample {
    const char *format;
    const char *lines[6];
} sample;

static const sample samples[] = {
    {"combined",
     {"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
      "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
      "2001:db8::1 - - [10/Oct/2000:13:55:37 -0700] \"POST /api HTTP/1.1\" 503 - \"-\" \"curl/8\""}},
    {"common",
     {"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
      "2001:db8::1 - - [10/Oct/2000:13:55:37 -0700] \"POST /api HTTP/1.1\" 503 -"}},
    {"vhost_combined",
     {"vhost.com:80 10.131.40.139 - - [02/Mar/2016:08:14:04 -0600] \"GET /shop/bag-p-20 HTTP/1.1\" 200 6715 "
      "\"-\" \"Apache (internal dummy connection)\"",
      "vhost.com:443 2001:db8::1 - - [02/Mar/2016:08:14:05 -0600] \"GET / HTTP/1.1\" 502 0 \"-\" \"curl/8\""}},
    {"json",
     {"{\"level\":\"info\",\"ts\":1646861401.5241024,\"logger\":\"http.log.access\",\"msg\":\"handled request\","
      "\"request\":{\"remote_ip\":\"127.0.0.1\",\"method\":\"GET\",\"uri\":\"/\"},\"duration\":0.000929675,"
      "\"size\":10900,\"status\":200}",
      "{\"time_iso8601\":\"2026-11-23T12:20:01+01:00\",\"remote_addr\":\"198.51.100.23\",\"request\":\"GET / "
      "HTTP/1.1\",\"status\":\"504\",\"body_bytes_sent\":\"0\",\"request_time\":\"60.001\"}"}},
    {"elb",
     {"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 "
      "200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -",
      "2015-05-13T23:39:44.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 504 - 0 0 \"GET "
      "http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -"}},
    {"alb",
     {"http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 "
      "0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
      "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
      "\"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" "
      "\"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\""}},
    {"cloudfront",
     {"#Version: 1.0",
      "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
      "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol "
      "cs-bytes time-taken",
      "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\t"
      "curl/8\t-\t-\tHit\tSOkXNIf2vNbNoj3hxxnB2jyJr5cw==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001",
      "2019-12-04\t21:02:32\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/x\t502\t-\t"
      "curl/8\t-\t-\tError\tSOkXNIf2vNbNoj3hxxnB2jyJr5cw==\td111111abcdef8.cloudfront.net\thttps\t23\t30.001"}},
    {"w3c",
     {"#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Date: 2026-11-23 12:00:00",
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
      "cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
      "2026-11-23 12:20:01 10.0.0.5 GET /default.htm - 80 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 187",
      "2026-11-23 12:20:02 10.0.0.5 GET /api - 80 - 203.0.113.8 curl/8 - 503 0 64 15046"}},
    {"haproxy",
     {"Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 "
      "10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html HTTP/1.1\"",
      "Feb  6 12:14:15 localhost haproxy[14389]: 10.0.1.2:33318 [06/Feb/2009:12:14:15.001] http-in "
      "static/<NOSRV> 0/-1/-1/-1/3002 503 212 - - SC-- 1/1/1/1/0 0/0 \"GET /x HTTP/1.1\""}},
    {"envoy",
     {"[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100 \"10.0.35.28\" "
      "\"nsq2http\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\" \"locations\" \"tcp://10.0.2.1:80\"",
      "[2016-04-15T20:17:01.310Z] \"GET /x HTTP/1.1\" 503 UF 0 91 12 - \"10.0.0.1\" \"curl/8\" \"id\" \"locations\" "
      "\"tcp://10.0.2.1:80\""}},
    {"squid",
     {"979992041.366    502 192.168.1.160 TCP_IMS_HIT/304 216 GET http://example.com/home2.html - NONE/- text/html",
      "979992042.001  30004 192.168.1.160 TCP_MISS/503 4120 GET http://example.com/x - HIER_NONE/- text/html"}},
};

static size_t count_lines(const sample *s)
{
    size_t n = 0;
    while (n < 6 && s->lines[n])
        n++;
    return n;
}

static void test_samples(void)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const sample *s = &samples[i];
        size_t n = count_lines(s), lens[6];
        for (size_t k = 0; k < n; k++)
            lens[k] = strlen(s->lines[k]);
        int score = 0;
        const fl_format *f = fl_format_detect(s->lines, lens, n, &score, NULL, 0);
        CHECK(f != NULL);
        if (!f || strcmp(f->name, s->format) != 0)
            fprintf(stderr, "  sample %s detected as %s\n", s->format, f ? f->name : "nothing");
        CHECK(f && strcmp(f->name, s->format) == 0);
        CHECK_INT(score, 100);
        /* No other access format (custom excepted) reaches 100 on these lines,
         * except Common on Combined lines (Combined is a Common line plus fields). */
        for (const fl_format *g = fl_formats; g->name; g++) {
            if (g->kind != FL_KIND_ACCESS || strcmp(g->name, s->format) == 0)
                continue;
            if (strcmp(s->format, "combined") == 0 && strcmp(g->name, "common") == 0)
                continue;
            int other = g->sniff(s->lines, lens, n);
            if (other >= 100)
                fprintf(stderr, "  %s scores %d on the %s sample\n", g->name, other, s->format);
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

/* Every prefix of every sample line, in a heap buffer of exactly that size (no NUL
 * after it), through every access parser: under ASan a read past the line fails. */
static void test_prefixes_in_bounds(void)
{
    size_t runs = 0;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        for (size_t k = 0; k < 6 && samples[i].lines[k]; k++) {
            const char *line = samples[i].lines[k];
            size_t len = strlen(line);
            for (size_t n = 0; n <= len; n++) {
                char *copy = malloc(n ? n : 1);
                if (!copy)
                    continue;
                memcpy(copy, line, n);
                for (const fl_format *g = fl_formats; g->name; g++) {
                    if (g->kind != FL_KIND_ACCESS)
                        continue;
                    fl_parse_state st = {0};
                    fl_record r;
                    fl_parse_result res = g->parse(&st, copy, n, &r);
                    runs += res <= FL_PARSE_CONTINUATION;
                }
                free(copy);
            }
        }
    }
    CHECK(runs > 1000);
}

int main(void)
{
    test_samples();
    test_fixture_files();
    test_prefixes_in_bounds();
    return fl_test_result("test_fmt_access_detect");
}
