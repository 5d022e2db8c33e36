#!/usr/bin/python3
"""A stand-in for the hosted tunnel services (localhost.run, pinggy, serveo) for cohook's tests.

Listens for SSH on 127.0.0.1 (a free port), accepts `none` authentication (or, with --auth kbdint,
keyboard-interactive with zero prompts), accepts a `tcpip-forward` for port 80 as a *virtual* port
(it never binds 80: it listens on a free loopback port instead and forwards each connection there to
the client as a forwarded-tcpip channel for port 80), and answers the session's exec/shell request by
printing the public URL the way the services do.

Reports on stdout, one line each: "READY <ssh port>", "LISTEN <port standing for port 80>",
"EXEC <command>" ("EXEC " for a shell), "CANCEL <port>".
"""

import argparse
import asyncio
import json
import sys
import warnings

warnings.filterwarnings("ignore")  # the cryptography module's deprecation notices on import
import asyncssh  # noqa: E402  (Debian's python3-asyncssh: run with /usr/bin/python3)

URL_HOST = "abc.example.test"
SERVERS = {}


def say(line):
    print(line, flush=True)


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        writer.write_eof()
    except (OSError, asyncssh.Error):
        pass


class VirtualPortListener(asyncssh.SSHListener):
    """The service's public port: a loopback listener whose connections go to the client."""

    def __init__(self, conn, host, port):
        super().__init__()
        self._conn, self._host, self._port = conn, host, port
        self._server = None

    async def start(self):
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        say(f"LISTEN {self._server.sockets[0].getsockname()[1]}")

    async def _accept(self, reader, writer):
        peer = writer.get_extra_info("peername")
        try:
            chan_reader, chan_writer = await self._conn.open_connection(self._host, self._port, peer[0], peer[1])
        except (OSError, asyncssh.Error):
            writer.close()
            return
        await asyncio.gather(pipe(reader, chan_writer), pipe(chan_reader, writer))
        writer.close()

    def get_port(self):
        return self._port

    def close(self):
        say(f"CANCEL {self._port}")
        self._server.close()

    async def wait_closed(self):
        await self._server.wait_closed()


class Server(asyncssh.SSHServer):
    def __init__(self, auth):
        self._auth = auth
        self.forwarded = asyncio.Event()
        self._conn = None

    def connection_made(self, conn):
        self._conn = conn
        SERVERS[conn] = self

    def connection_lost(self, exc):
        SERVERS.pop(self._conn, None)

    def begin_auth(self, username):
        return self._auth != "none"  # False: no authentication needed, `none` succeeds

    def kbdint_auth_supported(self):
        return self._auth == "kbdint"

    def get_kbdint_challenge(self, username, lang, submethods):
        return ("", "", "en-US", ())  # an info request with zero prompts

    def validate_kbdint_response(self, username, responses):
        return len(responses) == 0

    def server_requested(self, listen_host, listen_port):
        if listen_port != 80:
            say(f"REFUSED {listen_port}")
            return False
        listener = VirtualPortListener(self._conn, listen_host, listen_port)

        async def start():
            await listener.start()
            self.forwarded.set()
            return listener

        return start()


def banner(mode):
    welcome = "Welcome! Documentation: https://docs.example.test/tunnels ."
    if mode == "json":
        return (json.dumps({"event": "hello", "message": welcome}) + "\n" +
                json.dumps({"event": "tcpip-forward", "address": URL_HOST, "listen_host": "localhost",
                            "listen_port": 80}) + "\n")
    if mode == "url":
        return json.dumps({"url": f"https://{URL_HOST}", "status": "ok"}) + "\n"
    if mode == "text":
        return (welcome + "\r\n\x1b[1;32mForwarding HTTP traffic from https://" + URL_HOST + "\x1b[0m, enjoy.\r\n")
    return "Sorry, no tunnel for you today.\r\n"


def make_session_handler(mode):
    async def handle(process):
        say(f"EXEC {process.command or ''}")
        server = SERVERS.get(process.get_extra_info("connection"))
        try:
            await asyncio.wait_for(server.forwarded.wait(), 10)
        except asyncio.TimeoutError:
            process.exit(1)
            return
        process.stdout.write(banner(mode))
        await process.stdin.read()  # stay until the client goes
        process.exit(0)

    return handle


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["json", "url", "text", "silent"], default="json")
    parser.add_argument("--auth", choices=["none", "kbdint"], default="none")
    args = parser.parse_args()
    key = asyncssh.generate_private_key("ssh-ed25519")
    acceptor = await asyncssh.listen("127.0.0.1", 0, server_host_keys=[key],
                                     server_factory=lambda: Server(args.auth),
                                     process_factory=make_session_handler(args.mode))
    say(f"READY {acceptor.sockets[0].getsockname()[1]}")
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
