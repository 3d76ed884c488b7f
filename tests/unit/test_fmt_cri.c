/* test_fmt_cri.c: the "cri" format (formats/cri.c).
 * Kubernetes CRI logging proposal (kubelet-cri-logging.md) and the Promtail/Loki cri
 * stage documentation: "CRI specifies log lines as space-delimited values with the
 * following components: time: The timestamp string of the log; stream: Either stdout
 * or stderr; flags: CRI flags including F or P; log: The contents of the log line. No
 * whitespace is permitted between the components." Example: "2019-04-30T02:12:41.8443515Z
 * stdout F message". P marks a partial line that the next entries complete. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_cri;

static void test_documented_example(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-04-30T02:12:41.8443515Z stdout F message", &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, 1556590361844LL);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.host_len, 0);
    CHECK(fmt_is(r.message, r.message_len, "message"));
}

static void test_levels(void)
{
    fl_record r;
    /* Level words of the contained application line; stderr alone is no level. */
    CHECK_INT(fmt_parse1(fl_format_cri.parse,
                         "2026-11-23T12:20:01.123456789Z stderr F 2026-11-23 12:20:01.123 ERROR "
                         "[exec-4] c.e.OrderController - Request failed", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len,
                 "2026-11-23 12:20:01.123 ERROR [exec-4] c.e.OrderController - Request failed"));
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2026-11-23T12:20:01Z stderr F listening on :8080", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    /* JSON messages: "level" or "severity", words or pino numbers. */
    CHECK_INT(fmt_parse1(fl_format_cri.parse,
                         "2026-11-23T12:20:01Z stdout F {\"time\":\"2026-11-23T12:20:01Z\",\"level\":\"error\",\"msg\":\"x\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2026-11-23T12:20:01Z stdout F {\"severity\":\"WARNING\",\"message\":\"x\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2026-11-23T12:20:01Z stdout F {\"level\":50,\"msg\":\"x\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    /* klog header of Kubernetes components. */
    CHECK_INT(fmt_parse1(fl_format_cri.parse,
                         "2026-11-23T12:20:01Z stderr F E1123 12:20:01.000123       1 reflector.go:147] "
                         "failed to list *v1.Pod", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    /* A message starting with a bare lower-case level word, and logfmt. */
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2026-11-23T12:20:01Z stderr F error: config invalid", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse1(fl_format_cri.parse,
                         "2026-11-23T12:20:01Z stderr F ts=2026-11-23T12:20:01Z caller=main.go:12 "
                         "level=warn msg=slow", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    /* Empty message; other offsets. */
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2026-11-23T13:20:01.5+01:00 stdout F ", &r), FL_PARSE_OK);
    CHECK_INT(r.message_len, 0);
    CHECK_INT(r.time.ms, FMT_T0 + 500);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2026-11-23T12:20:01Z stdout F", &r), FL_PARSE_OK);
}

static void test_partial_and_traces(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    /* P starts an entry; the chunks up to and including the next F continue it. */
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:01Z stdout P {\"level\":\"error\",\"msg\":\"a", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:01Z stdout P bbbb", &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:01Z stdout F cc\"}", &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:02Z stdout F next", &r), FL_PARSE_OK);
    /* Stack-trace lines continue the entry before them; "panic:" is an entry. */
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st,
                        "2026-11-23T12:20:02Z stderr F org.springframework.jdbc.CannotGetJdbcConnectionException: "
                        "Failed to obtain JDBC Connection", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:02Z stderr F \tat com.x.Foo.bar(Foo.java:1)", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:02Z stderr F Caused by: java.io.IOException: x", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:02Z stderr F goroutine 1 [running]:", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "2026-11-23T12:20:02Z stderr F panic: runtime error: nil map", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
    /* Untimed text after an entry. */
    CHECK_INT(fmt_parse(fl_format_cri.parse, &st, "garbage", &r), FL_PARSE_CONTINUATION);
}

static void test_bad(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-01-01 T01:00:00.000000001Z stderr testgood", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-01-01T01:00:00.000000001Z testgood", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-01-01T01:00:00.000000001Z stdin F x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-01-01T01:00:00.000000001Z stdout X x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-01-01T01:00:00Z stdout Full x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-13-01T01:00:00.000000001Z stdout F x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "hello", &r), FL_PARSE_UNPARSEABLE);
    /* Another tag list form: "F:x" still begins with the F/P flag. */
    CHECK_INT(fmt_parse1(fl_format_cri.parse, "2019-01-01T01:00:00Z stdout F:x y", &r), FL_PARSE_OK);
}

int main(void)
{
    test_documented_example();
    test_levels();
    test_partial_and_traces();
    test_bad();
    return fl_test_result("test_fmt_cri");
}
