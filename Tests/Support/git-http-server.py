#!/usr/bin/env python3
"""A smart-HTTP git server for tests: `git http-backend` behind HTTP Basic auth, loopback only.

Usage: git-http-server.py --root DIR [--token TOKEN] [--read-token TOKEN] [--lifetime SECONDS]
                          [--request-log FILE] [--busy-file FILE] [--host ADDRESS]
Serves every repository under DIR at http://127.0.0.1:PORT/<name>. With --token, every request
needs Basic auth whose password equals TOKEN (any user name), else 401; a --read-token password
may fetch but gets 403 on push (like a GitHub token without write access). With --request-log,
appends one line per request to FILE: the credentials it carried (none, token, read-token or
wrong), the method and the path. With --busy-file, keeps in FILE the number of requests being
served (a client that went away leaves its request running to the end). Picks a free port and
prints it on stdout (one line). Exits when stdin closes or after --lifetime seconds, so no server
outlives the tests that started it.
--host binds another local address than 127.0.0.1 (one added to a test's own network namespace).
"""
import argparse
import base64
import binascii
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class GitHTTPHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        self.serve()

    def do_POST(self):
        self.serve()

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def basic_auth(self):
        """(user, password) of the Basic-auth header, or None."""
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return (user or "token", password)

    def credential_kind(self):
        """none, token, read-token or wrong: what the request's Basic-auth password is."""
        credentials = self.basic_auth()
        if credentials is None:
            return "none"
        if credentials[1] == self.server.token:
            return "token"
        if self.server.read_token is not None and credentials[1] == self.server.read_token:
            return "read-token"
        return "wrong"

    def access(self, kind):
        """(status, user) for a request whose credentials are of `kind`: 200 with the user name,
        401 for missing or wrong credentials, 403 for a push with the read-only token."""
        if self.server.token is None:
            return 200, "anonymous"
        user = (self.basic_auth() or ("token", ""))[0]
        if kind == "token":
            return 200, user
        if kind == "read-token":
            return (403, None) if "git-receive-pack" in self.path else (200, user)
        return 401, None

    def log_request_credentials(self, kind):
        if self.server.request_log is None:
            return
        with self.server.request_log_lock, open(self.server.request_log, "a") as log:
            log.write(f"{kind} {self.command} {self.path}\n")

    def read_body(self):
        """The request body, de-chunked when sent with Transfer-Encoding: chunked (libgit2 does)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def serve(self):
        self.server.change_busy(+1)
        try:
            self.serve_request()
        finally:
            self.server.change_busy(-1)

    def serve_request(self):
        body = self.read_body()
        kind = self.credential_kind()
        self.log_request_credentials(kind)
        status, user = self.access(kind)
        if user is None:
            self.send_response(status)
            if status == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": self.server.root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "REMOTE_USER": user,
            "REMOTE_ADDR": self.client_address[0],
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
        }
        for header in ("Content-Encoding", "Git-Protocol"):
            if header in self.headers:
                environment["HTTP_" + header.upper().replace("-", "_")] = self.headers[header]
        result = subprocess.run(["git", "http-backend"], input=body, env=environment, capture_output=True)
        self.send_cgi_output(result.stdout)

    def send_cgi_output(self, output):
        """Turns the CGI response (headers, blank line, body) into an HTTP response."""
        separator = b"\r\n\r\n" if b"\r\n\r\n" in output else b"\n\n"
        head, _, payload = output.partition(separator)
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class GitHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    busy = 0
    busy_file = None
    busy_lock = threading.Lock()

    def change_busy(self, change):
        """Counts a request in or out; the count is replaced in --busy-file as a whole."""
        with self.busy_lock:
            self.busy += change
            if self.busy_file is not None:
                with open(self.busy_file + ".new", "w") as file:
                    file.write(f"{self.busy}\n")
                os.replace(self.busy_file + ".new", self.busy_file)


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="folder holding the repositories")
    parser.add_argument("--token", help="required Basic-auth password")
    parser.add_argument("--read-token", help="Basic-auth password that may fetch but not push")
    parser.add_argument("--lifetime", type=float, default=600, help="seconds before the server exits by itself")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    parser.add_argument("--request-log", help="file to append each request's credential kind, method and path to")
    parser.add_argument("--busy-file", help="file that holds the number of requests being served")
    parser.add_argument("--host", default="127.0.0.1", help="the local address to listen on")
    arguments = parser.parse_args()

    server = GitHTTPServer((arguments.host, 0), GitHTTPHandler)
    server.busy_file = arguments.busy_file
    server.root = os.path.abspath(arguments.root)
    server.token = arguments.token
    server.read_token = arguments.read_token
    server.verbose = arguments.verbose
    server.request_log = arguments.request_log
    server.request_log_lock = threading.Lock()
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    threading.Timer(arguments.lifetime, lambda: os._exit(0)).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
