# database.pat: connection pools, PostgreSQL (server log and client errors), MySQL,
# MongoDB. Format: patterns/README.md.

# ---- connection pools ---------------------------------------------------------------

name: hikari-connection-timeout
category: pool
severity: error
regex: \S - Connection is not available\b
description: HikariCP had no free connection within connectionTimeout: the pool is exhausted (slow queries, leaks or a database that stopped answering)
match: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.
match: 2024-03-12 14:02:11.482 ERROR 1 --- [nio-8080-exec-9] o.h.engine.jdbc.spi.SqlExceptionHelper : HikariPool-1 - Connection is not available, request timed out after 30005ms (total=10, active=10, idle=0, waiting=42)
match: 2026-11-23 12:11:00.330 ERROR [scheduling-1] c.e.orders.OutboxRelay - relay tick failed: OrdersPool - Connection is not available
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Pool stats (total=10, active=3, idle=7, waiting=0)

name: spring-jdbc-connection-failure
category: pool
severity: error
regex: CannotGetJdbcConnectionException: Failed to obtain JDBC Connection
description: Spring could not get a JDBC connection (pool exhausted or database unreachable; the cause follows)
match: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection
match: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [nio-8080-exec-9] o.s.jdbc.datasource.DataSourceUtils : Fetching JDBC Connection from DataSource

name: sqlalchemy-queuepool-limit
category: pool
severity: error
regex: QueuePool limit of size \d+ overflow \d+ reached, connection timed out
description: SQLAlchemy's connection pool is exhausted (pool_size + max_overflow connections all checked out)
match: sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)
no-match: 2024-03-12 14:02:11,482 INFO sqlalchemy.pool.impl.QueuePool Pool recycle: connection <psycopg2.extensions.connection object at 0x7f3a> exceeded timeout; recycling

name: dbcp-pool-exhausted
category: pool
severity: error
regex: Timeout waiting for idle object
description: Apache Commons DBCP/Pool had no idle connection within maxWait: the pool is exhausted
match: org.apache.commons.dbcp2.SQLExceptionList: Cannot get a connection, pool error Timeout waiting for idle object, borrowMaxWaitDuration=PT10S
match: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLException: Cannot get a connection, pool error Timeout waiting for idle object
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [main] o.a.c.dbcp2.BasicDataSource : evicting idle object after 1800000 ms

name: pgbouncer-no-more-connections
category: pool
severity: error
regex: no more connections allowed \(max_client_conn\)
description: PgBouncer refused a client because max_client_conn is reached
match: 2024-03-12 14:02:11.482 UTC [1] WARNING C-0x55d0c0f1b2a4: (nodb)/(nouser)@10.0.4.17:51234 closing because: no more connections allowed (max_client_conn) (age=0s)
match: psycopg2.OperationalError: ERROR:  no more connections allowed (max_client_conn)
no-match: 2024-03-12 14:02:11.482 UTC [1] LOG stats: 1204 xacts/s, 5310 queries/s, in 1843101 B/s, out 9910233 B/s, xact 812 us, query 203 us, wait 12 us

name: pgbouncer-query-wait-timeout
category: pool
severity: error
regex: pooler error: query_wait_timeout|closing because: query_wait_timeout
literal: query_wait_timeout
description: PgBouncer clients waited longer than query_wait_timeout for a server connection: the database side of the pool is saturated
match: 2024-03-12 14:02:11.482 UTC [1] WARNING C-0x55d0c0f1b2a4: app/app@10.0.4.17:51234 pooler error: query_wait_timeout
match: 2024-03-12 14:02:11.482 UTC [1] LOG C-0x55d0c0f1b2b8: app/app@10.0.4.18:40022 closing because: query_wait_timeout (age=120s)
no-match: 2024-03-12 14:02:11.482 UTC [1] LOG C-0x55d0c0f1b2c0: app/app@10.0.4.19:40100 closing because: client close request (age=3s)

# ---- PostgreSQL ---------------------------------------------------------------------

name: postgres-too-many-clients
category: database
severity: critical
regex: sorry, too many clients already
description: PostgreSQL reached max_connections and refused a new connection
match: 2024-03-12 14:02:11.482 UTC [3121] FATAL:  sorry, too many clients already
match: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already
no-match: 2024-03-12 14:02:11.482 UTC [3122] LOG:  connection authorized: user=app database=orders application_name=orders-api

name: postgres-reserved-slots
category: database
severity: critical
regex: remaining connection slots are reserved for (?:non-replication|roles|superuser)
description: PostgreSQL is one step from max_connections: only superuser/replication slots are left
match: 2024-03-12 14:02:11.482 UTC [3125] FATAL:  remaining connection slots are reserved for non-replication superuser connections
match: pq: remaining connection slots are reserved for roles with the SUPERUSER attribute
no-match: 2024-03-12 14:02:11.482 UTC [1] LOG:  superuser_reserved_connections is set to 3

name: postgres-too-many-connections-role
category: database
severity: error
regex: too many connections for (?:role|database) "[^"]+"
description: a PostgreSQL role or database hit its CONNECTION LIMIT
match: 2024-03-12 14:02:11.482 UTC [3127] FATAL:  too many connections for role "orders_app"
match: psycopg2.OperationalError: connection to server at "10.0.2.20", port 5432 failed: FATAL:  too many connections for database "orders"
no-match: 2024-03-12 14:02:11.482 UTC [3128] LOG:  connection authorized: user=orders_app database=orders

name: postgres-deadlock
category: database
severity: error
regex: \bdeadlock detected\b
description: PostgreSQL aborted a transaction to break a lock cycle
match: 2024-03-12 14:02:11.482 UTC [3131] ERROR:  deadlock detected
match: psycopg2.errors.DeadlockDetected: deadlock detected
no-match: 2024-03-12 14:02:11.482 UTC [3132] LOG:  process 3132 still waiting for ShareLock on transaction 1234567 after 1000.123 ms

name: postgres-read-only-transaction
category: database
severity: error
regex: cannot execute [A-Z]+(?: [A-Z]+)? in a read-only transaction
description: writes reached a PostgreSQL standby or a read-only session (failover not followed, wrong endpoint)
match: 2024-03-12 14:02:11.482 UTC [3140] ERROR:  cannot execute INSERT in a read-only transaction
match: org.postgresql.util.PSQLException: ERROR: cannot execute CREATE TABLE in a read-only transaction
no-match: 2024-03-12 14:02:11.482 UTC [3141] LOG:  statement: SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY

name: postgres-starting-up
category: database
severity: error
regex: the database system is (?:starting up|not yet accepting connections)
description: PostgreSQL refused a connection because it is still starting or replaying WAL
match: 2024-03-12 14:02:11.482 UTC [3150] FATAL:  the database system is starting up
match: 2024-03-12 14:02:11.482 UTC [3151] FATAL:  the database system is not yet accepting connections
no-match: 2024-03-12 14:02:13.001 UTC [1] LOG:  database system is ready to accept connections

name: postgres-shutting-down
category: database
severity: error
regex: the database system is shutting down
description: PostgreSQL refused a connection because it is shutting down
match: 2024-03-12 14:02:11.482 UTC [3160] FATAL:  the database system is shutting down
match: org.postgresql.util.PSQLException: FATAL: the database system is shutting down
no-match: 2024-03-12 14:02:11.482 UTC [1] LOG:  database system is shut down

name: postgres-recovery-mode
category: database
severity: critical
regex: the database system is in recovery mode
description: PostgreSQL is recovering after a crash of a backend (all sessions were reset)
match: 2024-03-12 14:02:11.482 UTC [3170] FATAL:  the database system is in recovery mode
no-match: 2024-03-12 14:02:11.482 UTC [1] LOG:  database system was not properly shut down; automatic recovery in progress

name: postgres-backend-crashed
category: database
severity: critical
regex: server process \(PID \d+\) was terminated by signal \d+|terminating any other active server processes
literal: server process
description: a PostgreSQL backend crashed (or was OOM-killed) and the postmaster reset every session
match: 2024-03-12 14:02:11.482 UTC [1] LOG:  server process (PID 3180) was terminated by signal 9: Killed
match: 2024-03-12 14:02:11.482 UTC [1] LOG:  terminating any other active server processes
no-match: 2024-03-12 14:02:11.482 UTC [1] LOG:  background worker "logical replication launcher" (PID 58) exited with exit code 1

name: postgres-walsender-timeout
category: database
severity: error
regex: terminating walsender process due to replication timeout
description: a PostgreSQL standby stopped acknowledging WAL within wal_sender_timeout (replica lagging, stuck or cut off)
match: 2024-03-12 14:02:11.482 UTC [3190] LOG:  terminating walsender process due to replication timeout
no-match: 2024-03-12 14:02:11.482 UTC [3191] LOG:  standby "replica1" is now a synchronous standby with priority 1

name: postgres-wal-receive-failed
category: database
severity: error
regex: could not (?:receive data from|connect to the primary server|send data to) WAL stream|could not connect to the primary server
literal: could not 
description: a PostgreSQL standby lost its replication connection to the primary (replication broken, lag growing)
match: 2024-03-12 14:02:11.482 UTC [3200] FATAL:  could not receive data from WAL stream: server closed the connection unexpectedly
match: 2024-03-12 14:02:16.490 UTC [3201] FATAL:  could not connect to the primary server: connection to server at "10.0.2.20", port 5432 failed: Connection refused
no-match: 2024-03-12 14:02:21.500 UTC [3202] LOG:  started streaming WAL from primary at 5/2A000000 on timeline 3

name: postgres-serialization-failure
category: database
severity: warning
regex: could not serialize access due to (?:concurrent update|read/write dependencies among transactions)
description: a PostgreSQL REPEATABLE READ/SERIALIZABLE transaction lost a conflict and must be retried (hot rows under contention)
match: 2024-03-12 14:02:11.482 UTC [3205] ERROR:  could not serialize access due to concurrent update
match: psycopg2.errors.SerializationFailure: could not serialize access due to read/write dependencies among transactions
no-match: 2024-03-12 14:02:11.482 UTC [3206] LOG:  statement: SET TRANSACTION ISOLATION LEVEL SERIALIZABLE

name: postgres-replication-conflict
category: database
severity: warning
regex: canceling statement due to conflict with recovery
description: a query on a PostgreSQL standby was cancelled because replay needed the rows it read (replica under pressure)
match: 2024-03-12 14:02:11.482 UTC [3210] ERROR:  canceling statement due to conflict with recovery
no-match: 2024-03-12 14:02:11.482 UTC [3211] ERROR:  canceling statement due to user request

name: postgres-statement-timeout
category: database
severity: warning
regex: canceling statement due to statement timeout
description: a PostgreSQL query ran longer than statement_timeout
match: 2024-03-12 14:02:11.482 UTC [3220] ERROR:  canceling statement due to statement timeout
match: org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout
no-match: 2024-03-12 14:02:11.482 UTC [3221] ERROR:  canceling statement due to user request

name: postgres-admin-terminate
category: database
severity: error
regex: terminating connection due to administrator command
description: PostgreSQL sessions were killed by pg_terminate_backend or a fast shutdown (often a restart or failover)
match: 2024-03-12 14:02:11.482 UTC [3230] FATAL:  terminating connection due to administrator command
match: psycopg2.errors.AdminShutdown: terminating connection due to administrator command
no-match: 2024-03-12 14:02:11.482 UTC [3231] FATAL:  terminating connection due to idle-in-transaction timeout

name: postgres-connection-refused
category: database
severity: error
regex: connection to server at "[^"]*"(?: \([^)]*\))?, port \d+ failed: Connection refused|could not connect to server: Connection refused
literal: Connection refused
description: a libpq client (psql, psycopg2, Rails pg) could not connect to PostgreSQL: server down or restarting
match: psycopg2.OperationalError: connection to server at "10.0.2.20", port 5432 failed: Connection refused
match: PG::ConnectionBad: could not connect to server: Connection refused
no-match: psycopg2.OperationalError: connection to server at "10.0.2.20", port 5432 failed: FATAL:  password authentication failed for user "app"

# ---- MySQL / MariaDB ----------------------------------------------------------------

name: mysql-too-many-connections
category: database
severity: critical
regex: \bToo many connections\b
description: MySQL reached max_connections (error 1040)
match: ERROR 1040 (HY000): Too many connections
match: com.mysql.cj.jdbc.exceptions.MySQLNonTransientConnectionException: Data source rejected establishment of connection,  message from server: "Too many connections"
no-match: 2024-03-12T14:02:11.482110Z 0 [Warning] [MY-010140] [Server] Could not increase number of max_open_files to more than 10000 (request: 65535)

name: mysql-deadlock
category: database
severity: error
regex: Deadlock found when trying to get lock
description: InnoDB rolled back a transaction to break a deadlock (error 1213)
match: ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction
match: com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Deadlock found when trying to get lock; try restarting transaction
no-match: 2024-03-12T14:02:11.482110Z 12 [Note] [MY-012345] [InnoDB] Transactions deadlock detection is enabled

name: mysql-lock-wait-timeout
category: database
severity: error
regex: Lock wait timeout exceeded; try restarting transaction
description: an InnoDB transaction waited longer than innodb_lock_wait_timeout for a row lock (error 1205)
match: ERROR 1205 (HY000): Lock wait timeout exceeded; try restarting transaction
no-match: 2024-03-12 14:02:11 INFO config: innodb_lock_wait_timeout=50

name: mysql-gone-away
category: database
severity: error
regex: MySQL server has gone away
description: the MySQL connection was closed under the client (server restart, wait_timeout, max_allowed_packet; error 2006)
match: ERROR 2006 (HY000): MySQL server has gone away
match: sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2006, "MySQL server has gone away (BrokenPipeError(32, 'Broken pipe'))")
no-match: 2024-03-12 14:02:11 INFO db: reconnected to MySQL server at 10.0.2.30:3306

name: mysql-lost-connection
category: database
severity: error
regex: Lost connection to MySQL server (?:during query|at '[^']*')
description: the MySQL connection dropped mid-query or during the handshake (error 2013)
match: ERROR 2013 (HY000): Lost connection to MySQL server during query
match: (2013, "Lost connection to MySQL server at 'reading initial communication packet', system error: 0")
no-match: 2024-03-12 14:02:11 WARN db: connection to MySQL server idle for 600s, closing

name: mysql-read-only
category: database
severity: error
regex: The MySQL server is running with the --(?:super-)?read-only option so it cannot execute this statement
description: writes reached a read-only MySQL server (replica, or failover not followed; error 1290/1836)
match: ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot execute this statement
match: ERROR 1290 (HY000): The MySQL server is running with the --super-read-only option so it cannot execute this statement
no-match: ERROR 1290 (HY000): The MySQL server is running with the --secure-file-priv option so it cannot execute this statement

name: mysql-crashed
category: database
severity: critical
regex: mysqld got signal \d+ ;
description: the MySQL server crashed (assertion, SIGSEGV or abort) and is restarting; a stack trace follows
match: 2026-11-23T12:10:03Z UTC - mysqld got signal 6 ;
match: 14:02:11 UTC - mysqld got signal 11 ;
no-match: 2026-11-23T12:10:09.220510Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.40) starting as process 1

name: mysql-cannot-connect
category: database
severity: error
regex: Can't connect to MySQL server on '[^']*'
description: a client could not reach MySQL (error 2003: refused, timed out or unreachable)
match: ERROR 2003 (HY000): Can't connect to MySQL server on '10.0.2.30:3306' (111)
match: pymysql.err.OperationalError: (2003, "Can't connect to MySQL server on 'db' ([Errno 111] Connection refused)")
no-match: ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)

# ---- MongoDB ------------------------------------------------------------------------

name: mongodb-not-primary
category: database
severity: error
regex: NotWritablePrimary|NotPrimaryError|MongoNotPrimaryException|NotPrimaryNoSecondaryOk
literal: Primary
description: a MongoDB write reached a node that is not (or no longer) primary: election or failover in progress
match: pymongo.errors.NotPrimaryError: not primary, full error: {'topologyVersion': {'processId': ObjectId('65f0a1b2c3d4e5f6a7b8c9d0'), 'counter': 7}, 'ok': 0.0, 'errmsg': 'not primary', 'code': 10107, 'codeName': 'NotWritablePrimary'}
match: com.mongodb.MongoNotPrimaryException: Command failed with error 10107 (NotWritablePrimary): 'not primary' on server mongo-0.mongo:27017.
no-match: {"t":{"$date":"2024-03-12T14:02:11.482+00:00"},"s":"I",  "c":"REPL",     "id":21358,   "ctx":"ReplCoord-0","msg":"Replica set state transition","attr":{"newState":"SECONDARY","oldState":"PRIMARY"}}

name: mongodb-not-master
category: database
severity: error
regex: NotMaster(?:NoSlaveOk)?\b|'not master(?: and slaveOk=false)?'
literal: aster
description: a pre-4.4 MongoDB server refused a write or read because it is not the primary (election or failover)
match: MongoServerError: not master and slaveOk=false, full error: { ok: 0, errmsg: 'not master and slaveOk=false', code: 13435, codeName: 'NotMasterNoSlaveOk' }
match: pymongo.errors.NotMasterError: not master, full error: {'ok': 0.0, 'errmsg': 'not master', 'code': 10107, 'codeName': 'NotMaster'}
no-match: 2024-03-12T14:02:11.482+0000 I REPL [replexec-3] transition to PRIMARY from SECONDARY (master election won)

name: mongodb-server-selection-timeout
category: database
severity: error
regex: ServerSelection(?:Timeout)?Error
description: a MongoDB driver found no suitable server within serverSelectionTimeoutMS (cluster down, no primary, network)
match: pymongo.errors.ServerSelectionTimeoutError: mongo-0:27017: [Errno 111] Connection refused, Timeout: 30s, Topology Description: <TopologyDescription id: 65f0a1b2c3d4e5f6a7b8c9d0, topology_type: ReplicaSetNoPrimary, servers: []>
match: MongoServerSelectionError: connect ECONNREFUSED 10.0.2.40:27017
no-match: 2024-03-12 14:02:11,482 INFO app.db: MongoClient(host=['mongo-0:27017'], document_class=dict, serverSelectionTimeoutMS=30000)

name: mongodb-java-timeout
category: database
severity: error
regex: MongoTimeoutException: Timed out after \d+ ms while waiting
description: the MongoDB Java driver timed out waiting for a suitable server or a pooled connection
match: com.mongodb.MongoTimeoutException: Timed out after 30000 ms while waiting for a server that matches WritableServerSelector. Client view of cluster state is {type=REPLICA_SET, servers=[{address=mongo-0:27017, type=UNKNOWN, state=CONNECTING}]
match: com.mongodb.MongoTimeoutException: Timed out after 120000 ms while waiting for a connection to server mongo-0:27017.
no-match: 2024-03-12 14:02:11.482  INFO 1 --- [main] org.mongodb.driver.cluster : Cluster created with settings {hosts=[mongo-0:27017], mode=SINGLE, serverSelectionTimeout='30000 ms'}
