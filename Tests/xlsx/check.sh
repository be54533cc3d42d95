#!/usr/bin/env bash
# Workbooks end to end, against spreadsheet libraries that are not ours (openpyxl and XlsxWriter,
# installed from PyPI when missing): the shipped edition converted to .xlsx by each gives the same
# indicators.json as the CSV files; a bad cell is located by file, sheet, cell, row and column; `new-edition` on the
# shipped edition writes a folder that `check` reads and whose workbooks openpyxl opens; the data
# workbooks of the build (LANG/data.xlsx) are accessible tables holding the figures of indicators.json.
# Usage: Tests/xlsx/check.sh PATH/TO/factsheet
set -u
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Tests/xlsx"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/../lib.sh"
expect() {  # description, fixed string, file
  if grep -qF -- "$2" "$3"; then ok; else fail "$1: missing: $2"; cat "$3"; fi
}

python3 -c 'import openpyxl, xlsxwriter' 2>/dev/null || pip install --quiet --disable-pip-version-check openpyxl xlsxwriter 2>&1 | grep -v "^WARNING: Running pip as" \
  || python3 -c 'import openpyxl, xlsxwriter' || { echo "FAIL: cannot install openpyxl and xlsxwriter"; exit 1; }
cd "$WORK"

# 1. The shipped edition as workbooks: the same indicators as from the CSV files.
python3 "$HERE/convert.py" openpyxl "$ROOT/input" xlsx || fail "openpyxl could not convert input/"
python3 "$HERE/convert.py" xlsxwriter "$ROOT/input" xlsx2 || fail "XlsxWriter could not convert input/"
"$BIN" build --input "$ROOT/input" --templates "$ROOT/Templates" --output out-csv 2>csv.txt || { fail "the CSV edition does not build"; cat csv.txt; }
"$BIN" build --input xlsx --templates "$ROOT/Templates" --output out-xlsx 2>xlsx.txt || { fail "the workbook edition does not build"; cat xlsx.txt; }
if cmp -s out-csv/data/indicators.json out-xlsx/data/indicators.json && [ -s out-csv/data/indicators.json ]; then ok; else
  fail "indicators.json differs between the CSV and the workbook edition"; diff out-csv/data/indicators.json out-xlsx/data/indicators.json | head -20; fi
if diff -r -q out-csv/data/charts out-xlsx/data/charts >/dev/null; then ok; else fail "chart CSVs differ"; fi
"$BIN" build --input xlsx2 --templates "$ROOT/Templates" --output out-xlsx2 2>xlsx2.txt || { fail "the XlsxWriter edition does not build"; cat xlsx2.txt; }
if cmp -s out-csv/data/indicators.json out-xlsx2/data/indicators.json; then ok; else
  fail "indicators.json differs between the CSV and the XlsxWriter edition"; diff out-csv/data/indicators.json out-xlsx2/data/indicators.json | head -20; fi
grep -q 'sharedStrings' <(python3 -c 'import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).namelist())' xlsx2/monitoring/2017.xlsx) && ok || fail "XlsxWriter wrote no shared strings"
# One warning per monitoring workbook for its second worksheet, and nothing else.
expect "second worksheet" "warning: xlsx/monitoring/2017.xlsx: only the first worksheet, 'Të dhënat', is read; the other worksheet ('Shënime') is ignored" xlsx.txt
if [ "$(grep -c '^warning:' xlsx.txt)" -eq 4 ]; then ok; else fail "expected 4 warnings"; cat xlsx.txt; fi

# 2. A bad cell: 'shtatë' in meetings (column F) of row 7.
cp -r xlsx bad
python3 "$HERE/workbook.py" set bad/monitoring/2017.xlsx F7 "shtatë"
"$BIN" check --input bad --templates "$ROOT/Templates" 2>bad.txt; status=$?
if [ $status -eq 65 ]; then ok; else fail "bad cell: exit $status, expected 65"; fi
expect "bad cell" "error: bad/monitoring/2017.xlsx, sheet 'Të dhënat', cell F7 (row 7, column 'meetings'): expected a whole number ≥ 0, found 'shtatë'" bad.txt

# 3. A CSV file and a workbook for the same file.
cp -r xlsx both && cp "$ROOT/input/census.csv" both/ && cp "$ROOT/input/monitoring/2016.csv" both/monitoring/
"$BIN" check --input both --templates "$ROOT/Templates" 2>both.txt; status=$?
if [ $status -eq 65 ]; then ok; else fail "both forms: exit $status, expected 65"; fi
expect "both census" "error: both/census.xlsx: both census.csv and census.xlsx are present" both.txt
expect "both 2016" "error: both/monitoring/2016.xlsx: both monitoring/2016.csv and monitoring/2016.xlsx are present" both.txt

# 4. new-edition on the shipped edition, as CSV and as workbooks.
"$BIN" new-edition --from "$ROOT/input" --to next 2>new.txt || { fail "new-edition failed"; cat new.txt; }
files=$(cd next && find . -type f | sort | tr '\n' ' ')
if [ "$files" = "./census.csv ./factsheet.yaml ./monitoring/2015.csv ./monitoring/2016.csv ./monitoring/2017.csv ./monitoring/2018.csv ./municipalities.csv " ]; then ok; else fail "new-edition files: $files"; fi
if cmp -s next/municipalities.csv "$ROOT/input/municipalities.csv" && cmp -s next/census.csv "$ROOT/input/census.csv" && cmp -s next/monitoring/2017.csv "$ROOT/input/monitoring/2017.csv"; then ok; else fail "register, census or 2017 not copied as they are"; fi
expect "edition" 'edition: "2018"' next/factsheet.yaml
expect "years" "years: [2015, 2016, 2017, 2018]" next/factsheet.yaml
expect "comment" "# Made by \`factsheet new-edition\`" next/factsheet.yaml
# 38 municipalities in the register: one empty row each, header first.
if [ "$(wc -l < next/monitoring/2018.csv)" -eq 39 ] && [ "$(sed -n 2p next/monitoring/2018.csv)" = "decan,,,,,,," ]; then ok; else fail "2018.csv rows"; head -3 next/monitoring/2018.csv; fi
"$BIN" check --input next --templates "$ROOT/Templates" 2>next.txt; status=$?
if [ $status -eq 65 ]; then ok; else fail "check on the new edition: exit $status, expected 65"; fi
expect "empty cell" "error: next/monitoring/2018.csv, row 2, column 'mcsc': the cell is empty and must be filled in: expected 'yes' or 'no'" next.txt
if [ "$(grep -c 'the cell is empty and must be filled in' next.txt)" -eq 38 ] && [ "$(grep -c '^error:' next.txt)" -eq 38 ]; then ok; else fail "expected 38 empty-cell errors and no others"; cat next.txt; fi
"$BIN" new-edition --from "$ROOT/input" --to next 2>again.txt; status=$?
if [ $status -eq 73 ] && grep -qF "next: the folder already exists" again.txt && [ "$(find next -type f | wc -l)" -eq 7 ]; then ok; else fail "new-edition into an existing folder: exit $status"; cat again.txt; fi

"$BIN" new-edition --from "$ROOT/input" --to next-xlsx --format xlsx --year 2019 2>newx.txt || { fail "new-edition --format xlsx failed"; cat newx.txt; }
python3 "$HERE/workbook.py" rows next-xlsx/monitoring/2019.xlsx > rows.txt || fail "openpyxl cannot open the written workbook"
expect "sheet name" "sheet: 2019" rows.txt
expect "header" "$(printf 'municipality\tmcsc\twomen_representatives\tcompensation\tcommunities_represented\tmeetings\tmeetings_security\twork_plan')" rows.txt
if [ "$(tail -n +3 rows.txt | cut -f1 | tr '\n' ' ')" = "$(tail -n +2 "$ROOT/input/municipalities.csv" | cut -d, -f1 | tr '\n' ' ')" ]; then ok; else fail "codes in the written workbook"; cat rows.txt; fi
"$BIN" check --input next-xlsx --templates "$ROOT/Templates" 2>nextx.txt
expect "empty cell in a workbook" "error: next-xlsx/monitoring/2019.xlsx, sheet '2019', cell B2 (row 2, column 'mcsc'): the cell is empty and must be filled in" nextx.txt
# Filled in with openpyxl ('no' everywhere), the new edition checks clean.
for year in 2018 2019; do python3 "$HERE/workbook.py" fill next-xlsx/monitoring/$year.xlsx B no; done
"$BIN" check --input next-xlsx --templates "$ROOT/Templates" 2>filled.txt; status=$?
if [ $status -eq 0 ]; then ok; else fail "the filled-in workbooks do not check: exit $status"; cat filled.txt; fi

# 5. The data workbooks of the shipped edition (LANG/data.xlsx), read by openpyxl: cover, contents,
# notes, then one Excel table per worksheet, titles in A1, numbers as numbers, no merged cells,
# links to existing worksheets, the figures of indicators.json.
python3 "$HERE/data_workbook.py" out-csv "$ROOT/input" > data.txt && ok || { fail "the data workbooks"; cat data.txt; }

# 6. Where LibreOffice is installed (it is not installed for this test: Debian's
# libreoffice-calc-nogui is large): it converts input/ to workbooks, giving the same indicators,
# opens a workbook that new-edition wrote, and opens and saves the data workbooks.
if command -v soffice >/dev/null; then
  mkdir -p lo/monitoring lo-read && cp "$ROOT/input/factsheet.yaml" lo/
  soffice --headless --convert-to xlsx --outdir lo "$ROOT/input/municipalities.csv" "$ROOT/input/census.csv" >/dev/null 2>&1
  soffice --headless --convert-to xlsx --outdir lo/monitoring "$ROOT"/input/monitoring/*.csv >/dev/null 2>&1
  "$BIN" build --input lo --templates "$ROOT/Templates" --output out-lo 2>lo.txt || { fail "the LibreOffice edition does not build"; cat lo.txt; }
  if cmp -s out-csv/data/indicators.json out-lo/data/indicators.json; then ok; else fail "indicators.json differs between the CSV and the LibreOffice edition"; fi
  "$BIN" new-edition --from "$ROOT/input" --to lo-new --format xlsx 2>/dev/null
  soffice --headless --convert-to csv --outdir lo-read lo-new/monitoring/2018.xlsx >/dev/null 2>&1
  if [ "$(head -2 lo-read/2018.csv | tr '\n' ' ')" = "municipality,mcsc,women_representatives,compensation,communities_represented,meetings,meetings_security,work_plan decan,,,,,,, " ] \
    && [ "$(wc -l < lo-read/2018.csv)" -eq 39 ]; then ok; else
    fail "LibreOffice does not read the written workbook back"; head -3 lo-read/2018.csv; fi
  # It opens each data workbook and saves it again, keeping every worksheet, table and figure. A
  # profile of its own: a LibreOffice another build runs with the default profile would otherwise
  # take the conversion over, or leave this one waiting for ever.
  mkdir -p lo-data
  for language in $(cd out-csv && ls -d */ | tr -d /); do
    [ -f "out-csv/$language/data.xlsx" ] || continue
    mkdir -p "lo-data/$language" && timeout 300 soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless \
      --convert-to xlsx --outdir "lo-data/$language" "out-csv/$language/data.xlsx" >/dev/null 2>&1
    mv "lo-data/$language/data.xlsx" "lo-data/$language.xlsx" 2>/dev/null
  done
  python3 "$HERE/data_workbook.py" out-csv "$ROOT/input" lo-data > lo-data.txt && ok || { fail "LibreOffice and the data workbooks"; cat lo-data.txt; }
else
  echo "xlsx: LibreOffice (soffice) not installed; its three checks skipped"
fi

finish xlsx
