/* test_fmt_docker.c: the "docker" format (formats/docker.c).
 * Docker documentation, "JSON File logging driver": "By default, Docker captures the
 * standard output (and standard error) of all your containers, and writes them in
 * files using the JSON format. The JSON format annotates each line with its origin
 * (stdout or stderr) and its timestamp." Example:
 * {"log":"Log line is here\n","stream":"stdout","time":"2019-01-01T11:11:11.111111111Z"}
 * Lines longer than 16 KiB are split: the chunks before the last have no "\n". */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_docker;

static void test_documented_example(void)
{
    fl_record r;
    const char *l = "{\"log\":\"Log line is here\\n\",\"stream\":\"stdout\",\"time\":\"2019-01-01T11:11:11.111111111Z\"}";
    CHECK_INT(fmt_parse1(fl_format_docker.parse, l, &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, 1546341071111LL);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK(fmt_is(r.message, r.message_len, "Log line is here"));
}

static void test_levels(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_docker.parse,
                         "{\"log\":\"2026-11-23 12:20:01,114 ERROR payments.api: charge failed order=88112\\n\","
                         "\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01.114207322Z\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 114);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "2026-11-23 12:20:01,114 ERROR payments.api: charge failed order=88112"));
    /* gunicorn: the level is the fifth token. */
    CHECK_INT(fmt_parse1(fl_format_docker.parse,
                         "{\"log\":\"[2026-11-23 12:10:31 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:7)\\n\","
                         "\"stream\":\"stderr\",\"time\":\"2026-11-23T12:10:31.000221447Z\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_CRIT);
    /* A JSON application line inside the (escaped) log string. */
    CHECK_INT(fmt_parse1(fl_format_docker.parse,
                         "{\"log\":\"{\\\"level\\\":\\\"error\\\",\\\"msg\\\":\\\"webhook failed\\\"}\\n\","
                         "\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    /* stderr alone is not an error; CRLF line ends are dropped too. */
    CHECK_INT(fmt_parse1(fl_format_docker.parse,
                         "{\"log\":\"Listening at: http://0.0.0.0:8000\\r\\n\",\"stream\":\"stderr\","
                         "\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK(fmt_is(r.message, r.message_len, "Listening at: http://0.0.0.0:8000"));
    /* Members in another order, with attrs. */
    CHECK_INT(fmt_parse1(fl_format_docker.parse,
                         "{\"stream\":\"stderr\",\"attrs\":{\"tag\":\"x\"},\"time\":\"2026-11-23T12:20:01Z\","
                         "\"log\":\"FATAL: x\\n\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
}

static void test_partial_and_traces(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"ERROR charge failed\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"Traceback (most recent call last):\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"  File \\\"/app/api.py\\\", line 88, in charge\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='psp')\\n\","
                        "\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"\\tat com.x.Foo(Foo.java:1)\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_CONTINUATION);
    /* A 16 KiB split: the first chunk is the entry, the rest continue it. */
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"WARN aaaa\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:02Z\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    CHECK(fmt_is(r.message, r.message_len, "WARN aaaa"));
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"bbbb\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:02Z\"}", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st,
                        "{\"log\":\"next\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:03Z\"}", &r),
              FL_PARSE_OK);
}

static void test_bad(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_docker.parse, "{\"log\":\"x\\n\",\"stream\":\"stdout\"}", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_docker.parse, "{\"log\":\"x\\n\",\"time\":\"2026-11-31T00:00:00Z\"}", &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_docker.parse, "{\"log\":\"x\\n\",\"time\":\"2026-11-23T12:20:01Z junk\"}", &r),
              FL_PARSE_NO_TIMESTAMP);
    /* JSON access logs and app logs have no "log" member. */
    CHECK_INT(fmt_parse1(fl_format_docker.parse,
                         "{\"time\":\"2026-11-23T12:20:01Z\",\"status\":503,\"method\":\"GET\",\"path\":\"/x\"}", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_docker.parse, "{\"log\":\"x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_docker.parse, "log line", &r), FL_PARSE_UNPARSEABLE);
}

/* An nginx container's stdout: each "log" is a Combined line, an HTTP request. */
static void test_wrapped_access(void)
{
    fl_parse_state st;
    fl_record r;
    fmt_state(&st);
    const char *line = "{\"log\":\"10.0.0.7 - - [23/Nov/2026:12:20:01 +0000] \\\"POST /login HTTP/1.1\\\" "
                       "503 0 \\\"-\\\" \\\"Mozilla/5.0\\\"\\n\",\"stream\":\"stdout\","
                       "\"time\":\"2026-11-23T12:20:01.5Z\"}";
    CHECK_INT(fmt_parse(fl_format_docker.parse, &st, line, &r), FL_PARSE_OK);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK(fmt_is(r.method, r.method_len, "POST"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "Mozilla/5.0"));
}

int main(void)
{
    test_wrapped_access();
    test_documented_example();
    test_levels();
    test_partial_and_traces();
    test_bad();
    return fl_test_result("test_fmt_docker");
}
