#!/usr/bin/env python3
"""Latency of `factsheet preview`: from a saved template to the changed page being served.

Usage: scripts/preview-latency.py PATH/TO/factsheet REPO [RUNS]

Copies the shipped edition (input/ and Templates/) to a folder on tmpfs, starts the preview on a
free port and listens to its event stream as a page does. Each run saves Templates/en/factsheet.md
as an editor does (a new copy renamed over the old one) with one new sentence, then waits for the
event that announces a new version and fetches /en/index.html until it holds the sentence. The
time from just before the rename to the page's last byte is one sample; the median of RUNS
(21 by default) is printed with the preview's own build times (from its "built ... in N ms" lines)
and the CPU time the preview process used per save (from /proc, so it does not depend on how
busy the machine is; the wall times do: the load average is printed beside them).
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


def cpu_seconds(pid):
    """User and system CPU time of a process so far, from /proc/PID/stat."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
        cpu_start = 0.0
        for run in range(runs + 1):
            if run == 1:
                cpu_start = cpu_seconds(process.pid)
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
        cpu_per_save = (cpu_seconds(process.pid) - cpu_start) * 1000 / runs
        process.terminate()
        process.wait(timeout=10)
        errors.close()
        builds = [int(m) for m in re.findall(r"built \d+ files after .* in (\d+) ms", open(os.path.join(work, "preview.err")).read())]
        median = statistics.median(samples)
        print(f"preview: saved template to changed page served, {runs} saves: median {median:.0f} ms, "
              f"min {min(samples):.0f}, max {max(samples):.0f} (target ≤ {TARGET_MS} ms: {'met' if median <= TARGET_MS else 'NOT met'})")
        if builds:
            print(f"preview: of which the in-memory rebuild (read, build, compare): median {statistics.median(builds[1:] or builds):.0f} ms")
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"preview: CPU time of the preview per save: {cpu_per_save:.0f} ms; load average during the runs {load} "
              f"on {os.cpu_count()} cores")
    finally:
        if process and process.poll() is None:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
