#!/usr/bin/env python3
"""Checks a built site in a real browser (headless Chromium through Selenium):

- phones: no page scrolls sideways at 320, 360 and 390 px (document scrollWidth equals the
  viewport width), one page of every kind in every language;
- accessibility: axe-core 4.12 (the copy inside the PyPI package axe-playwright-python) with
  the WCAG 2.0/2.1/2.2 A and AA rules and best practices finds no violation on any page of
  the site, at desktop width and at 360 px;
- paper: laid out as Chromium prints A4 (print media, a viewport as wide as the page's text,
  186 mm), no chart text on a national or municipal sheet is smaller than 7 pt, measured from
  each text's computed size and its chart's rendered scale;
- a control page with known problems must fail every check, so none can pass by accident.

Usage: Tests/site/browser.py SITE-FOLDER  (prints 'N passed, M failed'; exit 1 on failure)
"""
import json
import os
import pathlib
import sys
import tempfile

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

site = pathlib.Path(sys.argv[1]).resolve()
axe_source = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

options = Options()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
driver.set_script_timeout(60)

passed = failed = 0


def ok():
    global passed
    passed += 1


def fail(message):
    global failed
    failed += 1
    print("FAIL:", message)


def open_page(path, width):
    # The window's outer size differs from the viewport; set the viewport through the DevTools protocol.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    driver.get(path.as_uri())


# A4 less 2 × 12 mm margins, at 96 px per inch: the width Chromium lays a printed page out at.
PRINT_WIDTH = round((210 - 24) / 25.4 * 96)
SMALLEST_PRINTED_POINTS = 7


def smallest_printed_chart_text(path):
    """(smallest size in pt of any chart text, how many texts, the charts' printed widths in mm) in print layout."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": PRINT_WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.get(path.as_uri())
    result = driver.execute_script("""
        let smallest = Infinity, count = 0, widths = [];
        for (const svg of document.querySelectorAll('figure.chart svg')) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          widths.push(svg.getBoundingClientRect().width * 25.4 / 96);
          for (const text of svg.querySelectorAll('text, tspan')) {
            if (!text.textContent.trim()) continue;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale * 0.75);
            count += 1;
          }
        }
        return [smallest, count, widths];""")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    return result


def scroll_width():
    return driver.execute_script("return document.documentElement.scrollWidth")


def axe_violations():
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));" % json.dumps(TAGS))
    return json.loads(result)


def pages():
    """One page of every kind in every language, and the language choice."""
    chosen = [site / "index.html"]
    for language in sorted(p for p in site.iterdir() if p.is_dir() and (p / "index.html").exists()):
        chosen += [language / "index.html", language / "sheets.html", language / "review.html"]
        municipal = sorted((language / "municipalities").glob("*.html")) if (language / "municipalities").exists() else []
        # A municipality with figures and, where there is one, one that never had a council.
        chosen += municipal[:1]
        never = [p for p in municipal if "had no " in p.read_text() or "nuk kishte" in p.read_text() or "nije imala" in p.read_text()]
        chosen += never[:1]
    return chosen


# Controls: a page that scrolls sideways and has an image without a text alternative must fail.
with tempfile.TemporaryDirectory() as folder:
    control = pathlib.Path(folder) / "control.html"
    control.write_text('<!DOCTYPE html><html><head><title>c</title><meta name="viewport" content="width=device-width, initial-scale=1">'
                       '</head><body><div style="width:900px">wide</div><img src="x.png"></body></html>')
    open_page(control, 360)
    if scroll_width() > 360:
        ok()
    else:
        fail("the sideways-scroll check did not catch a 900 px wide page")
    if any(v["id"] in ("image-alt", "html-has-lang") for v in axe_violations()):
        ok()
    else:
        fail("axe-core did not catch an image without alt text")

    control.write_text('<!DOCTYPE html><html><head><title>c</title></head><body><figure class="chart" style="width:338px">'
                       '<svg viewBox="0 0 340 40" style="width:100%"><text x="4" y="20" font-size="8.5">Mitrovica</text></svg>'
                       '</figure></body></html>')
    smallest, count, _ = smallest_printed_chart_text(control)
    if count == 1 and smallest < SMALLEST_PRINTED_POINTS:
        ok()
    else:
        fail(f"the printed-size check did not catch 8.5 units on a 340-unit chart 338 px wide ({smallest} pt)")

for page in pages():
    if (page.parent.name == "municipalities" or page.name == "index.html" and page.parent != site) and 'class="chart' in page.read_text():
        smallest, count, widths = smallest_printed_chart_text(page)
        name = page.relative_to(site)
        if count == 0:
            fail(f"{name}: no chart text found to measure in print")
        elif smallest >= SMALLEST_PRINTED_POINTS:
            ok()
        else:
            fail(f"{name}: chart text prints at {smallest:.2f} pt, less than {SMALLEST_PRINTED_POINTS} pt")
        print(f"print: {name}: {count} chart texts, smallest {smallest:.2f} pt, charts {', '.join(sorted(set(f'{w:.1f}' for w in widths)))} mm wide")

for page in pages():
    name = page.relative_to(site)
    for width in (320, 360, 390):
        open_page(page, width)
        scrolled = scroll_width()
        if scrolled <= width:
            ok()
        else:
            fail(f"{name} at {width} px scrolls sideways: {scrolled} px wide")


def report(name, width, violations):
    if not violations:
        ok()
    for violation in violations:
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:3]
        fail(f"{name} at {width} px: axe {violation['id']} ({violation.get('impact')}): {violation['help']} at {targets}")


every = sorted(site.rglob("*.html")) if os.environ.get("BROWSER_SAMPLE") is None else pages()
for page in every:
    open_page(page, 1200)
    report(page.relative_to(site), 1200, axe_violations())
for page in pages():
    open_page(page, 360)
    report(page.relative_to(site), 360, axe_violations())

driver.quit()
print(f"browser: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
