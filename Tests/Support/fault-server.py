#!/usr/bin/env python3
"""A misbehaving server on loopback, for tests of how config-api meets network faults.

Usage: fault-server.py MODE [--location URL] [--status CODE] [--request-log FILE] [--lifetime SECONDS]

MODE is one of
  hang      accepts connections, reads what arrives, never answers
  backlog   listens with a full accept queue and never accepts: a connection attempt hangs
  reset     accepts each connection and resets it at once (TCP RST)
  status    answers every HTTP request with --status CODE and an empty body
  redirect  answers every HTTP request with 301 to --location URL + the request's path
Prints the port on stdout (one line), then serves until stdin closes or --lifetime seconds pass.
With --request-log, appends one line per HTTP request: `auth` or `none` (whether it carried an
Authorization header), the method and the path.
"""
import argparse
import os
import socket
import struct
import sys
import threading


def read_request(connection):
    """The request line and whether an Authorization header came, or None when the peer left."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    has_auth = any(line.lower().startswith("authorization:") for line in head[1:])
    return head[0], has_auth


def log_request(arguments, request_line, has_auth):
    if arguments.request_log:
        method, path = (request_line.split(" ") + ["", ""])[:2]
        with open(arguments.request_log, "a") as log:
            log.write(f"{'auth' if has_auth else 'none'} {method} {path}\n")


def answer(connection, arguments):
    try:
        while True:
            request = read_request(connection)
            if request is None:
                return
            request_line, has_auth = request
            log_request(arguments, request_line, has_auth)
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
    parser.add_argument("mode", choices=["hang", "backlog", "reset", "status", "redirect"])
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
