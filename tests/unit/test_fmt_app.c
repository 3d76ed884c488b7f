/* test_fmt_app.c: the generic "app" format (formats/app.c).
 * Layouts quoted from the libraries' documentation: Logback's PatternLayout example
 * "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n"; Python logging's
 * "%(asctime)s - %(name)s - %(levelname)s - %(message)s" with asctime "2003-07-08
 * 16:49:45,896"; Go's log package, "The default logger ... prints the date and time
 * of each logged message" as "2009/11/10 23:00:00 msg"; Spring Boot's console output
 * "2024-01-15T10:30:45.123+01:00  INFO 12345 --- [main] o.s.b.StartupInfoLogger :
 * Starting ..."; logfmt (logrus TextFormatter): time="..." level=error msg="...";
 * slog.JSONHandler: {"time":"...","level":"ERROR","msg":"..."}; pino: numeric
 * levels 10..60. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_app;

static void test_text_layouts(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01,123 ERROR [main] c.e.Foo - Connection refused", &r),
              FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "[main] c.e.Foo - Connection refused"));
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01,123 - app - ERROR - boom", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "boom"));
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01.123 [qtp-47] WARN  c.e.StockResource - slow", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "2026-11-23T12:20:01.123+01:00 ERROR 1234 --- [main] c.e.Foo : msg", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 - FMT_HOUR + 123);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "msg")); /* Spring Boot's prefix is not the message */
    CHECK(fmt_is(r.host, r.host_len, "c.e.Foo"));
    /* Go's log package: no level is fine. */
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026/11/23 12:20:01 listening on :8080", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK(fmt_is(r.message, r.message_len, "listening on :8080"));
    /* Flask's bracketed time; zap's tab-separated lower-case level; SEVERE, CRITICAL. */
    CHECK_INT(fmt_parse1(fl_format_app.parse, "[2026-11-23 12:20:01,123] ERROR in app: Exception on /charge [POST]", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "in app: Exception on /charge [POST]"));
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23T12:20:01.123Z\terror\tpayments/charge.go:88\tcharge failed", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01 SEVERE: Servlet.service() threw exception", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01,001 CRITICAL worker died", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_CRIT);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01 [PANIC] out of memory", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
    /* A timestamped line without a level is an entry of level NONE. */
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01 cache warmed, 41210 entries", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
}

static void test_logfmt_and_json(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "time=\"2026-11-23T12:20:01Z\" level=error msg=\"dial tcp 10.0.2.5:5432: connect: "
                         "connection refused\" component=db", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "dial tcp 10.0.2.5:5432: connect: connection refused"));
    CHECK_INT(fmt_parse1(fl_format_app.parse, "ts=2026-11-23T12:20:01.5Z caller=main.go:12 lvl=warn msg=slow", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    CHECK_INT(r.time.ms, FMT_T0 + 500);
    CHECK(fmt_is(r.message, r.message_len, "slow"));
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "{\"time\":\"2026-11-23T12:20:01.123Z\",\"level\":\"ERROR\",\"msg\":\"charge failed\","
                         "\"service\":\"payments\",\"order\":88112}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "charge failed"));
    CHECK(fmt_is(r.host, r.host_len, "payments"));
    /* pino: epoch ms and numeric levels; hostname beats service. */
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "{\"level\":50,\"time\":1795436401123,\"pid\":7,\"hostname\":\"api-1\",\"msg\":\"boom\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "api-1"));
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "{\"@timestamp\":\"2026-11-23T12:20:01Z\",\"log.level\":\"warn\",\"message\":\"x\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    /* JSON or logfmt with an HTTP status is an access log, not an app log. */
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "{\"time\":\"2026-11-23T12:20:01Z\",\"status\":503,\"method\":\"GET\",\"path\":\"/x\"}", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "{\"level\":\"info\",\"ts\":1795436401.123,\"logger\":\"http.log.access\",\"msg\":"
                         "\"handled request\",\"status\":\"502\"}", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "time=2026-11-23T12:20:01Z level=info method=GET status=503", &r),
              FL_PARSE_UNPARSEABLE);
    /* A non-HTTP "status" is fine; JSON without a level is not an app line. */
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "{\"time\":\"2026-11-23T12:20:01Z\",\"level\":\"info\",\"msg\":\"job\",\"status\":\"done\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "{\"time\":\"2026-11-23T12:20:01Z\",\"msg\":\"x\"}", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "{\"level\":\"error\",\"msg\":\"x\"}", &r), FL_PARSE_NO_TIMESTAMP);
}

static void test_multiline(void)
{
    static const char *const java[] = {
        "2026-11-23 12:10:12,455 ERROR [qtp-47] c.e.StockResource - reservation failed",
        "java.net.SocketTimeoutException: Read timed out",
        "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
        "\t... 42 common frames omitted",
        "Caused by: java.net.ConnectException: Connection refused",
        "Traceback (most recent call last):",
        "  File \"/app/payments/api.py\", line 88, in charge",
        "ValueError: boom",
        "panic: runtime error: invalid memory address or nil pointer dereference",
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]",
        "",
        "goroutine 1 [running]:",
        "main.main()",
        "\t/app/main.go:12 +0x1d",
        "exit status 2",
        NULL};
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_app.parse, &st, java[1], &r), FL_PARSE_UNPARSEABLE); /* nothing to continue */
    CHECK_INT(fmt_parse(fl_format_app.parse, &st, java[0], &r), FL_PARSE_OK);
    for (size_t i = 1; java[i]; i++)
        if (java[i][0])
            CHECK_INT(fmt_parse(fl_format_app.parse, &st, java[i], &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_app.parse, &st, "2026-11-23 12:10:13,000 INFO [main] c.e.App - recovered", &r), FL_PARSE_OK);
}

static void test_bad(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-31 12:20:01,123 ERROR x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "2026-11-23 12:20:01x ERROR x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "[2026-11-23 12:20:01 ERROR x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "hello world", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse, "a=b", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_app.parse,
                         "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326", &r),
              FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_text_layouts();
    test_logfmt_and_json();
    test_multiline();
    test_bad();
    return fl_test_result("test_fmt_app");
}
