#!/usr/bin/env python3
"""A stand-in for the daemon's command socket, for tests/cli/test_console.sh.

Listens on the abstract socket the client connects to first and answers
each request with the framing of libmultipath/ipc/framing.h (a native
size_t length, then the text and its NUL): the raw name lists the
console asks for while completing, "fail" for "remove map bad", and
"echo: REQUEST" for anything else. Every request is logged, one a line.

Usage: fake_multipathd.py LOGFILE READYFILE
"""
import socket
import struct
import sys

NAME = b"\0/org/kernel/linux/storage/multipathd"
SIZE = struct.Struct("@N")
# raw format: no header, each column padded to the widest value
REPLIES = {
    "show maps raw format %n": "mpatha \nmpathb \nother  \n",
    "show paths raw format %d": "sda \nsdb \n",
    "remove map bad": "fail\n",
}
IDLE_SECONDS = 120


def recv_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(conn, log):
    while True:
        hdr = recv_exact(conn, SIZE.size)
        if hdr is None:
            return
        body = recv_exact(conn, SIZE.unpack(hdr)[0])
        if body is None:
            return
        req = body.split(b"\0", 1)[0].decode(errors="replace")
        log.write(req + "\n")
        log.flush()
        reply = REPLIES.get(req, "echo: " + req + "\n").encode() + b"\0"
        conn.sendall(SIZE.pack(len(reply)) + reply)


def main():
    log_path, ready_path = sys.argv[1], sys.argv[2]
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        srv.bind(NAME)
    except OSError as e:
        print("cannot bind the abstract socket: %s" % e, file=sys.stderr)
        return 2
    srv.listen(8)
    srv.settimeout(IDLE_SECONDS)
    open(ready_path, "w").close()
    with open(log_path, "a") as log:
        while True:
            try:
                conn, _ = srv.accept()
            except socket.timeout:
                return 0
            with conn:
                conn.settimeout(10)
                try:
                    serve(conn, log)
                except (OSError, socket.timeout):
                    pass


if __name__ == "__main__":
    sys.exit(main())
