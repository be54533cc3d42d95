#!/usr/bin/env bash
# `factsheet new-language` end to end, on a copy of the shipped edition (CSV register) and on a
# workbook edition (register converted by openpyxl): the new language builds with its `lang`,
# every other language still builds, `check` lists the phrases still to translate as warnings
# and exits 0, factsheet.yaml keeps its comments; every refusal and a failed write leave the
# folders byte-identical. Usage: Tests/cli/new-language.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"
snapshot() { (cd "$WORK" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum); }
cd "$WORK"

# A whole run: new-language, then build and check, on edition folder $1 with register $2.
run() {
  local edition=$1 register=$2
  rm -rf "$edition-t" && cp -r "$ROOT/Templates" "$edition-t"
  "$BIN" new-language de --from en --input "$edition" --templates "$edition-t" 2>new.txt
  local status=$?
  if [ $status -ne 0 ]; then fail "$edition: new-language exit $status"; cat new.txt; return; fi
  # What is to be translated: every file, and that it is still English.
  for expected in "to translate:" "$edition-t/de/strings.yaml: " "phrases, every one still as in 'en'" "$edition-t/de/factsheet.md: still the 'en' text" \
    "$edition/$register: the column name_de, still the 'en' names" "$edition/factsheet.yaml: 'de:' under publisher, performance.periods[2017].note" \
    "official_version.en, copied from 'sq'"; do
    if grep -qF -- "$expected" new.txt; then ok; else fail "$edition: new-language did not print: $expected"; cat new.txt; fi
  done
  # factsheet.yaml: every line of the original still there, comments included, and three new ones.
  if [ "$(diff "$ROOT/input/factsheet.yaml" "$edition/factsheet.yaml" | grep -c '^>')" -eq 3 ] \
    && grep -qF 'languages: [sq, sr, en, de]         # folders in Templates/' "$edition/factsheet.yaml" \
    && grep -qxF '  de: OSCE Mission in Kosovo' "$edition/factsheet.yaml"; then ok; else fail "$edition: factsheet.yaml"; diff "$ROOT/input/factsheet.yaml" "$edition/factsheet.yaml"; fi
  if grep -qx 'tag: de  *# BCP 47.*' "$edition-t/de/strings.yaml" && grep -q '^copied_from: en' "$edition-t/de/strings.yaml"; then ok; else fail "$edition: tag or copied_from"; fi
  "$BIN" build --input "$edition" --templates "$edition-t" --output "$edition-out" 2>build.txt || { fail "$edition: build after new-language"; cat build.txt; return; }
  if grep -q '<html lang="de"' "$edition-out/de/index.html" && [ -f "$edition-out/de/municipalities/gjilan.html" ]; then ok; else fail "$edition: output/de/"; fi
  for language in sq sr en; do
    if grep -q "<html lang=\"$(sed -n 's/^tag: *\([^ ]*\).*/\1/p' "$ROOT/Templates/$language/strings.yaml")\"" "$edition-out/$language/index.html" \
      && [ -f "$edition-out/$language/municipalities/gjilan.html" ]; then ok; else fail "$edition: $language no longer builds"; fi
  done
  "$BIN" check --input "$edition" --templates "$edition-t" 2>check.txt
  status=$?
  if [ $status -eq 0 ]; then ok; else fail "$edition: check exit $status after new-language"; cat check.txt; fi
  if grep -qF "warning: $edition-t/de/strings.yaml, line 8: 'language_name' still reads as in $edition-t/en/strings.yaml, which this file was copied from; translate it" check.txt \
    && grep -qF "warning: $edition-t/de/factsheet.md: still the same as $edition-t/en/factsheet.md" check.txt \
    && ! grep -q "^error" check.txt && ! grep -q "warning: $edition-t/\(sq\|sr\|en\)/" check.txt; then ok; else fail "$edition: check's to-do warnings"; cat check.txt; fi
  # A phrase translated leaves the list.
  sed -i 's/^language_name: English/language_name: Deutsch/' "$edition-t/de/strings.yaml"
  "$BIN" check --input "$edition" --templates "$edition-t" 2>check2.txt
  if ! grep -q "'language_name' still" check2.txt; then ok; else fail "$edition: a translated phrase is still listed"; fi
}

# 1. The shipped edition, CSV register.
cp -r "$ROOT/input" csv
run csv municipalities.csv
# Every other cell as it was (no name holds a comma), the English names copied into column 5.
if [ "$(head -1 csv/municipalities.csv)" = "code,name_sq,name_sr,name_en,name_de,region" ] \
  && cmp -s <(cut -d, -f1-4,6 csv/municipalities.csv) "$ROOT/input/municipalities.csv" \
  && [ "$(cut -d, -f4 csv/municipalities.csv | tail -n +2)" = "$(cut -d, -f5 csv/municipalities.csv | tail -n +2)" ]; then ok; else fail "the CSV register"; head -3 csv/municipalities.csv; fi

# 2. A workbook edition: every table converted by openpyxl (Tests/xlsx/convert.py), register
# included. (new-edition --format xlsx writes only the new year's monitoring file as a workbook,
# with its rows still to fill in, so its edition would not build.)
python3 -c 'import openpyxl' 2>/dev/null || pip install --quiet --disable-pip-version-check openpyxl 2>&1 | grep -v "^WARNING: Running pip as"
python3 "$ROOT/Tests/xlsx/convert.py" openpyxl "$ROOT/input" xlsx || fail "openpyxl could not convert input/"
cp -r xlsx xlsx-before
run xlsx municipalities.xlsx
# Every cell as it was, the English name copied into the new column E.
python3 - xlsx-before/municipalities.xlsx xlsx/municipalities.xlsx <<'EOF' && ok || fail "the workbook register's cells (read by openpyxl)"
import sys, openpyxl
def rows(path):
    return [["" if v is None else str(v) for v in r] for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
before, after = rows(sys.argv[1]), rows(sys.argv[2])
assert len(before) == len(after) == 39, (len(before), len(after))
for b, a in zip(before, after):
    expected = b[:4] + ["name_de" if b[0] == "code" else b[3]] + b[4:]
    assert a == expected, (b, a)
EOF
cmp -s xlsx/census.xlsx xlsx-before/census.xlsx && ok || fail "the census workbook changed"

# 3. Refusals: a sentence, the exit code, and every file as it was.
cp -r "$ROOT/input" r && cp -r "$ROOT/Templates" r-t
snapshot r r-t > before.sums
refused() {  # name, expected exit, expected message fragment, arguments
  local name=$1 code=$2 expected=$3; shift 3
  "$BIN" new-language "$@" --input r --templates r-t 2>err.txt >out.txt
  local status=$?
  if [ $status -ne "$code" ]; then fail "$name: exit $status, expected $code"; cat err.txt; return; fi
  if ! grep -qF -- "$expected" err.txt; then fail "$name: message missing: $expected"; cat err.txt; return; fi
  if ! snapshot r r-t | cmp -s - before.sums; then fail "$name: files changed"; return; fi
  if find r r-t -name '.*new-language*' | grep -q .; then fail "$name: a temporary file remains"; return; fi
  ok
}
refused "existing folder" 73 "r-t/sr: the folder already exists; new-language makes a new language folder only (nothing was written)" sr --from en
refused "unknown --from" 64 "--from fr: not a language of this edition with a template folder; expected one of sq, sr, en" de --from fr
refused "not a key (upper case)" 64 "'DE' is not a language key: expected two to eight lower-case letters" DE --from en
refused "not a key (underscore)" 64 "'de_ch' is not a language key" de_ch --from en
refused "not a key (one letter)" 64 "'d' is not a language key" d --from en
refused "bad tag" 64 "--tag de_CH: expected a BCP 47 language tag" de --from en --tag de_CH
sed -i 's/^languages: \[sq, sr, en\]/languages: [sq, sr, en, de]/' r/factsheet.yaml && snapshot r r-t > before.sums
refused "listed already" 64 "'de' is in languages: of r/factsheet.yaml already, but has no folder" de --from en
cp "$ROOT/input/factsheet.yaml" r/factsheet.yaml && snapshot r r-t > before.sums
# An edition that does not build with the new language: a Serbian note missing, the Albanian publisher empty.
sed -i 's/^  sq: Misioni i OSBE-së në Kosovë$/  sq: ""/' r/factsheet.yaml && snapshot r r-t > before.sums
refused "an edition that does not build" 65 "r/factsheet.yaml, line 7" de --from en
cp "$ROOT/input/factsheet.yaml" r/factsheet.yaml && snapshot r r-t > before.sums
# A write that fails half-way (the process may write no file over 7 KiB; strings.yaml is larger):
# exit 74 with the path and the system's reason; the edition's files and the templates as they were.
bash -c "ulimit -f 7; trap '' XFSZ; exec '$BIN' new-language de --from en --input r --templates r-t" 2>err.txt
status=$?
if [ $status -eq 74 ] && grep -qF "r-t/de/strings.yaml: could not be written: file too large" err.txt && snapshot r r-t | cmp -s - before.sums \
  && [ ! -e r-t/de ] && ! find r r-t -name '.*new-language*' | grep -q .; then ok; else fail "failed write: exit $status"; cat err.txt; fi
# And then it succeeds.
"$BIN" new-language de --from en --input r --templates r-t 2>/dev/null && [ -d r-t/de ] && ok || fail "new-language after the failed write"

finish new-language
