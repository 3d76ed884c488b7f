/* test_fmt_journald.c: the "journald" format (formats/journald.c).
 * systemd.journal-fields(7): "MESSAGE= The human-readable message string for this
 * entry"; "PRIORITY= A priority value between 0 ("emerg") and 7 ("debug") formatted as
 * a decimal string"; "__REALTIME_TIMESTAMP= The wallclock time (CLOCK_REALTIME) at
 * the point in time the entry was received by the journal, in microseconds since the
 * epoch UTC, formatted as a decimal string". journalctl(1), -o json: "formats entries
 * as JSON objects, separated by newline characters"; fields that are not valid UTF-8
 * are written as arrays of byte values, and fields larger than 4096 bytes as null
 * unless --all is given. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_journald;

static void test_entry(void)
{
    fl_record r;
    const char *l = "{\"__CURSOR\":\"s=7d1e;i=1a2b0;b=b1f0;m=147d;t=660f;x=55aa\","
                    "\"__REALTIME_TIMESTAMP\":\"1795436401123456\",\"__MONOTONIC_TIMESTAMP\":\"88214118201\","
                    "\"_BOOT_ID\":\"b1f0c8e2\",\"_HOSTNAME\":\"db-1\",\"SYSLOG_IDENTIFIER\":\"orders-api\","
                    "\"PRIORITY\":\"3\",\"MESSAGE\":\"failed to persist \\\"order\\\" 88121\",\"_PID\":\"1893\","
                    "\"_COMM\":\"orders-api\"}";
    CHECK_INT(fmt_parse1(fl_format_journald.parse, l, &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "db-1"));
    /* Escapes are kept: parsers point into the line. */
    CHECK(fmt_is(r.message, r.message_len, "failed to persist \\\"order\\\" 88121"));
}

static void test_priorities(void)
{
    static const fl_level want[8] = {FL_LEVEL_FATAL, FL_LEVEL_FATAL,  FL_LEVEL_CRIT, FL_LEVEL_ERROR,
                                     FL_LEVEL_WARN,  FL_LEVEL_NOTICE, FL_LEVEL_INFO, FL_LEVEL_DEBUG};
    char line[200];
    fl_record r;
    for (int p = 0; p < 8; p++) {
        snprintf(line, sizeof line,
                 "{\"__REALTIME_TIMESTAMP\":\"1795436401000000\",\"PRIORITY\":\"%d\",\"MESSAGE\":\"m\"}", p);
        CHECK_INT(fmt_parse1(fl_format_journald.parse, line, &r), FL_PARSE_OK);
        CHECK_INT(r.level, want[p]);
    }
    /* No PRIORITY: the message's own level word, else none. */
    CHECK_INT(fmt_parse1(fl_format_journald.parse,
                         "{\"__REALTIME_TIMESTAMP\":\"1795436401000000\",\"MESSAGE\":\"ERROR boom\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse1(fl_format_journald.parse,
                         "{\"__REALTIME_TIMESTAMP\":\"1795436401000000\",\"MESSAGE\":\"hello\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
}

static void test_odd_fields(void)
{
    fl_record r;
    /* Binary MESSAGE (array of bytes) and null MESSAGE: no text. */
    CHECK_INT(fmt_parse1(fl_format_journald.parse,
                         "{\"__REALTIME_TIMESTAMP\":\"1795436401000000\",\"PRIORITY\":\"3\","
                         "\"MESSAGE\":[99,111,255,254],\"SYSLOG_IDENTIFIER\":\"app\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.message_len, 0);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "app")); /* no _HOSTNAME: the identifier */
    CHECK_INT(fmt_parse1(fl_format_journald.parse,
                         "{\"__CURSOR\":\"c\",\"__REALTIME_TIMESTAMP\":\"1795436401000000\","
                         "\"MESSAGE\":null,\"_COMM\":\"kworker\"}", &r),
              FL_PARSE_OK);
    CHECK_INT(r.message_len, 0);
    CHECK(fmt_is(r.host, r.host_len, "kworker"));
}

static void test_bad(void)
{
    fl_record r;
    /* Journal fields but no usable time. */
    CHECK_INT(fmt_parse1(fl_format_journald.parse, "{\"__CURSOR\":\"c\",\"MESSAGE\":\"x\"}", &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_journald.parse, "{\"__REALTIME_TIMESTAMP\":\"soon\",\"MESSAGE\":\"x\"}", &r),
              FL_PARSE_NO_TIMESTAMP);
    /* Other JSON logs are not the journal: access, Docker, app lines. */
    CHECK_INT(fmt_parse1(fl_format_journald.parse,
                         "{\"time\":\"2026-11-23T12:20:01Z\",\"status\":503,\"method\":\"GET\",\"path\":\"/x\"}", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_journald.parse,
                         "{\"log\":\"x\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_journald.parse, "-- Boot b1f0c8e2 --", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_journald.parse, "{\"__CURSOR\":\"c\",", &r), FL_PARSE_UNPARSEABLE);
}

/* A web server logging to the journal: its MESSAGE is a Combined line, read as an
 * HTTP request with its status (a journal export of nginx is traffic). */
static void test_wrapped_access(void)
{
    fl_parse_state st;
    fl_record r;
    fmt_state(&st);
    const char *line = "{\"__CURSOR\":\"s=1\",\"__REALTIME_TIMESTAMP\":\"1795436409000000\","
                       "\"PRIORITY\":\"6\",\"SYSLOG_IDENTIFIER\":\"nginx\",\"MESSAGE\":\"10.0.0.7 - - "
                       "[23/Nov/2026:12:20:01 +0000] \\\"GET /api/items?x=1 HTTP/1.1\\\" 502 157 \\\"-\\\" "
                       "\\\"curl/8.0\\\"\"}";
    CHECK_INT(fmt_parse(fl_format_journald.parse, &st, line, &r), FL_PARSE_OK);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 502);
    CHECK_INT(r.time.ms, FMT_T0); /* the request's own time */
    CHECK_INT(r.bytes, 157);
    CHECK(fmt_is(r.method, r.method_len, "GET"));
    CHECK(fmt_is(r.path, r.path_len, "/api/items?x=1"));
    CHECK(fmt_is(r.host, r.host_len, "10.0.0.7"));
    CHECK(fmt_is(r.user_agent, r.user_agent_len, "curl/8.0"));
    /* A message that only mentions HTTP stays a message. */
    const char *msg = "{\"__CURSOR\":\"s=2\",\"__REALTIME_TIMESTAMP\":\"1795436409000000\","
                      "\"PRIORITY\":\"3\",\"MESSAGE\":\"upstream sent invalid HTTP/1.1 header while reading\"}";
    CHECK_INT(fmt_parse(fl_format_journald.parse, &st, msg, &r), FL_PARSE_OK);
    CHECK_INT(r.kind, FL_KIND_SERVER);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
}

int main(void)
{
    test_wrapped_access();
    test_entry();
    test_priorities();
    test_odd_fields();
    test_bad();
    return fl_test_result("test_fmt_journald");
}
