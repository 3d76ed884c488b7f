/* test_fmt_syslog5424.c: the "syslog5424" format (formats/syslog5424.c).
 * RFC 5424 section 6: "SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]", "HEADER =
 * PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID"; NILVALUE is
 * "-"; "TIMESTAMP = NILVALUE / FULL-DATE "T" FULL-TIME". Section 6.5 example 3:
 * <165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47
 * [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] BOMAn
 * application event log entry...
 * and example 1: <34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 -
 * BOM'su root' failed for lonvick on /dev/pts/8 */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_syslog5424;

static void test_rfc_examples(void)
{
    fl_record r;
    const char *l = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                    "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] "
                    "\xEF\xBB\xBF" "An application event log entry...";
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, l, &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, 1065910455003LL);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.level, FL_LEVEL_NOTICE); /* 165 = local4.notice */
    CHECK(fmt_is(r.host, r.host_len, "mymachine.example.com"));
    CHECK(fmt_is(r.message, r.message_len, "An application event log entry..."));
    l = "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "
        "\xEF\xBB\xBF'su root' failed for lonvick on /dev/pts/8";
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, l, &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_CRIT);
    CHECK(fmt_is(r.message, r.message_len, "'su root' failed for lonvick on /dev/pts/8"));
    /* Example 2: offset and microseconds; example 4: no MSG at all. */
    l = "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make "
        "the do-nuts.";
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.offset_s, -7 * 3600);
    CHECK_INT(r.time.ms, 1061727255000LL);
    CHECK(fmt_is(r.message, r.message_len, "%% It's time to make the do-nuts."));
    l = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
        "[exampleSDID@32473 iut=\"3\"][examplePriority@32473 class=\"high\"]";
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, l, &r), FL_PARSE_OK);
    CHECK_INT(r.message_len, 0);
}

static void test_realistic(void)
{
    fl_record r;
    /* rsyslog RSYSLOG_SyslogProtocol23Format; "]" escaped inside a param value. */
    const char *l = "<131>1 2026-11-23T12:20:01.551002+01:00 lb-2 orders-api 1893 db "
                    "[meta@32473 pool=\"primary\" note=\"a\\]b \\\"q\\\"\"] timeout acquiring connection";
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 - FMT_HOUR + 551);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "lb-2"));
    CHECK(fmt_is(r.message, r.message_len, "timeout acquiring connection"));
    /* HOSTNAME "-": the APP-NAME names the source. */
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, "<9>1 2026-11-23T12:20:01Z - tenzir - - - hi", &r),
              FL_PARSE_OK);
    CHECK(fmt_is(r.host, r.host_len, "tenzir"));
    CHECK_INT(r.level, FL_LEVEL_FATAL); /* severity 1, alert */
}

static void test_bad_and_continuation(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_syslog5424.parse, &st, "\tcontinued", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse(fl_format_syslog5424.parse, &st,
                        "<14>1 2026-11-23T12:20:01Z h app 1 - - Traceback follows", &r),
              FL_PARSE_OK);
    CHECK_INT(fmt_parse(fl_format_syslog5424.parse, &st, "  File \"x.py\", line 1", &r),
              FL_PARSE_CONTINUATION);
    /* NILVALUE and impossible timestamps. */
    CHECK_INT(fmt_parse(fl_format_syslog5424.parse, &st, "<14>1 - h app 1 - - x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse(fl_format_syslog5424.parse, &st, "<14>1 2026-02-30T12:20:01Z h app 1 - - x", &r),
              FL_PARSE_NO_TIMESTAMP);
    /* Shape errors: RFC 3164 lines, missing header fields, unclosed SD, VERSION 0. */
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, "<34>Oct 11 22:14:15 mymachine su: x", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, "<34>1 2026-11-23T12:20:01Z h app", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, "<34>1 2026-11-23T12:20:01Z h app 1 - [x a=\"1\" y", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, "<34>1 2026-11-23T12:20:01Z h app 1 - nosd", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_syslog5424.parse, "<34>0 2026-11-23T12:20:01Z h app 1 - - x", &r),
              FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_rfc_examples();
    test_realistic();
    test_bad_and_continuation();
    return fl_test_result("test_fmt_syslog5424");
}
