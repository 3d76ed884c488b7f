# resilience.pat: rate limiting and circuit breakers: the system protecting itself,
# usually a consequence of an overloaded or failing dependency. Format:
# patterns/README.md.

# ---- rate limiting ------------------------------------------------------------------

name: http-429-too-many-requests
category: ratelimit
severity: warning
regex: \b429 (?:Client Error: )?Too Many Requests\b
description: a caller got HTTP 429 Too Many Requests from a dependency
match: requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.partner.example/v1/rates?base=EUR
match: 2024-03-12T14:02:11.482Z WARN  [orders] call to payments failed: HTTP/1.1 429 Too Many Requests (retry-after: 30)
no-match: 2024-03-12T14:02:11.482Z INFO  [orders] call to payments: HTTP/1.1 200 OK (rate limit remaining: 429 requests)

name: nginx-limiting-requests
category: ratelimit
severity: warning
regex: limiting requests, excess: [\d.]+ by zone "[^"]+"
description: nginx limit_req rejected or delayed requests over the configured rate
match: 2024/03/12 14:02:11 [error] 2817#2817: *10432 limiting requests, excess: 10.520 by zone "api_per_ip", client: 198.51.100.23, server: api.example.com, request: "GET /v1/search?q=x HTTP/1.1", host: "api.example.com"
match: 2023/07/01 09:00:01 [error] 31#31: *5531 limiting requests, excess: 5.000 by zone "login", client: 203.0.113.9, server: auth.example.com, request: "POST /login HTTP/1.1", host: "auth.example.com"
no-match: 2024/03/12 14:02:11 [warn] 2817#2817: *10433 delaying request, excess: 0.540, by zone "api_per_ip", client: 198.51.100.23, server: api.example.com, request: "GET /v1/search?q=y HTTP/1.1", host: "api.example.com"

name: nginx-limiting-connections
category: ratelimit
severity: warning
regex: limiting connections by zone "[^"]+"
description: nginx limit_conn rejected connections over the configured concurrency
match: 2024/03/12 14:02:11 [error] 2817#2817: *10440 limiting connections by zone "conn_per_ip", client: 198.51.100.23, server: api.example.com, request: "GET /v1/stream HTTP/1.1", host: "api.example.com"
no-match: 2024/03/12 14:02:11 [notice] 2817#2817: *10441 client 198.51.100.23 closed keepalive connection

name: envoy-rate-limited
category: ratelimit
severity: warning
regex: " 429 (?:[A-Z]{2,5},){0,8}RL[ ,]
description: Envoy's rate limit filter rejected a request (response flag RL)
match: [2024-03-12T14:02:11.482Z] "GET /v1/search HTTP/1.1" 429 RL request_rate_limited - "-" 0 18 0 - "198.51.100.23" "python-requests/2.31.0" "f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" "search:8080" "-"
no-match: [2024-03-12T14:02:11.482Z] "GET /v1/search HTTP/1.1" 429 - via_upstream - "-" 0 18 3 2 "198.51.100.23" "python-requests/2.31.0" "a2b3c4d5-e6f7-4081-9203-b4c5d6e7f809" "search:8080" "10.0.2.80:8080"

name: rate-limiter-rejected
category: ratelimit
severity: warning
regex: RequestNotPermitted: RateLimiter '[^']+' does not permit further calls
description: a Resilience4j RateLimiter rejected a call (the service is throttling itself)
match: io.github.resilience4j.ratelimiter.RequestNotPermitted: RateLimiter 'partnerApi' does not permit further calls
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [main] i.g.r.r.i.AtomicRateLimiter : RateLimiter 'partnerApi' permits 50 calls per 1s

# ---- circuit breakers ---------------------------------------------------------------

name: resilience4j-circuit-open
category: circuit-breaker
severity: error
regex: CircuitBreaker '[^']+' is (?:OPEN|FORCED_OPEN) and does not permit further calls
description: a Resilience4j circuit breaker is open: calls to the protected dependency fail fast
match: io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'inventory' is OPEN and does not permit further calls
match: 2024-03-12 14:02:11.482 ERROR 1 --- [nio-8080-exec-2] c.e.orders.OrderController : stock check failed: CircuitBreaker 'inventory' is FORCED_OPEN and does not permit further calls
no-match: 2024-03-12 14:02:11.482 WARN 1 --- [nio-8080-exec-2] c.e.orders.OrderController : CircuitBreaker 'inventory' is HALF_OPEN and permits 10 test calls

name: resilience4j-circuit-transition-open
category: circuit-breaker
severity: error
regex: CircuitBreaker '[^']+' changed state from \w+ to (?:OPEN|FORCED_OPEN)\b
description: a Resilience4j circuit breaker opened (failure or slow-call rate over threshold)
match: 2024-03-12T14:02:11.482Z: CircuitBreaker 'inventory' changed state from CLOSED to OPEN
match: 2024-03-12 14:02:41.500 INFO 1 --- [ransitionThread] c.e.orders.Resilience : 2024-03-12T14:02:41.500Z: CircuitBreaker 'inventory' changed state from HALF_OPEN to OPEN
no-match: 2024-03-12T14:03:11.482Z: CircuitBreaker 'inventory' changed state from OPEN to HALF_OPEN

name: hystrix-short-circuited
category: circuit-breaker
severity: error
regex: short-circuited and (?:no fallback available|fallback failed|is OPEN)
description: a Hystrix command's circuit is open: calls are short-circuited
match: com.netflix.hystrix.exception.HystrixRuntimeException: getInventory short-circuited and no fallback available.
match: com.netflix.hystrix.exception.HystrixRuntimeException: Hystrix circuit short-circuited and is OPEN
no-match: com.netflix.hystrix.exception.HystrixRuntimeException: getInventory timed-out and no fallback available.

name: polly-broken-circuit
category: circuit-breaker
severity: error
regex: \bBrokenCircuitException\b
description: a .NET Polly circuit breaker is open
match: Polly.CircuitBreaker.BrokenCircuitException: The circuit is now open and is not allowing calls.
no-match: Polly.Timeout.TimeoutRejectedException: The delegate executed asynchronously through TimeoutPolicy did not complete within the timeout.

name: circuit-breaker-open
category: circuit-breaker
severity: error
flags: caseless
regex: \bcircuit(?: breaker)? (?:is )?(?:now )?open(?:ed)?\b
literal: circuit
description: a circuit breaker reports itself open (gobreaker "circuit breaker is open", generic wording)
match: level=error msg="call failed" service=inventory err="circuit breaker is open"
match: 2024-03-12T14:02:11.482Z WARN  [checkout] Circuit breaker opened for payments after 20 consecutive failures
no-match: 2024-03-12T14:03:11.482Z INFO  [checkout] circuit breaker half-open for payments: allowing a trial request
