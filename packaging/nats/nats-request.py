#!/usr/bin/env python3
"""One NATS request, for operators without the nats CLI (Debian 12 has none).

  nats-request.py --server HOST:PORT --user USER [--ca CA.pem] SUBJECT [PAYLOAD]

The password is read from stdin. Prints the reply, or the server's -ERR.
Speaks the NATS text protocol; TLS (checked against --ca) when the server
requires it. docs/cluster.md, "Adding a node, replacing a node":
  nats-request.py --server 10.0.0.11:4222 --user admin --ca /etc/nats/tls/ca.pem \\
      '$JS.API.SERVER.REMOVE' '{"peer":"nats-3"}'
"""
import argparse, json, socket, ssl, sys

p = argparse.ArgumentParser()
p.add_argument("--server", required=True)
p.add_argument("--user", required=True)
p.add_argument("--ca")
p.add_argument("--inbox", default="_INBOX.nats-request")
p.add_argument("subject")
p.add_argument("payload", nargs="?", default="")
a = p.parse_args()
password = sys.stdin.readline().rstrip("\n")
host, port = a.server.rsplit(":", 1)
sock = socket.create_connection((host, int(port)), timeout=10)
info = json.loads(sock.makefile("rb").readline().decode().split(" ", 1)[1])
if info.get("tls_required"):
    ctx = ssl.create_default_context(cafile=a.ca)
    sock = ctx.wrap_socket(sock, server_hostname=host)
f = sock.makefile("rb")
body = a.payload.encode()
connect = {"user": a.user, "pass": password, "verbose": False, "pedantic": False,
           "tls_required": bool(info.get("tls_required"))}
sock.sendall(b"CONNECT " + json.dumps(connect).encode() + b"\r\n" +
             f"SUB {a.inbox} 1\r\nPUB {a.subject} {a.inbox} {len(body)}\r\n".encode() +
             body + b"\r\nPING\r\n")
while True:
    line = f.readline().decode().rstrip("\r\n")
    if not line:
        sys.exit("nats-request: the server closed the connection")
    if line.startswith("-ERR"):
        sys.exit(line)
    if line.startswith("MSG"):
        print(f.read(int(line.split()[-1])).decode())
        break
