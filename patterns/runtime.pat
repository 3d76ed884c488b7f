# runtime.pat: language runtimes failing: JVM, Python (and gunicorn), Node.js, Go.
# Format: patterns/README.md.

# ---- JVM ----------------------------------------------------------------------------

name: jvm-oom-heap
category: jvm
severity: critical
regex: java\.lang\.OutOfMemoryError: Java heap space
description: the JVM ran out of heap (-Xmx too small, leak or a burst of large requests)
match: java.lang.OutOfMemoryError: Java heap space
match: Exception in thread "http-nio-8080-exec-12" java.lang.OutOfMemoryError: Java heap space
no-match: 2024-03-12 14:02:11.482 WARN 1 --- [main] c.e.orders.MemoryWatchdog : heap usage 91% of -Xmx2g, java heap space is getting low

name: jvm-oom-gc-overhead
category: jvm
severity: critical
regex: java\.lang\.OutOfMemoryError: GC overhead limit exceeded
description: the JVM spends almost all its time in garbage collection while recovering little heap
match: Exception in thread "main" java.lang.OutOfMemoryError: GC overhead limit exceeded
no-match: [2024-03-12T14:02:11.482+0000][gc] GC(1842) Pause Full (G1 Compaction Pause) 1980M->1975M(2048M) 2510.402ms

name: jvm-oom-metaspace
category: jvm
severity: critical
regex: java\.lang\.OutOfMemoryError: (?:Metaspace|Compressed class space)
description: the JVM ran out of class metadata space (class loader leak, redeploys, -XX:MaxMetaspaceSize)
match: java.lang.OutOfMemoryError: Metaspace
match: Caused by: java.lang.OutOfMemoryError: Compressed class space
no-match: [2024-03-12T14:02:11.482+0000][gc,metaspace] Metaspace: 182345K(190464K)->182345K(190464K) NonClass: 160021K(166400K)->160021K(166400K)

name: jvm-oom-native-thread
category: jvm
severity: critical
regex: java\.lang\.OutOfMemoryError: unable to create (?:new )?native thread
description: the JVM could not start a thread (process/cgroup pids limit, ulimit -u or native memory)
match: java.lang.OutOfMemoryError: unable to create new native thread
match: [12.345s][warning][os,thread] Failed to start thread "Unknown thread" - pthread_create failed (EAGAIN) ... java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached
no-match: 2024-03-12 14:02:11.482 INFO 1 --- [main] o.a.t.util.threads.TaskThreadPool : created new native thread pool with 200 threads

name: jvm-oom-direct-buffer
category: jvm
severity: critical
regex: java\.lang\.OutOfMemoryError: (?:Direct buffer memory|Cannot reserve \d+ bytes of direct buffer memory)
description: the JVM exhausted -XX:MaxDirectMemorySize (Netty and NIO buffers)
match: io.netty.handler.codec.EncoderException: java.lang.OutOfMemoryError: Direct buffer memory
match: java.lang.OutOfMemoryError: Cannot reserve 1048576 bytes of direct buffer memory (allocated: 1073210312, limit: 1073741824)
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [main] i.n.util.internal.PlatformDependent : maxDirectMemory: 1073741824 bytes (maybe)

name: jvm-oom-other
category: jvm
severity: critical
regex: java\.lang\.OutOfMemoryError(?!: (?:Java heap space|GC overhead limit exceeded|Metaspace|Compressed class space|unable to create|Direct buffer memory|Cannot reserve))
description: any other java.lang.OutOfMemoryError (array size, native memory, no message)
match: java.lang.OutOfMemoryError: Requested array size exceeds VM limit
match: Exception in thread "worker-3" java.lang.OutOfMemoryError
no-match: java.lang.OutOfMemoryError: Java heap space

name: jvm-rejected-execution
category: jvm
severity: error
regex: (?:java\.util\.concurrent\.RejectedExecution|TaskRejected)Exception: \S
literal: RejectedE
description: a JVM thread pool rejected work: queue full and all threads busy (saturation), or the pool is shut down
match: java.util.concurrent.RejectedExecutionException: Task java.util.concurrent.FutureTask@5f2b1a3c[Not completed, task = com.example.orders.Notifier$$Lambda$812/0x0000000800f4a840@3c1f] rejected from java.util.concurrent.ThreadPoolExecutor@7a81197d[Running, pool size = 16, active threads = 16, queued tasks = 1000, completed tasks = 88123]
match: org.springframework.core.task.TaskRejectedException: Executor [java.util.concurrent.ThreadPoolExecutor@1b2c3d4e[Running, pool size = 8, active threads = 8, queued tasks = 100, completed tasks = 5120]] did not accept task: com.example.Job@42
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [main] o.s.s.concurrent.ThreadPoolTaskExecutor : Initializing ExecutorService 'taskExecutor' with rejection policy CallerRunsPolicy

name: jvm-stack-overflow
category: jvm
severity: error
regex: java\.lang\.StackOverflowError
description: a JVM thread overflowed its stack (runaway recursion)
match: Exception in thread "main" java.lang.StackOverflowError
match: 2024-03-12 14:02:11.482 ERROR 1 --- [nio-8080-exec-4] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() for servlet [dispatcherServlet] threw exception [Handler dispatch failed: java.lang.StackOverflowError] with root cause
no-match: 2024-03-12 14:02:11.482 INFO 1 --- [main] c.e.Config : thread stack size -Xss1m (StackOverflowError guard pages: 20)

name: jvm-fatal-error
category: crash
severity: critical
regex: A fatal error has been detected by the Java Runtime Environment
description: the JVM itself crashed (SIGSEGV in native code or the JIT); an hs_err_pid file was written
match: # A fatal error has been detected by the Java Runtime Environment:
no-match: # There is insufficient memory for the Java Runtime Environment to continue.

name: jvm-connect-exception
category: upstream
severity: error
regex: java\.net\.(?:ConnectException|NoRouteToHostException): (?:Connection refused|No route to host|Connection timed out|connect timed out)
description: a JVM client could not connect to a service (refused, unreachable or timed out)
match: java.net.ConnectException: Connection refused
match: Caused by: java.net.NoRouteToHostException: No route to host
match: org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://inventory:8080/v1/stock": Connection refused; nested exception is java.net.ConnectException: Connection refused
no-match: java.net.SocketException: Connection reset

name: jvm-socket-timeout
category: upstream
severity: warning
regex: java\.net\.SocketTimeoutException\b
description: a JVM socket read or connect timed out (slow or stuck dependency)
match: java.net.SocketTimeoutException: Read timed out
match: Caused by: java.net.SocketTimeoutException: connect timed out
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [main] o.a.h.i.c.PoolingHttpClientConnectionManager : socket timeout 5000 ms, connect timeout 2000 ms

# ---- Python -------------------------------------------------------------------------

name: python-traceback
category: python
severity: error
regex: Traceback \(most recent call last\):
description: a Python exception was raised and not handled (start of a traceback)
match: Traceback (most recent call last):
match: 2024-03-12 14:02:11,482 ERROR [app.worker] Task orders.sync failed: Traceback (most recent call last):
no-match: During handling of the above exception, another exception occurred:

name: python-memory-error
category: python
severity: critical
regex: (?:^|[\s.:])(?:_Array)?MemoryError(?::|$)
description: a Python process could not allocate memory (MemoryError, numpy _ArrayMemoryError)
match: MemoryError
match: numpy.core._exceptions._ArrayMemoryError: Unable to allocate 7.45 GiB for an array with shape (1000000000,) and data type float64
no-match: 2024-03-12 14:02:11,482 WARNING [app.worker] caught MemoryError in batch 17, retrying with smaller chunks
no-match: java.lang.OutOfMemoryError: Java heap space

name: python-requests-connection-error
category: python
severity: error
regex: requests\.exceptions\.(?:ConnectTimeout|ConnectionError|ReadTimeout|SSLError|ProxyError): \S
description: a Python requests call could not reach or hear back from a dependency (refused, timed out, TLS)
match: requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='psp.example', port=443): Max retries exceeded with url: /v2/charges (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3a2b1c0d40>, 'Connection to psp.example timed out. (connect timeout=5)'))
match: requests.exceptions.ConnectionError: HTTPConnectionPool(host='inventory', port=8080): Max retries exceeded with url: /v1/stock (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a2b1c0e50>: Failed to establish a new connection: [Errno 111] Connection refused'))
no-match: requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://api.partner.example/v1/rates/XYZ

name: php-fatal-error
category: php
severity: error
regex: PHP Fatal error: +\S
description: a PHP script died with a fatal error (uncaught exception, memory limit, timeout)
match: [Mon Nov 23 12:11:15.002211 2026] [proxy_fcgi:error] [pid 1313:tid 140201238521408] [client 10.0.9.14:40333] AH01071: Got error 'PHP message: PHP Fatal error:  Uncaught Error: Call to a member function fetch() on bool in /var/www/app/cart.php:41'
match: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/app/vendor/report.php on line 88
no-match: PHP Warning:  Undefined array key "coupon" in /var/www/app/cart.php on line 57

name: gunicorn-worker-timeout
category: python
severity: error
regex: \[CRITICAL\] WORKER TIMEOUT \(pid:\d+\)
description: a gunicorn worker was busy longer than --timeout and is being killed (stuck request or slow dependency)
match: [2024-03-12 14:02:11 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:42)
no-match: [2024-03-12 14:02:11 +0000] [1] [INFO] Worker exiting (pid: 42)

name: gunicorn-worker-killed
category: python
severity: critical
regex: Worker \(pid:\d+\) was sent (?:SIGKILL|code \d+)!
description: a gunicorn worker was killed from outside (usually the OOM killer) or exited with an error
match: [2024-03-12 14:02:11 +0000] [1] [ERROR] Worker (pid:42) was sent SIGKILL! Perhaps out of memory?
match: [2024-03-12 14:02:11 +0000] [1] [ERROR] Worker (pid:43) was sent code 134!
no-match: [2024-03-12 14:02:11 +0000] [1] [INFO] Booting worker with pid: 44

# ---- Node.js ------------------------------------------------------------------------

name: node-unhandled-rejection
category: node
severity: error
regex: \bUnhandledPromiseRejection(?:Warning)?:
description: a Node.js promise rejection was not handled (Node 15+ exits the process)
match: [UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "Error: connect ECONNREFUSED 10.0.2.20:5432".] {
match: (node:42) UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED 10.0.2.20:5432
no-match: (node:42) [DEP0018] DeprecationWarning: Unhandled promise rejections are deprecated. In the future, promise rejections that are not handled will terminate the Node.js process with a non-zero exit code.

name: node-heap-oom
category: node
severity: critical
regex: JavaScript heap out of memory
description: V8 reached its heap limit (--max-old-space-size) and the Node.js process aborts
match: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
match: FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory
no-match: <--- Last few GCs --->

name: node-econnrefused
category: node
severity: error
regex: connect ECONNREFUSED \S+
description: Node.js could not connect to a service: nothing listening
match: Error: connect ECONNREFUSED 10.0.2.20:5432
match: 2024-03-12T14:02:11.482Z error: request to http://inventory:8080/v1/stock failed, reason: connect ECONNREFUSED 10.0.2.30:8080
no-match: Error: connect ETIMEDOUT 10.0.2.30:8080

name: node-etimedout
category: node
severity: error
regex: (?:connect|read|write) ETIMEDOUT\b
description: a Node.js socket connect or read timed out (dependency slow, overloaded or unreachable)
match: Error: connect ETIMEDOUT 10.0.2.30:8080
match: Error: read ETIMEDOUT at TCP.onStreamRead (node:internal/stream_base_commons:217:20)
no-match: Error: connect ECONNREFUSED 10.0.2.20:5432

name: node-econnreset
category: node
severity: error
regex: (?:read|write) ECONNRESET\b
description: a Node.js socket was reset by the peer (dependency crashed, restarted or dropped idle keep-alive connections)
match: Error: read ECONNRESET at TCP.onStreamRead (node:internal/stream_base_commons:217:20)
match: 2024-03-12T14:02:11.482Z error: request to http://inventory:8080/v1/stock failed, reason: write ECONNRESET
no-match: Error: connect ECONNREFUSED 10.0.2.20:5432

name: node-socket-hang-up
category: node
severity: error
regex: Error: socket hang up\b
description: a Node.js HTTP client's connection closed before any response arrived (upstream crashed, restarted or timed out)
match: Error: socket hang up at connResetException (node:internal/errors:720:14)
match: 2024-03-12T14:02:11.482Z error: GET http://inventory:8080/v1/stock failed: Error: socket hang up
no-match: 2024-03-12T14:02:11.482Z debug: agent keep-alive socket hung idle for 5000 ms, closing

name: node-eaddrinuse
category: node
severity: error
regex: listen EADDRINUSE\b
description: a Node.js server could not bind its port: another process (often the previous instance) holds it
match: Error: listen EADDRINUSE: address already in use :::3000
match: Error: listen EADDRINUSE 0.0.0.0:8080
no-match: Server listening on 0.0.0.0:8080

# ---- Go -----------------------------------------------------------------------------

name: go-panic
category: go
severity: critical
regex: (?:^|[\s"=])panic: \S
description: a Go program panicked (unrecovered panics end the process)
match: panic: runtime error: invalid memory address or nil pointer dereference
match: panic: assignment to entry in nil map
match: 2024-03-12T14:02:11.482Z stderr F panic: send on closed channel
no-match: 2024-03-12T14:02:11Z WARN  worker: recovered panic in job 8812 (index out of range), continuing

name: go-http-panic-serving
category: go
severity: error
regex: http: panic serving \S+: \S
description: a Go net/http handler panicked; net/http recovered it and the request failed
match: 2024/03/12 14:02:11 http: panic serving 10.0.4.17:51234: runtime error: index out of range [3] with length 3
no-match: 2024/03/12 14:02:11 http: superfluous response.WriteHeader call from main.handler (main.go:42)

name: go-concurrent-map
category: go
severity: critical
regex: fatal error: concurrent map (?:writes|read and map write|iteration and map write)
description: Go detected unsynchronised map access and aborted the process
match: fatal error: concurrent map writes
match: fatal error: concurrent map read and map write
no-match: fatal error: all goroutines are asleep - deadlock!

name: go-runtime-oom
category: go
severity: critical
regex: runtime: out of memory
description: the Go runtime could not get memory from the OS and aborted
match: fatal error: runtime: out of memory
match: runtime: out of memory: cannot allocate 1073741824-byte block (3221225472 in use)
no-match: level=warn msg="heap usage high, risk of running out of memory" heap_mb=3890 limit_mb=4096

name: go-deadlock
category: go
severity: critical
regex: fatal error: all goroutines are asleep - deadlock!
description: every goroutine of a Go program is blocked; the runtime aborts
match: fatal error: all goroutines are asleep - deadlock!
no-match: fatal error: concurrent map writes

name: go-context-deadline
category: go
severity: warning
regex: context deadline exceeded
description: a Go operation hit its context deadline (dependency slow or unreachable; also gRPC DeadlineExceeded)
match: 2024/03/12 14:02:11 Get "http://inventory:8080/v1/stock": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
match: level=error msg="query failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"
no-match: level=warn msg="request aborted" err="context canceled"

name: go-dial-refused
category: go
severity: error
regex: dial tcp \S+: connect: connection refused
description: a Go client could not connect to a service: nothing listening
match: 2024/03/12 14:02:11 dial tcp 10.0.2.20:5432: connect: connection refused
match: level=error msg="failed to connect to `host=db user=app database=orders`: dial error (dial tcp 10.0.2.20:5432: connect: connection refused)"
no-match: 2024/03/12 14:02:11 dial tcp 10.0.2.20:5432: i/o timeout

name: go-dial-timeout
category: go
severity: error
regex: dial tcp \S+: (?:i/o timeout|connect: connection timed out|connect: no route to host)
description: a Go client timed out or had no route connecting to a service
match: 2024/03/12 14:02:11 dial tcp 10.0.2.20:5432: i/o timeout
match: level=error msg="upstream unavailable" err="dial tcp 10.0.2.21:8080: connect: no route to host"
no-match: 2024/03/12 14:02:11 dial tcp 10.0.2.20:5432: connect: connection refused
