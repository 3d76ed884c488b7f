/* test_fmt_redis.c: the "redis" format (formats/redis.c).
 * Redis server.c, serverLogRaw: each line is "pid:role timestamp level message" with
 * the role character "X sentinel, C RDB/AOF writing child, S slave, M master" and the
 * level character ". debug, - verbose, * notice, # warning"; the timestamp is
 * strftime "%d %b %Y %H:%M:%S." plus milliseconds. Redis 2.x wrote "[pid] %d %b
 * %H:%M:%S.mmm level message" without a year. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_redis;

static void test_lines(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "1234:M 23 Nov 2026 12:20:01.123 # Server initialized", &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    CHECK_INT(r.host_len, 0);
    CHECK(fmt_is(r.message, r.message_len, "Server initialized"));
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "52:C 23 Nov 2026 12:20:02.118 * DB saved on disk", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NOTICE);
    CHECK_INT(r.time.ms, FMT_T0 + 1118);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "1:S 23 Nov 2026 12:20:03.000 - Accepted 10.0.3.21:51822", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_INFO);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "7:X 23 Nov 2026 12:20:04.000 . DB 0: 10 keys", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_DEBUG);
    /* Old format: no year, from st->year (a January file's December lines: last year). */
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "[4018] 23 Nov 12:20:01.123 # Can't save in background: fork: Cannot allocate memory", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK(fmt_is(r.message, r.message_len, "Can't save in background: fork: Cannot allocate memory"));
    fmt_state(&st);
    st.year = 2027;
    st.month = 1;
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "[4018] 23 Nov 12:20:01 * x", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
}

static void test_continuation_and_bad(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "                _._", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "1:M 23 Nov 2026 12:20:01.123 # Redis 7.2.6 crashed by signal: 11", &r),
              FL_PARSE_OK);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "------ STACK TRACE ------", &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "redis-server *:6379(debugCommand+0x1d)[0x55f3a1]", &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "1:M 31 Nov 2026 12:20:01.123 # x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse(fl_format_redis.parse, &st, "1:M 23 Foo 2026 12:20:01.123 # x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_redis.parse, "1:M 23 Nov 2026 12:20:01.123 ! x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_redis.parse, "1:Q 23 Nov 2026 12:20:01.123 # x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_redis.parse, "2026-11-23 12:20:01 ERROR x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_redis.parse, "1.2.3.4 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r),
              FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_lines();
    test_continuation_and_bad();
    return fl_test_result("test_fmt_redis");
}
