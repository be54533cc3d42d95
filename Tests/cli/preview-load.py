#!/usr/bin/env python3
"""`factsheet preview` under load and attack, on 127.0.0.1 only: idle and slow connections do not
keep a reader out and are closed by their deadline, the cap on open connections closes the oldest
idle one instead of refusing a reader, 200 requests at once are all answered, a file saved in
two writes ends as the whole file's page, and every encoding of `..` and every foreign Host is
refused.

Usage: Tests/cli/preview-load.py PATH/TO/factsheet
Every wait and loop is bounded; the preview is stopped at the end whatever happens. The limits
checked are the documented ones (README, "Live preview"): 10 s for a request head or an idle
connection, 16 KiB for a head, 256 open connections.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEAD_TIMEOUT = 10  # PreviewServer.headTimeoutSeconds
CAPACITY = 256  # PreviewServer.capacity
HEAD_BYTES = 16 * 1024  # RequestHead.maxBytes
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}".rstrip(), flush=True)


class Preview:
    def __init__(self, binary, work):
        self.process = subprocess.Popen(
            [binary, "preview", "--input", "in", "--templates", "tpl", "--port", "0"], cwd=work,
            stdout=subprocess.PIPE, stderr=open(os.path.join(work, "preview.err"), "w"), text=True)
        url = self.process.stdout.readline().strip()
        self.url = url
        self.port = int(url.rstrip("/").rsplit(":", 1)[1]) if url.startswith("http://127.0.0.1:") else 0

    def connect(self, timeout=5):
        connection = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def request(self, raw, timeout=5):
        """Sends raw bytes, reads until the server closes; (status, head, body, seconds)."""
        start = time.monotonic()
        with self.connect(timeout) as connection:
            connection.sendall(raw)
            data = b""
            try:
                while True:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            except (socket.timeout, ConnectionResetError):
                pass
        head, _, body = data.partition(b"\r\n\r\n")
        try:
            status = int(head.split(b" ", 2)[1])
        except (IndexError, ValueError):
            status = 0
        return status, head.decode("latin-1"), body, time.monotonic() - start

    def get(self, path, host=None, timeout=5):
        host = host or f"127.0.0.1:{self.port}"
        return self.request(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode(), timeout)

    def rss_kib(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def closed_by_server(connection, wait=0.0):
    """Whether the server has closed this connection (EOF or reset), waiting at most `wait` s."""
    connection.settimeout(max(wait, 0.001))
    try:
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                return True
    except socket.timeout:
        return False
    except OSError:
        return True


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def idle_connections(preview):
    # (a) 300 connections that send nothing: a reader is still answered within a second, and
    # (d) past the cap of 256 the oldest idle ones are closed instead of the reader refused;
    # every idle one is closed by the head deadline.
    # An open page's event stream, opened first: neither the cap nor the head deadline ends it.
    events = preview.connect()
    events.sendall(f"GET /__factsheet/events HTTP/1.1\r\nHost: 127.0.0.1:{preview.port}\r\n\r\n".encode())
    idle = [preview.connect() for _ in range(300)]
    time.sleep(0.3)
    status, _, body, seconds = preview.get("/")
    check("idle: reader answered", status == 200 and b"</html>" in body, str(status))
    check("idle: reader within 1 s", seconds < 1, f"{seconds:.2f} s")
    oldest = sum(closed_by_server(c, 0.05) for c in idle[:40])
    newest = sum(not closed_by_server(c, 0.001) for c in idle[-100:])
    check("cap: oldest idle connections closed", oldest == 40, f"{oldest} of 40")
    check("cap: newest idle connections kept", newest == 100, f"{newest} of 100")
    start = time.monotonic()
    all_closed = wait_until(lambda: all(closed_by_server(c, 0.001) for c in idle[-100:]), HEAD_TIMEOUT + 3)
    check("idle: closed by the deadline", all_closed, f"after {time.monotonic() - start:.1f} s")
    events.settimeout(1)
    try:
        received = events.recv(65536)
    except OSError:
        received = b""
    check("event stream kept open past the cap and the deadline", b"retry: 1000\ndata: " in received
          and not closed_by_server(events, 0.05), repr(received[-80:]))
    events.close()
    for connection in idle:
        connection.close()


def cap_with_kept_alive_reader(preview):
    # (d) A reader's kept-alive connection that is busy is not what the cap closes: 400 idle
    # connections opened after it, and every one of 20 readers that come after those is answered.
    idle = []
    answered = 0
    for round in range(20):
        idle += [preview.connect() for _ in range(20)]
        status, _, _, seconds = preview.get(f"/sq/?round={round}")
        answered += status == 200 and seconds < 1
    check("cap: every reader past the cap answered within 1 s", answered == 20, f"{answered} of 20")
    open_count = sum(not closed_by_server(c, 0.001) for c in idle)
    check("cap: no more than 256 open", open_count <= CAPACITY, str(open_count))
    for connection in idle:
        connection.close()


def slow_connections(preview):
    # (b) 100 connections sending a request one byte a second: a reader is answered within a
    # second, and the slow ones are closed with 408 by the head deadline.
    request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{preview.port}\r\nUser-Agent: {'x' * 40}\r\n\r\n".encode()
    slow = [preview.connect() for _ in range(100)]
    open_ = set(range(100))
    answers = {}
    start = time.monotonic()
    reader_checked = False
    for second in range(HEAD_TIMEOUT + 4):
        # What came back is read before the next byte goes, so that a byte sent to a closed
        # connection (which answers with a reset) cannot throw away its 408.
        for index in list(open_):
            slow[index].settimeout(0.001)
            try:
                chunk = slow[index].recv(4096)
                answers[index] = answers.get(index, b"") + chunk
                if not chunk:
                    open_.discard(index)
            except socket.timeout:
                pass
            except OSError:
                open_.discard(index)
        if not open_:
            break
        for index in list(open_):
            try:
                slow[index].send(request[second:second + 1])
            except OSError:
                open_.discard(index)
        if second == 2 and not reader_checked:
            status, _, _, seconds = preview.get("/en/index.html")
            check("slow: reader answered", status == 200, str(status))
            check("slow: reader within 1 s", seconds < 1, f"{seconds:.2f} s")
            reader_checked = True
        time.sleep(max(0, start + second + 1 - time.monotonic()))
    elapsed = time.monotonic() - start
    check("slow: all closed by the deadline", not open_, f"{len(open_)} still open after {elapsed:.1f} s")
    check("slow: not closed before the deadline", elapsed >= HEAD_TIMEOUT - 1, f"{elapsed:.1f} s")
    timed_out = sum(answer.startswith(b"HTTP/1.1 408 ") for answer in answers.values())
    check("slow: told 408", timed_out >= 95, f"{timed_out} of 100")
    for connection in slow:
        connection.close()


def concurrent_requests(preview):
    # (c) 200 requests at once, each on its own connection: all answered 200 with the whole page.
    results = [None] * 200
    barrier = threading.Barrier(200, timeout=30)

    def one(index):
        try:
            connection = preview.connect(timeout=20)
            barrier.wait()
            path = "/en/index.html" if index % 2 else "/data/indicators.json"
            connection.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                data += chunk
            connection.close()
            head, _, body = data.partition(b"\r\n\r\n")
            length = int([line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")][0])
            results[index] = head.startswith(b"HTTP/1.1 200 ") and len(body) == length
        except Exception as error:  # noqa: BLE001 - any failure is a failed request
            results[index] = repr(error)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(200)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    answered = sum(result is True for result in results)
    check("200 at once: all answered 200, whole", answered == 200,
          f"{answered} of 200; {[r for r in results if r is not True][:3]}")
    check("200 at once: within 20 s", time.monotonic() - start < 20, f"{time.monotonic() - start:.1f} s")


def keep_alive_and_pipelining(preview):
    with preview.connect() as connection:
        host = f"127.0.0.1:{preview.port}"
        connection.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\nHEAD /sq/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        time.sleep(0.5)
        connection.settimeout(2)
        data = connection.recv(1 << 20)
        check("kept alive: two answers on one connection", data.count(b"HTTP/1.1 200 OK") == 2)
        connection.sendall(f"GET /sq/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        check("kept alive: closed when asked", closed_by_server(connection, 3))


def half_written_save(preview, work):
    # (e) A CSV saved in several writes: half, a pause long enough for a build, then the rest;
    # once the file is whole, the page is the sheet again (no error left), within 5 s.
    csv = os.path.join(work, "in", "monitoring", "2016.csv")
    good = open(csv, "rb").read()
    half = good[: len(good) // 2 + 7]

    def page_is_good():
        status, _, body, _ = preview.get("/sq/index.html")
        return status == 200 and b"</html>" in body

    def page_shows_error():
        status, _, body, _ = preview.get("/sq/index.html")
        return status == 500 and b"error" in body

    with open(csv, "wb") as file:  # closed after the first half
        file.write(half)
    check("two writes: the half is an error", wait_until(page_shows_error, 5))
    time.sleep(0.5)
    with open(csv, "ab") as file:
        file.write(good[len(half):])
    check("two writes: page back once whole", wait_until(page_is_good, 5))
    time.sleep(1.5)
    check("two writes: no error afterwards", page_is_good())

    # From a broken file, one open file written in two parts with a pause and then left open:
    # no close event comes, yet the page is right within 5 s of the last write.
    with open(csv, "wb") as file:
        file.write(half)
    check("open file: broken first", wait_until(page_shows_error, 5))
    file = open(csv, "wb")
    try:
        file.write(half)
        file.flush()
        time.sleep(1.5)
        file.write(good[len(half):])
        file.flush()
        check("open file: page back once whole", wait_until(page_is_good, 5))
    finally:
        file.close()
    time.sleep(1)
    check("open file: no error afterwards", page_is_good())


def traversal_and_hosts(preview):
    # (f) Every encoding of `..` and of other ways out is refused (400 or 404, never a file).
    paths = [
        "/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2fetc%2fpasswd", "/..%2F..%2Fetc%2Fpasswd", "/%252e%252e/etc/passwd", "/%252e%252e%252fetc%252fpasswd",
        "/..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd", "/..%5c..%5cetc/passwd", "/%c0%ae%c0%ae/etc/passwd",
        "/%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "/%e0%80%ae%e0%80%ae/etc/passwd", "/%c1%9c..%c1%9cetc/passwd",
        "/./index.html", "/sq/./index.html", "//etc/passwd", "/sq//index.html", "/sq/%2e/index.html",
        "/sq/..", "/sq/%2e%2e", "/.%2e/etc/passwd", "/%2e./etc/passwd", "/%00/etc/passwd", "/index.html%00.json",
        "/%", "/%zz", "/%2", "/sq/%ff", "/%u002e%u002e/etc/passwd", "/..;/etc/passwd", "/sq/..%00/index.html",
    ]
    for path in paths:
        status, _, body, _ = preview.get(path)
        check(f"path {path} refused", status in (400, 404) and b"root:" not in body, str(status))
    for target in ["http://127.0.0.1/", "http://evil.com/", "*", "127.0.0.1:80", "sq/index.html"]:
        status, _, _, _ = preview.get(target)
        check(f"target {target} refused", status == 400, str(status))
    hosts = [
        "evil.com", "127.0.0.1.evil.com", "localhost.evil.com", "localhost:8017@evil.com", "evil.com:8017",
        "127.0.0.1@evil.com", "evil.com#127.0.0.1", "[::1]", "[::1]:8017", "[::ffff:127.0.0.1]", "::1", "0.0.0.0",
        "127.1", "2130706433", "0x7f000001", "127.0.0.2", "localhost.", "localhost:８０", "localhost:٨٠", "",
        "127.0.0.1 evil.com",
    ]
    for host in hosts:
        status, _, body, _ = preview.request(f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("utf-8"))
        check(f"host {host!r} refused", status in (400, 403) and b"<html" not in body, str(status))
    for raw in [
        b"GET / HTTP/1.1\r\n\r\n",  # no Host on HTTP/1.1
        b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.com\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: evil.com\r\nHost: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost : localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nX: y\r\n Host: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: local\rhost\r\n\r\n",
        b"GET /\r\n\r\n", b"GET / HTTP/2.0\r\nHost: localhost\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    ]:
        status, _, body, _ = preview.request(raw)
        check(f"request {raw[:40]!r} refused", status in (400, 403, 505) and b"<html" not in body, str(status))
    for host in ["127.0.0.1", f"127.0.0.1:{preview.port}", "localhost", "LOCALHOST:1"]:
        status, _, _, _ = preview.get("/", host=host)
        check(f"host {host} answered", status == 200, str(status))
    status, _, _, _ = preview.request(b"GET / HTTP/1.0\r\n\r\n")
    check("HTTP/1.0 without Host answered", status == 200, str(status))

    # A head longer than 16 KiB is 431, and a stream of bytes without a line end is cut off at it.
    status, _, _, _ = preview.request(f"GET / HTTP/1.1\r\nHost: localhost\r\nX: {'a' * HEAD_BYTES}\r\n\r\n".encode())
    check("long head: 431", status == 431, str(status))
    with preview.connect() as connection:
        try:
            connection.sendall(b"a" * (256 * 1024))
        except OSError:
            pass
        check("endless head: cut off", closed_by_server(connection, 3))


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="factsheet-preview-load-")
    preview = None
    try:
        shutil.copytree(os.path.join(ROOT, "input"), os.path.join(work, "in"))
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "tpl"))
        preview = Preview(binary, work)
        check("preview address", preview.port > 0, preview.url)
        if preview.port:
            for test in (idle_connections, slow_connections, cap_with_kept_alive_reader, concurrent_requests,
                         keep_alive_and_pipelining, traversal_and_hosts):
                start = time.monotonic()
                test(preview)
                print(f"preview-load: {test.__name__} ({time.monotonic() - start:.1f} s)", flush=True)
            half_written_save(preview, work)
            check("still running", preview.process.poll() is None)
            rss = preview.rss_kib()
            check("memory bounded (RSS < 300 MB)", 0 < rss < 300 * 1024, f"{rss} KiB")
            status, _, _, seconds = preview.get("/")
            check("still answering", status == 200 and seconds < 1, f"{status} in {seconds:.2f} s")
        preview.stop()
        messages = open(os.path.join(work, "preview.err"), encoding="utf-8", errors="replace").read()
        for word in ("Optional(", "Error(", "SocketError", "FlyingFox", "Swift."):
            check(f"no Swift value in the terminal ({word})", word not in messages)
    finally:
        if preview:
            preview.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"preview under load: {passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
