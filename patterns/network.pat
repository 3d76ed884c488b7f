# network.pat: TLS handshakes and certificates, DNS resolution. Format:
# patterns/README.md.

# ---- TLS ----------------------------------------------------------------------------

name: tls-certificate-expired
category: tls
severity: critical
flags: caseless
regex: certificate (?:has )?expired|cert_has_expired|certificateexpiredexception
literal: expired
description: a TLS peer presented an expired certificate (Go x509, OpenSSL/Python, Node CERT_HAS_EXPIRED, Java CertificateExpiredException)
match: 2024/03/12 14:02:11 Get "https://api.partner.example/v1/rates": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-03-12T14:02:11Z is after 2024-03-10T23:59:59Z
match: ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)
match: Error: certificate has expired at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) { code: 'CERT_HAS_EXPIRED' }
match: Caused by: java.security.cert.CertificateExpiredException: NotAfter: Sun Mar 10 23:59:59 UTC 2024
no-match: 2024-03-12 14:02:11 WARN cert-checker: certificate for api.example.com will expire in 14 days (notAfter=Mar 26 23:59:59 2024 GMT)
no-match: 2024-03-12 14:02:11 INFO cert-manager: certificate default/api-tls is up to date and has not expired

name: tls-certificate-verify-failed
category: tls
severity: error
regex: certificate verify (?:failed|error)
description: OpenSSL (nginx, Python, curl, Ruby) rejected the peer's certificate chain: unknown CA, wrong host name or expiry
match: 2024/03/12 14:02:11 [error] 2817#2817: *10432 upstream SSL certificate verify error: (20:unable to get local issuer certificate) while SSL handshaking to upstream, client: 10.0.4.17, server: api.example.com, request: "GET / HTTP/1.1", upstream: "https://10.0.2.15:8443/", host: "api.example.com"
match: requests.exceptions.SSLError: HTTPSConnectionPool(host='api.partner.example', port=443): Max retries exceeded with url: /v1/rates (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))
no-match: 2024-03-12 14:02:11 DEBUG urllib3.connectionpool: Starting new HTTPS connection (1): api.partner.example:443 (certificate verification enabled)

name: tls-unknown-authority
category: tls
severity: error
regex: x509: certificate (?:signed by unknown authority|is valid for \S+, not \S+|is not valid for any names)
description: Go rejected a certificate: untrusted issuer or wrong host name (x509)
match: 2024/03/12 14:02:11 Post "https://vault.internal:8200/v1/auth/kubernetes/login": tls: failed to verify certificate: x509: certificate signed by unknown authority
match: level=error msg="push failed" err="Get \"https://registry.internal/v2/\": x509: certificate is valid for ingress.local, not registry.internal"
no-match: 2024/03/12 14:02:11 loaded 142 root certificates from /etc/ssl/certs/ca-certificates.crt (x509: system pool)

name: tls-handshake-failed-upstream
category: tls
severity: error
regex: SSL_do_handshake\(\) failed .{0,400}? while SSL handshaking to upstream
description: nginx could not complete a TLS handshake with an HTTPS upstream (protocol/cipher mismatch, bad certificate)
match: 2024/03/12 14:02:11 [error] 2817#2817: *10432 SSL_do_handshake() failed (SSL: error:0A000410:SSL routines::sslv3 alert handshake failure:SSL alert number 40) while SSL handshaking to upstream, client: 10.0.4.17, server: api.example.com, request: "GET /v1/rates HTTP/1.1", upstream: "https://203.0.113.7:443/v1/rates", host: "api.example.com"
no-match: 2024/03/12 14:02:11 [info] 2817#2817: *10433 SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 198.51.100.23, server: 0.0.0.0:443

name: tls-handshake-error-go
category: tls
severity: warning
regex: http: TLS handshake error from \S+: (?:remote error: tls: |tls: |EOF|read tcp)
description: a Go server saw a client abort the TLS handshake; "remote error: tls: bad certificate" often means clients reject our certificate
match: 2024/03/12 14:02:11 http: TLS handshake error from 10.0.4.17:51234: remote error: tls: bad certificate
match: 2023/10/05 08:01:44 http: TLS handshake error from 10.244.1.1:33512: tls: client offered only unsupported versions: [302 301]
no-match: 2024/03/12 14:02:11 http: superfluous response.WriteHeader call from main.handler (main.go:42)

name: java-ssl-handshake-exception
category: tls
severity: error
regex: javax\.net\.ssl\.SSLHandshakeException
description: a JVM client or server failed a TLS handshake (untrusted certificate, PKIX path, protocol mismatch)
match: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
match: 2024-03-12 14:02:11.482 ERROR 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception: javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure
no-match: 2024-03-12 14:02:11.482 DEBUG 1 --- [main] o.a.h.c.s.SSLConnectionSocketFactory : Enabled protocols: [TLSv1.3, TLSv1.2] (javax.net.ssl default context)

# ---- DNS ----------------------------------------------------------------------------

name: dns-nginx-could-not-be-resolved
category: dns
severity: error
regex: \S+ could not be resolved \(\d+: [^)]+\)
description: nginx's resolver could not resolve an upstream or proxy_pass host name
match: 2024/03/12 14:02:11 [error] 2817#2817: *10432 orders.internal could not be resolved (3: Host not found), client: 10.0.4.17, server: api.example.com, request: "GET /v1/orders HTTP/1.1", host: "api.example.com"
match: 2022/01/20 16:40:02 [error] 9#9: *311 auth.svc.cluster.local could not be resolved (110: Operation timed out), client: 10.244.0.1, server: _, request: "GET /login HTTP/1.1", host: "gw.example.com"
no-match: 2024/03/12 14:02:11 [warn] 2817#2817: *10433 upstream server orders.internal:8080 resolved to 10.0.2.15, client: 10.0.4.17

name: dns-eai-again
category: dns
severity: error
regex: getaddrinfo EAI_AGAIN\b
description: Node.js DNS lookup failed temporarily (resolver unreachable or overloaded)
match: Error: getaddrinfo EAI_AGAIN orders.internal
match: 2024-03-12T14:02:11.482Z error: request to http://inventory:8080/v1/stock failed, reason: getaddrinfo EAI_AGAIN inventory
no-match: Error: getaddrinfo ENOTFOUND orders.internal

name: dns-enotfound
category: dns
severity: error
regex: getaddrinfo ENOTFOUND\b
description: Node.js DNS lookup found no such host (NXDOMAIN)
match: Error: getaddrinfo ENOTFOUND orders.internal
match: FetchError: request to https://api.partner.example/v1/rates failed, reason: getaddrinfo ENOTFOUND api.partner.example
no-match: Error: getaddrinfo EAI_AGAIN orders.internal

name: dns-temporary-failure
category: dns
severity: error
regex: Temporary failure in name resolution
description: glibc resolver could not reach a DNS server or got SERVFAIL (EAI_AGAIN), as reported by Python, PHP, curl and others
match: socket.gaierror: [Errno -3] Temporary failure in name resolution
match: PHP Warning:  file_get_contents(): php_network_getaddresses: getaddrinfo for api.partner.example failed: Temporary failure in name resolution in /var/www/app/rates.php on line 41
no-match: socket.gaierror: [Errno -2] Name or service not known

name: dns-name-not-known
category: dns
severity: error
regex: Name or service not known|nodename nor servname provided, or not known
literal: not known
description: glibc/BSD resolver says the host name does not exist (EAI_NONAME)
match: socket.gaierror: [Errno -2] Name or service not known
match: java.net.UnknownHostException: orders.internal: Name or service not known
match: ping: orders.internal: nodename nor servname provided, or not known
no-match: socket.gaierror: [Errno -3] Temporary failure in name resolution

name: java-unknown-host
category: dns
severity: error
regex: java\.net\.UnknownHostException: \S
description: a JVM could not resolve a host name
match: java.net.UnknownHostException: orders.internal: Name or service not known
match: Caused by: java.net.UnknownHostException: kafka-0.kafka-headless.default.svc.cluster.local
no-match: 2024-03-12 14:02:11.482 WARN 1 --- [main] o.a.k.c.ClientUtils : Couldn't resolve server kafka-0:9092 from bootstrap.servers as DNS resolution failed for kafka-0

name: dns-go-no-such-host
category: dns
severity: error
regex: lookup \S+(?: on \S+)?: no such host
description: Go's resolver got NXDOMAIN for a host name
match: 2024/03/12 14:02:11 dial tcp: lookup orders.internal on 10.96.0.10:53: no such host
match: level=error msg="failed to connect" err="dial tcp: lookup postgres: no such host"
no-match: 2024/03/12 14:02:11 dial tcp: lookup orders.internal on 10.96.0.10:53: server misbehaving

name: dns-go-server-misbehaving
category: dns
severity: error
regex: lookup \S+ on \S+: server misbehaving
description: Go's resolver got SERVFAIL or an unusable answer from the DNS server
match: 2024/03/12 14:02:11 dial tcp: lookup orders.internal on 10.96.0.10:53: server misbehaving
no-match: 2024/03/12 14:02:11 dial tcp: lookup orders.internal on 10.96.0.10:53: no such host

name: dns-lookup-timeout
category: dns
severity: error
regex: lookup \S+ on \S+: (?:read udp \S+->\S+: i/o timeout|dial udp \S+: i/o timeout)
literal: : i/o timeout
description: Go's DNS query to the resolver timed out (CoreDNS or upstream DNS overloaded or unreachable)
match: 2024/03/12 14:02:11 dial tcp: lookup orders.internal on 10.96.0.10:53: read udp 10.244.1.7:41234->10.96.0.10:53: i/o timeout
no-match: 2024/03/12 14:02:11 dial tcp 10.0.2.15:8080: i/o timeout

name: dns-nxdomain
category: dns
severity: warning
regex: \bNXDOMAIN\b
description: a DNS server answered NXDOMAIN (CoreDNS query log, dnsmasq, BIND); noisy for search-path expansion, telling when a service name disappears
match: [INFO] 10.244.1.7:50215 - 4821 "A IN orders.default.svc.cluster.local. udp 50 false 512" NXDOMAIN qr,aa,rd 143 0.000131727s
match: Mar 12 14:02:11 ns1 named[812]: client @0x7f3a 10.0.4.17#41234 (orders.internal): query failed (NXDOMAIN) for orders.internal/IN/A at query.c:7837
no-match: [INFO] 10.244.1.7:50216 - 4822 "A IN orders.default.svc.cluster.local. udp 50 false 512" NOERROR qr,aa,rd 106 0.000110s

name: dns-servfail
category: dns
severity: error
regex: \bSERVFAIL\b
description: a DNS server answered SERVFAIL (upstream resolver failing, DNSSEC or forwarding problems)
match: [INFO] 10.244.1.7:50217 - 4823 "A IN api.partner.example. udp 48 false 512" SERVFAIL qr,rd 48 2.001503s
match: [ERROR] plugin/errors: 2 api.partner.example. A: read udp 10.244.0.5:51234->8.8.8.8:53: i/o timeout (SERVFAIL)
no-match: [INFO] 10.244.1.7:50218 - 4824 "A IN api.partner.example. udp 48 false 512" NOERROR qr,rd,ra 80 0.004210s

name: curl-could-not-resolve
category: dns
severity: error
regex: Could not resolve (?:host|proxy): \S+
description: curl or libcurl could not resolve a host name
match: curl: (6) Could not resolve host: api.partner.example
match: 2024-03-12 14:02:11 [error] webhook delivery failed: cURL error 6: Could not resolve host: hooks.example.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)
no-match: 2024-03-12 14:02:11 [debug] webhook delivery: resolved host hooks.example.com to 203.0.113.50
