/* test_client.c: the User-Agent classifier (client.c): each class from agents as
 * the tools and crawlers send them, the suffix rule for crawlers with a browser
 * agent, IIS's '+' and CloudFront's "%20" separators, and agents of no known kind. */
#include <string.h>

#include "analysis/client.h"
#include "fl_test.h"

static fl_client_class cls(const char *ua) { return fl_client_classify(ua, strlen(ua)); }

static void test_classes(void)
{
    static const struct {
        const char *ua;
        fl_client_class want;
    } cases[] = {
        {"", FL_CLIENT_UNKNOWN},
        {"-", FL_CLIENT_UNKNOWN},
        /* browsers, desktop and mobile */
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/131.0.0.0 Safari/537.36", FL_CLIENT_BROWSER},
        {"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", FL_CLIENT_BROWSER},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
         "Gecko) Version/17.1 Mobile/15E148 Safari/604.1", FL_CLIENT_BROWSER},
        {"Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)", FL_CLIENT_BROWSER},
        {"Opera/9.80 (Windows NT 6.1; U; en) Presto/2.12.388 Version/12.16", FL_CLIENT_BROWSER},
        {"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36", FL_CLIENT_BROWSER}, /* IIS */
        {"Mozilla/5.0%20(X11;%20Linux%20x86_64;%20rv:132.0)%20Gecko/20100101%20Firefox/132.0",
         FL_CLIENT_BROWSER}, /* CloudFront */
        /* crawlers: by prefix, "compatible;", no platform comment, or a trailing comment */
        {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", FL_CLIENT_BOT},
        {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", FL_CLIENT_BOT},
        {"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
         "Gecko) Chrome/131.0.6778.139 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
         "+http://www.google.com/bot.html)", FL_CLIENT_BOT},
        {"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
         "+https://openai.com/gptbot)", FL_CLIENT_BOT},
        {"Mozilla/5.0%20(compatible;%20Baiduspider/2.0;%20+http://www.baidu.com/search/spider.html)",
         FL_CLIENT_BOT},
        {"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", FL_CLIENT_BOT},
        {"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", FL_CLIENT_BOT},
        {"Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)", FL_CLIENT_BOT},
        /* scripts and CLI tools */
        {"curl/8.5.0", FL_CLIENT_SCRIPT},
        {"python-requests/2.31.0", FL_CLIENT_SCRIPT},
        {"Go-http-client/1.1", FL_CLIENT_SCRIPT},
        {"okhttp/4.12.0", FL_CLIENT_SCRIPT},
        {"Wget/1.21.4", FL_CLIENT_SCRIPT},
        {"Apache-HttpClient/4.5.14 (Java/17.0.9)", FL_CLIENT_SCRIPT},
        {"axios/1.6.2", FL_CLIENT_SCRIPT},
        /* health checks and monitoring */
        {"ELB-HealthChecker/2.0", FL_CLIENT_MONITOR},
        {"kube-probe/1.29", FL_CLIENT_MONITOR},
        {"Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", FL_CLIENT_MONITOR},
        {"Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", FL_CLIENT_MONITOR},
        {"GoogleHC/1.0", FL_CLIENT_MONITOR},
        {"Consul Health Check", FL_CLIENT_MONITOR},
        {"Blackbox Exporter/0.24.0", FL_CLIENT_MONITOR},
        /* native mobile apps */
        {"Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UD1A.230803.041)", FL_CLIENT_MOBILE_APP},
        {"ShopApp/4.2.0 (iPhone; iOS 17.1; Scale/3.00)", FL_CLIENT_MOBILE_APP},
        {"ShopApp/1203 CFNetwork/1485 Darwin/23.1.0", FL_CLIENT_MOBILE_APP},
        {"Dart/3.2 (dart:io)", FL_CLIENT_MOBILE_APP},
        /* nothing known */
        {"AcmePartnerSync/3.1", FL_CLIENT_OTHER},
        {"Mozilla", FL_CLIENT_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fl_client_class got = cls(cases[i].ua);
        if (got != cases[i].want)
            fprintf(stderr, "  agent \"%s\": %s, expected %s\n", cases[i].ua, fl_client_key(got),
                    fl_client_key(cases[i].want));
        CHECK_INT(got, cases[i].want);
    }
}

/* A slice of a longer line: nothing past n is read into the class. */
static void test_slice(void)
{
    const char *line = "curl/8.5.0\" \"Googlebot";
    CHECK_INT(fl_client_classify(line, 10), FL_CLIENT_SCRIPT);
    const char *moz = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/132.0\" \"(compatible; bot)";
    CHECK_INT(fl_client_classify(moz, strlen("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/132.0")),
              FL_CLIENT_BROWSER);
}

static void test_names(void)
{
    CHECK_STR(fl_client_key(FL_CLIENT_MOBILE_APP), "mobile_app");
    CHECK_STR(fl_client_key(FL_CLIENT_MONITOR), "health_check");
    CHECK_STR(fl_client_key(FL_CLIENT_UNKNOWN), "unknown");
    CHECK_STR(fl_client_label(FL_CLIENT_SCRIPT), "scripts/CLI tools");
    for (int c = 0; c < FL_CLIENT_N; c++) /* every class has a key and a label */
        CHECK(fl_client_key((fl_client_class)c)[0] && fl_client_label((fl_client_class)c)[0]);
}

int main(void)
{
    test_classes();
    test_slice();
    test_names();
    return fl_test_result("test_client");
}
