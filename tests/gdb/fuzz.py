#!/usr/bin/env python3
"""Hostile clients for avsim's GDB stub: random, mutated, truncated and oversized packets, bad
checksums, binary noise, Ctrl-C bytes, abrupt disconnects and reconnects, against a stopped
machine (guest/tests/gdb_target.c, -smp 2). Every complete packet must be answered while the
machine is stopped; avsim must never crash, hang or report a sanitizer error, and after all of it
a well-behaved session still works and the guest runs to its end.

usage: fuzz.py AVSIM GUEST_ELF [ITERATIONS [SEED]]   (FUZZ_VERBOSE=1: print each exchange)
"""
import os
import random
import socket
import subprocess
import sys
import tempfile
import time

TIMEOUT = 20  # seconds for a reply (sanitizer builds are slow)
VERBOSE = bool(os.environ.get("FUZZ_VERBOSE"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def frame(data):
    return b"$" + data + b"#%02x" % (sum(data) & 0xFF)


class Client:
    def __init__(self, port):
        deadline = time.time() + TIMEOUT
        while True:
            try:
                self.s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
                self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as GDB does
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        self.buf = b""

    def close(self):
        self.s.close()

    def send_raw(self, data):
        try:
            self.s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # avsim has gone: the next reply() says so

    def reply(self):
        """The next packet from the stub (acks and O output skipped), or None if it hung up."""
        while True:
            i = self.buf.find(b"$")
            j = self.buf.find(b"#", i + 1) if i >= 0 else -1
            if i >= 0 and j >= 0 and len(self.buf) >= j + 3:
                data, self.buf = self.buf[i + 1 : j], self.buf[j + 3 :]
                self.send_raw(b"+")
                if data.startswith(b"O") and data != b"OK" and len(data) > 1:
                    continue  # monitor output
                return data
            try:
                chunk = self.s.recv(65536)
            except ConnectionResetError:
                return None
            if not chunk:
                return None
            self.buf += chunk

    def request(self, data):
        self.send_raw(frame(data))
        return self.reply()


def escape(data):
    """Binary data in a packet: '#', '$', '}' and '*' as '}' and the byte XOR 0x20."""
    out = bytearray()
    for b in data:
        if b in b"#$}*":
            out += bytes([0x7D, b ^ 0x20])
        else:
            out.append(b)
    return bytes(out)


def hexs(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n)).encode()


def address(rng):
    return rng.choice(
        [
            0,
            0x08000000,  # GIC distributor
            0x080A0000,  # GIC redistributors
            0x09000000,  # PL011
            0x09010000,
            0x40000000,
            0x40100000,
            0x40110000,
            0x47FFFFF8,  # the last bytes of 128 MiB RAM
            0x48000000,
            0x80000000,
            (1 << 64) - 8,
            rng.getrandbits(64),
            rng.getrandbits(32),
            0x40000000 + rng.getrandbits(27),
        ]
    )


def tid(rng):
    return rng.choice([b"-1", b"0", b"1", b"2", b"3", b"p1.1", b"p1.2", b"p1.-1", b"p-1.-1",
                       b"p2.1", b"p1.ffff", b"pzz", b"p1.", b"", hexs(rng, 20)])


def random_packet(rng):
    """A packet from the protocol's vocabulary, with arguments from wild to plausible; never one
    that continues (c, C, vCont;c: see Fuzzer.one), detaches or kills."""
    a, n = address(rng), rng.choice([0, 1, 2, 3, 4, 7, 8, 16, 255, 4096, 0x2000, 0x10000, 1 << 40])
    kinds = [
        lambda: b"?",
        lambda: b"g",
        lambda: b"g" + hexs(rng, 3),
        lambda: b"G" + hexs(rng, rng.choice([0, 2, 100, 1576, 1577, 1578, 4000])),
        lambda: b"p" + hexs(rng, rng.randint(0, 18)),
        lambda: b"p%x" % rng.randint(0, 400),
        lambda: b"P%x=" % rng.randint(0, 400) + hexs(rng, rng.choice([0, 1, 8, 16, 32, 34])),
        lambda: b"P21=" + hexs(rng, 8),  # cpsr: often an invalid mode
        lambda: b"m%x,%x" % (a, n),
        lambda: b"m%x" % a,
        lambda: b"m%s,%s" % (hexs(rng, 17), hexs(rng, 2)),
        lambda: b"M%x,%x:" % (a, n) + hexs(rng, 2 * min(n, 64)),
        lambda: b"M%x,4:" % a + hexs(rng, rng.choice([7, 8, 9])),
        lambda: b"X%x,%x:" % (a, n) + escape(bytes(rng.getrandbits(8) for _ in range(min(n, 64)))),
        lambda: b"X%x,0:" % a,
        lambda: b"Z%d,%x,%x" % (rng.randint(0, 6), a, rng.choice([0, 1, 4, 8, 1 << 63])),
        lambda: b"z%d,%x,%x" % (rng.randint(0, 6), a, rng.choice([0, 1, 4, 8])),
        lambda: b"Z0,%x" % a,
        lambda: b"H" + rng.choice(b"gcx").to_bytes(1, "little") + tid(rng),
        lambda: b"T" + tid(rng),
        lambda: b"qfThreadInfo",
        lambda: b"qsThreadInfo",
        lambda: b"qC",
        lambda: b"qAttached",
        lambda: b"qThreadExtraInfo," + tid(rng),
        lambda: b"qSupported:multiprocess+;swbreak+;xmlRegisters=aarch64",
        lambda: b"qSupported",
        lambda: b"qXfer:features:read:target.xml:%x,%x" % (rng.randint(0, 100000), n),
        lambda: b"qXfer:features:read:other.xml:0,10",
        lambda: b"qXfer:features:read:target.xml:" + hexs(rng, 20),
        lambda: b"qRcmd," + rng.choice([b"el", b"stats", b"help", b"translate 0x80000000",
                                       b"translate", b"translate zz", b"translate 0x40100000 x",
                                       b"", b"nope " * 20]).hex().encode(),
        lambda: b"qRcmd," + hexs(rng, rng.randint(0, 41)),
        lambda: b"qRcmd,00" + hexs(rng, 4),
        lambda: b"vCont?",
        lambda: b"vCont;t",
        lambda: b"vCont;r0,4",
        lambda: b"vCont;x",
        lambda: b"vCont;s:" + tid(rng),
        lambda: b"vCont;S05:" + tid(rng),
        lambda: b"vCont;s:9",
        lambda: b"vCont",
        lambda: b"vMustReplyEmpty",
        lambda: b"vFile:open:",
        lambda: b"QStartNoAckModeX",
        lambda: b"s" + rng.choice([b"", b"%x" % a, b"zz"]),
        lambda: b"S05" + rng.choice([b"", b";", b";zz"]),
        lambda: b"!",
        lambda: b"R00",
        lambda: rng.choice(b"qQmMgpPZzHTX?").to_bytes(1, "little")
        + bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40)))
        .replace(b"#", b"").replace(b"$", b"").replace(b"}", b"").replace(b"*", b""),
    ]
    return rng.choice(kinds)()


def resumes(p):
    """Packets that let the machine run until a stop (a step of a CPU that waits or is off runs
    every CPU until it executes)."""
    return p[:1] in (b"s", b"S") or p.startswith(b"vCont;s") or p.startswith(b"vCont;S")


class Fuzzer:
    def __init__(self, avsim, elf, seed):
        self.avsim, self.elf = avsim, elf
        self.rng = random.Random(seed)
        self.proc = None
        self.errlog = tempfile.TemporaryFile()
        self.runs = 0

    def start(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [self.avsim, "-M", "virt,virtualization=on,gic-version=3", "-cpu", "max", "-m",
             "128M", "-nographic", "-semihosting", "-smp", "2", "-kernel", self.elf,
             "-gdb", "tcp:127.0.0.1:%d" % self.port, "-S"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.errlog)
        self.runs += 1
        self.stub_sent = False  # nothing to send again on a NAK yet
        self.client = Client(self.port)

    def check_exit(self, status):
        """avsim ended: normally, or because fuzzed memory writes broke the guest (its checks fail:
        1; an exception loop: 3). Never by a signal, never with a sanitizer report."""
        self.errlog.seek(0)
        err = self.errlog.read().decode(errors="replace")
        if status not in (0, 1, 3) or "Sanitizer" in err or "runtime error" in err:
            sys.exit("FAILED: avsim exited with status %s\n%s" % (status, err))
        self.errlog.seek(0)
        self.errlog.truncate()

    def restart_if_gone(self):
        status = self.proc.poll()
        if status is None:
            return False
        self.check_exit(status)
        self.start()
        return True

    def reconnect(self):
        self.client.close()
        if not self.restart_if_gone():
            self.client = Client(self.port)

    def expect_reply(self, what, resumed=False):
        """The reply to a request. After a resume, a machine that does not stop within a few
        seconds (the guest loops) gets a Ctrl-C. The end of the guest (W) or a kill closes the
        connection: avsim must then exit, and is started again."""
        try:
            if resumed:
                self.client.s.settimeout(3)
                try:
                    r = self.client.reply()
                except socket.timeout:
                    self.client.send_raw(b"\x03")
                    self.client.s.settimeout(TIMEOUT)
                    r = self.client.reply()
            else:
                r = self.client.reply()
        except socket.timeout:
            sys.exit("FAILED: no reply to %r within %d s" % (what[:80], TIMEOUT))
        finally:
            self.client.s.settimeout(TIMEOUT)
        if VERBOSE:
            print("%r -> %r" % (what[:60], r if r is None else r[:60]))
        self.stub_sent = True
        if r is None or r.startswith(b"W"):
            try:
                status = self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                sys.exit("FAILED: avsim still runs after %r ended the session" % what[:80])
            self.check_exit(status)
            self.start()
        return r

    def one(self):
        rng = self.rng
        roll = rng.random()
        if VERBOSE:
            print("roll %.3f" % roll)
        if roll < 0.70:
            p = random_packet(rng)
            self.client.send_raw(frame(p))
            self.expect_reply(p, resumes(p))
        elif roll < 0.78:  # a bad checksum: NAK, then the retransmission is answered
            p = random_packet(rng)
            self.client.send_raw(b"$" + p + b"#%02x" % ((sum(p) + 1) & 0xFF))
            self.client.send_raw(frame(b"?"))
            self.expect_reply(b"? after bad checksum")
        elif roll < 0.83:  # noise, NAKs and Ctrl-C bytes between packets
            noise = bytes(rng.choice(b"+-\x03}*#ab\x00\xff") for _ in range(rng.randint(1, 50)))
            self.client.send_raw(noise)
            self.client.send_raw(frame(b"?"))
            # Each '-' (NAK) makes the stub send its last packet again (if it sent any): those
            # replies come first.
            for _ in range(1 + (noise.count(b"-") if self.stub_sent else 0)):
                if self.expect_reply(b"? after noise") is None:
                    break
        elif roll < 0.86:  # an oversized packet (over PacketSize): E01, and the stub goes on
            self.client.send_raw(frame(b"m" + b"0" * rng.choice([0x4001, 0x9000, 0x20000])))
            self.client.send_raw(frame(b"?"))
            if self.expect_reply(b"oversized") != b"E01":
                sys.exit("FAILED: an oversized packet was not refused with E01")
            self.expect_reply(b"? after an oversized packet")
        elif roll < 0.91:  # a truncated packet, then the client vanishes
            p = frame(random_packet(rng))
            self.client.send_raw(p[: rng.randint(0, len(p) - 1)])
            self.reconnect()
        elif roll < 0.94:  # a second client waits (in the backlog) while the first works
            extra = Client(self.port)
            self.client.send_raw(frame(b"?"))
            self.expect_reply(b"? with a second client")
            extra.close()
        elif roll < 0.97:  # continue, then Ctrl-C: the machine stops again (or the guest ends)
            self.client.send_raw(frame(b"vCont;c"))
            time.sleep(rng.random() * 0.05)
            self.client.send_raw(b"\x03")
            r = self.expect_reply(b"Ctrl-C")
            if r is not None and not (r.startswith(b"T") or r.startswith(b"W")):
                sys.exit("FAILED: %r after continue and Ctrl-C" % r[:80])
        elif roll < 0.99:
            self.reconnect()
        else:  # kill: avsim exits with status 0, as QEMU does
            self.client.send_raw(frame(b"k"))
            try:
                status = self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                sys.exit("FAILED: still running after k")
            if status != 0:
                sys.exit("FAILED: k gave exit status %s" % status)
            self.check_exit(status)
            self.start()

    def final_session(self):
        """A well-behaved client after all that: registers, memory, then detach."""
        self.reconnect()
        c = self.client
        if not c.request(b"qSupported:multiprocess+").startswith(b"PacketSize="):
            sys.exit("FAILED: qSupported")
        r = c.request(b"?")
        if not r.startswith(b"T"):
            sys.exit("FAILED: ? answered %r" % r)
        if len(c.request(b"g")) != 2 * (33 * 8 + 4 + 32 * 16 + 8):
            sys.exit("FAILED: g reply of the wrong size")
        if c.request(b"m40100000,4") in (b"", b"E14"):
            sys.exit("FAILED: RAM not readable")
        c.request(b"z0,0,4")  # whatever the fuzzing left
        if c.request(b"D") != b"OK":
            sys.exit("FAILED: detach")
        c.close()
        # The guest runs on (fuzzed memory may have left it looping: then it is stopped here).
        try:
            status = self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
            if status != -9:
                sys.exit("FAILED: status %s" % status)
            status = 0
        self.check_exit(status)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    avsim, elf = sys.argv[1], sys.argv[2]
    iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    f = Fuzzer(avsim, elf, seed)
    f.start()
    # A second avsim cannot have the same port: a message and status 1.
    busy = subprocess.run([avsim, "-kernel", elf, "-gdb", "tcp:127.0.0.1:%d" % f.port],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if busy.returncode != 1 or not busy.stderr.startswith("avsim: -gdb tcp:127.0.0.1:%d: cannot "
                                                          "listen" % f.port):
        sys.exit("FAILED: a busy port gave status %d, %r" % (busy.returncode, busy.stderr))
    for i in range(iterations):
        f.one()
        if f.proc.poll() is not None:
            f.restart_if_gone()
    f.final_session()
    print("PASSED: %d fuzz steps (seed %d), %d avsim runs" % (iterations, seed, f.runs))


if __name__ == "__main__":
    main()
