#!/usr/bin/env python3
"""What connections that served one request each and then went quiet cost a running cohook server.

Opens N keep-alive connections to the benchmark server (apps/bench_server), sends one webhook on each,
and prints the server's resident memory (VmRSS) per connection: right after the responses, after 12 s
of silence (past the 10 s shortest timeout, when idle connections give their read buffer back), and after
a second request on each. Complements bench/idle_connections.sh, which measures connections that never
sent anything. Raise `ulimit -n` above N first.

    build-perf/apps/cohook-bench-server --port 8080 &
    ulimit -n 20000; bench/idle_after_use.py 8080 $! 5000
"""
import pathlib
import socket
import sys
import time


def rss_kb(pid: int) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def deliver(connections, request: bytes) -> None:
    for conn in connections:
        conn.sendall(request)
    for conn in connections:
        answer = b""
        while not answer.endswith(b"null"):  # the bench server answers 200 with the JSON body null
            chunk = conn.recv(4096)
            if not chunk:
                raise RuntimeError("server closed a connection")
            answer += chunk


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    port, pid, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    body = (pathlib.Path(__file__).parent / "payload_2k.json").read_bytes()
    request = (b"POST /webhooks/trigger_training HTTP/1.1\r\nHost: bench\r\nX-Webhook-Secret: s3cret\r\n"
               b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
    before = rss_kb(pid)
    connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    deliver(connections, request)

    def report(when: str) -> None:
        now = rss_kb(pid)
        print(f"{when}: RSS {now} KB, {(now - before) * 1024 / count:.0f} bytes per connection")

    print(f"server RSS before: {before} KB; {count} connections")
    report("after one request each")
    time.sleep(12)
    report("after 12 s idle")
    deliver(connections, request)
    report("after a second request each")


if __name__ == "__main__":
    main()
