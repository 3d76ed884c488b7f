/* examples.c: the documented examples (see examples.h). Each command runs offline
 * in tests/cases/doc-examples against the Basdot fixture laid out as the paths here
 * name it (logs/, events.txt, app.log, my.pat, the .tar.gz), except the one that
 * needs another host. */
#include "examples.h"

static const fl_example examples[] = {
    {"An incident day: rotated and gzipped nginx logs, report in West Africa Time",
     {"faultline logs/ --tz Africa/Lagos -o incident-2022-10-12/", NULL}},
    {"Add what people did (pager, deploys) to the timeline",
     {"faultline logs/ --events events.txt -o report/", NULL}},
    {"429s count as failures too; 5-minute buckets",
     {"faultline logs/ --fail-status 5xx,429 --bucket 5m", NULL}},
    {"Straight from another host",
     {"ssh lb-1 'cat /var/log/nginx/access.log*' | faultline - -o report/", NULL}},
    {"A support bundle as it arrived: no need to unpack it",
     {"faultline logs-2026-11-23.tar.gz --tz Europe/Berlin -o report/", NULL}},
    {"One partial per host, read where the logs are, merged into one report",
     {"faultline scan -q --partial lb-1.json logs/lb-1/",
      "faultline scan -q --partial api-2.json logs/api-2/",
      "faultline merge lb-1.json api-2.json --tz Africa/Lagos -o report/", NULL}},
    {"The signature library, and which signatures fire on a log (with your own added)",
     {"faultline patterns --list", "faultline patterns --test app.log --patterns my.pat", NULL}},
};

const fl_example *fl_examples(size_t *n)
{
    *n = sizeof examples / sizeof examples[0];
    return examples;
}

void fl_examples_write(FILE *f)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        fprintf(f, "%s# %s\n", i ? "\n" : "", examples[i].what);
        for (size_t j = 0; examples[i].commands[j]; j++)
            fprintf(f, "%s\n", examples[i].commands[j]);
    }
}
