/* test_miner.c: the template miner: masking, grouping accuracy on lines generated
 * from known templates (the truth is the generator's template), the same templates
 * for a shuffled stream and for two halves merged, the template cap and its other
 * count, and matching without change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "match/miner.h"

static uint64_t rng_state = 42;

static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

/* Known kinds: %d number, %h hex, %i IP:port, %u UUID, %p path, %w a word from a small
 * set (a variable without digits), %q quoted value, %s duration. */
static const char *const kinds[] = {
    "Connection refused: %i",
    "Failed password for %w from %i port %d ssh2",
    "Accepted publickey for %w from %i port %d ssh2",
    "Received block blk_%d of size %d from /%i",
    "PacketResponder %d for block blk_%d terminating",
    "Deleting block blk_%d file %p",
    "mod_jk child workerEnv in error state %d",
    "jk2_init() Found child %d in scoreboard slot %d",
    "ERROR IN CONTACTING RM",
    "Failed to acquire lease for shard %d from coordinator %i: session expired",
    "request %u completed in %s",
    "GC pause (G1 Evacuation Pause) %s",
    "user %q logged in",
    "Table %q doesn't exist",
    "session opened for user %w by (uid=%d)",
    "Starting checkpoint %d at offset %h",
    "Stopping service",
    "Broker %d is now the controller for partition topic-%d",
    "disk usage %d%% above threshold on %p",
    "heartbeat from node-%d late by %s",
    "Could not open file %p: permission denied",
    "cache miss ratio %d.%d over last %d requests",
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

static int gen_line(char *out, size_t cap, size_t kind)
{
    static const char *const words[] = {"root", "admin", "alice", "bob", "deploy", "oracle", "git"};
    size_t o = 0;
    for (const char *f = kinds[kind]; *f && o + 64 < cap; f++) {
        if (*f != '%') {
            out[o++] = *f;
            continue;
        }
        switch (*++f) {
        case 'd': o += (size_t)snprintf(out + o, cap - o, "%u", rnd() % 100000); break;
        case 'h': o += (size_t)snprintf(out + o, cap - o, "0x%08x", rnd()); break;
        case 'i': o += (size_t)snprintf(out + o, cap - o, "10.%u.%u.%u:%u", rnd() % 256, rnd() % 256, rnd() % 256, rnd() % 65536); break;
        case 'u': o += (size_t)snprintf(out + o, cap - o, "%08x-%04x-4%03x-8%03x-%08x%04x", rnd(), rnd() & 0xffff, rnd() & 0xfff, rnd() & 0xfff, rnd(), rnd() & 0xffff); break;
        case 'p': o += (size_t)snprintf(out + o, cap - o, "/data/vol%u/part-%u.log", rnd() % 9, rnd() % 999); break;
        case 'w': o += (size_t)snprintf(out + o, cap - o, "%s", words[rnd() % 7]); break;
        case 'q': o += (size_t)snprintf(out + o, cap - o, "'%s_tbl'", words[rnd() % 7]); break;
        case 's': o += (size_t)snprintf(out + o, cap - o, "%u.%ums", rnd() % 900, rnd() % 100); break;
        case '%': out[o++] = '%'; break;
        }
    }
    out[o] = 0;
    return (int)o;
}

static void test_masking(void)
{
    fl_miner *m = fl_miner_new(0);
    uint32_t s;
    int ev;
    const char *line = "conn 10.1.2.3:5432 id=0xdeadbeef uuid 123e4567-e89b-12d3-a456-426614174000 "
                       "took 12ms file /var/log/app-1.log user \"bob smith\" ok\n\tat Foo.bar(Foo.java:12)";
    CHECK(fl_miner_add(m, line, strlen(line), &s, &ev) == FL_OK);
    CHECK_STR(fl_miner_text(m, s),
              "conn <*> id=<*> uuid <*> took <*> file <*> user \"<*>\" ok");
    /* The same text again is the same template, with the same id in a new miner. */
    const char *t = fl_miner_text(m, s);
    fl_miner *m2 = fl_miner_new(0);
    uint32_t s2;
    CHECK(fl_miner_add_template(m2, t, strlen(t), 3, &s2, &ev) == FL_OK);
    CHECK_STR(fl_miner_text(m2, s2), t);
    CHECK(fl_miner_id(m, s) == fl_miner_id(m2, s2));
    CHECK_INT(fl_miner_count(m2, s2), 3);
    fl_miner_free(m);
    fl_miner_free(m2);
}

/* The template of msg mined alone (a static buffer). */
static const char *template_of(const char *msg)
{
    static char out[FL_MINER_TEXT + 256];
    fl_miner *m = fl_miner_new(0);
    uint32_t s;
    int ev;
    CHECK(fl_miner_add(m, msg, strlen(msg), &s, &ev) == FL_OK);
    snprintf(out, sizeof out, "%s", fl_miner_text(m, s));
    fl_miner_free(m);
    return out;
}

/* Whether a and b mined in this order end in one template. */
static int joined(const char *a, const char *b)
{
    fl_miner *m = fl_miner_new(0);
    uint32_t sa, sb;
    int ev;
    CHECK(fl_miner_add(m, a, strlen(a), &sa, &ev) == FL_OK);
    CHECK(fl_miner_add(m, b, strlen(b), &sb, &ev) == FL_OK);
    fl_miner_free(m);
    return sa == sb;
}

/* The value rules of the masking, each with examples and counter-examples. */
static void test_value_rules(void)
{
    /* Several values punctuated into one token are one value; one value keeps the
     * punctuation around it, and a key keeps its name. */
    CHECK_STR(template_of("from 10.0.0.1:8080 and 10.0.0.1,10.0.0.2 at 12:30:01"), "from <*> and <*> at <*>");
    CHECK_STR(template_of("slot (42), uid=0 port:80 [7]"), "slot (<*>), uid=<*> port:<*> [<*>]");
    /* A unit after a value is part of it; a word after a value, or a unit after a
     * word, is not. */
    CHECK_STR(template_of("took 12 ms, size 5.4 KB, free 16.0 B, 3 bytes"), "took <*> size <*> free <*> <*>");
    CHECK_STR(template_of("sent 4 items in ms mode"), "sent <*> items in ms mode");
    /* A template's text is its own template: a "<*>" in it is text, so a word after
     * a generalised position stays ("mode fast h" and "mode slow h"). */
    CHECK_STR(template_of("mode <*> h"), "mode <*> h");
    /* A parenthesised value (with a unit or none) followed by a space is left out, so
     * the messages with and without it are one kind; other parentheses stay. */
    CHECK_STR(template_of("close, 1481 bytes (1.44 KB) sent, 9 bytes received"), "close, <*> sent, <*> received");
    CHECK_STR(template_of("store 17159600 (0x105d5b0) initialized"), "store <*> initialized");
    CHECK_STR(template_of("running task (TID 12) now (pid 3)x (uid=0) end"), "running task (TID <*>) now (pid <*>)x (uid=<*>) end");
    CHECK(joined("close, 1481 bytes (1.44 KB) sent, 1804 bytes (1.76 KB) received, lifetime 00:32",
                 "close, 453 bytes sent, 352 bytes received, lifetime 00:02"));
    /* Similarity: one differing word joins a short message; two differing words of
     * six do not; two of ten do. */
    CHECK(joined("user alice started", "user bob started"));
    CHECK(!joined("attempt_1 TaskAttempt Transitioned from UNASSIGNED to ASSIGNED",
                  "attempt_2 TaskAttempt Transitioned from ASSIGNED to RUNNING"));
    CHECK(joined("user alice opened session on host alpha with shell bash",
                 "user bob opened session on host beta with shell bash"));
}

#define N_LINES 20000

/* Grouping accuracy: a line is right when the lines of its mined template are
 * exactly the lines of its true kind. */
static double accuracy(const fl_miner *m, char (*lines)[200], const size_t *truth, size_t n)
{
    size_t slots = fl_miner_slots(m);
    uint32_t *got = malloc(n * sizeof *got);
    /* kind_of[slot]: the single kind of a slot, or -1 when it mixes kinds; slot_of[kind]
     * likewise. */
    long *kind_of = malloc(slots * sizeof *kind_of), slot_of[N_KINDS];
    for (size_t s = 0; s < slots; s++)
        kind_of[s] = -2;
    for (size_t k = 0; k < N_KINDS; k++)
        slot_of[k] = -2;
    for (size_t i = 0; i < n; i++) {
        got[i] = fl_miner_match(m, lines[i], strlen(lines[i]));
        if (got[i] == FL_MINER_NONE)
            continue;
        long *a = &kind_of[got[i]], *b = &slot_of[truth[i]];
        *a = *a == -2 ? (long)truth[i] : *a == (long)truth[i] ? *a : -1;
        *b = *b == -2 ? (long)got[i] : *b == (long)got[i] ? *b : -1;
    }
    size_t right = 0;
    for (size_t i = 0; i < n; i++)
        right += got[i] != FL_MINER_NONE && kind_of[got[i]] == (long)truth[i] && slot_of[truth[i]] == (long)got[i];
    free(got);
    free(kind_of);
    return (double)right / (double)n;
}

static char (*lines)[200];
static size_t truth[N_LINES];

static void make_lines(void)
{
    lines = malloc(N_LINES * sizeof *lines);
    for (size_t i = 0; i < N_LINES; i++) {
        truth[i] = rnd() % N_KINDS;
        gen_line(lines[i], sizeof lines[i], truth[i]);
    }
}

static fl_miner *mine(size_t from, size_t to, const size_t *order)
{
    fl_miner *m = fl_miner_new(0);
    uint32_t s;
    int ev;
    for (size_t i = from; i < to; i++) {
        const char *l = lines[order ? order[i] : i];
        CHECK(fl_miner_add(m, l, strlen(l), &s, &ev) == FL_OK);
    }
    return m;
}

/* The sorted texts of m's templates with their counts, one per line. */
static char *dump(const fl_miner *m)
{
    size_t n = fl_miner_slots(m), k = 0, len = 0;
    char **t = malloc((n + 1) * sizeof *t);
    for (uint32_t s = 0; s < n; s++)
        if (fl_miner_count(m, s)) {
            t[k] = malloc(strlen(fl_miner_text(m, s)) + 32);
            sprintf(t[k], "%llu %s\n", (unsigned long long)fl_miner_count(m, s), fl_miner_text(m, s));
            len += strlen(t[k++]);
        }
    for (size_t i = 1; i < k; i++) /* insertion sort: a few dozen */
        for (size_t j = i; j > 0 && strcmp(t[j - 1], t[j]) > 0; j--) {
            char *x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    char *out = calloc(len + 1, 1);
    for (size_t i = 0; i < k; i++) {
        strcat(out, t[i]);
        free(t[i]);
    }
    free(t);
    return out;
}

static void test_accuracy_and_merge(void)
{
    make_lines();
    fl_miner *whole = mine(0, N_LINES, NULL);
    uint32_t *map = malloc(fl_miner_slots(whole) * sizeof *map);
    CHECK(fl_miner_canonical(&whole, map) == FL_OK);
    free(map);
    double acc = accuracy(whole, lines, truth, N_LINES);
    fprintf(stderr, "grouping accuracy on %zu generated lines of %zu kinds: %.4f\n", (size_t)N_LINES,
            N_KINDS, acc);
    CHECK(acc >= 0.90);

    /* A shuffled stream, and its two halves mined apart and merged (in both orders). */
    size_t *order = malloc(N_LINES * sizeof *order);
    for (size_t i = 0; i < N_LINES; i++)
        order[i] = i;
    for (size_t i = N_LINES - 1; i > 0; i--) {
        size_t j = rnd() % (i + 1), x = order[i];
        order[i] = order[j];
        order[j] = x;
    }
    fl_miner *shuf = mine(0, N_LINES, order);
    map = malloc(fl_miner_slots(shuf) * sizeof *map);
    CHECK(fl_miner_canonical(&shuf, map) == FL_OK);
    free(map);
    fl_miner *h[2] = {mine(0, N_LINES / 2, order), mine(N_LINES / 2, N_LINES, order)};
    char *want = dump(whole), *got_shuf = dump(shuf);
    CHECK_STR(got_shuf, want);
    for (int flip = 0; flip < 2; flip++) {
        const fl_miner *parts[2] = {h[flip], h[!flip]};
        uint32_t *maps[2] = {malloc(fl_miner_slots(parts[0]) * sizeof **maps),
                             malloc(fl_miner_slots(parts[1]) * sizeof **maps)};
        fl_miner *merged = fl_miner_new(0);
        CHECK(fl_miner_merge(merged, parts, 2, maps) == FL_OK);
        /* Every part's template maps to a merged template that counts it. */
        for (int p = 0; p < 2; p++)
            for (uint32_t s = 0; s < fl_miner_slots(parts[p]); s++)
                if (fl_miner_count(parts[p], s))
                    CHECK(fl_miner_count(merged, maps[p][s]) >= fl_miner_count(parts[p], s));
        char *got = dump(merged);
        CHECK_STR(got, want);
        free(got);
        free(maps[0]);
        free(maps[1]);
        fl_miner_free(merged);
    }
    free(want);
    free(got_shuf);
    fl_miner_free(h[0]);
    fl_miner_free(h[1]);
    fl_miner_free(shuf);
    fl_miner_free(whole);
    free(order);
}

/* The cap holds: distinct messages beyond it fold the least seen into other. */
static void test_cap(void)
{
    fl_miner *m = fl_miner_new(8);
    uint32_t s;
    int ev, evictions = 0;
    char buf[64];
    for (int rep = 0; rep < 5; rep++) /* a frequent kind */
        fl_miner_add(m, "frequent kind here", 18, &s, &ev);
    static const char *const w[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
                                    "golf", "hotel", "india", "juliet", "kilo", "lima"};
    for (int i = 0; i < 12; i++) {
        int n = snprintf(buf, sizeof buf, "%s", w[i]); /* one-token kinds never merge */
        CHECK(fl_miner_add(m, buf, (size_t)n, &s, &ev) == FL_OK);
        evictions += ev;
    }
    CHECK_INT(fl_miner_slots(m), 8);
    CHECK_INT(evictions, 5);
    CHECK_INT(fl_miner_other(m), 5);
    uint64_t total = fl_miner_other(m);
    for (uint32_t i = 0; i < fl_miner_slots(m); i++)
        total += fl_miner_count(m, i);
    CHECK_INT(total, 17);
    CHECK(fl_miner_match(m, "frequent kind here", 18) != FL_MINER_NONE);
    unsigned char dropped[8];
    fl_miner_prune(m, 3, dropped);
    total = fl_miner_other(m);
    int kept = 0;
    for (uint32_t i = 0; i < fl_miner_slots(m); i++) {
        total += fl_miner_count(m, i);
        kept += fl_miner_count(m, i) > 0;
    }
    CHECK_INT(kept, 3);
    CHECK_INT(total, 17);
    CHECK_STR(fl_miner_text(m, fl_miner_match(m, "frequent kind here", 18)), "frequent kind here");
    fl_miner_free(m);
}

/* A leading token holding a value routes as one (hosts with ports); a line still
 * finds the template it joined after that template gained wildcards. */
static void test_routing_and_fit(void)
{
    CHECK(joined("proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS",
                 "cdn.example.org:443 open through proxy proxy.example.com:5070 HTTPS"));
    /* A template that gained wildcards after its lines joined (here given as text,
     * as a merge re-inserts it): its lines still fit it, though fewer than
     * FL_MINER_SIM of their positions agree with its words. */
    static const char *const conn[] = {
        "connection from 10.0.0.1 (host-a.example.net) at Fri Jun 17 07:07:00 2005",
        "connection from 10.0.0.2 () at Sat Jun 18 07:07:01 2005",
    };
    static const char text[] = "connection from <*> <*> at <*> <*> <*> <*> <*>";
    fl_miner *m = fl_miner_new(0);
    uint32_t slot;
    int ev;
    CHECK_INT(fl_miner_add_template(m, text, strlen(text), 2, &slot, &ev), FL_OK);
    for (size_t i = 0; i < 2; i++)
        CHECK_INT(fl_miner_match(m, conn[i], strlen(conn[i])), slot);
    CHECK_INT(fl_miner_match(m, "connection to 10.0.0.3 () at Sat Jul 18 07:07:01 2005", 54), FL_MINER_NONE);
    fl_miner_free(m);
}

/* A log4j thread and logger, or a logger and request context, are left out of the
 * message; a tag alone stays. */
static void test_preamble(void)
{
    CHECK_STR(template_of("[IPC Server handler 5 on 62270] org.apache.hadoop.mapred.TaskAttemptListenerImpl: "
                          "Progress of TaskAttempt attempt_1 is : 0.5"),
              "Progress of TaskAttempt <*> is : <*>");
    CHECK_STR(template_of("nova.osapi_compute.wsgi.server [req-38101a0b 113d3a99 - - -] 10.11.10.1 listed"),
              "<*> listed");
    CHECK_STR(template_of("[pool] Connection refused: db-1:5432"), "[pool] Connection refused: <*>");
    CHECK_STR(template_of("[main] starting"), "[main] starting");
    CHECK_STR(template_of("[a] org.x.Y: "), "[a] org.x.Y:");
    CHECK(joined("[AsyncDispatcher event handler] org.apache.hadoop.yarn.util.RackResolver: Resolved h1 to /rack",
                 "[RMCommunicator Allocator] org.apache.hadoop.yarn.util.RackResolver: Resolved h2 to /rack"));
    CHECK(joined("QQ.exe - 10.0.0.1:80 error : canceled", "Skype.exe - 10.0.0.2:80 error : canceled"));
}

/* One differing word: a place holding at most FL_MINER_WORDS distinct words keeps
 * them as kinds; one more makes it a variable, and the next merge (canonical form)
 * folds the kinds into it, whatever the order. */
static void test_word_kinds(void)
{
    static const char *const words[] = {"spawned", "destroyed", "paused", "resumed", "rebuilt", "shelved"};
    char msg[64];
    CHECK(!joined("Instance spawned successfully.", "Instance destroyed successfully."));
    CHECK(!joined("10.0.0.1 \"GET /a HTTP/1.1\" status: 200", "10.0.0.1 \"POST /a HTTP/1.1\" status: 200"));
    CHECK(joined("connect db-1.internal:5432 failed", "connect db-2.internal:5432 failed"));
    CHECK(joined("login rhost=zummit.com ok", "login rhost=10.0.0.1 ok"));
    for (size_t order = 0; order < 2; order++) {
        fl_miner *m = fl_miner_new(0);
        uint32_t s, map[16];
        int ev;
        for (size_t n = 0; n < 12; n++) {
            size_t k = order ? 5 - n % 6 : n % 6;
            snprintf(msg, sizeof msg, "Instance %s successfully.", words[n < 6 ? k % 4 : k]);
            CHECK_INT(fl_miner_add(m, msg, strlen(msg), &s, &ev), FL_OK);
        }
        CHECK(fl_miner_slots(m) <= 16);
        CHECK_INT(fl_miner_canonical(&m, map), FL_OK);
        size_t live = 0;
        for (uint32_t i = 0; i < fl_miner_slots(m); i++)
            if (fl_miner_count(m, i)) {
                live++;
                CHECK_STR(fl_miner_text(m, i), "Instance <*> successfully.");
                CHECK_INT(fl_miner_count(m, i), 12);
            }
        CHECK_INT(live, 1);
        fl_miner_free(m);
    }
    fl_miner *m = fl_miner_new(0);
    uint32_t s;
    int ev;
    for (size_t n = 0; n < 8; n++) {
        snprintf(msg, sizeof msg, "Instance %s successfully.", words[n % 4]);
        CHECK_INT(fl_miner_add(m, msg, strlen(msg), &s, &ev), FL_OK);
    }
    CHECK_INT(fl_miner_slots(m), 4);
    fl_miner_free(m);
    /* A template of one value does not absorb one-token messages that hold values
     * beside words: only word kinds fold. */
    static const char *const lone[] = {"12345", "cancelNotification,index:0", "ready=true,policy=3"};
    m = fl_miner_new(0);
    uint32_t map[4];
    for (size_t i = 0; i < 3; i++)
        CHECK_INT(fl_miner_add(m, lone[i], strlen(lone[i]), &s, &ev), FL_OK);
    CHECK_INT(fl_miner_canonical(&m, map), FL_OK);
    CHECK(map[0] != map[1] && map[1] != map[2] && map[0] != map[2]);
    CHECK_STR(fl_miner_text(m, map[1]), "cancelNotification,index:<*>");
    fl_miner_free(m);
}

/* Repeated messages (which skip routing and comparing while their template's leaf is
 * unchanged) still count once each, follow their template as it gains wildcards, and
 * start a template again once theirs was evicted. */
static void test_repeats(void)
{
    /* Enough messages for the cache of repeats to be made (after a few hundred). */
    fl_miner *m = fl_miner_new(0);
    uint32_t s, s2;
    int ev;
    for (int i = 0; i < 300; i++) {
        CHECK(fl_miner_add(m, "one two three a.b", 17, &s, &ev) == FL_OK);
        CHECK_INT(ev, 0);
    }
    CHECK_INT(fl_miner_count(m, s), 300);
    CHECK(fl_miner_add(m, "one two three c.d", 17, &s2, &ev) == FL_OK); /* a dotted name: a variable */
    CHECK_INT(s2, s);
    CHECK_STR(fl_miner_text(m, s), "one two three <*>");
    CHECK(fl_miner_add(m, "one two three a.b", 17, &s2, &ev) == FL_OK);
    CHECK_INT(s2, s);
    CHECK_INT(fl_miner_count(m, s), 302);
    fl_miner_free(m);

    m = fl_miner_new(2);
    for (int i = 0; i < 300; i++)
        fl_miner_add(m, "kept kind", 9, &s, &ev);
    fl_miner_add(m, "six", 3, &s2, &ev);
    fl_miner_add(m, "six", 3, &s2, &ev);
    CHECK_INT(ev, 0);
    CHECK_INT(fl_miner_count(m, s2), 2);
    fl_miner_add(m, "kept kind", 9, &s, &ev);
    fl_miner_add(m, "seven", 5, &s2, &ev); /* evicts "six" (2 beside 301) */
    CHECK_INT(ev, 1);
    CHECK_STR(fl_miner_text(m, s2), "seven");
    fl_miner_add(m, "six", 3, &s2, &ev); /* its template is gone: it starts one again */
    CHECK_INT(ev, 1);
    CHECK_STR(fl_miner_text(m, s2), "six");
    CHECK_INT(fl_miner_count(m, s2), 1);
    CHECK_INT(fl_miner_other(m), 3);
    CHECK(fl_miner_add(m, "kept kind", 9, &s2, &ev) == FL_OK);
    CHECK_INT(s2, s);
    CHECK_INT(fl_miner_count(m, s), 302);
    fl_miner_free(m);
}

/* Dropping the cache of repeats (an input read through) changes nothing that is
 * mined before or after it. */
static void test_drop_cache(void)
{
    static const char *const kinds[] = {"Accepted password for %d from 10.0.0.%d", "session closed for user u%d (%d)",
                                        "Worker started", "Worker stopped", "disk %d at %d%% full",
                                        "replica %d lagging by %d ms", "cache miss on key k%d shard %d",
                                        "GC pause of %d ms in gen %d"};
    fl_miner *a = fl_miner_new(0), *b = fl_miner_new(0);
    char msg[80];
    uint32_t sa, sb;
    int ev;
    for (int i = 0; i < 1000; i++) {
        int n = snprintf(msg, sizeof msg, kinds[(i * 7) % 8], i % 13, i % 251);
        CHECK(fl_miner_add(a, msg, (size_t)n, &sa, &ev) == FL_OK);
        CHECK(fl_miner_add(b, msg, (size_t)n, &sb, &ev) == FL_OK);
        CHECK_INT(sa, sb);
        if (i == 3 || i == 500) /* at 3, half the kinds are still to come: slots grow again */
            fl_miner_drop_cache(b);
    }
    CHECK_INT(fl_miner_slots(a), fl_miner_slots(b));
    for (uint32_t i = 0; i < fl_miner_slots(a); i++) {
        CHECK_INT(fl_miner_count(a, i), fl_miner_count(b, i));
        CHECK_STR(fl_miner_text(a, i), fl_miner_text(b, i));
    }
    CHECK_INT(fl_miner_slots(a), 8);
    fl_miner_free(a);
    fl_miner_free(b);
}

int main(void)
{
    test_masking();
    test_value_rules();
    test_accuracy_and_merge();
    test_cap();
    test_routing_and_fit();
    test_word_kinds();
    test_preamble();
    test_repeats();
    test_drop_cache();
    free(lines);
    return fl_test_result("miner");
}
