#!/usr/bin/env bash
# Seeds the fuzz corpus with the shipped files, one per target (first byte = target).
set -eu
out=$1; root=$(cd "$(dirname "$0")/.." && pwd)
{ printf '\x00'; cat "$root/input/monitoring/2017.csv"; } > "$out/seed-monitoring"
{ printf '\x01'; cat "$root/input/factsheet.yaml"; } > "$out/seed-configuration"
{ printf '\x02'; cat "$root/input/census.csv"; } > "$out/seed-census"
{ printf '\x03'; sed -n 2p "$root/input/municipalities.csv"; } > "$out/seed-escaping"
# A monitoring workbook with its parts stored, not deflated, so that mutations reach the XML.
python3 - "$root/input/monitoring/2017.csv" "$out/seed-workbook" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
strings = sorted({f for row in rows for f in row if f and not f.isdigit()})
def cell(r, c, f):
    ref = chr(65 + c) + str(r + 1)
    if f.isdigit(): return f'<c r="{ref}"><v>{f}</v></c>'
    return f'<c r="{ref}" t="s"><v>{strings.index(f)}</v></c>'
sheet = "".join(f'<row r="{r + 1}">' + "".join(cell(r, c, f) for c, f in enumerate(row) if f) + "</row>" for r, row in enumerate(rows))
parts = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="2017" sheetId="1" r:id="r1"/><sheet name="x" sheetId="2" r:id="r2"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/sharedStrings.xml": f'<sst xmlns="{main}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
    "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{sheet}</sheetData></worksheet>',
}
import io
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
    for name, text in parts.items(): z.writestr(name, text)
open(sys.argv[2], "wb").write(b"\x05" + archive.getvalue())
PY
# A logo as an editor saves it (target 6: the logo sanitiser).
{ printf '\x06'; cat "$root/Tests/FactsheetCoreTests/Fixtures/logos/inkscape.svg"; } > "$out/seed-logo"
