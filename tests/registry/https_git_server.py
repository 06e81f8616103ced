#!/usr/bin/python3
"""A git server for tests: `git http-backend` (CGI) behind HTTPS with Basic authentication on
127.0.0.1, plus a logging HTTP CONNECT proxy. Writes "HTTPS_PORT PROXY_PORT" to --port-file once
both listen, then serves until killed. Every CONNECT target is appended to --proxy-log.

  https_git_server.py --root DIR --cert PEM --key PEM --password P --port-file F --proxy-log F
"""
import argparse
import base64
import http.server
import os
import select
import socket
import socketserver
import ssl
import sys
import threading


def main():
    ap = argparse.ArgumentParser()
    for name in ("--root", "--cert", "--key", "--password", "--port-file", "--proxy-log"):
        ap.add_argument(name, required=True)
    args = ap.parse_args()

    www = os.path.join(args.root, "www")
    os.makedirs(os.path.join(www, "cgi-bin"), exist_ok=True)
    cgi = os.path.join(www, "cgi-bin", "git")
    with open(cgi, "w") as f:
        f.write("#!/bin/sh\nexec git http-backend\n")
    os.chmod(cgi, 0o755)
    os.environ["GIT_PROJECT_ROOT"] = os.path.join(args.root, "repos")
    os.environ["GIT_HTTP_EXPORT_ALL"] = "1"
    expected = "Basic " + base64.b64encode(b"x:" + args.password.encode()).decode()

    class GitHandler(http.server.CGIHTTPRequestHandler):
        # Run the CGI through subprocess: the fork path writes to the raw (TLS) socket and, as
        # root, switches to user nobody, who cannot read the test's repositories.
        have_fork = False

        def __init__(self, *a, **kw):
            super().__init__(*a, directory=www, **kw)

        def authorised(self):
            header = self.headers.get("Authorization", "")
            try:  # any user name, the one password (like a token)
                user_pass = base64.b64decode(header.split(" ", 1)[1]).decode()
                ok = header.startswith("Basic ") and user_pass.split(":", 1)[1] == args.password
            except Exception:
                ok = False
            if not ok:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()
            return ok

        def do_GET(self):
            if self.authorised():
                super().do_GET()

        def do_POST(self):
            if self.authorised():
                super().do_POST()

        def log_message(self, *a):
            pass

    class TlsServer(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def shutdown_request(self, request):
            try:  # close_notify: CGI replies end with the connection, and TLS clients check
                request.unwrap()
            except (OSError, ValueError):
                pass
            super().shutdown_request(request)

    https = TlsServer(("127.0.0.1", 0), GitHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    https.socket = context.wrap_socket(https.socket, server_side=True)

    log_lock = threading.Lock()

    class ProxyHandler(socketserver.StreamRequestHandler):
        def handle(self):
            try:
                self.tunnel()
            except OSError:  # a client closing its end mid-stream is normal
                pass

        def tunnel(self):
            request = self.rfile.readline().decode("latin-1").split()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            if len(request) < 2 or request[0] != "CONNECT":
                self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
                return
            with log_lock, open(args.proxy_log, "a") as log:
                log.write(request[1] + "\n")
            host, port = request[1].rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            ends = [self.connection, upstream]
            while True:
                ready, _, _ = select.select(ends, [], [], 30)
                if not ready:
                    break
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        upstream.close()
                        return
                    (upstream if s is self.connection else self.connection).sendall(data)

    class Proxy(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    proxy = Proxy(("127.0.0.1", 0), ProxyHandler)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{https.server_address[1]} {proxy.server_address[1]}\n")
    os.rename(tmp, args.port_file)
    https.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
