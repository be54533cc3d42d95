#!/usr/bin/env bash
# End-to-end checks of the factsheet command: broken editions fail with located messages and
# leave output/ as it was; killed and concurrent builds never leave a half-written output/;
# two builds of the same input are byte-identical. Usage: Tests/cli/run.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

cd "$WORK"
cp -r "$ROOT/input" good
"$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null || fail "the shipped input does not build"
snapshot out > good.sums

# Two builds of the same input, in two processes with another locale, time zone and working
# folder, are byte-identical.
"$BIN" build --input good --templates "$ROOT/Templates" --output out2 2>/dev/null
if diff -r out out2 >/dev/null; then ok; else fail "two builds differ"; fi
mkdir -p elsewhere && (cd elsewhere && LANG=sr_RS.UTF-8 LC_ALL=C.UTF-8 TZ=Pacific/Auckland "$BIN" build --input ../good --templates "$ROOT/Templates" --output ../out3 2>/dev/null)
if diff -r out out3 >/dev/null; then ok; else fail "a build in another locale, time zone and folder differs"; fi

# Each broken edition: exit 65, the expected located message, output/ untouched.
broken() {  # name, expected message fragment, then a command that breaks edition folder "e"
  local name=$1 expected=$2; shift 2
  rm -rf e && cp -r good e
  (cd e && eval "$@")
  "$BIN" build --input e --templates "$ROOT/Templates" --output out 2>err.txt
  local status=$?
  if [ "$status" -ne 65 ]; then fail "$name: exit $status, expected 65"; cat err.txt; return; fi
  if ! grep -qF -- "$expected" err.txt; then fail "$name: message missing: $expected"; cat err.txt; return; fi
  if ! snapshot out | cmp -s - good.sums; then fail "$name: output/ changed"; return; fi
  ok
}
broken "non-numeric count" "e/monitoring/2016.csv, row 3, column 'women_representatives': expected a whole number ≥ 0, found 'two'" \
  "sed -i '3s/^\([^,]*\),yes,[0-9]*/\1,yes,two/' monitoring/2016.csv"
broken "unknown municipality" "did you mean 'gjilan'?" "sed -i 's/^gjilan,/gjilani,/' monitoring/2017.csv"
broken "missing column" "e/monitoring/2015.csv, row 1: missing column 'compensation'" "sed -i '1s/compensation/compensaton/' monitoring/2015.csv"
broken "security above meetings" "column 'meetings_security': expected at most the value of 'meetings'" \
  "sed -i 's/^\(decan,yes,[^,]*,[^,]*,[^,]*\),\([0-9]*\),[0-9]*,/\1,\2,99,/' monitoring/2016.csv"
broken "missing year" "the configuration names 2015, but there is no monitoring file for it" "rm monitoring/2015.csv"
broken "YAML syntax" "e/factsheet.yaml, line" "printf 'legal: [\n' >> factsheet.yaml"
broken "not UTF-8" "is not UTF-8 text" "printf 'prizren,yes,1,regular,albanian\xeb,,,none\n' >> monitoring/2014.csv"
broken "mcsc no with figures" "expected an empty cell because 'mcsc' is 'no'" "sed -i 's/^zvecan,no,,/zvecan,no,3,/' monitoring/2017.csv"
broken "empty file" "the file is empty" ": > census.csv"
broken "meetings past 2^63" "e/monitoring/2016.csv, row 2, column 'meetings': expected a whole number from 0 to 366 (at most one meeting a day in 2016), found '9223372036854775808'" \
  "sed -i '2s/^\([^,]*,yes,[^,]*,[^,]*,[^,]*\),[0-9]*,/\1,9223372036854775808,/' monitoring/2016.csv"
broken "more meetings than days" "column 'meetings': expected a whole number from 0 to 273 (at most one meeting a day in months 1–9 of 2017), found '274'" \
  "sed -i '2s/^\([^,]*,yes,[^,]*,[^,]*,[^,]*\),[0-9]*,[0-9]*,/\1,274,0,/' monitoring/2017.csv"
broken "women past the bound" "column 'women_representatives': expected a whole number from 0 to 1000 (the most a council could have), found '1001'" \
  "sed -i '2s/^\([^,]*\),yes,[0-9]*,/\1,yes,1001,/' monitoring/2014.csv"

# The logo: one that could run a script is an error at its own line; one that is not there, at
# the line of 'logo:'. A clean one is inlined, escaped and with its ids prefixed, in every sheet.
printf '<svg viewBox="0 0 10 10">\n<script>alert(1)</script>\n</svg>\n' > hostile.svg
broken "hostile logo" "e/logo.svg, line 2, column 1: <script> runs a program, which a logo may not" \
  "cp ../hostile.svg logo.svg && echo 'logo: logo.svg' >> factsheet.yaml"
broken "missing logo" "e/factsheet.yaml, line $(( $(wc -l < good/factsheet.yaml) + 1 )), column 7: 'logo': no file 'logo.svg' beside factsheet.yaml" \
  "echo 'logo: logo.svg' >> factsheet.yaml"
rm -rf e && cp -r good e && cp "$ROOT/Tests/FactsheetCoreTests/Fixtures/logos/inkscape.svg" e/logo.svg && echo 'logo: logo.svg' >> e/factsheet.yaml
"$BIN" build --input e --templates "$ROOT/Templates" --output with-logo 2>err.txt; status=$?
sheets=$(find with-logo -name '*.html' ! -path with-logo/index.html | wc -l)
if [ $status -eq 0 ] && [ "$(grep -l '<svg class="logo" aria-hidden="true" focusable="false" id="logo-svg8"' $(find with-logo -name '*.html') | wc -l)" -eq "$sheets" ] \
  && ! grep -rqE 'sodipodi|inkscape' with-logo --include='*.html'; then ok; else fail "a clean logo: exit $status, not on all $sheets pages"; cat err.txt; fi

# A template that names an unknown value or chart.
rm -rf t && cp -r "$ROOT/Templates" t && echo '{{no_such_value}}' >> t/en/factsheet.md
"$BIN" build --input good --templates t --output out 2>err.txt; status=$?
if [ $status -eq 65 ] && grep -qF "t/en/factsheet.md, line" err.txt && grep -qF "no_such_value" err.txt && snapshot out | cmp -s - good.sums; then ok; else fail "unknown template value"; cat err.txt; fi

# Usage errors have their own exit code.
"$BIN" build --no-such-option >/dev/null 2>&1; status=$?
if [ $status -eq 64 ]; then ok; else fail "usage error exit $status, expected 64"; fi

# Files in output/ that the build does not make (a web team's .htaccess, say) are kept and named.
mkdir -p keep/extra && cp -r out/. keep/ && printf 'x\n' > keep/extra/notes.txt && printf 'y\n' > keep/.htaccess
"$BIN" build --input good --templates "$ROOT/Templates" --output keep 2>err.txt
if [ "$(cat keep/extra/notes.txt)" = x ] && [ "$(cat keep/.htaccess)" = y ] \
  && grep -qF "keep/extra/notes.txt: not made by factsheet; kept" err.txt && grep -qF "keep/.htaccess: not made by factsheet; kept" err.txt \
  && [ "$(grep -c 'not made by factsheet' err.txt)" -eq 2 ] \
  && [ "$(find keep -type f | wc -l)" -eq "$(( $(wc -l < good.sums) + 2 ))" ] && ! ls -a | grep -q '^\.keep\.staging'; then ok; else fail "files not made by the build"; cat err.txt; fi

# Where --output points: refused with exit 73 and nothing touched, whatever it is.
litter() { ls -A | grep -E '^\..*(staging|lock)' ; }
refused() {  # name, expected message fragment, then the build's arguments after --input good
  local name=$1 expected=$2; shift 2
  snapshot . > before.sums 2>/dev/null; find . | sort > before.list
  "$BIN" build --input good --templates "$ROOT/Templates" "$@" 2>err.txt
  local status=$?
  if [ "$status" -ne 73 ]; then fail "$name: exit $status, expected 73"; cat err.txt; return; fi
  if ! grep -qF -- "$expected" err.txt; then fail "$name: message missing: $expected"; cat err.txt; return; fi
  snapshot . > after.sums 2>/dev/null
  if ! diff <(find . | sort | grep -vE '^\./(err\.txt|(before|after)\.(sums|list))$') <(grep -vE '^\./(err\.txt|(before|after)\.(sums|list))$' before.list) >/dev/null; then fail "$name: a file or folder was made"; return; fi
  if ! diff <(grep -v -e " ./err.txt$" -e " ./before.sums$" -e " ./after.sums$" -e " ./before.list$" -e " ./after.list$" before.sums) <(grep -v -e " ./err.txt$" -e " ./before.sums$" -e " ./after.sums$" -e " ./before.list$" -e " ./after.list$" after.sums) >/dev/null; then fail "$name: something was written"; diff before.sums after.sums | head -5; return; fi
  if [ -n "$(litter)" ]; then fail "$name: left $(litter)"; return; fi
  ok
}
printf 'my notes\n' > notes.txt
refused "a user's file" "notes.txt: this is a file, not a folder" --output notes.txt
ln -s notes.txt notes-link
refused "a link to a file" "notes-link: this is a file, not a folder" --output notes-link
refused "the input folder" "good: this is the input folder" --output good
refused "inside the input folder" "good/monitoring/site: this is inside the input folder" --output good/monitoring/site
refused "a folder holding the input" ".: this folder holds the input folder" --output .
cp -r "$ROOT/Templates" tpl
"$BIN" build --input good --templates tpl --output tpl 2>err.txt; status=$?
if [ $status -eq 73 ] && grep -qF "tpl: this is the templates folder" err.txt && diff -r tpl "$ROOT/Templates" >/dev/null; then ok; else fail "the templates folder: exit $status"; cat err.txt; fi
mkdir -p home/docs && printf 'letter\n' > home/docs/letter.txt && printf 'rc\n' > home/.profile
refused "someone else's folder" "home: this folder holds files that factsheet did not make (.profile, docs)" --output home

# With --force the build takes such a folder over and keeps its files.
"$BIN" build --input good --templates "$ROOT/Templates" --output home --force 2>err.txt; status=$?
if [ $status -eq 0 ] && [ "$(cat home/docs/letter.txt)" = letter ] && [ "$(cat home/.profile)" = rc ] && [ -f home/manifest.json ] \
  && grep -qF "home/docs/letter.txt: not made by factsheet; kept" err.txt; then ok; else fail "--force into someone else's folder: exit $status"; cat err.txt; fi
# A file of the user's at a path the build writes: refused, then overwritten only with --force.
rm -rf mine && cp -r out mine && python3 - mine/manifest.json <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); del m["files"]["en/index.html"]; json.dump(m, open(sys.argv[1], "w"))
PY
printf 'hand-made\n' > mine/en/index.html
refused "a user's file where the build writes" "the build would overwrite 1 file that factsheet did not make (en/index.html)" --output mine
"$BIN" build --input good --templates "$ROOT/Templates" --output mine --force 2>err.txt
if cmp -s mine/en/index.html out/en/index.html && grep -qF "mine/en/index.html: not made by factsheet; overwritten (--force)" err.txt; then ok; else fail "--force over a user's file"; cat err.txt; fi

# Files an earlier build made and this one does not are removed: a municipality leaves the register.
rm -rf fewer && cp -r good fewer && for f in fewer/municipalities.csv fewer/census.csv fewer/monitoring/*.csv; do sed -i '/^zvecan,/d' "$f"; done
rm -rf shrink && cp -r out shrink
# Its sheet in each language, its data files and its charts' files.
pages=$(find out -path '*zvecan*' -type f | wc -l)
"$BIN" build --input fewer --templates "$ROOT/Templates" --output shrink 2>err.txt
if [ -z "$(find shrink -path '*zvecan*')" ] && [ -n "$(find out -name zvecan.html)" ] && ! grep -q "kept as it was" err.txt \
  && grep -qF "removed $pages files an earlier build made" err.txt; then ok; else fail "pages of a municipality that left the register"; cat err.txt; fi

# A low open-files limit: the build keeps few folders open and writes into the rest by path
# (a build of the shipped edition makes some 150 folders; it once kept each one open).
rm -rf fdlimit fdref && "$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output fdref 2>/dev/null
if (ulimit -n 64 && "$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output fdlimit 2>err.txt) \
  && diff -r fdref fdlimit >/dev/null; then ok; else fail "a build with 64 open files at most"; cat err.txt; fi

# A rebuild links each file that stays the same from the previous build (same inode, its bytes
# not written again) and writes anew a file of ours changed since: one grown, one edited in
# place to the same size (only its time tells).
rm -rf again && "$BIN" build --input good --templates "$ROOT/Templates" --output again 2>/dev/null
before=$(stat -c %i again/sq/index.html)
printf 'edited by hand\n' >> again/en/index.html
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(20); f.write(b"X"); f.close()' again/sr/index.html
"$BIN" build --input good --templates "$ROOT/Templates" --output again 2>err.txt
if [ "$before" = "$(stat -c %i again/sq/index.html)" ] && diff -r again out >/dev/null && ! grep -q "kept as it was" err.txt; then ok
else fail "a rebuild did not link the unchanged files or kept an edited one"; diff -r again out | head -5; fi

# No litter beside the output after a successful, a failed and an interrupted build.
"$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null
if [ -z "$(litter)" ]; then ok; else fail "a successful build left $(litter)"; fi
rm -rf e && cp -r good e && printf 'x\n' >> e/monitoring/2016.csv
"$BIN" build --input e --templates "$ROOT/Templates" --output out 2>/dev/null
if [ -z "$(litter)" ]; then ok; else fail "a failed build left $(litter)"; fi
for signal in TERM INT; do
  for delay in 0.01 0.03; do
    "$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null &
    pid=$!; sleep "$delay"; kill -s "$signal" "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    if [ -z "$(litter)" ] && snapshot out | cmp -s - good.sums; then ok; else fail "SIG$signal after ${delay}s left $(litter)"; fi
  done
done

# Killed at random moments: output/ is always the complete previous or new build.
for delay in 0.001 0.003 0.005 0.008 0.01 0.015 0.02 0.03 0.05 0.08; do
  "$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null &
  pid=$!; sleep "$delay"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if snapshot out | cmp -s - good.sums; then ok; else fail "killed after ${delay}s: output/ incomplete"; fi
done

# Builds started at once do not corrupt each other.
for i in 1 2 3 4; do "$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null & done
wait
if snapshot out | cmp -s - good.sums; then ok; else fail "concurrent builds corrupted output/"; fi
# A build killed outright (SIGKILL) cannot clean up; the next build beside it removes what it left.
"$BIN" build --input good --templates "$ROOT/Templates" --output out 2>/dev/null
if [ -z "$(litter)" ]; then ok; else fail "staging folders left behind: $(litter)"; fi

finish cli
