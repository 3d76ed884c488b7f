# system.pat: the operating system: kernel OOM killer, disks and file systems, file
# descriptors, crashes (segfaults, aborts) and systemd units. Format:
# patterns/README.md.

# ---- memory -------------------------------------------------------------------------

name: kernel-oom-killed-process
category: kernel
severity: critical
regex: [Oo]ut of memory: Kill(?:ed)? process \d+
description: the Linux OOM killer (system-wide or a memory cgroup) killed a process
match: Mar 12 14:02:11 web-1 kernel: [8812345.123456] Out of memory: Killed process 3121 (java) total-vm:8123456kB, anon-rss:3951234kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:8120kB oom_score_adj:0
match: Mar 12 14:02:11 web-1 kernel: Memory cgroup out of memory: Killed process 4242 (node) total-vm:1843212kB, anon-rss:524288kB, file-rss:20480kB, shmem-rss:0kB, UID:0 pgtables:1400kB oom_score_adj:984
match: Jun  3 02:11:40 db-2 kernel: Out of memory: Kill process 2210 (mysqld) score 912 or sacrifice child
no-match: Mar 12 14:02:11 web-1 kernel: [8812345.123400] oom_reaper: reaped process 3121 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB

name: kernel-oom-killer-invoked
category: kernel
severity: critical
regex: invoked oom-killer: gfp_mask=
description: a process's allocation triggered the Linux OOM killer (a kill follows)
match: Mar 12 14:02:11 web-1 kernel: [8812345.120001] java invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
no-match: Mar 12 14:02:11 web-1 kernel: [8812345.120100] Tasks state (memory values in pages):

# ---- disks and file systems ---------------------------------------------------------

name: disk-no-space
category: disk
severity: critical
flags: caseless
regex: no space left on device
description: a write failed because the file system is full (ENOSPC)
match: 2024-03-12 14:02:11.482 UTC [3300] PANIC:  could not write to file "pg_wal/xlogtemp.3300": No space left on device
match: Error: ENOSPC: no space left on device, write
match: 2024/03/12 14:02:11 [crit] 2817#2817: *10432 pwritev() "/var/cache/nginx/client_temp/0000000042" failed (28: No space left on device), client: 10.0.4.17, server: upload.example.com, request: "POST /files HTTP/1.1", host: "upload.example.com"
no-match: 2024-03-12 14:02:11 WARN disk-monitor: /var/lib/postgresql at 91% of space, 9.8G left on device /dev/nvme1n1

name: disk-quota-exceeded
category: disk
severity: error
flags: caseless
regex: (?:\[Errno 122\] |EDQUOT: |\(122: |: )disk quota exceeded
description: a write failed because a user/project disk quota is exhausted (EDQUOT)
match: OSError: [Errno 122] Disk quota exceeded: '/data/uploads/8812.tmp'
match: Error: EDQUOT: disk quota exceeded, write
no-match: 2024-03-12 14:02:11 INFO quota: project uploads uses 81% of its disk quota
no-match: 2026-11-23T12:10:01.311902Z 0 [ERROR] [MY-012639] [InnoDB] Write to file ./shop/orders.ibd failed at offset 1048576000, 16384 bytes should have been written, only 0 were written. Operating system error number 28. Check that your OS and file system support files of this size. Check also that the disk is not full or a disk quota exceeded.

name: fs-read-only
category: disk
severity: critical
flags: caseless
regex: read-only file system
description: a write failed because the file system is (or was remounted) read-only (EROFS), usually after disk errors
match: OSError: [Errno 30] Read-only file system: '/data/cache/index.db'
match: Error: EROFS: read-only file system, open '/app/logs/app.log'
no-match: 2024-03-12 14:02:11 INFO mount: /etc/config mounted read-only from configmap app-config

name: fs-remount-read-only
category: disk
severity: critical
regex: Remounting filesystem read-only
description: the kernel remounted a file system read-only after an I/O or journal error
match: Mar 12 14:02:11 db-1 kernel: [812345.001122] EXT4-fs (nvme1n1p1): Remounting filesystem read-only
no-match: Mar 12 14:02:11 db-1 kernel: [812345.001100] EXT4-fs (nvme1n1p1): re-mounted. Opts: errors=remount-ro. Quota mode: none.

name: fs-ext4-error
category: disk
severity: critical
regex: EXT4-fs error \(device [\w-]+\)
description: ext4 reported file-system corruption or a failed metadata read
match: Mar 12 14:02:11 db-1 kernel: [812345.001000] EXT4-fs error (device nvme1n1p1): ext4_find_entry:1455: inode #2: comm postgres: reading directory lblock 0
no-match: Mar 12 14:02:11 db-1 kernel: [812345.000900] EXT4-fs (nvme1n1p1): mounted filesystem with ordered data mode. Quota mode: none.

name: fs-xfs-error
category: disk
severity: critical
regex: XFS \([\w-]+\): (?:metadata I/O error|Corruption detected|log I/O error|Filesystem has been shut down)
description: XFS reported metadata I/O errors or corruption, or shut the file system down
match: Mar 12 14:02:11 db-1 kernel: XFS (sdb1): metadata I/O error in "xfs_imap_to_bp+0x5d/0xa0 [xfs]" at daddr 0x1a0 len 32 error 5
match: Mar 12 14:02:11 db-1 kernel: XFS (sdb1): Corruption detected. Unmount and run xfs_repair
no-match: Mar 12 14:02:11 db-1 kernel: XFS (sdb1): Ending clean mount

name: disk-io-error
category: disk
severity: critical
regex: I/O error, dev [\w-]+, sector \d+
description: the kernel block layer reported a failed disk read or write (failing disk or detached volume)
match: Mar 12 14:02:11 db-1 kernel: [812344.998877] blk_update_request: I/O error, dev nvme1n1, sector 209715200 op 0x1:(WRITE) flags 0x800 phys_seg 32 prio class 0
match: Mar 12 14:02:11 db-1 kernel: [812344.998900] I/O error, dev sdb, sector 2048 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 2
no-match: Mar 12 14:02:11 db-1 kernel: [812344.990000] sd 2:0:0:0: [sdb] 209715200 512-byte logical blocks: (107 GB/100 GiB)

# ---- file descriptors ---------------------------------------------------------------

name: fd-too-many-open-files
category: fd
severity: critical
flags: caseless
regex: too many open files
description: a process hit its file descriptor limit (EMFILE/ENFILE): new connections and files fail
match: 2024/03/12 14:02:11 [crit] 2817#2817: accept4() failed (24: Too many open files)
match: Error: EMFILE: too many open files, open '/app/static/index.html'
match: java.net.SocketException: Too many open files
match: 2024/03/12 14:02:11 http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 1s
no-match: 2024-03-12 14:02:11 INFO limits: open files soft limit 1024 raised to 65535

name: nginx-worker-connections
category: fd
severity: error
regex: worker_connections are not enough
description: an nginx worker ran out of connection slots (worker_connections)
match: 2024/03/12 14:02:11 [alert] 2818#2818: *10432 1024 worker_connections are not enough while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders", host: "api.example.com"
match: 2024/03/12 14:02:11 [alert] 2818#2818: 1024 worker_connections are not enough
no-match: 2024/03/12 14:02:11 [notice] 2817#2817: getrlimit(RLIMIT_NOFILE): 1048576:1048576

name: ephemeral-ports-exhausted
category: fd
severity: error
regex: Cannot assign requested address
description: the host ran out of ephemeral ports for outbound connections (EADDRNOTAVAIL), usually too many TIME_WAIT sockets
match: 2024/03/12 14:02:11 [crit] 2817#2817: *10432 connect() to 10.0.2.15:8080 failed (99: Cannot assign requested address) while connecting to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.2.15:8080/v1/orders", host: "api.example.com"
match: java.net.BindException: Cannot assign requested address (connect failed)
no-match: java.net.BindException: Address already in use

name: node-eaddrnotavail
category: node
severity: error
regex: connect EADDRNOTAVAIL\b
description: Node.js could not pick a local address/port for an outbound connection (ephemeral ports exhausted)
match: Error: connect EADDRNOTAVAIL 10.0.2.15:8080 - Local (0.0.0.0:0)
no-match: Error: listen EADDRINUSE: address already in use :::3000

# ---- crashes ------------------------------------------------------------------------

name: kernel-segfault
category: crash
severity: critical
regex: segfault at [0-9a-f]+ ip [0-9a-f]+ sp [0-9a-f]+ error \d+
description: the kernel reports a process killed by a segmentation fault
match: Mar 12 14:02:11 web-1 kernel: [812345.678901] app[4242]: segfault at 0 ip 000055d0c0f1b2a4 sp 00007ffd5b1c2e80 error 4 in app[55d0c0f00000+2d000] likely on CPU 3 (core 3, socket 0)
no-match: Mar 12 14:02:11 web-1 kernel: [812345.678950] traps: app[4243] trap invalid opcode ip:55d0c0f1b2b0 sp:7ffd5b1c2e80 error:0 in app[55d0c0f00000+2d000]

name: segmentation-fault
category: crash
severity: critical
regex: Segmentation fault
description: a process died of a segmentation fault (shell "Segmentation fault (core dumped)", Python faulthandler)
match: /entrypoint.sh: line 12:    42 Segmentation fault      (core dumped) /app/bin/worker --config /etc/worker.yaml
match: Fatal Python error: Segmentation fault
no-match: 2024-03-12 14:02:11 INFO worker: segmentation of 120 customers finished in 3.2s

name: sigsegv
category: crash
severity: critical
regex: \bSIGSEGV\b
description: a process received SIGSEGV (Go runtime, JVM hs_err header, C++ crash handlers)
match: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]
match: #  SIGSEGV (0xb) at pc=0x00007f3a2b1c0d4e, pid=1, tid=42
no-match: Mar 12 14:02:11 web-1 systemd[1]: app.service: Sent signal SIGTERM to main process 4242 (app) on client request.

name: general-protection-fault
category: crash
severity: critical
regex: traps: \S+\[\d+\] general protection fault
description: the kernel killed a process for a general protection fault (memory corruption, bad pointer)
match: Mar 12 14:02:11 web-1 kernel: [812345.700000] traps: worker[4244] general protection fault ip:7f3a2b1c0d4e sp:7ffd5b1c2e80 error:0 in libc.so.6[7f3a2b000000+195000]
no-match: Mar 12 14:02:11 web-1 kernel: [812345.678950] traps: app[4243] trap invalid opcode ip:55d0c0f1b2b0 sp:7ffd5b1c2e80 error:0 in app[55d0c0f00000+2d000]

name: glibc-heap-corruption
category: crash
severity: critical
regex: double free or corruption|malloc\(\): (?:corrupted|memory corruption)|corrupted (?:size vs\. prev_size|double-linked list)
literal: corrupt
description: glibc detected heap corruption and aborted the process
match: double free or corruption (out)
match: malloc(): corrupted top size
match: corrupted size vs. prev_size
no-match: 2024-03-12 14:02:11 DEBUG allocator: freed 4096 bytes, no corruption found by MALLOC_CHECK_

name: glibc-invalid-free
category: crash
severity: critical
regex: free\(\): (?:invalid pointer|double free detected|invalid size|invalid next size)
description: glibc caught an invalid or double free and aborted the process
match: free(): double free detected in tcache 2
match: free(): invalid pointer
no-match: 2024-03-12 14:02:11 DEBUG pool: free(): returned block 0x7f3a2b1c0d40 to arena 2

name: aborted-core-dumped
category: crash
severity: critical
regex: Aborted\s+\(core dumped\)|code=dumped, status=\d+/\w+
literal: dumped
description: a process aborted (SIGABRT, failed assertion) or dumped core, as reported by the shell or systemd
match: /entrypoint.sh: line 12:    42 Aborted                 (core dumped) /app/bin/worker --config /etc/worker.yaml
match: Mar 12 14:02:11 web-1 systemd[1]: worker.service: Main process exited, code=dumped, status=6/ABRT
no-match: Mar 12 14:02:11 web-1 worker[4242]: request aborted by client after 30s (no core dumped)

# ---- systemd ------------------------------------------------------------------------

name: systemd-failed-to-start
category: systemd
severity: error
regex: (?:^|systemd\[\d+\]: )Failed to start [^()]{1,200}\.$
description: systemd could not start a unit
match: Mar 12 14:02:11 web-1 systemd[1]: Failed to start nginx.service - A high performance web server and a reverse proxy server.
match: Jun  3 02:11:40 db-2 systemd[1]: Failed to start PostgreSQL RDBMS.
match: Failed to start Docker Application Container Engine.
no-match: Mar 12 14:02:11 web-1 systemd[1]: Starting nginx.service - A high performance web server and a reverse proxy server...
no-match: [12.345s][warning][os,thread] Failed to start thread "Unknown thread" - pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k, detached.

name: systemd-process-killed
category: systemd
severity: critical
regex: \.service: Main process exited, code=killed, status=\d+/\w+
description: a service's main process was killed by a signal (9/KILL is often the OOM killer)
match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Main process exited, code=killed, status=9/KILL
match: Mar 12 14:02:11 web-1 systemd[1]: worker.service: Main process exited, code=killed, status=11/SEGV
no-match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Main process exited, code=exited, status=0/SUCCESS

name: systemd-process-failed
category: systemd
severity: error
regex: \.service: Main process exited, code=exited, status=(?:[1-9]\d*)/\w+
description: a service's main process exited with a non-zero status
match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Main process exited, code=exited, status=1/FAILURE
match: Mar 12 14:02:11 web-1 systemd[1]: worker.service: Main process exited, code=exited, status=203/EXEC
no-match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Main process exited, code=exited, status=0/SUCCESS

name: systemd-failed-state
category: systemd
severity: error
regex: entered failed state|: Failed with result '[^']+'
literal: ailed
description: a systemd unit ended up failed
match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Failed with result 'exit-code'.
match: Jun  3 02:11:40 db-2 systemd[1]: Unit postgresql.service entered failed state.
no-match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Succeeded.

name: systemd-oom-kill
category: systemd
severity: critical
flags: caseless
regex: has been killed by the OOM killer|Failed with result 'oom-kill'
literal: oom
description: systemd reports that the kernel OOM killer killed a process of a unit
match: Nov 23 12:12:10 web-1 systemd[1]: orders-api.service: A process of this unit has been killed by the OOM killer.
match: Nov 23 12:12:10 web-1 systemd[1]: orders-api.service: Failed with result 'oom-kill'.
no-match: Nov 23 12:12:29 web-1 systemd[1]: orders-api.service: Failed with result 'exit-code'.

name: systemd-start-limit
category: systemd
severity: critical
regex: Start request repeated too quickly
description: systemd gave up restarting a crash-looping unit (StartLimitBurst reached)
match: Mar 12 14:02:21 web-1 systemd[1]: orders-api.service: Start request repeated too quickly.
no-match: Mar 12 14:02:16 web-1 systemd[1]: orders-api.service: Scheduled restart job, restart counter is at 4.

name: systemd-restart-scheduled
category: systemd
severity: warning
regex: Scheduled restart job, restart counter is at \d+
description: systemd is restarting a unit that stopped (Restart=); repeated counts mean a crash loop
match: Mar 12 14:02:16 web-1 systemd[1]: orders-api.service: Scheduled restart job, restart counter is at 4.
no-match: Mar 12 14:02:21 web-1 systemd[1]: orders-api.service: Start request repeated too quickly.

name: systemd-watchdog-timeout
category: systemd
severity: critical
regex: Watchdog timeout \(limit [^)]+\)!
description: a service stopped pinging the systemd watchdog (hung) and is being killed
match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Watchdog timeout (limit 3min)!
no-match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: WatchdogSec=3min, notify access main

name: systemd-stop-timeout
category: systemd
severity: warning
regex: State 'stop-(?:sigterm|final-sigterm)' timed out\. Killing\.
description: a service ignored SIGTERM for TimeoutStopSec and systemd escalated to SIGKILL
match: Mar 12 14:02:41 web-1 systemd[1]: orders-api.service: State 'stop-sigterm' timed out. Killing.
no-match: Mar 12 14:02:11 web-1 systemd[1]: orders-api.service: Deactivated successfully.
