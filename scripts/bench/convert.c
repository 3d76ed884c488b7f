/* convert.c: benchmark data for scripts/bench.sh: rewrites the Combined log lines of
 * fl-loggen (standard input) as JSON lines (nginx log_format escape=json with
 * $time_iso8601) or as AWS ALB access log lines (standard output), keeping each
 * request's time, client, request, status and size, so faultline's per-minute counts
 * must come out the same for all three files.
 *   convert json|alb < combined.log > out.log
 * Quoted Combined fields keep their \" and \\ escapes, which JSON and ALB read alike.
 * Lines that are not Combined are dropped (fl-loggen writes none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct field {
    const char *p;
    size_t n;
} field;

typedef struct combined {
    field host, user, time, request, status, bytes, referer, agent;
} combined;

/* Unquoted field ending at ' ' from *s; moves *s past the space. */
static int word(const char **s, const char *end, field *f)
{
    const char *sp = memchr(*s, ' ', (size_t)(end - *s));
    if (!sp)
        sp = end;
    f->p = *s;
    f->n = (size_t)(sp - *s);
    *s = sp < end ? sp + 1 : end;
    return f->n > 0;
}

/* Field between open and close at *s ("..." with backslash escapes, or [...]). */
static int delimited(const char **s, const char *end, char open, char close, field *f)
{
    const char *p = *s;
    if (p >= end || *p != open)
        return 0;
    for (p++; p < end && *p != close; p++)
        if (*p == '\\' && close == '"')
            p++;
    if (p >= end)
        return 0;
    f->p = *s + 1;
    f->n = (size_t)(p - *s - 1);
    *s = p + 1 < end ? p + 2 : end;
    return 1;
}

static int parse(const char *s, size_t len, combined *c)
{
    const char *end = s + len;
    field ident;
    return word(&s, end, &c->host) && word(&s, end, &ident) && word(&s, end, &c->user) &&
           delimited(&s, end, '[', ']', &c->time) && delimited(&s, end, '"', '"', &c->request) &&
           word(&s, end, &c->status) && word(&s, end, &c->bytes) &&
           delimited(&s, end, '"', '"', &c->referer) && delimited(&s, end, '"', '"', &c->agent);
}

static int month(const char *m)
{
    static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (int i = 0; i < 12; i++)
        if (memcmp(names + 3 * i, m, 3) == 0)
            return i + 1;
    return 0;
}

/* "23/Nov/2026:00:00:00 +0000" -> "2026-11-23T00:00:00" and "+00:00". */
static int iso_time(const field *t, char *date, char *zone)
{
    if (t->n != 26)
        return 0;
    const char *s = t->p;
    snprintf(date, 20, "%.4s-%02d-%.2sT%.8s", s + 7, month(s + 3), s, s + 12);
    snprintf(zone, 7, "%c%.2s:%.2s", s[21], s + 22, s + 24);
    return 1;
}

/* A cheap deterministic "random" number from the line's own bytes. */
static unsigned mix(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void put(const field *f) { fwrite(f->p, 1, f->n, stdout); }

static void json_line(const combined *c, const char *date, const char *zone, unsigned h)
{
    fputs("{\"time_iso8601\":\"", stdout);
    fputs(date, stdout);
    fputs(zone, stdout);
    fputs("\",\"remote_addr\":\"", stdout);
    put(&c->host);
    fputs("\",\"remote_user\":\"", stdout);
    if (!(c->user.n == 1 && c->user.p[0] == '-'))
        put(&c->user);
    fputs("\",\"request\":\"", stdout);
    put(&c->request);
    fputs("\",\"status\":", stdout);
    put(&c->status);
    fputs(",\"body_bytes_sent\":", stdout);
    if (c->bytes.n == 1 && c->bytes.p[0] == '-')
        fputs("0", stdout);
    else
        put(&c->bytes);
    printf(",\"request_time\":0.%03u,\"http_referer\":\"", h % 1000);
    if (!(c->referer.n == 1 && c->referer.p[0] == '-'))
        put(&c->referer);
    fputs("\",\"http_user_agent\":\"", stdout);
    put(&c->agent);
    fputs("\"}\n", stdout);
}

static void alb_line(const combined *c, const char *date, unsigned h)
{
    /* UTC only: fl-loggen's benchmark data is written at +00:00. */
    const char *sp1 = memchr(c->request.p, ' ', c->request.n);
    int v6 = memchr(c->host.p, ':', c->host.n) != NULL;
    printf("%s %s.%06uZ app/shop-lb/50dc6c495c0c9188 %s%.*s%s:%u 10.0.%u.%u:8080 0.000 0.%03u 0.000 ",
           h & 1 ? "https" : "http", date, h % 1000000, v6 ? "[" : "", (int)c->host.n, c->host.p,
           v6 ? "]" : "", 1024 + h % 60000, h >> 8 & 15, h >> 12 & 255, h % 1000);
    put(&c->status);
    fputc(' ', stdout);
    put(&c->status);
    printf(" %u ", 200 + (h >> 4) % 500);
    if (c->bytes.n == 1 && c->bytes.p[0] == '-')
        fputs("0", stdout);
    else
        put(&c->bytes);
    fputs(" \"", stdout);
    if (sp1) { /* "GET /x HTTP/1.1" -> "GET https://shop.example.com:443/x HTTP/1.1" */
        fwrite(c->request.p, 1, (size_t)(sp1 - c->request.p) + 1, stdout);
        fputs(h & 1 ? "https://shop.example.com:443" : "http://shop.example.com:80", stdout);
        fwrite(sp1 + 1, 1, c->request.n - (size_t)(sp1 - c->request.p) - 1, stdout);
    } else {
        put(&c->request);
    }
    fputs("\" \"", stdout);
    put(&c->agent);
    printf("\" %s arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/73e2d6bc24d8a067"
           " \"Root=1-58337262-%08x%016x\" \"shop.example.com\" \"-\" 0 %s.%06uZ \"forward\" \"-\" \"-\""
           " \"10.0.%u.%u:8080\" \"",
           h & 1 ? "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2" : "- -", h, h * 2654435761u, date,
           h % 1000000, h >> 8 & 15, h >> 12 & 255);
    put(&c->status);
    fputs("\" \"-\" \"-\"\n", stdout);
}

int main(int argc, char **argv)
{
    int json = argc == 2 && strcmp(argv[1], "json") == 0;
    if (argc != 2 || (!json && strcmp(argv[1], "alb") != 0)) {
        fprintf(stderr, "usage: convert json|alb < combined.log > out.log\n");
        return 2;
    }
    static char out[1 << 20];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        combined c;
        char date[20], zone[8];
        if (line[n - 1] == '\n')
            n--;
        if (!parse(line, (size_t)n, &c) || !iso_time(&c.time, date, zone))
            continue;
        unsigned h = mix(line, (size_t)n);
        if (json)
            json_line(&c, date, zone, h);
        else
            alb_line(&c, date, h);
    }
    free(line);
    return fflush(stdout) == 0 ? 0 : 1;
}
