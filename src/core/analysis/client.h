/* client.h: client classes by User-Agent, a small fixed set (browser, mobile app,
 * bot/crawler, script/CLI tool, health check/monitoring, other, unknown), so the
 * report can tell whether an outage hit one kind of client (the mobile app, the
 * partner's scripts) or spared one. A heuristic on the agent's product tokens: the
 * first bytes decide for nearly all agents (one switch on the first byte, then a
 * few prefix compares); agents that look like a browser have their end looked at
 * (crawlers such as Googlebot's smartphone agent append "(compatible; Googlebot/2.1;
 * +http...)"), and only agents outside the prefix table are searched for words
 * ("bot", "CFNetwork"). The analysis classifies every failed request and a sample
 * of the others (finding the agent of a Combined line costs a scan of its longest
 * field, too much for every line). */
#ifndef FL_CLIENT_H
#define FL_CLIENT_H

#include <stddef.h>

typedef enum fl_client_class {
    FL_CLIENT_UNKNOWN = 0, /* no user agent logged ("-", empty, or the format has none) */
    FL_CLIENT_BROWSER,     /* Mozilla/..., Opera/... desktop and mobile browsers */
    FL_CLIENT_MOBILE_APP,  /* native app HTTP stacks: Dalvik, CFNetwork/Darwin, Dart, Alamofire */
    FL_CLIENT_BOT,         /* crawlers and link previewers: Googlebot, bingbot, facebookexternalhit */
    FL_CLIENT_SCRIPT,      /* HTTP libraries and CLI tools: curl, python-requests, Go-http-client, okhttp */
    FL_CLIENT_MONITOR,     /* health checks and uptime monitors: ELB-HealthChecker, kube-probe, Pingdom */
    FL_CLIENT_OTHER,       /* an agent that none of the rules recognised */
    FL_CLIENT_N
} fl_client_class;

/* The class of a User-Agent value ua[0..n) as logged (IIS's '+' for spaces and
 * CloudFront's "%20" are fine: only words are compared). */
fl_client_class fl_client_classify(const char *ua, size_t n);

/* Stable key for report.json ("browser", "mobile_app", "bot", "script",
 * "health_check", "other", "unknown"). */
const char *fl_client_key(fl_client_class c);

/* Words for the timeline ("browsers", "scripts/CLI tools" ...). */
const char *fl_client_label(fl_client_class c);

#endif
