#!/usr/bin/env python3
"""Latency of `factsheet preview`: from a saved template to the changed page being served.

Usage: scripts/preview-latency.py PATH/TO/factsheet REPO [RUNS]

Copies the shipped edition (input/ and Templates/) to a folder on tmpfs, starts the preview on a
free port and listens to its event stream as a page does. Each run saves Templates/en/factsheet.md
as an editor does (a new copy renamed over the old one) with one new sentence, then waits for the
event that announces a new version and fetches /en/index.html until it holds the sentence. The
time from just before the rename to the page's last byte is one sample; the median of RUNS
(21 by default) is printed with the preview's own build times (from its "built ... in N ms" lines).
"""
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_MS = 150


def main():
    binary, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = tempfile.mkdtemp(prefix="factsheet-preview-bench-", dir=base)
    process = None
    try:
        shutil.copytree(os.path.join(repo, "input"), os.path.join(work, "input"))
        shutil.copytree(os.path.join(repo, "Templates"), os.path.join(work, "Templates"))
        template = os.path.join(work, "Templates", "en", "factsheet.md")
        original = open(template, encoding="utf-8").read()
        errors = open(os.path.join(work, "preview.err"), "w")
        process = subprocess.Popen(
            [binary, "preview", "--input", "input", "--templates", "Templates", "--port", "0"],
            cwd=work, stdout=subprocess.PIPE, stderr=errors, text=True)
        address = process.stdout.readline().strip()
        match = re.match(r"http://127\.0\.0\.1:(\d+)/$", address)
        if not match:
            sys.exit(f"preview-latency: the preview printed no address ({address!r})")
        port = int(match.group(1))

        events = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        events.request("GET", "/__factsheet/events")
        stream = events.getresponse()

        def next_version():
            while True:
                line = stream.fp.readline().decode()
                if not line:
                    raise SystemExit("preview-latency: the event stream ended")
                if line.startswith("data: "):
                    return line[6:].strip()

        version = next_version()
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        samples = []
        for run in range(runs + 1):
            sentence = f"Latency check {run}."
            scratch = template + ".tmp"
            with open(scratch, "w", encoding="utf-8") as file:
                file.write(original + f"\n{sentence}\n")
            start = time.perf_counter()
            os.rename(scratch, template)
            while True:
                new = next_version()
                if new != version:
                    version = new
                    break
            while True:
                page.request("GET", "/en/index.html")
                body = page.getresponse().read()
                if sentence.encode() in body:
                    break
                if time.perf_counter() - start > 10:
                    raise SystemExit("preview-latency: the edited page did not come within 10 s")
            elapsed = (time.perf_counter() - start) * 1000
            if run > 0:  # the first save warms up the process
                samples.append(elapsed)
        process.terminate()
        process.wait(timeout=10)
        errors.close()
        builds = [int(m) for m in re.findall(r"built \d+ files after .* in (\d+) ms", open(os.path.join(work, "preview.err")).read())]
        median = statistics.median(samples)
        print(f"preview: saved template to changed page served, {runs} saves: median {median:.0f} ms, "
              f"min {min(samples):.0f}, max {max(samples):.0f} (target ≤ {TARGET_MS} ms: {'met' if median <= TARGET_MS else 'NOT met'})")
        if builds:
            print(f"preview: of which the in-memory rebuild (read, build, compare): median {statistics.median(builds[1:] or builds):.0f} ms")
    finally:
        if process and process.poll() is None:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
