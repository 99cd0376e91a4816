#!/usr/bin/env python3
"""A misbehaving server on loopback, for tests of how config-api meets network faults.

Usage: fault-server.py MODE [--location URL] [--status CODE] [--request-log FILE] [--lifetime SECONDS]

MODE is one of
  hang      accepts connections, reads what arrives, never answers
  backlog   listens with a full accept queue and never accepts: a connection attempt hangs
  reset     accepts each connection and resets it at once (TCP RST)
  status    answers every HTTP request with --status CODE and an empty body
  redirect  answers every HTTP request with 301 to --location URL + the request's path
  cut-push  forwards every request to the server at --location URL and relays its answer, except
            for a push (POST …/git-receive-pack): the server takes it, the client's connection is
            then closed without its answer
Prints the port on stdout (one line), then serves until stdin closes or --lifetime seconds pass.
With --request-log, appends one line per HTTP request: `auth` or `none` (whether it carried an
Authorization header), the method and the path.
"""
import argparse
import http.client
import os
import socket
import struct
import sys
import threading
import urllib.parse


def read_request(reader):
    """(request line, headers, body) of the next request, or None when the peer left. The body
    is de-chunked when it came with Transfer-Encoding: chunked (libgit2 sends pushes so)."""
    request_line = reader.readline().decode("latin-1").rstrip("\r\n")
    if not request_line:
        return None
    headers = []
    while True:
        line = reader.readline().decode("latin-1").rstrip("\r\n")
        if not line:
            break
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    fields = {name.lower(): value for name, value in headers}
    body = b""
    if "chunked" in fields.get("transfer-encoding", "").lower():
        while True:
            size = int(reader.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while reader.readline() not in (b"\r\n", b"\n", b""):
                    pass
                break
            body += reader.read(size)
            reader.readline()
    elif int(fields.get("content-length", "0") or 0):
        body = reader.read(int(fields["content-length"]))
    return request_line, headers, body


def log_request(arguments, request_line, has_auth):
    if arguments.request_log:
        method, path = (request_line.split(" ") + ["", ""])[:2]
        with open(arguments.request_log, "a") as log:
            log.write(f"{'auth' if has_auth else 'none'} {method} {path}\n")


def forward(arguments, request_line, headers, body):
    """The answer of the server at --location to the request: (status, headers, body)."""
    method, path = request_line.split(" ")[:2]
    target = urllib.parse.urlsplit(arguments.location)
    upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    skipped = {"host", "content-length", "transfer-encoding", "connection"}
    upstream.request(method, path, body=body,
                     headers={name: value for name, value in headers if name.lower() not in skipped})
    response = upstream.getresponse()
    payload = response.read()
    kept = [(name, value) for name, value in response.getheaders()
            if name.lower() not in ("content-length", "transfer-encoding", "connection")]
    upstream.close()
    return response.status, kept, payload


def answer(connection, arguments):
    reader = connection.makefile("rb")
    try:
        while True:
            request = read_request(reader)
            if request is None:
                return
            request_line, headers, body = request
            has_auth = any(name.lower() == "authorization" for name, _ in headers)
            log_request(arguments, request_line, has_auth)
            if arguments.mode == "cut-push":
                status, answer_headers, payload = forward(arguments, request_line, headers, body)
                if request_line.startswith("POST ") and "git-receive-pack" in request_line:
                    return
                head = f"HTTP/1.1 {status} Relayed\r\n" + "".join(f"{n}: {v}\r\n" for n, v in answer_headers)
                connection.sendall((head + f"Content-Length: {len(payload)}\r\n\r\n").encode("latin-1") + payload)
                continue
            if arguments.mode == "status":
                head = f"HTTP/1.1 {arguments.status} Fault\r\nContent-Length: 0\r\n\r\n"
            else:
                path = request_line.split(" ")[1]
                head = (f"HTTP/1.1 301 Moved Permanently\r\nLocation: {arguments.location}{path}\r\n"
                        "Content-Length: 0\r\n\r\n")
            connection.sendall(head.encode("latin-1"))
    except OSError:
        pass
    finally:
        reader.close()
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        connection.close()


def hold(connection):
    try:
        while connection.recv(65536):
            pass
    except OSError:
        pass


def serve(server, arguments):
    held = []
    while True:
        connection, _ = server.accept()
        if arguments.mode == "reset":
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        elif arguments.mode == "hang":
            held.append(connection)
            threading.Thread(target=hold, args=(connection,), daemon=True).start()
        else:
            threading.Thread(target=answer, args=(connection, arguments), daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["hang", "backlog", "reset", "status", "redirect", "cut-push"])
    parser.add_argument("--location", default="")
    parser.add_argument("--status", type=int, default=503)
    parser.add_argument("--request-log")
    parser.add_argument("--lifetime", type=float, default=300)
    arguments = parser.parse_args()

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    port = server.getsockname()[1]
    fillers = []
    if arguments.mode == "backlog":
        server.listen(0)
        for _ in range(3):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            try:
                filler.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            fillers.append(filler)
    else:
        server.listen(64)
        threading.Thread(target=serve, args=(server, arguments), daemon=True).start()
    threading.Timer(arguments.lifetime, lambda: os._exit(0)).start()
    print(port, flush=True)
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    main()
