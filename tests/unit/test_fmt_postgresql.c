/* test_fmt_postgresql.c: the "postgresql" format (formats/postgresql.c).
 * PostgreSQL manual, "Error Reporting and Logging": log_line_prefix "is a
 * printf-style string that is output at the beginning of each log line ... The
 * default is '%m [%p] ' which logs a time stamp and the process ID"; %m is "Time
 * stamp with milliseconds", %t "Time stamp without milliseconds", %q "Produces no
 * output, but tells non-session processes to stop at this point in the string",
 * e.g. log_line_prefix = '%m [%p] %q%u@%d/%a '. Severity levels: DEBUG1..DEBUG5,
 * INFO, NOTICE, WARNING, ERROR, LOG, FATAL, PANIC; detail lines are DETAIL, HINT,
 * QUERY, CONTEXT, LOCATION and STATEMENT. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_postgresql;

static void test_default_prefix(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse,
                         "2026-11-23 12:20:01.123 UTC [1234] LOG:  database system is ready to accept connections", &r),
              FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, FMT_T0 + 123);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.level, FL_LEVEL_INFO);
    CHECK_INT(r.host_len, 0);
    CHECK(fmt_is(r.message, r.message_len, "database system is ready to accept connections"));
}

static void test_prefix_variants(void)
{
    fl_record r;
    /* %t with a zone abbreviation: ambiguous, so wall clock (has_offset 0). */
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse,
                         "2026-11-23 12:20:01 CET [1234] user@db FATAL:  remaining connection slots are "
                         "reserved for non-replication superuser connections", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
    CHECK(fmt_is(r.host, r.host_len, "user@db"));
    CHECK(fmt_is(r.message, r.message_len,
                 "remaining connection slots are reserved for non-replication superuser connections"));
    /* Numeric zones as PostgreSQL prints them for zones without an abbreviation. */
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 13:20:01.000 +01 [1] ERROR:  x", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.time.offset_s, 3600);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 08:50:01.000 -0330 [1] PANIC:  could not write", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01 GMT [1] WARNING:  y", &r), FL_PARSE_OK);
    CHECK_INT(r.time.has_offset, 1);
    CHECK_INT(r.level, FL_LEVEL_WARN);
    /* '%t [%p]: [%l-1] user=%u,db=%d ' (pgBadger's recommendation). */
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse,
                         "2026-11-23 12:20:01 UTC [4521]: [3-1] user=orders,db=shop,app=psql ERROR:  deadlock detected", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.message, r.message_len, "deadlock detected"));
    /* No zone at all; DEBUG levels; NOTICE and INFO. */
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01.5 [9] DEBUG3:  shmem_exit(0)", &r), FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_DEBUG);
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01 UTC [9] NOTICE:  table does not exist, skipping", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NOTICE);
}

static void test_continuations(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st, "2026-11-23 12:20:01.003 UTC [4521] orders@shop ERROR:  deadlock detected", &r),
              FL_PARSE_OK);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st,
                        "2026-11-23 12:20:01.003 UTC [4521] orders@shop DETAIL:  Process 4521 waits for ShareLock", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st, "\tProcess 4518 waits for ShareLock on transaction 991207", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st, "2026-11-23 12:20:01.003 UTC [4521] orders@shop HINT:  See server log", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st, "2026-11-23 12:20:01.003 UTC [4521] orders@shop CONTEXT:  while updating", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st, "2026-11-23 12:20:01.003 UTC [4521] orders@shop STATEMENT:  UPDATE stock", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_postgresql.parse, &st, "\t  WHERE sku = 'A-1001'", &r), FL_PARSE_CONTINUATION);
}

static void test_bad(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "\tWHERE x = 1", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 25:20:01.123 UTC [1] LOG:  x", &r), FL_PARSE_NO_TIMESTAMP);
    /* Other logs with the same timestamp: no "SEVERITY:" token. */
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01,123 ERROR [main] c.e.Foo - Connection refused", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01,123 - app - ERROR - boom", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01 1234 [ERROR] InnoDB: x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_postgresql.parse, "2026-11-23 12:20:01 UTC [1] FEHLER:  Relation existiert nicht", &r),
              FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_default_prefix();
    test_prefix_variants();
    test_continuations();
    test_bad();
    return fl_test_result("test_fmt_postgresql");
}
