#!/usr/bin/env bash
# Archive-grade PDFs from `build --pdf` on the shipped input: two builds seconds apart give
# byte-identical PDFs (and a different publication date gives different ones: the control);
# every PDF is tagged, described (title, language, creator, no print time), has every font
# embedded and an outline with the page's headings; each language's edition.pdf binds the
# Kosovo-wide sheet and every municipal sheet in the order of the sheets index, one bookmark
# per sheet, as many pages as the sheets together; missing Chromium or qpdf stops with 69.
# Every PDF conforms to PDF/A-2u and PDF/UA-1 and says so: Tests/pdf/archive.py checks the
# machine-checkable PDF/A-2 requirements and Matterhorn failure conditions on pikepdf (with a
# control PDF per condition that must be refused), and outloud checks PDF/UA-1 (with controls
# without the PDF/UA identifier and without a figure's alternative text); manifest.json names
# the standards of each PDF.
# Installs what it needs (chromium, qpdf, poppler-utils, the DejaVu fonts, icc-profiles-free) with
# apt-get, and the validators (pikepdf, outloud; versions in the Makefile) with pip.
# Usage: Tests/pdf/check.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUDO=""; [ "$(id -u)" = "0" ] || SUDO=sudo
if ! command -v chromium >/dev/null || ! command -v qpdf >/dev/null || ! command -v pdfinfo >/dev/null || ! dpkg -s fonts-dejavu-core icc-profiles-free >/dev/null 2>&1; then
  echo "pdf: installing chromium, qpdf, poppler-utils, the DejaVu fonts the pages use and the sRGB profile"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium qpdf poppler-utils fonts-dejavu-core icc-profiles-free >/dev/null
fi
PDF_VALIDATORS=${PDF_VALIDATORS:-pikepdf==10.18.0 outloud==0.2.1}
if ! python3 -c 'import pikepdf' 2>/dev/null || ! command -v outloud >/dev/null; then
  echo "pdf: installing the validators ($PDF_VALIDATORS) from PyPI"
  python3 -m pip install -q $PDF_VALIDATORS >/dev/null 2>&1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"
build() { "$BIN" build --pdf --input "${2:-$ROOT/input}" --templates "$ROOT/Templates" --output "$1" 2>"$1.log"; }

cd "$WORK"
# Without Chromium, or without qpdf, nothing is written and the exit code is 69.
for tool in chromium qpdf; do
  mkdir -p "path-$tool"
  for other in chromium qpdf; do [ "$other" = "$tool" ] || ln -s "$(command -v $other)" "path-$tool/$other"; done
  PATH="$WORK/path-$tool" "$BIN" build --pdf --input "$ROOT/input" --templates "$ROOT/Templates" --output "no-$tool" 2>"no-$tool.log"
  code=$?
  if [ "$code" = 69 ] && [ ! -e "no-$tool" ] && grep -q "not installed: $tool" "no-$tool.log"; then ok; else fail "without $tool: exit $code, $(cat "no-$tool.log")"; fi
done

unset SOURCE_DATE_EPOCH
start=$(date +%s.%N)
build a || { cat a.log; fail "build --pdf"; }
seconds=$(echo "$(date +%s.%N) - $start" | bc)
echo "pdf: build --pdf took ${seconds%??????} s"
sleep 2
build b || { cat b.log; fail "second build --pdf"; }
# Controls: another publication day, and none at all (the shipped edition sets 2017-12-15).
cp -r "$ROOT/input" in-c && sed -i 's/^published: .*/published: 2018-01-31/' in-c/factsheet.yaml
build c in-c || { cat c.log; fail "build --pdf with another publication day"; }
cp -r "$ROOT/input" in-d && sed -i '/^published:/d' in-d/factsheet.yaml
build d in-d || { cat d.log; fail "build --pdf without a publication day"; }

# A progress line every ten sheets, with the time left.
if grep -Eq "printed 10 of [0-9]+ sheets to PDF in .* s, about .* s left" a.log; then ok; else fail "no progress line with the time left:"; cat a.log; fi

# Identical bytes from identical input, seconds apart; the control: another publication date
# changes every PDF, so the comparison can fail.
pdfs=$(cd a && find . -name '*.pdf' | sort)
count=$(echo "$pdfs" | grep -c .)
# One PDF per sheet (every HTML page but the indexes and the language choice), one edition per language.
sheets=$(cd a && find . -name '*.html' ! -name sheets.html ! -name review.html ! -path ./index.html | wc -l)
editions=$(cd a && find . -name sheets.html | wc -l)
[ "$count" = $((sheets + editions)) ] && [ "$editions" -ge 2 ] && ok || fail "$count PDFs, expected $sheets sheets and $editions editions"
same=0 differ=0
for f in $pdfs; do
  if cmp -s "a/$f" "b/$f"; then same=$((same + 1)); else
    fail "$f differs between two builds; the first differing lines of the two, uncompressed (qpdf --qdf):"
    qpdf --qdf --object-streams=disable "a/$f" qa.pdf 2>/dev/null; qpdf --qdf --object-streams=disable "b/$f" qb.pdf 2>/dev/null
    diff -a qa.pdf qb.pdf | head -20 | cut -c1-200
  fi
  cmp -s "a/$f" "c/$f" || differ=$((differ + 1))
done
[ "$same" = "$count" ] && ok
cmp -s a/manifest.json b/manifest.json && ok || fail "manifest.json differs between two builds"
[ "$differ" = "$count" ] && ok || fail "only $differ of $count PDFs changed with another publication day (control)"

# Described: title, subject, creator, tagged; the publication day as the date, no date without one.
for f in $pdfs; do
  info=$(pdfinfo "a/$f" 2>&1)
  echo "$info" | grep -q '^Tagged: *yes' || fail "$f is not tagged"
  echo "$info" | grep -q '^Creator: *factsheet [0-9]' || fail "$f: creator is not the generator: $(echo "$info" | grep Creator)"
  echo "$info" | grep -q '^Subject: ' || fail "$f has no subject"
  echo "$info" | grep -q '^Keywords: ' || fail "$f has no keywords"
  echo "$info" | grep -q '^CreationDate: *Fri Dec 15 00:00:00 2017 UTC' || fail "$f: CreationDate is not the publication day: $(echo "$info" | grep Date)"
  pdfinfo "c/$f" | grep -q '^CreationDate: *Wed Jan 31 00:00:00 2018 UTC' || fail "c/$f: CreationDate is not the other publication day: $(pdfinfo "c/$f" | grep Date)"
  pdfinfo "d/$f" | grep -q 'Date:' && fail "d/$f carries a date although the edition names none"
  # Every font embedded: pdffonts's 'emb' column is yes on every row.
  pdffonts "a/$f" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' || fail "$f has a font that is not embedded"
  [ "$(pdffonts "a/$f" | awk 'NR > 2' | wc -l)" -gt 0 ] || fail "$f lists no fonts"
done
[ "$failed" = 0 ] && ok

# The control for the font check: a PDF with a font that is not embedded is caught.
python3 - <<'PY'
objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
           b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
           b"<</Type/Font/Subtype/TrueType/BaseFont/Arial>>", b"<</Length 30>>stream\nBT /F1 12 Tf 10 10 Td (x) Tj ET\nendstream"]
out, offsets = bytearray(b"%PDF-1.4\n"), []
for number, body in enumerate(objects, 1):
    offsets.append(len(out)); out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open("control.pdf", "wb").write(out)
PY
if pdffonts control.pdf | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'; then fail "the font check passed a PDF with a font not embedded"; else ok; fi

# Language, tags, outline and structure from qpdf's JSON; the edition against its sheets and index.
python3 - a <<'PY' && ok || fail "qpdf --json checks"
import html, json, re, subprocess, sys
from urllib.parse import urljoin
site = sys.argv[1]
problems = []
def qpdf_json(path):
    return json.loads(subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-key=outlines", "--json-key=pages",
        "--json-key=pagelabels", f"{site}/{path}"], capture_output=True, check=True).stdout)
def catalog(doc):
    objs = doc["qpdf"][1]
    root = objs["trailer"]["value"]["/Root"]
    return objs, objs["obj:" + root]["value"]
def titles(items):
    for item in items:
        yield item["title"]
        yield from titles(item["kids"])
def text(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split())
manifest = json.load(open(f"{site}/manifest.json"))["files"]
languages = sorted(p.name for p in __import__("pathlib").Path(site).iterdir() if (p / "sheets.html").exists())
if len(languages) < 2: problems.append(f"expected a sheets index per language, found {languages}")
for language in languages:
    index = open(f"{site}/{language}/sheets.html", encoding="utf-8").read()
    main = index[index.index("<main"):index.index("</main>")]
    # The sheets (HTML pages); the index also links the review page and the standalone chart
    # files, which are not sheets.
    links = [(urljoin(f"{language}/sheets.html", h), text(t)) for h, t in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', main, re.S)
             if h.endswith(".html") and not h.endswith("review.html")]
    sheets = [p for p, _ in links]
    if sheets[0] != f"{language}/index.html": problems.append(f"{language}: the index does not start with the Kosovo-wide sheet")
    pages = 0
    for sheet in sheets:
        page = open(f"{site}/{sheet}", encoding="utf-8").read()
        pdf = sheet[:-5] + ".pdf"
        doc = qpdf_json(pdf)
        objs, root = catalog(doc)
        lang = re.search(r'<html lang="([^"]*)"', page).group(1)
        if root.get("/Lang") != "u:" + lang: problems.append(f"{pdf}: /Lang {root.get('/Lang')} is not the page's {lang}")
        if "/StructTreeRoot" not in root or root.get("/MarkInfo", {}).get("/Marked") is not True: problems.append(f"{pdf}: not tagged")
        headings = [text(t) for _, t in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", page[page.index("<body"):], re.S)]
        if list(titles(doc["outlines"])) != headings:
            problems.append(f"{pdf}: outline {list(titles(doc['outlines']))[:3]}… is not the headings {headings[:3]}…")
        info = objs["obj:" + objs["trailer"]["value"]["/Info"]]["value"]
        title = text(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
        if info.get("/Title") != "u:" + title: problems.append(f"{pdf}: /Title {info.get('/Title')} is not the page's <title> {title}")
        publisher = re.search(r'<span class="publisher">(.*?)</span>', page)
        if publisher and info.get("/Author") != "u:" + text(publisher.group(1)):
            problems.append(f"{pdf}: /Author {info.get('/Author')} is not the masthead's publisher {text(publisher.group(1))}")
        ids = objs["trailer"]["value"].get("/ID", [])
        # qpdf's JSON writes a string as text ("u:…") when its bytes read as PDFDocEncoding, as a
        # 16-byte id now and then does (seen: en/municipalities/ferizaj.pdf), else as hex ("b:…").
        if len(ids) != 2 or ids[0] != ids[1] or not all(re.fullmatch(r"b:[0-9a-f]{32}|u:.+", i, re.S) for i in ids):
            problems.append(f"{pdf}: no document id")
        pages += len(doc["pages"])
        if pdf not in manifest: problems.append(f"{pdf} is not in manifest.json")
    edition = f"{language}/edition.pdf"
    doc = qpdf_json(edition)
    objs, root = catalog(doc)
    if len(doc["pages"]) != pages: problems.append(f"{edition}: {len(doc['pages'])} pages, the sheets have {pages}")
    top = [item["title"] for item in doc["outlines"]]
    if top != [name for _, name in links]: problems.append(f"{edition}: bookmarks {top[:3]}… are not the index's sheets {[n for _, n in links][:3]}…")
    first_pages = [item["destpageposfrom1"] for item in doc["outlines"]]
    if first_pages != sorted(first_pages) or first_pages[0] != 1: problems.append(f"{edition}: bookmarks do not point at the sheets' first pages in order")
    if doc["pagelabels"] != [{"index": 0, "label": {"/S": "/D", "/St": 1}}]: problems.append(f"{edition}: page labels {doc['pagelabels']}")
    index_lang = re.search(r'<html lang="([^"]*)"', index).group(1)
    if root.get("/Lang") != "u:" + index_lang or "/StructTreeRoot" not in root: problems.append(f"{edition}: /Lang or tags missing")
    # One structure tree: a Document of one Part per sheet; each page's key in the parent tree
    # leads to elements on that page.
    def value(ref):
        entry = objs["obj:" + ref]
        return entry.get("value", entry.get("stream", {}).get("dict"))
    tree = value(root["/StructTreeRoot"])
    document = value(tree["/K"])
    if document.get("/S") != "/Document" or [value(k).get("/S") for k in document["/K"]] != ["/Part"] * len(links):
        problems.append(f"{edition}: the structure is not one Document with a Part per sheet")
    nums = value(tree["/ParentTree"])["/Nums"]
    keys = dict(zip(nums[::2], nums[1::2]))
    for page in doc["pages"]:
        elements = keys.get(value(page["object"]).get("/StructParents"))
        elements = elements if isinstance(elements, list) else value(elements) if elements else None
        if not elements: problems.append(f"{edition}: page {page['object']} has no entry in the parent tree"); continue
        for element in (e for e in elements if e and e != "null"):
            kids = value(element).get("/K")
            kids = kids if isinstance(kids, list) else [kids]
            if page["object"] not in {value(element).get("/Pg")} | {k.get("/Pg") for k in kids if isinstance(k, dict)}:
                problems.append(f"{edition}: the parent tree of page {page['object']} names an element of another page"); break
    if edition not in manifest: problems.append(f"{edition} is not in manifest.json")
    print(f"pdf: {edition}: {len(doc['pages'])} pages, {len(top)} sheets")
for p in problems: print("  " + p)
sys.exit(1 if problems else 0)
PY

# PDF/A-2u and PDF/UA-1: every PDF of both builds' first passes the machine-checkable conditions
# (archive.py), and the PDFs of the build without a publication day too (no dates in XMP).
if python3 "$ROOT/Tests/pdf/archive.py" $(for f in $pdfs; do echo "a/$f"; done) > archive.log; then ok; else fail "PDF/A-2u or PDF/UA-1 conditions:"; head -30 archive.log; fi
if python3 "$ROOT/Tests/pdf/archive.py" d/*/edition.pdf d/*/index.pdf > archive-d.log; then ok; else fail "PDF/A-2u or PDF/UA-1 without a publication day:"; head -10 archive-d.log; fi
# The controls: one PDF per condition, each made from a good sheet with that condition broken,
# each refused for it.
sheet=$(echo "$pdfs" | grep /municipalities/ | head -1)
if python3 "$ROOT/Tests/pdf/archive.py" --controls "a/$sheet" controls > controls.log; then ok; cat controls.log; else fail "archive.py controls:"; cat controls.log; fi
# outloud, an independent PDF/UA-1 checker (Matterhorn checkpoints): no error in any PDF; its
# heuristic warnings (a sheet's masthead repeated in the edition looks like a running header
# to it) are printed, not failed.
echo "pdf: $(outloud --version)"
if outloud --layer conformance --fail-on error -q $(for f in $pdfs; do echo "a/$f"; done) > outloud.log 2>&1; then ok; else fail "outloud found PDF/UA-1 errors:"; grep -v '^PASS' outloud.log | head -30; fi
echo "pdf: outloud: no PDF/UA-1 error in $(grep -c -E "^(PASS|REVIEW) " outloud.log) of $count PDFs ($(grep -c "^REVIEW " outloud.log) with warnings only)"
# outloud's controls: without the PDF/UA identifier, and with a figure without alternative text.
for control in MH-06-002:DOC-012 MH-13-004:FIG-001; do
  outloud --layer conformance --fail-on error --json "outloud-${control%%:*}.json" "controls/control-${control%%:*}.pdf" >/dev/null 2>&1
  code=$?
  if [ "$code" != 0 ] && grep -q "\"${control##*:}\"" "outloud-${control%%:*}.json"; then ok; else fail "outloud passed control-${control%%:*}.pdf (exit $code) or did not name ${control##*:}"; fi
done
# Every chart is a Figure whose alternative text is its title and description, in the order of
# the page; the <figure> around it is not a figure. The control: the sheet whose first figure
# lost its alternative text (archive.py's control for Matterhorn 13-004) is refused.
cat > figures.py <<'PY'
import html, re, sys
import pikepdf
site, problems = sys.argv[1], []
def text(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split())
for pdf in sys.argv[2:]:
    if pdf.endswith("edition.pdf"):
        continue
    page = open(f"{site}/{pdf[:-4]}.html", encoding="utf-8").read()
    charts = [f"{text(t)} {text(d)}" for t, d in re.findall(r'<svg[^>]*role="img"[^>]*>\s*<title[^>]*>(.*?)</title>\s*<desc[^>]*>(.*?)</desc>', page, re.S)]
    with pikepdf.open(f"{site}/{pdf}") as doc:
        figures = []
        def walk(element):
            if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") in ("/MCR", "/OBJR"):
                return
            if element.get("/S") == "/Figure":
                figures.append(" ".join(str(element.get("/Alt", "")).split()))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                walk(kid)
        walk(doc.Root.StructTreeRoot.K)
    if figures != charts:
        problems.append(f"{pdf}: figures {figures[:2]}… are not the charts {charts[:2]}…")
for p in problems[:10]: print("  " + p)
sys.exit(1 if problems else 0)
PY
python3 figures.py a $pdfs && ok || fail "charts as figures with their title and description"
mkdir -p "figures-control/$(dirname "$sheet")" && cp "a/${sheet%.pdf}.html" "figures-control/${sheet%.pdf}.html" \
  && cp controls/control-MH-13-004.pdf "figures-control/$sheet"
if python3 figures.py figures-control "$sheet" >/dev/null; then fail "the figure check passed a chart without alternative text"; else ok; fi
# manifest.json names the standards of every PDF, and of nothing else.
python3 - a/manifest.json <<'PY' && ok || fail "manifest.json does not name the PDF standards"
import json, sys
files = json.load(open(sys.argv[1]))["files"]
wrong = [p for p, e in files.items() if (e.get("standards") == ["PDF/A-2u", "PDF/UA-1"]) != p.endswith(".pdf")]
assert not wrong, wrong[:5]
PY

# qpdf finds nothing wrong in any PDF.
for f in $pdfs; do qpdf --check "a/$f" >/dev/null 2>&1 || fail "qpdf --check $f"; done

# Interrupted while printing (Ctrl-C, kill, a closed terminal): no Chromium or qpdf of this build is
# left in the process table, no scratch folder in TMPDIR, no staging folder, and the previous
# output is byte for byte as it was. Each signal at two moments: while Chromium prints the first
# sheets, and later while sheets are being finished by qpdf.
mkdir -p tmp && export TMPDIR="$WORK/tmp"
snap() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) 2>/dev/null; }
snap a > a.sums
ours() { pgrep -f "$WORK/tmp/factsheet-pdf" | wc -l; }
for signal in INT TERM HUP; do
  for delay in 1 4; do
    "$BIN" build --pdf --input "$ROOT/input" --templates "$ROOT/Templates" --output a 2>/dev/null &
    pid=$!
    for _ in $(seq 1 100); do [ "$(ours)" -gt 0 ] && break; sleep 0.1; done
    started=$(ours)
    sleep "$delay"; kill -s "$signal" "$pid"; wait "$pid"; code=$?
    sleep 0.5
    left=$(ours); scratch=$(ls -A tmp | wc -l); staging=$(ls -A | grep -c staging)
    if [ "$started" -gt 0 ] && [ "$code" -ge 129 ] && [ "$left" -eq 0 ] && [ "$scratch" -eq 0 ] && [ "$staging" -eq 0 ] && snap a | cmp -s - a.sums; then ok
    else fail "SIG$signal after ${delay}s of printing: exit $code, $started browser processes before, $left after, $scratch scratch folders, $staging staging folders"; fi
  done
done
unset TMPDIR

# A disk that fills up while the PDFs are written: exit 74, the PDF named in the output as the
# user named it and the system's reason, the previous output as it was, nothing left behind.
if mkdir -p small && mount -t tmpfs -o size=12m tmpfs small 2>/dev/null; then
  "$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output small/out 2>/dev/null
  snap small/out > small.sums
  mkdir -p tmp2
  TMPDIR="$WORK/tmp2" "$BIN" build --pdf --input "$ROOT/input" --templates "$ROOT/Templates" --output small/out 2>full.log; code=$?
  if [ "$code" -eq 74 ] && grep -qE "^error: .*small/out/[a-z]+/.*\.pdf.*(o space left on device|could not)" full.log && ! grep "^error:" full.log | grep -q "staging" \
    && snap small/out | cmp -s - small.sums && [ -z "$(ls -A small | grep staging)" ] && [ -z "$(ls -A tmp2)" ]; then ok
  else fail "--pdf on a full disk: exit $code"; tail -3 full.log; fi
  grep -nE 'Error\(|Optional\(|message: "' full.log && fail "a Swift value in the message"
  umount small
else
  fail "cannot mount a tmpfs for the full-disk test (needs root)"
fi

finish pdf
