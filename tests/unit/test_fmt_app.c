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

/* ---- the reference: where the message started before app.c's byte table ---- */

static size_t ref_skip_blanks(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static size_t ref_rtrim(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* rest: the line after its time; after: just past the level word. The message (and
 * Spring Boot's logger as host) as the code before the table found them. */
static void ref_message(const char *rest, size_t rn, size_t after, fl_record *want)
{
    size_t m = ref_skip_blanks(rest, rn, after);
    while (m + 1 < rn && (rest[m] == '-' || rest[m] == ':' || rest[m] == '|') &&
           (rest[m + 1] == ' ' || rest[m + 1] == '\t'))
        m = ref_skip_blanks(rest, rn, m + 1);
    want->host = "";
    want->host_len = 0;
    size_t p = m;
    while (p < rn && rest[p] >= '0' && rest[p] <= '9')
        p++;
    if (p > m && p + 6 < rn && memcmp(rest + p, " --- [", 6) == 0) {
        const char *close = memchr(rest + p + 6, ']', rn - p - 6);
        size_t lg = close ? (size_t)(close - rest) + 1 : rn;
        lg = ref_skip_blanks(rest, rn, lg);
        for (size_t c = lg; c + 2 < rn; c++)
            if (rest[c] == ' ' && rest[c + 1] == ':' && rest[c + 2] == ' ') {
                want->host = rest + lg;
                want->host_len = ref_rtrim(rest + lg, c - lg);
                m = ref_skip_blanks(rest, rn, c + 2);
                break;
            }
    }
    want->message = rest + m;
    want->message_len = ref_rtrim(rest + m, rn - m);
}

/* The usual line's path (cached time, the level by one compare, the byte table for
 * what starts the message) gives the message and host the reference gives, on the
 * first line of a file (no cache yet) and on the same line again (cached). */
static void test_message_start(void)
{
    static const char *const levels[] = {" INFO", " ERROR", "\tWARN", " DEBUG", " info", " [warn]"};
    static const size_t level_end[] = {5, 6, 5, 6, 5, 7};
    static const char *const gaps[] = {" ", "  ", "\t", " \t ", ""};
    static const char *const prefixes[] = {
        "", "- ", ": ", "| ", "-x ", "- - ", "1234 --- [main] c.e.Foo : ", "12 x ", "1234 --- [main] nolog ",
        ":", "-", "|  | ", "7", "99 --- [", "1 --- [t]   lg   :  m", "[main] c.e.Foo - ", "-\t: ",
    };
    static const char *const tails[] = {"msg", "", " ", "msg  \r", "a : b"};
    char line[256];
    const size_t tn = 24; /* "2026-11-23T12:20:01.123Z" */
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++)
        for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++)
            for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++)
                for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
                    int n = snprintf(line, sizeof line, "2026-11-23T12:20:01.123Z%s%s%s%s", levels[l], gaps[g],
                                     prefixes[p], tails[t]);
                    if (!gaps[g][0] && (prefixes[p][0] || tails[t][0]))
                        continue; /* the level word would run on */
                    fl_record want;
                    ref_message(line + tn, (size_t)n - tn, level_end[l], &want);
                    fl_parse_state st;
                    fmt_state(&st);
                    for (int pass = 0; pass < 2; pass++) {
                        fl_record r;
                        int ok = fmt_parse(fl_format_app.parse, &st, line, &r) == FL_PARSE_OK &&
                                 r.message == want.message && r.message_len == want.message_len &&
                                 r.host_len == want.host_len &&
                                 (!want.host_len || r.host == want.host);
                        CHECK(ok);
                        if (!ok)
                            fprintf(stderr, "  pass %d \"%s\": message \"%.*s\" host \"%.*s\", want \"%.*s\" \"%.*s\"\n",
                                    pass, line, (int)r.message_len, r.message, (int)r.host_len, r.host,
                                    (int)want.message_len, want.message, (int)want.host_len, want.host);
                    }
                }
}

int main(void)
{
    test_message_start();
    test_text_layouts();
    test_logfmt_and_json();
    test_multiline();
    test_bad();
    return fl_test_result("test_fmt_app");
}
