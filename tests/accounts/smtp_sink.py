"""An SMTP sink for the mail crash tests (Debian's python3-aiosmtpd).

Stores every message it is given in a Maildir and can stall, to leave a
sender in the middle of a conversation:
  --stall data  stores the message, then never answers the end of its data
                (the relay took it; its answer is lost to the sender);
  --stall rcpt  never answers RCPT (nothing is taken).
--after N takes N messages normally before it stalls (a sender killed in
the middle of a run of mails). It binds a free loopback port and writes it
to --port-file, and touches --mark when it starts stalling.
"""
import argparse
import asyncio
import mailbox
import pathlib

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, maildir, stall, mark, after):
        self.box = mailbox.Maildir(maildir, create=True)
        self.stall = stall
        self.mark = mark
        self.after = after  # messages taken normally before the stall
        self.taken = 0

    def stalls_now(self, where):
        return self.stall == where and self.taken >= self.after

    async def _stall(self):
        pathlib.Path(self.mark).touch()
        await asyncio.sleep(3600)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stalls_now("rcpt"):
            await self._stall()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.box.add(envelope.original_content)
        if self.stalls_now("data"):
            await self._stall()
        self.taken += 1
        return "250 Message accepted for delivery"


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--maildir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--stall", choices=["none", "data", "rcpt"], default="none")
    p.add_argument("--mark", default="/dev/null")
    p.add_argument("--after", type=int, default=0)
    a = p.parse_args()
    handler = Handler(a.maildir, a.stall, a.mark, a.after)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tmp = a.port_file + ".tmp"
    pathlib.Path(tmp).write_text(str(port))
    pathlib.Path(tmp).rename(a.port_file)
    await server.serve_forever()


asyncio.run(main())
