/* test_sources.c: names of sources (analysis/sources.c): labels without the path
 * components all sources share, evidence by the shortest distinguishing tail. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "fl_test.h"

/* An analysis holding only sources with these names. */
static void with_sources(fl_analysis *a, fl_config *c, const char *const *names, size_t n)
{
    fl_config_defaults(c);
    CHECK_INT(fl_analysis_init(a, c), FL_OK);
    a->sources = calloc(n, sizeof *a->sources);
    a->n_sources = n;
    for (size_t i = 0; i < n; i++) {
        a->sources[i].name = strdup(names[i]);
        fl_buckets_init(&a->sources[i].counts, c->bucket_ms, c->max_span);
    }
    CHECK_INT(fl_analysis_name_sources(a), FL_OK);
}

/* Evidence of a file named path whose source is number src (its directory). */
static void check_evidence(const fl_analysis *a, size_t src, const char *path, const char *want)
{
    fl_input in;
    char buf[256];
    memset(&in, 0, sizeof in);
    in.path = (char *)path;
    in.source = src;
    in.source_len = strlen(a->sources[src].name);
    CHECK_STR(fl_analysis_evidence_name(a, &in, buf, sizeof buf), want);
}

static void test_brokers(void)
{
    const char *const names[] = {"/data/kafka0/logs", "/data/kafka1/logs", "/data/kafka2/logs"};
    fl_analysis a;
    fl_config c;
    with_sources(&a, &c, names, 3);
    CHECK_STR(a.sources[1].label, "kafka1");
    check_evidence(&a, 1, "/data/kafka1/logs/server.log.2016-12-19-18", "kafka1/logs/server.log.2016-12-19-18");
    fl_analysis_free(&a);
}

static void test_archive_and_top(void)
{
    const char *const names[] = {"b.tar.gz:lb-1", "b.tar.gz:lb-2", "b.tar.gz:db/pg", ""};
    fl_analysis a;
    fl_config c;
    with_sources(&a, &c, names, 4);
    CHECK_STR(a.sources[0].label, "lb-1");
    CHECK_STR(a.sources[2].label, "db/pg");
    CHECK_STR(a.sources[3].label, "(top)");
    check_evidence(&a, 0, "b.tar.gz:lb-1/access.log", "lb-1/access.log");
    check_evidence(&a, 2, "b.tar.gz:db/pg/postgresql.log", "pg/postgresql.log");
    fl_analysis_free(&a);
}

/* One source keeps its last component; a name that ends another's needs it all. */
static void test_lone_and_nested(void)
{
    const char *const one[] = {"/var/log/nginx"};
    fl_analysis a;
    fl_config c;
    with_sources(&a, &c, one, 1);
    CHECK_STR(a.sources[0].label, "nginx");
    check_evidence(&a, 0, "/var/log/nginx/access.log", "nginx/access.log");
    fl_analysis_free(&a);
    const char *const two[] = {"logs", "old/logs"};
    with_sources(&a, &c, two, 2);
    CHECK_STR(a.sources[0].label, "logs");
    CHECK_STR(a.sources[1].label, "old/logs");
    check_evidence(&a, 0, "logs/app.log", "logs/app.log");
    check_evidence(&a, 1, "old/logs/app.log", "old/logs/app.log");
    fl_analysis_free(&a);
}

/* A directory beside standard input (a source without a name): nothing is shared. */
static void test_beside_stdin(void)
{
    const char *const names[] = {"/tmp/work", ""};
    fl_analysis a;
    fl_config c;
    with_sources(&a, &c, names, 2);
    CHECK_STR(a.sources[0].label, "tmp/work");
    CHECK_STR(a.sources[1].label, "(top)");
    check_evidence(&a, 0, "/tmp/work/other.log", "work/other.log");
    fl_analysis_free(&a);
}

int main(void)
{
    test_brokers();
    test_archive_and_top();
    test_lone_and_nested();
    test_beside_stdin();
    return fl_test_result("test_sources");
}
