/* client.c: User-Agent classes (see client.h). Product tokens as the clients send
 * them (RFC 9110 section 10.1.5: product/version, comments in parentheses); the
 * prefixes are those of the tools' default agents. */
#include "analysis/client.h"

#include <stdint.h>
#include <string.h>

/* s[0..n) contains w (w non-empty). */
static int contains(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    for (const char *p = s, *end = s + n; (size_t)(end - p) >= wn;) {
        const char *c = memchr(p, w[0], (size_t)(end - p) - wn + 1);
        if (!c)
            return 0;
        if (memcmp(c, w, wn) == 0)
            return 1;
        p = c + 1;
    }
    return 0;
}

/* Bytes of the separator at s[i]: a space, IIS's '+' or CloudFront's "%20"; 0 if none. */
static size_t separator(const char *s, size_t n, size_t i)
{
    if (i < n && (s[i] == ' ' || s[i] == '+'))
        return 1;
    return i + 2 < n && s[i] == '%' && s[i + 1] == '2' && s[i + 2] == '0' ? 3 : 0;
}

static int monitor_words(const char *s, size_t n)
{
    return contains(s, n, "Uptime") || contains(s, n, "uptime") || contains(s, n, "Pingdom") ||
           contains(s, n, "StatusCake") || contains(s, n, "Site24x7") ||
           contains(s, n, "HealthCheck") || contains(s, n, "Health-Check") ||
           contains(s, n, "monitor") || contains(s, n, "Monitor");
}

static int bot_words(const char *s, size_t n)
{
    return contains(s, n, "bot") || contains(s, n, "Bot") || contains(s, n, "BOT") ||
           contains(s, n, "spider") || contains(s, n, "Spider") || contains(s, n, "crawl") ||
           contains(s, n, "Crawl") || contains(s, n, "compatible");
}

/* p[0..m) starts with lit (a literal): inline compares, no library call. */
#define IS(p, m, lit) ((m) >= sizeof lit - 1 && memcmp((p), lit, sizeof lit - 1) == 0)

/* The product after "compatible; " (crawlers, uptime monitors, IE up to 10). */
static fl_client_class compatible_product(const char *p, size_t m)
{
    switch (m ? p[0] : 0) {
    case 'M': return IS(p, m, "MSIE") ? FL_CLIENT_BROWSER : FL_CLIENT_BOT;
    case 'K': return IS(p, m, "Konqueror") ? FL_CLIENT_BROWSER : FL_CLIENT_BOT;
    case 'U': return IS(p, m, "Uptime") ? FL_CLIENT_MONITOR : FL_CLIENT_BOT;
    case 'P': return IS(p, m, "Pingdom") ? FL_CLIENT_MONITOR : FL_CLIENT_BOT;
    case 'S': return IS(p, m, "StatusCake") || IS(p, m, "Site24x7") ? FL_CLIENT_MONITOR : FL_CLIENT_BOT;
    case 'B': return IS(p, m, "Better Uptime") ? FL_CLIENT_MONITOR : FL_CLIENT_BOT;
    case 'D': return IS(p, m, "Datadog") ? FL_CLIENT_MONITOR : FL_CLIENT_BOT;
    default: return FL_CLIENT_BOT;
    }
}

/* "compatible;" at p (11 bytes available): two overlapping 8-byte compares. */
static int is_compatible(const char *p)
{
    uint64_t a, b, x, y;
    memcpy(&a, p, 8);
    memcpy(&b, p + 3, 8);
    static const char word[] = "compatible;";
    memcpy(&x, word, 8);
    memcpy(&y, &word[3], 8);
    return ((a ^ x) | (b ^ y)) == 0;
}

/* "Mozilla/x.y (platform) engine product": a browser, unless the comment says
 * "compatible; Name" (crawlers, uptime monitors and IE up to 10), the platform
 * comment is missing ("Mozilla/5.0 AppleWebKit/... (KHTML, like Gecko; compatible;
 * GPTBot/1.0"), or a crawler's comment is appended at the end (Googlebot smartphone,
 * Bytespider): browsers end with a product token, not ')'. */
static fl_client_class mozilla(const char *ua, size_t n)
{
    size_t i = 11; /* "Mozilla/5.0" */
    if (!(n > 12 && (ua[11] == ' ' || ua[11] == '+'))) { /* another version or separator */
        for (i = 8; i < n && i < 16 && ua[i] != ' ' && ua[i] != '+' && ua[i] != '%'; i++)
            ;
    }
    size_t sep = separator(ua, n, i);
    if (!sep)
        return FL_CLIENT_BROWSER; /* "Mozilla/5.0" alone */
    i += sep;
    if (i >= n || ua[i] != '(')
        return bot_words(ua + i, n - i) ? FL_CLIENT_BOT : FL_CLIENT_BROWSER;
    i++;
    if (n - i >= 11 && is_compatible(ua + i)) {
        i += 11;
        i += separator(ua, n, i);
        return compatible_product(ua + i, n - i);
    }
    if (ua[n - 1] == ')') { /* the last comment: "(compatible; Googlebot/2.1; +http://...)" */
        size_t at = n - 1;
        while (at > i && ua[at] != '(')
            at--;
        const char *p = ua + at;
        size_t m = n - at;
        if (monitor_words(p, m))
            return FL_CLIENT_MONITOR;
        if (bot_words(p, m))
            return FL_CLIENT_BOT;
    }
    return FL_CLIENT_BROWSER;
}

/* Agents outside the prefix table: words anywhere in them. */
static fl_client_class by_words(const char *ua, size_t n)
{
    if (monitor_words(ua, n) || contains(ua, n, "probe"))
        return FL_CLIENT_MONITOR;
    if (bot_words(ua, n))
        return FL_CLIENT_BOT;
    if (contains(ua, n, "CFNetwork") || contains(ua, n, "Darwin/") || contains(ua, n, "Android") ||
        contains(ua, n, "iOS") || contains(ua, n, "iPhone") || contains(ua, n, "iPad"))
        return FL_CLIENT_MOBILE_APP; /* "MyApp/3.2 (iPhone; iOS 16.0; Scale/3.00)" */
    return FL_CLIENT_OTHER;
}

/* One prefix compare: constant lengths, so the compiler inlines the memcmp. */
#define P(lit, cls)             \
    do {                        \
        if (IS(ua, n, lit))     \
            return cls;         \
    } while (0)

fl_client_class fl_client_classify(const char *ua, size_t n)
{
    const fl_client_class B = FL_CLIENT_BOT, S = FL_CLIENT_SCRIPT, M = FL_CLIENT_MONITOR,
                          A = FL_CLIENT_MOBILE_APP;
    if (n == 0 || (n == 1 && ua[0] == '-'))
        return FL_CLIENT_UNKNOWN;
    switch (ua[0]) {
    case 'M':
        if (IS(ua, n, "Mozilla/"))
            return mozilla(ua, n);
        break;
    case 'A':
        P("Apache-HttpClient/", S); P("ApacheBench/", S); P("Amazon-Route53-Health-Check", M);
        P("Alamofire/", A); P("AhrefsBot", B); P("Applebot", B);
        break;
    case 'B': P("Blackbox Exporter/", M); P("Better Uptime", M); P("Baiduspider", B); P("Bytespider", B); break;
    case 'C': P("Consul Health Check", M); P("CFNetwork/", A); break;
    case 'D': P("Dalvik/", A); P("Dart/", A); P("DuckDuckBot", B); P("Discordbot", B); P("Datadog", M); break;
    case 'E': P("ELB-HealthChecker/", M); P("Envoy/HC", M); break;
    case 'G': P("Go-http-client/", S); P("GoogleHC/", M); P("Googlebot", B); P("GuzzleHttp/", S); P("GPTBot", B); break;
    case 'H': P("HTTPie/", S); break;
    case 'J': P("Java/", S); P("Jakarta Commons-HttpClient/", S); break;
    case 'L': P("LinkedInBot/", B); break;
    case 'N': P("NewRelicPinger/", M); break;
    case 'O': P("Opera/", FL_CLIENT_BROWSER); break;
    case 'P':
        P("PostmanRuntime/", S); P("Python-urllib/", S); P("PHP", S); P("Pingdom", M); P("Prometheus/", M);
        break;
    case 'R': P("Ruby", S); break;
    case 'S': P("StatusCake", M); P("Site24x7", M); P("Slackbot", B); P("Scrapy/", B); break;
    case 'T': P("Twitterbot/", B); P("TelegramBot", B); break;
    case 'U': P("UptimeRobot/", M); P("Uptime-Kuma/", M); break;
    case 'W': P("Wget/", S); P("WhatsApp/", B); break;
    case 'Y': P("YandexBot/", B); break;
    case 'Z': P("Zabbix", M); break;
    case 'a': P("axios/", S); P("aiohttp/", S); break;
    case 'b': P("bingbot/", B); break;
    case 'c': P("curl/", S); P("check_http/", M); break;
    case 'f': P("facebookexternalhit/", B); break;
    case 'h': P("hey/", S); break;
    case 'k': P("kube-probe/", M); P("k6/", S); break;
    case 'l': P("libwww-perl/", S); P("libcurl/", S); break;
    case 'n': P("node-fetch/", S); P("node", S); break;
    case 'o': P("okhttp/", S); break;
    case 'p': P("python-requests/", S); P("python-httpx/", S); P("python-urllib3/", S); break;
    case 'r': P("reqwest/", S); break;
    case 'u': P("undici", S); break;
    case 'w': P("wrk", S); break;
    default: break;
    }
    return by_words(ua, n);
}

#undef P
#undef IS

const char *fl_client_key(fl_client_class c)
{
    static const char *const keys[FL_CLIENT_N] = {"unknown", "browser", "mobile_app", "bot",
                                                  "script", "health_check", "other"};
    return (unsigned)c < FL_CLIENT_N ? keys[c] : "unknown";
}

const char *fl_client_label(fl_client_class c)
{
    static const char *const labels[FL_CLIENT_N] = {
        "no user agent", "browsers", "mobile apps", "bots/crawlers", "scripts/CLI tools",
        "health checks/monitoring", "other agents"};
    return (unsigned)c < FL_CLIENT_N ? labels[c] : "no user agent";
}
