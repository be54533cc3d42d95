#!/usr/bin/env python3
"""`factsheet preview` in a real browser: a page reloads itself after a save at the same scroll
position, shows the located error while the edition is broken, and comes back where the reader
was once it is fixed.

Usage: Tests/cli/preview-browser.py PATH/TO/factsheet
Drives headless Chromium through its DevTools protocol (PyPI websocket-client); every wait is
bounded, and the preview and the browser are stopped at the end whatever happens.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}")


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="factsheet-preview-browser-")
    preview = browser = None
    try:
        shutil.copytree(os.path.join(ROOT, "input"), os.path.join(work, "in"))
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "tpl"))
        preview = subprocess.Popen(
            [binary, "preview", "--input", "in", "--templates", "tpl", "--port", "0"], cwd=work,
            stdout=subprocess.PIPE, stderr=open(os.path.join(work, "preview.err"), "w"), text=True)
        url = preview.stdout.readline().strip()
        check("preview address", url.startswith("http://127.0.0.1:"), url)
        profile = os.path.join(work, "profile")
        browser = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", "--window-size=1000,800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        port, path = open(port_file).read().split("\n")[:2]
        socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=10)
        ids = iter(range(1, 1_000_000))

        def call(method, session=None, **params):
            message = {"id": next(ids), "method": method, "params": params}
            if session:
                message["sessionId"] = session
            socket.send(json.dumps(message))
            while True:
                answer = json.loads(socket.recv())
                if answer.get("id") == message["id"]:
                    return answer.get("result", {})

        target = call("Target.createTarget", url="about:blank")["targetId"]
        session = call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

        def evaluate(expression):
            result = call("Runtime.evaluate", session, expression=expression, returnByValue=True)
            return result.get("result", {}).get("value")

        def wait_until(expression, seconds=10):
            deadline = time.time() + seconds
            while time.time() < deadline:
                try:
                    if evaluate(expression):
                        return True
                except (websocket.WebSocketException, OSError):
                    pass
                time.sleep(0.1)
            return False

        call("Page.navigate", session, url=url + "en/index.html")
        check("sheet loads", wait_until("document.readyState === 'complete' && document.querySelector('h1') !== null"))
        evaluate("window.scrollTo(0, 900)")
        check("scrolled", wait_until("window.scrollY === 900"))

        template = os.path.join(work, "tpl", "en", "factsheet.md")
        text = open(template, encoding="utf-8").read()
        with open(template + ".tmp", "w", encoding="utf-8") as file:
            file.write(text.replace("\n## ", "\nBrowser check 4713.\n\n## ", 1))
        os.rename(template + ".tmp", template)
        check("page reloads with the edit", wait_until("document.body.innerText.includes('Browser check 4713.')"))
        check("scroll position kept", wait_until("document.readyState === 'complete' && window.scrollY === 900"),
              str(evaluate("window.scrollY")))

        csv = os.path.join(work, "in", "monitoring", "2016.csv")
        good = open(csv, encoding="utf-8").read()
        open(csv, "w", encoding="utf-8").write(good.replace(",yes,", ",yes,x", 1))
        check("error page shown", wait_until("document.body.innerText.includes(\"row 2, column 'women_representatives'\")"))
        check("error heading", evaluate("document.querySelector('h1').innerText") == "1 error")

        open(csv, "w", encoding="utf-8").write(good)
        check("sheet back after the fix", wait_until("document.body.innerText.includes('Browser check 4713.')"))
        check("back at the same position", wait_until("document.readyState === 'complete' && window.scrollY === 900"),
              str(evaluate("window.scrollY")))
        socket.close()
    finally:
        for process in (browser, preview):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"preview in a browser: {passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
