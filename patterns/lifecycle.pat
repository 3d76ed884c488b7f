# lifecycle.pat: deploy and restart markers: processes starting, stopping, being
# signalled or killed, and deployments. Category "lifecycle": the timeline always lists
# them, since a restart or deploy next to an error spike is usually the story.
# Severity is info unless the marker itself means trouble. Format: patterns/README.md.

# ---- nginx --------------------------------------------------------------------------

name: nginx-signal-process-started
category: lifecycle
severity: info
regex: \bsignal process started\b
description: nginx -s reload/stop/quit was run (a reload or restart begins)
match: 2024/03/12 14:00:00 [notice] 3012#3012: signal process started
no-match: 2024/03/12 14:00:00 [notice] 2817#2817: start worker process 3013

name: nginx-reconfiguring
category: lifecycle
severity: info
regex: signal 1 \(SIGHUP\) received(?: from \d+)?, reconfiguring
description: the nginx master received SIGHUP and reloads its configuration
match: 2024/03/12 14:00:00 [notice] 2817#2817: signal 1 (SIGHUP) received from 3012, reconfiguring
match: 2019/05/06 10:00:00 [notice] 1#1: signal 1 (SIGHUP) received, reconfiguring
no-match: 2024/03/12 14:00:00 [notice] 2817#2817: signal 17 (SIGCHLD) received from 2818

name: nginx-graceful-shutdown
category: lifecycle
severity: info
regex: \bgracefully shutting down\b
description: an nginx worker (or the master on SIGQUIT) is shutting down gracefully
match: 2024/03/12 14:00:00 [notice] 2818#2818: gracefully shutting down
no-match: 2024/03/12 14:00:01 [notice] 2818#2818: exiting

name: nginx-start-workers
category: lifecycle
severity: info
regex: \bstart worker processes\b
flags: caseless
description: the nginx master (re)started its worker processes
match: 2024/03/12 14:00:00 [notice] 1#1: start worker processes
match: 2024/03/12 14:00:00 [notice] 1#1: Start worker processes
no-match: 2024/03/12 14:00:00 [notice] 1#1: start worker process 31

# ---- generic application markers ----------------------------------------------------

name: shutting-down
category: lifecycle
severity: info
regex: \bShutting down\b
description: a process announces that it is shutting down
match: 2024-03-12 14:00:00.120 INFO 1 --- [ionShutdownHook] o.s.s.concurrent.ThreadPoolTaskExecutor : Shutting down ExecutorService 'applicationTaskExecutor'
match: INFO:     Shutting down
no-match: 2024-03-12 14:00:00.120 INFO 1 --- [main] c.e.orders.Config : graceful shutdown timeout 30s (spring.lifecycle.timeout-per-shutdown-phase)

name: spring-started
category: lifecycle
severity: info
regex: Started \S+ in [\d.]+ seconds \((?:JVM|process) running for [\d.]+\)
description: a Spring Boot application finished starting
match: 2024-03-12T14:00:09.482Z  INFO 1 --- [           main] c.e.orders.OrdersApplication             : Started OrdersApplication in 8.123 seconds (process running for 8.9)
match: 2021-06-01 09:00:07.200  INFO 1 --- [main] c.e.billing.BillingApplication : Started BillingApplication in 6.511 seconds (JVM running for 7.3)
no-match: 2024-03-12T14:00:01.100Z  INFO 1 --- [           main] c.e.orders.OrdersApplication             : Starting OrdersApplication v1.42.0 using Java 21.0.2 with PID 1 (/app/app.jar started by app in /app)

name: started-in-seconds
category: lifecycle
severity: info
regex: \bstarted (?:\S+ ){0,3}in [\d.]+ ?(?:s|ms|sec|secs|seconds)\b(?!.*\((?:JVM|process) running for)
flags: caseless
description: an application finished starting and says how long it took (Quarkus, Spring Boot without the JVM time, generic)
match: 2024-03-12 14:00:13,512 INFO  [main] c.e.OrdersApplication - Started OrdersApplication in 4.212 seconds
match: 2024-03-12 14:00:13,512 INFO  [io.quarkus] (main) orders 1.4.2 on JVM (powered by Quarkus 3.8.1) started in 1.843s. Listening on: http://0.0.0.0:8080
no-match: 2024-03-12 14:00:13,512 INFO  [main] c.e.OrdersApplication - Started OrdersApplication in 4.212 seconds (process running for 4.9)
no-match: 2024-03-12 14:00:13,512 INFO  [main] c.e.Batch - job started 12 in queue
no-match: 2024-03-12 14:00:13,512 INFO  [main] c.e.Batch - export started in background

name: docker-container-event
category: lifecycle
severity: info
regex: \bcontainer (?:start|restart|stop|kill|die|oom) [0-9a-f]{12,64}\b
flags: caseless
description: a Docker event (docker events, or the daemon's journal): a container started, was stopped, killed, died or ran out of memory
match: 2024-03-12T14:00:00.482110000Z container kill 3b1f0a9c2d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4 (image=orders:1.4.2, name=orders, signal=15)
match: 2024-03-12T14:00:01.002000000Z container die 3b1f0a9c2d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4 (exitCode=137, image=orders:1.4.2, name=orders)
match: 2024-03-12T14:00:03.120000000Z container start 9c2d4e5f6071 (image=orders:1.4.3, name=orders)
no-match: 2024-03-12T14:00:00.482110000Z container create 3b1f0a9c2d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4 (image=orders:1.4.2, name=orders)
no-match: 2024-03-12 14:00:00,120 INFO  [main] c.e.App - container start skipped: already running

name: embedded-server-started
category: lifecycle
severity: info
regex: (?:Tomcat|Netty|Jetty|Undertow) started on port
description: a JVM embedded web server started listening
match: 2024-03-12T14:00:09.100Z  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path ''
match: 2021-06-01 09:00:07.100  INFO 1 --- [main] o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat started on port(s): 8080 (http) with context path ''
no-match: 2024-03-12T14:00:05.000Z  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port 8080 (http)

name: server-started
category: lifecycle
severity: info
regex: (?<!Kafka )\b[Ss]erver started\b
description: a server reports that it started
match: 2024-03-12T14:00:03.000Z info: Server started on port 3000
match: [2024-03-12 14:00:03,000] INFO [SocketServer listenerType=ZK_BROKER, nodeId=1] Server started (kafka.network.SocketServer)
no-match: 2024-03-12T14:00:01.000Z info: Server starting (pid 1, node v20.11.1)
no-match: [2024-03-12 14:00:20,482] INFO [KafkaRaftServer nodeId=1] Kafka Server started (kafka.server.KafkaRaftServer)

name: listening-on
category: lifecycle
severity: info
flags: caseless
regex: \blistening (?:on|at:?) \S*\d
description: a server started listening on an address or port
match: 2024-03-12T14:00:03.000Z info: Listening on http://0.0.0.0:3000
match: [2024-03-12 14:00:03 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)
match: level=info msg="listening on :8080"
no-match: level=info msg="listening socket closed" fd=12

name: uvicorn-running
category: lifecycle
severity: info
regex: Uvicorn running on \S+
description: a uvicorn (FastAPI, Starlette) server started
match: INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)
no-match: INFO:     Started server process [1]

name: gunicorn-starting
category: lifecycle
severity: info
regex: Starting gunicorn \d
description: gunicorn's master process started
match: [2024-03-12 14:00:02 +0000] [1] [INFO] Starting gunicorn 21.2.0
no-match: [2024-03-12 14:00:02 +0000] [1] [INFO] Using worker: sync

# ---- signals and kills --------------------------------------------------------------

name: sigterm-received
category: lifecycle
severity: info
flags: caseless
regex: received (?:signal )?SIGTERM|SIGTERM\)? received|(?:caught|got) SIGTERM
literal: sigterm
description: a process received SIGTERM (orchestrator stop, deploy or scale-down)
match: 2024-03-12T14:00:00.010Z info: SIGTERM received, closing HTTP server
match: 1:signal-handler (1710252000) Received SIGTERM scheduling shutdown...
match: 2024/03/12 14:00:00 [notice] 1#1: signal 15 (SIGTERM) received from 1, exiting
match: level=info msg="received SIGTERM, draining connections"
no-match: Mar 12 14:00:00 web-1 systemd[1]: orders-api.service: Sent signal SIGTERM to main process 4242 (java) on client request.

name: received-signal-15
category: lifecycle
severity: info
flags: caseless
regex: received signal:? (?:15\b|terminated\b)
description: a process reports signal 15 / "terminated" (Go os.Signal, C daemons)
match: Received signal 15, shutting down
match: level=info msg="received signal: terminated, shutting down"
no-match: level=info msg="received signal: hangup, reloading configuration"

name: gunicorn-handling-signal
category: lifecycle
severity: info
regex: Handling signal: (?:term|int|quit|hup|winch)\b
description: the gunicorn master got a stop or reload signal
match: [2024-03-12 14:00:00 +0000] [1] [INFO] Handling signal: term
no-match: [2024-03-12 14:00:00 +0000] [1] [INFO] Handling request: GET /healthz

name: shell-killed
category: lifecycle
severity: error
regex: ^Killed$|: line \d+: +\d+ Killed\s
literal: Killed
description: a process was killed with SIGKILL (reported by the shell; often the OOM killer or a stop timeout)
match: Killed
match: /entrypoint.sh: line 12:    42 Killed                  java -jar /app/app.jar
no-match: 2024-03-12 14:00:00 INFO jobs: Killed 3 stale jobs older than 24h

name: systemd-killing-process
category: lifecycle
severity: info
regex: Killing process \d+ \(\S+\) with signal SIG[A-Z]+
description: systemd is killing a unit's processes (stop, restart or timeout escalation)
match: Mar 12 14:00:30 web-1 systemd[1]: orders-api.service: Killing process 4242 (java) with signal SIGKILL.
no-match: Mar 12 14:00:00 web-1 systemd[1]: orders-api.service: Sent signal SIGTERM to main process 4242 (java) on client request.

# ---- systemd ------------------------------------------------------------------------

name: systemd-started
category: lifecycle
severity: info
regex: (?:^|systemd\[\d+\]: )Started (?![Ss]ession \d+ of [Uu]ser )[^()]{1,200}\.$
flags: caseless
description: systemd started a unit
match: Mar 12 14:00:05 web-1 systemd[1]: Started nginx.service - A high performance web server and a reverse proxy server.
match: Started PostgreSQL RDBMS.
no-match: Started OrdersApplication in 8.123 seconds (process running for 8.9)
no-match: Nov 23 12:00:01 web-1 systemd[1]: Started Session 412 of user deploy.

name: systemd-stopped
category: lifecycle
severity: info
regex: (?:^|systemd\[\d+\]: )Stopped [^()]{1,200}\.$
flags: caseless
description: systemd stopped a unit
match: Mar 12 14:00:02 web-1 systemd[1]: Stopped nginx.service - A high performance web server and a reverse proxy server.
match: Stopped PostgreSQL RDBMS.
no-match: Mar 12 14:00:02 web-1 orders[4242]: Stopped consumer group orders (3 partitions revoked).

name: systemd-stopping
category: lifecycle
severity: info
regex: (?:^|systemd\[\d+\]: )Stopping [^()]{1,200}\.\.\.$
flags: caseless
description: systemd is stopping a unit
match: Mar 12 14:00:00 web-1 systemd[1]: Stopping nginx.service - A high performance web server and a reverse proxy server...
no-match: Mar 12 14:00:00 web-1 orders[4242]: Stopping consumer... (3 partitions)

name: systemd-starting
category: lifecycle
severity: info
regex: (?:^|systemd\[\d+\]: )Starting [^()]{1,200}\.\.\.$
flags: caseless
description: systemd is starting a unit (a restart is Stopping, then Starting, then Started)
match: Mar 12 14:00:02 web-1 systemd[1]: Starting nginx.service - A high performance web server and a reverse proxy server...
match: Mar 12 14:00:02 web-1 systemd[1]: starting orders.service...
no-match: Mar 12 14:00:02 web-1 orders[4242]: Starting consumer... (3 partitions)
no-match: Mar 12 14:00:02 web-1 systemd[1]: Starting nginx.service - web server

# ---- datastores ---------------------------------------------------------------------

name: kafka-server-started
category: lifecycle
severity: info
regex: \[Kafka(?:Raft)?Server (?:id|nodeId)=\d+\] (?:Kafka Server )?started \(kafka\.server\.Kafka(?:Raft)?Server\)|\[Kafka Server \d+\], started\b
flags: caseless
description: a Kafka broker finished starting (the bracket is "[Kafka Server 1]," before Kafka 1.0)
match: [2024-03-12 14:00:20,482] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)
match: [2016-12-19 19:27:49,020] INFO [Kafka Server 1], started (kafka.server.KafkaServer)
no-match: [2016-12-19 19:27:40,020] INFO [Kafka Server 1], starting (kafka.server.KafkaServer)
match: [2024-03-12 14:00:20,482] INFO [KafkaRaftServer nodeId=1] Kafka Server started (kafka.server.KafkaRaftServer)
no-match: [2024-03-12 14:00:10,000] INFO [KafkaServer id=1] starting (kafka.server.KafkaServer)

name: kafka-server-shutting-down
category: lifecycle
severity: info
regex: (?:\[Kafka(?:Raft)?Server (?:id|nodeId)=\d+\]|\[Kafka Server \d+\],) (?:shutting down|shut down completed)
flags: caseless
description: a Kafka broker is shutting down (controlled shutdown, restart)
match: [2024-03-12 14:00:00,482] INFO [KafkaServer id=1] shutting down (kafka.server.KafkaServer)
match: [2016-12-19 18:14:38,101] INFO [Kafka Server 1], shutting down (kafka.server.KafkaServer)
match: [2016-12-19 18:14:43,512] INFO [Kafka Server 1], shut down completed (kafka.server.KafkaServer)
no-match: [2016-12-19 18:14:39,000] INFO [Kafka Server 1], Controlled shutdown succeeded (kafka.server.KafkaServer)
match: [2024-03-12 14:00:08,100] INFO [KafkaServer id=1] shut down completed (kafka.server.KafkaServer)
no-match: [2024-03-12 14:00:00,482] INFO [ReplicaManager broker=1] Shutting down (kafka.server.ReplicaManager)

name: postgres-ready
category: lifecycle
severity: info
regex: database system is ready to accept (?:read-only )?connections
flags: caseless
description: PostgreSQL finished starting (or recovery) and accepts connections
match: 2024-03-12 14:00:13.001 UTC [1] LOG:  database system is ready to accept connections
match: 2024-03-12 14:00:13.001 UTC [1] LOG:  database system is ready to accept read-only connections
match: 2024-03-12 14:00:13 UTC:10.0.1.5(5432):@:[1]:LOG:  Database system is ready to accept connections
no-match: 2024-03-12 14:00:11.482 UTC [3150] FATAL:  the database system is starting up

name: mysql-ready-for-connections
category: lifecycle
severity: info
regex: (?<!not )\bready for connections\b
flags: caseless
description: MySQL/MariaDB (or another server) finished starting and accepts connections
match: 2024-03-12T14:00:13.001234Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306
match: 2024-03-12 14:00:13 0 [Note] mysqld: ready for connections.
no-match: 2024-03-12 14:00:10 0 [Note] InnoDB: Buffer pool(s) load completed
no-match: 2024-03-12 14:00:10 0 [Note] not ready for connections yet

name: shutdown-complete
category: lifecycle
severity: info
regex: \bshutdown complete(?:d)?\b
flags: caseless
description: a server finished shutting down (MySQL "Shutdown complete", generic "shutdown completed")
match: 2024-03-12 14:00:05 0 [Note] /usr/sbin/mysqld: Shutdown complete
match: 2024-03-12 14:00:05,120 INFO  [main] c.e.App - Graceful shutdown complete
no-match: 2024-03-12 14:00:04,120 WARN  [main] c.e.App - shutdown incomplete: 3 tasks still running

name: postgres-shut-down
category: lifecycle
severity: info
regex: database system is shut down
description: PostgreSQL completed its shutdown
match: 2024-03-12 14:00:05.120 UTC [1] LOG:  database system is shut down
no-match: 2024-03-12 14:00:02.482 UTC [3160] FATAL:  the database system is shutting down

name: postgres-shutdown-request
category: lifecycle
severity: info
regex: received (?:smart|fast|immediate) shutdown request
description: the PostgreSQL postmaster was asked to shut down
match: 2024-03-12 14:00:00.010 UTC [1] LOG:  received fast shutdown request
no-match: 2024-03-12 14:00:00.010 UTC [1] LOG:  received SIGHUP, reloading configuration files

name: redis-starting
category: lifecycle
severity: info
regex: Redis is starting oO0OoO0OoO0Oo
description: a Redis server process started
match: 1:C 12 Mar 2024 14:00:01.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo
no-match: 1:M 12 Mar 2024 14:00:01.100 * Server initialized

name: redis-ready
category: lifecycle
severity: info
regex: \* Ready to accept connections\b
description: Redis finished loading and accepts connections
match: 1:M 12 Mar 2024 14:00:13.482 * Ready to accept connections tcp
match: 1:M 12 Mar 2019 14:00:13.482 * Ready to accept connections
no-match: 1:M 12 Mar 2024 14:00:02.000 * Loading RDB produced by version 7.2.4

name: redis-shutdown
category: lifecycle
severity: info
regex: User requested shutdown\.\.\.|Redis is now ready to exit, bye bye\.\.\.
literal: ...
description: Redis is shutting down (SHUTDOWN command or SIGTERM)
match: 1:M 12 Mar 2024 14:00:00.020 # User requested shutdown...
match: 1:M 12 Mar 2024 14:00:00.900 # Redis is now ready to exit, bye bye...
no-match: 1:M 12 Mar 2024 14:00:00.500 * DB saved on disk

# ---- Kubernetes and deploys ---------------------------------------------------------

name: k8s-killing-container
category: lifecycle
severity: info
regex: Killing container with (?:a grace period|id )
flags: caseless
description: the kubelet is stopping a container (deploy, scale-down, eviction or failed liveness probe)
match: I0312 14:00:00.482110    2211 kuberuntime_container.go:745] "Killing container with a grace period" pod="default/orders-api-7d9f8b6c5-x2x4z" podUID="4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" containerName="orders-api" containerID="containerd://3b1f0a" gracePeriod=30
match: 5m          Normal    Killing     pod/orders-api-58f7c9d4b-2kq9z   Killing container with id docker://orders-api:Need to kill Pod
no-match: I0312 14:00:00.482110    2211 kubelet.go:2410] "SyncLoop DELETE" source="api" pods=["default/orders-api-7d9f8b6c5-x2x4z"]

name: k8s-stopping-container
category: lifecycle
severity: info
regex: \bStopping container \S
flags: caseless
description: Kubernetes event: a container is being stopped (reason Killing)
match: 2m          Normal    Killing     pod/orders-api-7d9f8b6c5-x2x4z   Stopping container orders-api
no-match: 2m          Normal    Started     pod/orders-api-7d9f8b6c5-x2x4z   Started container orders-api

name: k8s-started-container
category: lifecycle
severity: info
regex: \bStarted container \S
flags: caseless
description: Kubernetes event: a container started (new pod, restart or deploy)
match: 2m          Normal    Started     pod/orders-api-7d9f8b6c5-x2x4z   Started container orders-api
no-match: 2m          Normal    Created     pod/orders-api-7d9f8b6c5-x2x4z   Created container orders-api

name: k8s-scaled-replica-set
category: lifecycle
severity: info
regex: Scaled (?:up|down) replica set \S+ (?:to|from) \d+
description: a Deployment scaled a ReplicaSet (rollout or autoscaling)
match: 3m          Normal    ScalingReplicaSet   deployment/orders-api   Scaled up replica set orders-api-7d9f8b6c5 to 3
match: 3m          Normal    ScalingReplicaSet   deployment/orders-api   Scaled down replica set orders-api-58f7c9d4b to 0 from 1
no-match: 3m          Normal    SuccessfulCreate    replicaset/orders-api-7d9f8b6c5   Created pod: orders-api-7d9f8b6c5-x2x4z

name: kubectl-rolled-out
category: lifecycle
severity: info
regex: deployment "[^"]+" successfully rolled out
description: kubectl rollout status saw a Deployment finish rolling out
match: deployment "orders-api" successfully rolled out
no-match: Waiting for deployment "orders-api" rollout to finish: 1 of 3 updated replicas are available...

name: helm-upgraded
category: lifecycle
severity: info
regex: Release "[^"]+" has been upgraded
description: helm upgraded a release (a deploy)
match: Release "orders-api" has been upgraded. Happy Helming!
no-match: Release "orders-api" does not exist. Installing it now.

name: deploy-marker
category: lifecycle
severity: info
flags: caseless
regex: \bdeploy(?:ing|ed) (?:version|release|revision|build|commit|v?\d)
description: a deploy script or CD tool announces a deploy of a version
match: 2024-03-12T14:00:00Z deploy: Deploying version 1.42.0 (commit 5f2b1a3) to production
match: [ci] orders-api deployed revision 7f3a2b1 to prod-eu-west-1
match: Deployed v1.42.0 in 94s
no-match: 2024-03-12T14:00:00Z INFO config: loaded deployment settings from /etc/orders/deploy.yaml
