#!/usr/bin/env bash
# make-upstream-fixture.sh: builds fixtures/upstream-alb, an AWS ALB log in which
# one upstream fails while the other stays healthy, and the failures all come from
# one client class. 90 minutes from 2026-11-23T10:00Z, 40 requests a minute; every
# minute holds exactly 18 browser, 10 mobile-app, 6 script and 6 health-check
# requests in a seeded shuffled order (MINSTD, integer arithmetic: the same bytes
# with any awk). Browsers, scripts and health checks go to target 10.0.1.11:8080,
# the mobile app's API to 10.0.1.12:8080. From minute 40 to 69 (10:40-11:10) that
# target is down: every mobile request fails, 502 from 10.0.1.12:8080, except every
# 10th one, which the ALB answers itself with 503 and target "-" (no healthy target).
# The known answer (expected.json) is written from these counts, as they are
# generated: 300 failures, 270 on 10.0.1.12:8080 and 30 on "(none)", all from
# mobile apps.
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/fixtures/upstream-alb
rm -rf "$dir/logs" "$dir/expected.json"
mkdir -p "$dir/logs"
awk -v out="$dir/logs/alb.log" -v truth="$dir/expected.json" 'BEGIN {
    seed = 20261123
    ua["browser"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
    ua["mobile0"] = "ShopApp/4.2.0 (iPhone; iOS 17.1; Scale/3.00)"
    ua["mobile1"] = "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UD1A.230803.041)"
    ua["script"] = "python-requests/2.31.0"
    ua["health"] = "ELB-HealthChecker/2.0"
    path["browser"] = "/shop/products/"; path["mobile"] = "/api/v2/feed?page="
    path["script"] = "/api/v1/orders/"; path["health"] = "/health"
    tail = " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-web/73e2d6bc24d8a067"
    cert = "\"shop.example.com\" \"arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 0"
    n_mobile_down = 0; failed_b = 0; failed_none = 0
    for (m = 0; m < 90; m++) {
        k = 0
        for (i = 0; i < 18; i++) cls[k++] = "browser"
        for (i = 0; i < 10; i++) cls[k++] = "mobile"
        for (i = 0; i < 6; i++) cls[k++] = "script"
        for (i = 0; i < 6; i++) cls[k++] = "health"
        for (i = 39; i > 0; i--) { j = rnd() % (i + 1); t = cls[i]; cls[i] = cls[j]; cls[j] = t }
        hh = 10 + int(m / 60); mm = m % 60
        for (k = 0; k < 40; k++) {
            c = cls[k]
            ms = k * 1500 + rnd() % 1000
            ts = sprintf("2026-11-23T%02d:%02d:%02d.%03d000Z", hh, mm, int(ms / 1000), ms % 1000)
            client = sprintf("198.51.100.%d:%d", 1 + rnd() % 254, 30000 + rnd() % 30000)
            p = path[c]; if (c != "health") p = p (1 + rnd() % 500)
            agent = c == "mobile" ? ua["mobile" (rnd() % 2)] : ua[c]
            target = c == "mobile" ? "10.0.1.12:8080" : "10.0.1.11:8080"
            status = 200; tstatus = "200"; times = "0.001 0.0" (10 + rnd() % 80) " 0.000"; reason = "-"
            if (c == "mobile" && m >= 40 && m < 70) {
                if (n_mobile_down++ % 10 == 0) {
                    target = "-"; status = 503; tstatus = "-"; times = "-1 -1 -1"; failed_none++
                } else {
                    status = 502; tstatus = "-"; times = "0.001 0.004 -1"; reason = "TargetConnectionErrorResetByPeer"; failed_b++
                }
            }
            printf "https %s app/shop-alb/50dc6c495c0c9188 %s %s %s %d %s 210 %d \"GET https://shop.example.com:443%s HTTP/1.1\" \"%s\"%s \"Root=1-6741c800-%08x%016x\" %s %s \"forward\" \"-\" \"%s\" \"%s\" \"%s\" \"-\" \"-\"\n", \
                ts, client, target, times, status, tstatus, (status >= 500 ? 162 : 900 + rnd() % 4000), \
                p, agent, tail, rnd(), m * 40 + k, cert, ts, reason, target, tstatus > out
        }
    }
    printf "{\n  \"generator\": \"scripts/make-upstream-fixture.sh\",\n  \"timezone\": \"+00:00\",\n" > truth
    printf "  \"incidents\": [\n    {\"onset\": \"2026-11-23T10:40:00+00:00\", \"peak\": null, \"peak_impact_pct\": 25.0, \"peak_impact_tolerance\": 5.0, \"recovery\": \"2026-11-23T11:10:00+00:00\",\n" > truth
    printf "     \"failed\": %d,\n", failed_b + failed_none > truth
    printf "     \"top_failing_upstreams\": [{\"upstream\": \"10.0.1.12:8080\", \"failed\": %d}, {\"upstream\": \"(none)\", \"failed\": %d}],\n", failed_b, failed_none > truth
    printf "     \"failed_by_client_class\": {\"mobile_app\": {\"failed\": %d, \"requests_estimated\": %d}, \"browser\": {\"failed\": 0}, \"script\": {\"failed\": 0}, \"health_check\": {\"failed\": 0}}}\n  ]\n}\n", n_mobile_down, n_mobile_down > truth
}
function rnd() { seed = (seed * 48271) % 2147483647; return seed }'
gzip -n -9 "$dir/logs/alb.log"
: >"$dir/args"
