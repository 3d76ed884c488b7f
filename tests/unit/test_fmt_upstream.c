/* test_fmt_upstream.c: the user agent and upstream of each access format that logs
 * them (fl_record user_agent / upstream, with the formats' detail functions), and
 * fl_upstream_normalise (buckets.c): "-" and empty as "(none)", the last of a list
 * of tries. Lines are the fixtures/formats samples, failing variants of them and the
 * formats' documented examples. */
#include <stdlib.h>
#include <string.h>

#include "detect/buckets.h"
#include "fmt_test.h"
#include "formats/logformat.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_custom, fl_format_w3c;

/* Parse line with format name (a fresh state) and run its detail function. */
static fl_parse_result parse_full(const char *name, const char *line, fl_record *rec)
{
    const fl_format *f = fl_format_find(name);
    fl_parse_state st;
    fmt_state(&st);
    memset(rec, 0x5a, sizeof *rec);
    fl_parse_result r = f->parse(&st, line, strlen(line), rec);
    if (r == FL_PARSE_OK && f->detail)
        f->detail(line, strlen(line), rec);
    return r;
}

static void test_alb(void)
{
    fl_record r;
    CHECK_INT(parse_full("alb",
        "https 2026-11-23T12:15:10.970000Z app/shop-alb/50dc6c495c0c9188 203.0.113.9:33164 10.0.1.12:8080 "
        "0.001 0.049 0.000 502 - 243 162 \"GET https://shop.example.com:443/ HTTP/1.1\" \"curl/8.5.0\" "
        "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-web/73e2d6bc24d8a067 "
        "\"Root=1-6741c800-46e4099030f970583f9d52f9\" \"shop.example.com\" \"-\" 0 2026-11-23T12:15:10.921411Z "
        "\"forward\" \"-\" \"-\" \"10.0.1.12:8080\" \"-\" \"-\" \"-\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "10.0.1.12:8080"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "curl/8.5.0"));
    /* No healthy target: target "-" and -1 times. */
    CHECK_INT(parse_full("alb",
        "https 2026-11-23T12:15:11.000000Z app/shop-alb/50dc6c495c0c9188 203.0.113.9:33164 - -1 -1 -1 503 - "
        "243 162 \"GET https://shop.example.com:443/ HTTP/1.1\" \"-\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - "
        "\"Root=1-6741c800-46e4099030f970583f9d52f9\" \"shop.example.com\" \"-\" 0 2026-11-23T12:15:10.921411Z "
        "\"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "-"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "-"));
}

static void test_elb(void)
{
    fl_record r;
    CHECK_INT(parse_full("elb",
        "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 "
        "0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -", &r),
        FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "10.0.0.1:80"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "curl/7.38.0"));
    /* Before 2015 lines ended after the request: no agent. */
    CHECK_INT(parse_full("elb",
        "2014-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 503 - 0 0 "
        "\"GET http://www.example.com:80/ HTTP/1.1\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "-"));
    CHECK_INT(r.user_agent_len, 0);
}

static void test_haproxy(void)
{
    fl_record r;
    CHECK_INT(parse_full("haproxy",
        "Nov 23 12:15:10 lb1 haproxy[2210]: 203.0.113.9:33164 [23/Nov/2026:12:15:10.970] fe_https~ "
        "be_app/app1 0/0/1/46/48 502 5423 - - SH-- 3/3/2/1/0 0/0 \"GET / HTTP/1.1\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "be_app/app1"));
    CHECK_INT(r.user_agent_len, 0); /* header captures are not read */
    CHECK_INT(parse_full("haproxy",
        "Nov 23 12:15:11 lb1 haproxy[2210]: 203.0.113.9:33164 [23/Nov/2026:12:15:11.970] fe_https~ "
        "be_app/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 3/3/0/0/0 0/0 \"GET / HTTP/1.1\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "be_app/<NOSRV>"));
}

static void test_envoy(void)
{
    fl_record r;
    CHECK_INT(parse_full("envoy",
        "[2026-11-23T12:15:10.970Z] \"GET / HTTP/1.1\" 503 UF 0 91 48 - \"203.0.113.9\" "
        "\"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0\" "
        "\"692fd360-736b-49d6-8c0a-a4fd23797d45\" \"shop.example.com\" \"10.0.2.10:8080\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "10.0.2.10:8080"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len,
                 "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"));
    CHECK(fmt_is(r.host, r.host_len, "203.0.113.9"));
    /* No upstream was chosen (NR: no route): "-". */
    CHECK_INT(parse_full("envoy",
        "[2026-11-23T12:15:11.970Z] \"GET /x HTTP/1.1\" 404 NR 0 0 0 - \"-\" \"curl/8.5.0\" \"-\" "
        "\"shop.example.com\" \"-\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "-"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "curl/8.5.0"));
    /* A trimmed copy of the format that ends after the byte counts. */
    CHECK_INT(parse_full("envoy", "[2026-11-23T12:15:12.970Z] \"GET / HTTP/1.1\" 200 - 0 5 1 1", &r),
              FL_PARSE_OK);
    CHECK_INT(r.upstream_len, 0);
    CHECK_INT(r.user_agent_len, 0);
}

static void test_json(void)
{
    fl_record r;
    CHECK_INT(parse_full("json",
        "{\"time_iso8601\":\"2026-11-23T13:15:10+01:00\",\"status\":\"502\",\"request\":\"GET / HTTP/1.1\","
        "\"upstream_addr\":\"10.0.3.1:8080, 10.0.3.2:8080\",\"http_user_agent\":\"okhttp/4.12.0\"}", &r),
        FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "10.0.3.1:8080, 10.0.3.2:8080"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "okhttp/4.12.0"));
    /* nginx escape=json writes an unset $upstream_addr as "": none was reached. */
    CHECK_INT(parse_full("json",
        "{\"time_iso8601\":\"2026-11-23T13:15:10+01:00\",\"status\":\"504\",\"upstream_addr\":\"\"}", &r),
        FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "-"));
    /* Envoy json_format: upstream_host before upstream_cluster. */
    CHECK_INT(parse_full("json",
        "{\"start_time\":\"2026-11-23T12:15:10.970Z\",\"response_code\":503,\"upstream_cluster\":\"api\","
        "\"upstream_host\":\"10.0.2.10:8080\",\"user_agent\":\"Go-http-client/1.1\"}", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "10.0.2.10:8080"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "Go-http-client/1.1"));
    /* Traefik: ServiceAddr before ServiceName; request_User-Agent. */
    CHECK_INT(parse_full("json",
        "{\"StartUTC\":\"2026-11-23T12:15:10.970Z\",\"DownstreamStatus\":502,\"ServiceName\":\"api@docker\","
        "\"ServiceAddr\":\"172.18.0.5:80\",\"request_User-Agent\":\"curl/8.5.0\"}", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.upstream, r.upstream_len, "172.18.0.5:80"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "curl/8.5.0"));
    /* No such keys: nothing logged. */
    CHECK_INT(parse_full("json", "{\"time\":\"2026-11-23T12:15:10Z\",\"status\":200}", &r), FL_PARSE_OK);
    CHECK_INT(r.upstream_len, 0);
    CHECK_INT(r.user_agent_len, 0);
}

static void test_agents(void)
{
    fl_record r;
    CHECK_INT(parse_full("combined",
        "192.0.2.7 - - [23/Nov/2026:12:15:10 +0000] \"GET / HTTP/1.1\" 502 162 \"-\" \"curl/8.5.0\"", &r),
        FL_PARSE_OK);
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "curl/8.5.0"));
    CHECK_INT(r.upstream_len, 0);
    /* A referer, an escaped quote in the agent, and nginx "main"'s trailing field. */
    CHECK_INT(parse_full("combined",
        "192.0.2.7 - - [23/Nov/2026:12:15:10 +0000] \"GET / HTTP/1.1\" 200 5 \"https://shop.example.com/\" "
        "\"Mozilla/5.0 (X11; \\\"odd\\\") Firefox/132.0\" \"203.0.113.9\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "Mozilla/5.0 (X11; \\\"odd\\\") Firefox/132.0"));
    CHECK_INT(parse_full("combined", "192.0.2.7 - - [23/Nov/2026:12:15:10 +0000] \"GET / HTTP/1.1\" 200 5", &r),
              FL_PARSE_OK); /* Common line read as combined: no agent */
    CHECK_INT(r.user_agent_len, 0);
    CHECK_INT(parse_full("vhost_combined",
        "shop.example.com:443 192.0.2.7 - - [23/Nov/2026:12:15:10 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" "
        "\"kube-probe/1.29\"", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "kube-probe/1.29"));
    /* W3C / IIS cs(User-Agent), '+' for spaces. */
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_w3c.parse, &st, "#Fields: date time cs-method cs-uri-stem sc-status cs(User-Agent)", &r),
              FL_PARSE_HEADER);
    CHECK_INT(fmt_parse(fl_format_w3c.parse, &st, "2026-11-23 12:15:10 GET / 500 Mozilla/5.0+(Windows+NT+10.0)", &r),
              FL_PARSE_OK);
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "Mozilla/5.0+(Windows+NT+10.0)"));
    /* --log-format %u */
    fl_logformat *lf;
    char err[128];
    CHECK_INT(fl_logformat_compile("%h [%d:%t %^] \"%r\" %s %b \"%u\"", NULL, NULL, &lf, err, sizeof err), FL_OK);
    fmt_state(&st);
    st.custom = lf;
    CHECK_INT(fmt_parse(fl_format_custom.parse, &st,
                        "192.0.2.7 [23/Nov/2026:12:15:10 +0000] \"GET / HTTP/1.1\" 500 5 \"Wget/1.21.4\"", &r),
              FL_PARSE_OK);
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "Wget/1.21.4"));
    fl_logformat_free(lf);
}

static void test_normalise(void)
{
    static const char *const cases[][2] = {
        {"10.0.1.12:8080", "10.0.1.12:8080"},
        {"-", "(none)"},
        {"", "(none)"},
        {"10.0.3.1:8080, 10.0.3.2:8080", "10.0.3.2:8080"},  /* nginx: tries, the last answered */
        {"10.0.3.1:8080 : 10.0.3.9:8080", "10.0.3.9:8080"}, /* nginx: after an internal redirect */
        {"[2001:db8::1]:8080", "[2001:db8::1]:8080"},
        {"unix:/run/app.sock", "unix:/run/app.sock"},
        {"be_app/<NOSRV>", "be_app/<NOSRV>"},
        {"a\tb", "a?b"},
    };
    char out[FL_UPSTREAM_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fl_upstream_normalise(cases[i][0], strlen(cases[i][0]), out, sizeof out);
        CHECK_STR(out, cases[i][1]);
    }
    char longest[200];
    memset(longest, 'u', sizeof longest);
    fl_upstream_normalise(longest, sizeof longest, out, sizeof out);
    CHECK_INT(strlen(out), FL_UPSTREAM_MAX - 1);
}

int main(void)
{
    test_alb();
    test_elb();
    test_haproxy();
    test_envoy();
    test_json();
    test_agents();
    test_normalise();
    return fl_test_result("test_fmt_upstream");
}
