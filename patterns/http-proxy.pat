# http-proxy.pat: reverse proxies and load balancers failing to reach their
# upstreams: nginx, Apache httpd mod_proxy, HAProxy, Envoy (and Istio sidecars),
# Go's httputil.ReverseProxy. Format: patterns/README.md.

name: nginx-upstream-connection-refused
category: upstream
severity: error
regex: connect\(\) failed \(111: Connection refused\) while connecting to upstream
description: nginx could not open a connection to an upstream: nothing listening (backend down or restarting)
match: 2024/03/12 14:02:11 [error] 2817#2817: *10432 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders", host: "api.example.com"
match: 2023/11/02 08:15:43 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: "POST /graphql HTTP/1.1", upstream: "http://172.18.0.5:4000/graphql", host: "localhost:8080"
no-match: 2024/03/12 14:02:11 [error] 2817#2817: *10433 connect() failed (113: No route to host) while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.16:8080/v1/orders", host: "api.example.com"
no-match: 2024/03/12 14:02:12 [warn] 2817#2817: *10440 upstream server temporarily disabled while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders", host: "api.example.com"

name: nginx-upstream-unreachable
category: upstream
severity: error
regex: connect\(\) failed \((?:113: No route to host|101: Network is unreachable|112: Host is down)\) while connecting to upstream
description: nginx has no network path to an upstream address (host gone, stale DNS or routing problem)
match: 2024/03/12 14:02:11 [error] 2817#2817: *10433 connect() failed (113: No route to host) while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.16:8080/v1/orders", host: "api.example.com"
match: 2022/06/30 22:41:07 [error] 1204#1204: *88121 connect() failed (101: Network is unreachable) while connecting to upstream, client: 2001:db8::17, server: www.example.org, request: "GET / HTTP/2.0", upstream: "http://[2001:db8::2]:80/", host: "www.example.org"
no-match: 2024/03/12 14:02:11 [error] 2817#2817: *10432 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders", host: "api.example.com"

name: nginx-upstream-timed-out
category: upstream
severity: error
regex: upstream timed out \(110: (?:Connection|Operation) timed out\) while (?:connecting to upstream|reading response header from upstream|reading upstream|sending request to upstream)
description: nginx gave up waiting for an upstream (proxy_connect_timeout or proxy_read_timeout): the backend is slow or stuck; clients get 504
match: 2024/03/12 14:03:40 [error] 2817#2817: *10502 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.4.22, server: api.example.com, request: "POST /v1/checkout HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/checkout", host: "api.example.com"
match: 2021/09/14 03:12:55 [error] 22#22: *4531 upstream timed out (110: Operation timed out) while connecting to upstream, client: 192.168.10.4, server: shop.local, request: "GET /cart HTTP/1.1", upstream: "http://192.168.10.20:9000/cart", host: "shop.local"
no-match: 2024/03/12 14:03:40 [info] 2817#2817: *10503 client timed out (110: Connection timed out) while waiting for request, client: 10.0.4.22, server: 0.0.0.0:443
no-match: 2024/03/12 14:03:41 [error] 2817#2817: *10504 upstream timed out (110: Connection timed out) while SSL handshaking to upstream, client: 10.0.4.22, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "https://10.0.2.15:8443/v1/orders", host: "api.example.com"

name: nginx-upstream-reset
category: upstream
severity: error
regex: (?:recv|readv|writev|send|sendfile)\(\) failed \((?:104: Connection reset by peer|32: Broken pipe)\) while (?:reading response header from upstream|reading upstream|sending request to upstream)
description: an upstream reset or closed the connection under nginx mid-request (backend crashed, was killed or hit a keepalive race); clients get 502
match: 2024/03/12 14:05:02 [error] 2817#2817: *10611 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 10.0.4.31, server: api.example.com, request: "GET /v1/orders/8812 HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders/8812", host: "api.example.com"
match: 2023/05/19 11:20:33 [error] 7#7: *230 writev() failed (32: Broken pipe) while sending request to upstream, client: 10.1.0.9, server: upload.example.com, request: "PUT /files/a.bin HTTP/1.1", upstream: "http://10.1.0.30:8000/files/a.bin", host: "upload.example.com"
no-match: 2024/03/12 14:05:02 [info] 2817#2817: *10612 recv() failed (104: Connection reset by peer) while reading client request line, client: 10.0.4.31, server: 0.0.0.0:80
no-match: 2024/03/12 14:05:03 [info] 2817#2817: *10613 writev() failed (32: Broken pipe) while sending to client, client: 10.0.4.31, server: api.example.com, request: "GET /v1/export HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/export", host: "api.example.com"

name: nginx-no-live-upstreams
category: upstream
severity: critical
regex: no live upstreams while connecting to upstream
description: every server of an nginx upstream group is marked failed (max_fails reached): requests fail immediately with 502
match: 2024/03/12 14:02:15 [error] 2817#2817: *10450 no live upstreams while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://orders_backend/v1/orders", host: "api.example.com"
no-match: 2024/03/12 14:02:12 [warn] 2817#2817: *10440 upstream server temporarily disabled while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders", host: "api.example.com"

name: nginx-upstream-prematurely-closed
category: upstream
severity: error
regex: upstream prematurely closed connection while (?:reading response header from upstream|reading upstream)
description: the upstream closed the connection before sending a complete response (crash, OOM kill or worker restart mid-request); clients get 502
match: 2024/03/12 14:06:19 [error] 2817#2817: *10702 upstream prematurely closed connection while reading response header from upstream, client: 10.0.4.40, server: api.example.com, request: "POST /v1/reports HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/reports", host: "api.example.com"
match: 2020/12/01 17:45:10 [error] 9#9: *1833 upstream prematurely closed connection while reading upstream, client: 10.8.0.2, server: files.example.net, request: "GET /dl/big.iso HTTP/1.1", upstream: "http://127.0.0.1:9001/dl/big.iso", host: "files.example.net"
no-match: 2024/03/12 14:06:20 [info] 2817#2817: *10703 client prematurely closed connection while sending response to client, client: 10.0.4.40, server: api.example.com, request: "GET /v1/export HTTP/1.1", host: "api.example.com"

name: nginx-upstream-header-too-big
category: upstream
severity: error
regex: upstream sent too big header while reading response header from upstream
description: the upstream's response headers exceed proxy_buffer_size (often huge cookies or redirects); clients get 502
match: 2024/03/12 15:10:44 [error] 2817#2817: *11893 upstream sent too big header while reading response header from upstream, client: 10.0.4.52, server: app.example.com, request: "GET /login/callback?code=x HTTP/1.1", upstream: "http://10.0.2.18:3000/login/callback?code=x", host: "app.example.com"
no-match: 2024/03/12 15:10:45 [error] 2817#2817: *11894 upstream sent invalid header: "X-Debug\x0D..." while reading response header from upstream, client: 10.0.4.52, server: app.example.com, request: "GET / HTTP/1.1", upstream: "http://10.0.2.18:3000/", host: "app.example.com"

name: apache-proxy-connect-failed
category: upstream
severity: error
regex: AH00957: [A-Za-z]+: attempt to connect to \S+ \([^)]*\) failed
description: Apache mod_proxy could not connect to a backend worker
match: [Tue Mar 12 14:02:11.482113 2024] [proxy:error] [pid 2231:tid 139872455124736] (111)Connection refused: AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (127.0.0.1) failed
match: [Wed Jun 07 09:31:02.101010 2023] [proxy:error] [pid 1893] (110)Connection timed out: AH00957: AJP: attempt to connect to 10.2.0.5:8009 (tomcat1) failed
match: [Mon Nov 23 12:11:05.120987 2026] [proxy:error] [pid 1311:tid 140201255306816] (111)Connection refused: AH00957: http: attempt to connect to 10.0.3.21:8080 (app1.internal) failed
no-match: [Tue Mar 12 14:02:11.482200 2024] [proxy:debug] [pid 2231:tid 139872455124736] proxy_util.c(2797): AH00947: connected /v1/orders to 127.0.0.1:8080

name: apache-proxy-backend-unavailable
category: upstream
severity: error
regex: AH0(?:1114: [A-Za-z]+: failed to make connection to backend|0959: ap_proxy_connect_backend disabling worker for|0940: [A-Za-z]+: disabled connection for)
description: Apache mod_proxy failed to reach a backend or put the worker in error state for retry seconds; clients get 503
match: [Tue Mar 12 14:02:11.482190 2024] [proxy_http:error] [pid 2231:tid 139872455124736] [client 10.0.4.17:51234] AH01114: HTTP: failed to make connection to backend: 127.0.0.1
match: [Tue Mar 12 14:02:11.482150 2024] [proxy:error] [pid 2231:tid 139872455124736] AH00959: ap_proxy_connect_backend disabling worker for (127.0.0.1) for 60s
match: [Tue Mar 12 14:02:11.482160 2024] [proxy:error] [pid 2231:tid 139872455124736] AH00940: HTTP: disabled connection for (127.0.0.1)
no-match: [Tue Mar 12 14:02:11.482111 2024] [proxy:debug] [pid 2231:tid 139872455124736] proxy_util.c(2216): AH00942: HTTP: has acquired connection for (127.0.0.1)

name: apache-proxy-read-timeout
category: upstream
severity: error
regex: AH0(?:1102: error reading status line from remote server|0898: Error reading from remote server)
description: Apache mod_proxy timed out or lost the backend while waiting for or reading its response; clients get 502/504
match: [Tue Mar 12 14:08:31.004512 2024] [proxy_http:error] [pid 2231:tid 139872455124736] (70007)The timeout specified has expired: [client 10.0.4.60:50412] AH01102: error reading status line from remote server 127.0.0.1:8080
match: [Tue Mar 12 14:08:31.004600 2024] [proxy:error] [pid 2231:tid 139872455124736] [client 10.0.4.60:50412] AH00898: Error reading from remote server returned by /v1/reports
no-match: [Tue Mar 12 14:08:31.004700 2024] [proxy_http:debug] [pid 2231:tid 139872455124736] mod_proxy_http.c(1245): [client 10.0.4.60:50412] AH01105: NOT Closing connection to client although reading from backend server 127.0.0.1:8080 failed.

name: apache-max-request-workers
category: pool
severity: error
regex: server reached MaxRequestWorkers setting|scoreboard is full, not at MaxRequestWorkers
literal: MaxRequestWorkers
description: Apache httpd ran out of worker slots: new connections queue in the listen backlog (slow backends hold workers)
match: [Tue Mar 12 14:02:11.482000 2024] [mpm_event:error] [pid 1204:tid 140201522145152] AH00484: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting
match: [Mon Nov 23 12:11:30.550003 2026] [mpm_event:error] [pid 1204:tid 140201522145152] AH03490: scoreboard is full, not at MaxRequestWorkers.Increase ServerLimit.
no-match: [Tue Mar 12 14:00:00.100000 2024] [mpm_event:notice] [pid 1204:tid 140201522145152] AH00489: Apache/2.4.58 (Unix) configured -- resuming normal operations

name: haproxy-server-down
category: upstream
severity: error
regex: Server \S+ is DOWN(?:, reason: |\. )
description: an HAProxy health check took a backend server out of rotation
match: Mar 12 14:02:09 lb1 haproxy[1932]: [WARNING]  (1932) : Server be_app/app2 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
match: [WARNING] 071/140211 (1932) : Server be_api/api1 is DOWN, reason: Layer7 wrong status, code: 503, info: "Service Unavailable", check duration: 3ms. 0 active and 0 backup servers left. 2 sessions active, 0 requeued, 0 remaining in queue.
no-match: Mar 12 14:04:40 lb1 haproxy[1932]: [WARNING]  (1932) : Server be_app/app2 is UP, reason: Layer7 check passed, code: 200, check duration: 2ms. 2 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.

name: haproxy-backend-no-server
category: upstream
severity: critical
regex: backend '?[\w.:-]+'? has no server available!
description: every server of an HAProxy backend is down: requests get 503 with <NOSRV>
match: Mar 12 14:02:11 lb1 haproxy[1932]: [ALERT]    (1932) : backend 'be_app' has no server available!
match: [ALERT] 071/140211 (1932) : backend be_api has no server available!
no-match: Mar 12 14:04:40 lb1 haproxy[1932]: [WARNING]  (1932) : Server be_app/app1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.

name: haproxy-no-server
category: upstream
severity: error
regex: /<NOSRV> -?\d+/-?\d+/-?\d+/-?\d+/-?\d+ 50[34] \d
description: HAProxy answered a request itself because no server of the backend was available (termination state SC-- with <NOSRV>)
match: Mar 12 14:02:11 lb1 haproxy[1932]: 10.0.4.17:51234 [12/Mar/2024:14:02:11.482] fe_http be_app/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 12/12/0/0/0 0/0 "GET /v1/orders HTTP/1.1"
no-match: Mar 12 14:02:11 lb1 haproxy[1932]: 10.0.4.17:51235 [12/Mar/2024:14:02:11.490] fe_http fe_http/<NOSRV> 0/-1/-1/-1/0 301 89 - - LR-- 12/12/0/0/0 0/0 "GET /old HTTP/1.1"

name: haproxy-connect-refused
category: upstream
severity: error
regex: /(?!<NOSRV>)[^\s/]+ -?\d+/-?\d+/-?\d+/-?\d+/-?\d+ 50[234] \d+ \S+ \S+ SC[-A-Z]{2} \d
description: an HAProxy server refused or reset the connection during connect (termination state SC--)
match: Mar 12 14:02:10 lb1 haproxy[1932]: 10.0.4.17:51230 [12/Mar/2024:14:02:10.101] fe_http be_app/app2 0/0/-1/-1/3 503 217 - - SC-- 15/15/1/0/3 0/0 "GET /v1/orders HTTP/1.1"
no-match: Mar 12 14:02:11 lb1 haproxy[1932]: 10.0.4.17:51234 [12/Mar/2024:14:02:11.482] fe_http be_app/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 12/12/0/0/0 0/0 "GET /v1/orders HTTP/1.1"
no-match: Mar 12 14:02:10 lb1 haproxy[1932]: 10.0.4.17:51231 [12/Mar/2024:14:02:10.120] fe_http be_app/app1 0/0/1/12/13 200 1834 - - ---- 15/15/1/1/0 0/0 "GET /v1/orders HTTP/1.1"

name: haproxy-connect-timeout
category: upstream
severity: error
regex: /[^\s/]+ -?\d+/-?\d+/-?\d+/-?\d+/-?\d+ 503 \d+ \S+ \S+ sC[-A-Z]{2} \d
description: HAProxy timed out connecting to a server (timeout connect; termination state sC--)
match: Mar 12 14:02:16 lb1 haproxy[1932]: 10.0.4.19:40112 [12/Mar/2024:14:02:11.482] fe_http be_app/app3 0/0/-1/-1/5001 503 217 - - sC-- 20/20/4/0/3 0/0 "GET /v1/orders HTTP/1.1"
no-match: Mar 12 14:02:16 lb1 haproxy[1932]: 10.0.4.19:40113 [12/Mar/2024:14:01:46.482] fe_http be_app/app3 0/0/0/-1/30001 504 194 - - sH-- 20/20/4/0/0 0/0 "GET /v1/reports HTTP/1.1"

name: haproxy-server-aborted
category: upstream
severity: error
regex: /[^\s/]+ -?\d+/-?\d+/-?\d+/-?\d+/-?\d+ 502 \d+ \S+ \S+ SH[-A-Z]{2} \d
description: an HAProxy server closed or reset the connection before sending complete headers (termination state SH--); clients get 502
match: Mar 12 14:05:02 lb1 haproxy[1932]: 10.0.4.31:52001 [12/Mar/2024:14:05:02.118] fe_http be_app/app1 0/0/0/-1/42 502 209 - - SH-- 18/18/2/0/0 0/0 "GET /v1/orders/8812 HTTP/1.1"
no-match: Mar 12 14:05:02 lb1 haproxy[1932]: 10.0.4.31:52002 [12/Mar/2024:14:05:02.200] fe_http be_app/app1 0/0/0/-1/8 502 209 - - PH-- 18/18/2/0/0 0/0 "GET /v1/orders/8813 HTTP/1.1"

name: haproxy-server-timeout
category: upstream
severity: error
regex: /[^\s/]+ -?\d+/-?\d+/-?\d+/-?\d+/-?\d+ 504 \d+ \S+ \S+ sH[-A-Z]{2} \d
description: an HAProxy server accepted the request but did not answer within timeout server (termination state sH--); clients get 504
match: Mar 12 14:02:16 lb1 haproxy[1932]: 10.0.4.19:40113 [12/Mar/2024:14:01:46.482] fe_http be_app/app3 0/0/0/-1/30001 504 194 - - sH-- 20/20/4/0/0 0/0 "GET /v1/reports HTTP/1.1"
no-match: Mar 12 14:02:16 lb1 haproxy[1932]: 10.0.4.19:40114 [12/Mar/2024:14:01:46.500] fe_http be_app/app3 -1/-1/-1/-1/30001 408 212 - - cR-- 20/20/4/0/0 0/0 "<BADREQ>"

name: envoy-no-healthy-upstream
category: upstream
severity: critical
regex: " 503 (?:[A-Z]{2,5},){0,8}UH[ ,]
description: Envoy had no healthy host in the upstream cluster (response flag UH)
match: [2024-03-12T14:02:11.482Z] "GET /v1/orders HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "10.0.4.17" "curl/8.4.0" "6f1c3f3e-2b1a-4c8e-9f0e-5d1f2e3a4b5c" "orders.default.svc.cluster.local" "-"
match: [2019-10-01T09:12:44.020Z] "POST /api/pay HTTP/1.1" 503 UH 0 19 0 - "10.2.3.4" "okhttp/3.12.1" "a1b2c3d4-0000-1111-2222-333344445555" "payments:8080" "-"
no-match: [2024-03-12T14:02:11.490Z] "GET /v1/orders HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 0 91 1 - "10.0.4.17" "curl/8.4.0" "7a2d4e1f-3c2b-4d9f-8e1f-6e2f3a4b5c6d" "orders.default.svc.cluster.local" "10.0.2.15:8080"

name: envoy-upstream-connect-failure
category: upstream
severity: error
regex: " 503 (?:[A-Z]{2,5},){0,8}UF[ ,]
description: Envoy could not connect to the upstream host (response flag UF)
match: [2024-03-12T14:02:11.490Z] "GET /v1/orders HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 0 91 1 - "10.0.4.17" "curl/8.4.0" "7a2d4e1f-3c2b-4d9f-8e1f-6e2f3a4b5c6d" "orders.default.svc.cluster.local" "10.0.2.15:8080"
match: [2021-02-17T22:03:09.118Z] "GET /health HTTP/1.1" 503 UF,URX 0 91 30 - "-" "kube-probe/1.19" "0c4e1d3a-3f4b-4c1e-9b6f-1a2b3c4d5e6f" "backend:8080" "10.4.2.9:8080"
no-match: [2024-03-12T14:02:11.495Z] "GET /v1/orders HTTP/1.1" 200 - via_upstream - "-" 0 1834 12 11 "10.0.4.17" "curl/8.4.0" "8b3e5f2a-4d3c-4e0a-9f2a-7f3a4b5c6d7e" "orders.default.svc.cluster.local" "10.0.2.16:8080"

name: envoy-upstream-overflow
category: circuit-breaker
severity: error
regex: " 503 (?:[A-Z]{2,5},){0,8}UO[ ,]
description: Envoy's cluster circuit breaker overflowed (max connections/requests/pending; response flag UO)
match: [2024-03-12T14:07:55.001Z] "POST /v1/checkout HTTP/2" 503 UO upstream_reset_before_response_started{overflow} - "-" 412 81 0 - "10.0.4.44" "grpc-go/1.59.0" "9c4f6a3b-5e4d-4f1b-8a3b-8a4b5c6d7e8f" "checkout:9090" "-"
no-match: [2024-03-12T14:07:55.010Z] "POST /v1/checkout HTTP/2" 200 - via_upstream - "-" 412 96 40 39 "10.0.4.44" "grpc-go/1.59.0" "ad5a7b4c-6f5e-4a2c-9b4c-9b5c6d7e8f90" "checkout:9090" "10.0.2.21:9090"

name: envoy-retry-limit-exceeded
category: upstream
severity: error
regex: " 50[234] (?:[A-Z]{2,5},){0,8}URX[ ,]
description: Envoy exhausted its retries against the upstream (response flag URX)
match: [2021-02-17T22:03:09.118Z] "GET /health HTTP/1.1" 503 UF,URX 0 91 30 - "-" "kube-probe/1.19" "0c4e1d3a-3f4b-4c1e-9b6f-1a2b3c4d5e6f" "backend:8080" "10.4.2.9:8080"
match: [2024-03-12T14:09:12.700Z] "GET /v1/stock HTTP/1.1" 503 URX via_upstream - "-" 0 57 2003 2002 "10.0.4.60" "python-requests/2.31.0" "be6b8c5d-7a6f-4b3d-8c5d-ac6d7e8f9012" "inventory:8080" "10.0.2.30:8080"
no-match: [2024-03-12T14:09:12.800Z] "GET /v1/stock HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 0 91 1 - "10.0.4.60" "python-requests/2.31.0" "cf7c9d6e-8b7a-4c4e-9d6e-bd7e8f901234" "inventory:8080" "10.0.2.30:8080"

name: envoy-upstream-timeout
category: upstream
severity: error
regex: " 504 (?:[A-Z]{2,5},){0,8}UT[ ,]
description: Envoy's route timeout expired before the upstream answered (response flag UT)
match: [2024-03-12T14:10:30.000Z] "POST /v1/reports HTTP/1.1" 504 UT response_timeout - "-" 512 24 15001 - "10.0.4.70" "Go-http-client/1.1" "d08dae7f-9c8b-4d5f-8e7f-ce8f90123456" "reports:8080" "10.0.2.40:8080"
no-match: [2024-03-12T14:10:30.100Z] "POST /v1/reports HTTP/1.1" 504 - via_upstream - "-" 512 24 9001 9000 "10.0.4.70" "Go-http-client/1.1" "e19ebf80-ad9c-4e6a-9f80-df9012345678" "reports:8080" "10.0.2.40:8080"

name: envoy-upstream-reset-before-headers
category: upstream
severity: error
regex: upstream connect error or disconnect/reset before headers\. (?:retried and the latest )?reset reason:
description: the body Envoy returns with a 503 when the upstream failed before responding, as logged by callers
match: upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111
match: 2024-03-12T14:02:11.493Z ERROR 1 --- [nio-8080-exec-7] c.e.orders.InventoryClient : inventory call failed: 503 Service Unavailable: "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection termination"
no-match: 2024-03-12T14:02:11.493Z DEBUG 1 --- [nio-8080-exec-7] c.e.orders.InventoryClient : upstream connect took 3 ms, headers received

name: go-reverse-proxy-error
category: upstream
severity: error
regex: http: proxy error: \S
description: a Go httputil.ReverseProxy (Traefik, Caddy v1, custom gateways) failed to reach its backend; clients get 502
match: 2024/03/12 14:02:11 http: proxy error: dial tcp 10.0.2.15:8080: connect: connection refused
match: 2023/08/21 10:11:12 http: proxy error: context canceled
no-match: 2024/03/12 14:02:11 http: TLS handshake error from 10.0.4.17:51234: EOF
