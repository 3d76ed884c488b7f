/* test_fmt_syslog.c: the "syslog" format (formats/syslog.c).
 * RFC 3164 section 4.1: a packet is PRI, HEADER and MSG; "The HEADER part contains a
 * timestamp and an indication of the hostname or IP address of the device"; the
 * TIMESTAMP is "Mmm dd hh:mm:ss" where "If the day of the month is less than 10,
 * then it MUST be represented as a space and then the number"; the MSG part has a
 * TAG ("the name of the program or process that generated the message", commonly
 * followed by "[pid]") and the CONTENT. Example of section 5.4:
 * "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8".
 * rsyslog's RSYSLOG_FileFormat template writes the timestamp as RFC 3339 with
 * microseconds and the local offset instead. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_syslog;

static void test_rfc3164_example(void)
{
    fl_record r;
    /* PRI 34 = facility 4 (auth) * 8 + severity 2 (critical). */
    const char *l = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8";
    fl_parse_state st;
    fmt_state(&st);
    st.year = 2003;
    st.month = 0;
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, l, &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, 1065910455000LL); /* 2003-10-11T22:14:15 wall clock */
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_CRIT);
    CHECK(fmt_is(r.host, r.host_len, "mymachine"));
    CHECK(fmt_is(r.message, r.message_len, "'su root' failed for lonvick on /dev/pts/8"));
}

static void test_rsyslog_file(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:20:01 web-1 orders-api[1893]: INFO handled 1204 requests", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_INFO);
    CHECK(fmt_is(r.host, r.host_len, "web-1"));
    CHECK(fmt_is(r.message, r.message_len, "INFO handled 1204 requests"));
    /* Level words in the message when there is no PRI. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:21:09 web-1 sshd[21901]: error: kex_exchange_identification: "
                        "Connection closed by remote host", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len,
                 "error: kex_exchange_identification: Connection closed by remote host"));
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:21:10 web-1 app[7]: [error] upstream gone", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:21:10 web-1 dockerd[900]: time=\"2026-11-23T12:21:10Z\" "
                        "level=error msg=\"x\"", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:21:11 web-1 app: <err> disk failing", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    /* Kernel OOM lines carry no level word: NONE (signatures classify them). */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:12:10 web-1 kernel: [884213.551287] Out of memory: Killed "
                        "process 1893 (orders-api)", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK(fmt_is(r.message, r.message_len,
                 "[884213.551287] Out of memory: Killed process 1893 (orders-api)"));
    /* Prose words are not levels: only decorated or upper-case ones count. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st,
                        "Nov 23 12:21:12 web-1 app[7]: no error found, info follows", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    /* Space-padded day; PRI 3 = kernel.err. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "<3>Nov  3 01:02:03 h k: x", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 - 20 * 24 * FMT_HOUR - 11 * FMT_HOUR - 17 * 60000 - 58000);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    /* PRI 191 = local7.debug; PRI 0 = kern.emerg. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "<191>Nov 23 12:20:01 h k: x", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_DEBUG);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "<0>Nov 23 12:20:01 h k: x", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
    /* A line without a TAG still parses in the classic form. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Nov 23 12:20:01 web-1 -- MARK --", &r), FL_PARSE_OK);
    CHECK(fmt_is(r.message, r.message_len, "-- MARK --"));
}

static void test_year_wrap(void)
{
    /* A file last written in January: its December lines are last year's. */
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    st.month = 1;
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Dec 31 23:59:59 h app: bye", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1767225599000LL); /* 2025-12-31T23:59:59 */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Jan  1 00:00:01 h app: hi", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1767225599000LL + 2000);
}

static void test_high_precision(void)
{
    fl_record r;
    const char *l = "2026-11-23T12:20:01.123456+01:00 web-1 orders-api[123]: ERROR db down";
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 - FMT_HOUR + 123);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.time.offset_s, 3600);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "web-1"));
    CHECK(fmt_is(r.message, r.message_len, "ERROR db down"));
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "<27>2026-11-23T12:20:01Z h systemd[1]: x.service: Failed", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(r.time.ms, FMT_T0);
    /* ISO form without a TAG is not syslog (MySQL, CRI and app lines look like it). */
    CHECK_INT(fmt_parse1(fl_format_syslog.parse,
                         "2026-11-23T12:20:01.123456Z 0 [ERROR] [MY-010119] [Server] Aborting", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "2026-11-23T12:20:01.1Z stderr F x: y", &r),
              FL_PARSE_UNPARSEABLE);
    /* A level word where the host goes is an app line whose message has a "word:". */
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "2026-11-23T12:20:01Z INFO Warning: disk nearly full", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "Nov 23 12:20:01 ERROR Failed: db down", &r),
              FL_PARSE_UNPARSEABLE);
}

static void test_bad_and_continuation(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    /* First line without a timestamp: unparseable; after an entry: continuation. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "  continued text", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Nov 23 12:20:01 h app: first", &r), FL_PARSE_OK);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "  continued text", &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "stray text", &r), FL_PARSE_CONTINUATION);
    /* Right shape, impossible dates. */
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Nov 31 12:20:01 h app: x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Foo 23 12:20:01 h app: x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse(fl_format_syslog.parse, &st, "Nov 23 25:20:01 h app: x", &r), FL_PARSE_NO_TIMESTAMP);
    /* Shape errors. */
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "Nov 23 12:20:01", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "Nov 23 12:20:01 \"quoted\" x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "<999>Nov 23 12:20:01 h app: x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog.parse, "", &r), FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_rfc3164_example();
    test_rsyslog_file();
    test_year_wrap();
    test_high_precision();
    test_bad_and_continuation();
    return fl_test_result("test_fmt_syslog");
}
