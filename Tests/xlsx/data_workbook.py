"""Checks the data workbooks of a built site (LANG/data.xlsx) with openpyxl, against the
accessibility points of the GSS guidance "Releasing statistics in spreadsheets" and against
data/indicators.json.

Usage: data_workbook.py SITE_FOLDER INPUT_FOLDER [ROUND_TRIPPED_FOLDER]
  With ROUND_TRIPPED_FOLDER (workbooks LibreOffice opened and saved again, LANG.xlsx), checks that
  LibreOffice kept every worksheet, table and figure.
Prints one line per failure and exits 1 if there was any.
"""
import csv
import json
import re
import sys
from pathlib import Path

import openpyxl
from openpyxl.utils import range_boundaries

site, source = Path(sys.argv[1]), Path(sys.argv[2])
round_tripped = Path(sys.argv[3]) if len(sys.argv) > 3 else None
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


indicators = json.loads((site / "data/indicators.json").read_text())["indicators"]
# The configured languages (factsheet.yaml's `languages: [sq, sr, en]`) and the establishment years.
languages = re.findall(r"[a-z][a-z0-9-]*", re.search(r"^languages:\s*\[(.*?)\]", (source / "factsheet.yaml").read_text(), re.M).group(1))
years = {entry["period"] for entry in indicators if entry["section"] == "establishment"}
with open(source / "municipalities.csv", newline="", encoding="utf-8-sig") as handle:
    register = list(csv.DictReader(handle))

# The charts of the Kosovo-wide sheet and the indicators each draws, as ChartID declares them.
PER_PERIOD = {
    "women_representatives": ["women_representatives"],
    "regular_compensation": ["regular_compensation"],
    "missing_representatives": ["missing_representatives_all", "missing_representatives_threshold"],
    "mcscs_discussing_security": ["mcscs_discussing_security"],
    "work_plan_minorities": ["work_plan_minorities"],
}
PER_MUNICIPALITY = ["meetings_held", "meetings_on_security"]
TABLES = ["contents", "notes", *PER_PERIOD.keys(), *PER_MUNICIPALITY, "indicators", "municipal_years", "municipal_periods"]
ORDER = ["contents", "notes", "women_representatives", "regular_compensation", "missing_representatives", "meetings_held",
         "mcscs_discussing_security", "meetings_on_security", "work_plan_minorities", "indicators", "municipal_years",
         "municipal_periods"]


def values(id):
    return [entry for entry in indicators if entry["id"] == id]


def table_rows(sheet, table):
    """The table's header and data rows, as values."""
    first_column, first_row, last_column, last_row = range_boundaries(table.ref)
    rows = [[sheet.cell(row, column).value for column in range(first_column, last_column + 1)]
            for row in range(first_row, last_row + 1)]
    return rows[0], rows[1:]


def check(path, language, tables_only=False):
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    sheets = workbook.worksheets
    where = f"{path.relative_to(path.parents[1]) if not tables_only else path.name}"
    if len(sheets) != 1 + len(ORDER):
        fail(f"{where}: {len(sheets)} worksheets, expected {1 + len(ORDER)}")
        return None
    found = {}
    for index, sheet in enumerate(sheets):
        label = f"{where}, worksheet '{sheet.title}'"
        if len(sheet.title) > 31 or re.search(r"[\[\]:*?/\\]", sheet.title):
            fail(f"{label}: a name Excel refuses")
        if sheet.merged_cells.ranges:
            fail(f"{label}: merged cells {sheet.merged_cells.ranges}")
        title = sheet["A1"].value
        if not isinstance(title, str) or not title.strip():
            fail(f"{label}: A1 holds no title")
        elif not tables_only and not sheet["A1"].font.b:
            fail(f"{label}: the title in A1 is not bold")
        if index == 0:
            if sheet.tables:
                fail(f"{label}: the cover holds a table")
            if sheet.max_column != 1:
                fail(f"{label}: the cover uses {sheet.max_column} columns, expected column A only")
            continue
        if len(sheet.tables) != 1:
            fail(f"{label}: {len(sheet.tables)} tables, expected exactly one")
            continue
        table = list(sheet.tables.values())[0]
        code = table.displayName
        if code != ORDER[index - 1]:
            fail(f"{label}: table '{code}', expected '{ORDER[index - 1]}' in this place")
        found[code] = sheet
        first_column, first_row, last_column, last_row = range_boundaries(table.ref)
        if (first_column, last_row) != (1, max(sheet.max_row, first_row + 1)) or last_column != sheet.max_column:
            fail(f"{label}: table {table.ref} does not cover the header and data ({sheet.dimensions})")
        # Above the table: its title and lines of text in column A only.
        for row in range(1, first_row):
            for column in range(2, sheet.max_column + 1):
                if sheet.cell(row, column).value is not None:
                    fail(f"{label}: {sheet.cell(row, column).coordinate} beside the title lines")
        header, rows = table_rows(sheet, table)
        columns = [column.name for column in table.tableColumns]
        if header != columns or not all(isinstance(name, str) and name for name in header):
            fail(f"{label}: header {header} is not the table's columns {columns}")
        if not rows or any(all(value is None for value in row) for row in rows):
            fail(f"{label}: a blank row inside the table")
        for column in range(len(header)):
            cells = [row[column] for row in rows if row[column] is not None]
            if not cells and rows:
                fail(f"{label}: column '{header[column]}' is blank")
            kinds = {type(value) for value in cells}
            if int in kinds and kinds != {int}:
                fail(f"{label}: column '{header[column]}' mixes numbers and text")
            # Text that reads as a whole number is a year label, never a figure.
            for value in cells:
                if isinstance(value, str) and re.fullmatch(r"-?[0-9][0-9 .,]*", value) and value not in years:
                    fail(f"{label}: '{value}' in column '{header[column]}' is a number stored as text")
        for row in sheet.iter_rows(min_row=first_row + 1):
            for cell in row:
                if isinstance(cell.value, int) and cell.number_format == "General" and not tables_only:
                    fail(f"{label}: {cell.coordinate} is a number without a number format")
                if cell.value == "":
                    fail(f"{label}: {cell.coordinate} holds an empty string rather than nothing")
        if sheet.column_dimensions["A"].width is None or sheet.column_dimensions["A"].width < 8:
            fail(f"{label}: column A has no readable width")

    # The contents: one link per worksheet after it, each to A1 of an existing worksheet.
    contents = found.get("contents")
    if contents is not None:
        links = [cell.hyperlink.location for row in contents.iter_rows(min_row=1) for cell in row if cell.hyperlink]
        expected = [f"'{name}'!A1" for name in names[2:]]
        if links != expected:
            fail(f"{where}: contents links {links}, expected {expected}")

    # The figures: the same as data/indicators.json.
    table = found.get("indicators")
    if table is not None:
        _, rows = table_rows(table, list(table.tables.values())[0])
        got = [(row[0], row[-1]) for row in rows]
        want = [(entry["id"], entry["value"]) for entry in indicators]
        if got != want:
            fail(f"{where}: the indicators table differs from indicators.json: {got[:3]}… against {want[:3]}…")
    for code, ids in PER_PERIOD.items():
        sheet = found.get(code)
        if sheet is None:
            continue
        _, rows = table_rows(sheet, list(sheet.tables.values())[0])
        for column, id in enumerate(ids, start=1):
            if [row[column] for row in rows] != [entry["value"] for entry in values(id)]:
                fail(f"{where}: table '{code}', column {column + 1}: not the values of {id} in indicators.json")
    names_to_codes = {entry.get(f"name_{language}", entry["code"]) or entry["code"]: entry["code"] for entry in register}
    for id in PER_MUNICIPALITY:
        sheet = found.get(id)
        if sheet is None:
            continue
        _, rows = table_rows(sheet, list(sheet.tables.values())[0])
        got = sorted(((names_to_codes.get(row[0], row[0]), row[2]) for row in rows), key=str)
        want = sorted(((code, amount) for entry in values(id) for code, amount in entry["by_municipality"].items()), key=str)
        if got != want:
            fail(f"{where}: table '{id}' is not each municipality's part of {id} in indicators.json")
    sheet = found.get("municipal_periods")
    if sheet is not None:
        _, rows = table_rows(sheet, list(sheet.tables.values())[0])
        for column, id in [(3, "meetings_held"), (6, "meetings_on_security")]:
            if sum(row[column] or 0 for row in rows) != sum(entry["value"] for entry in values(id)):
                fail(f"{where}: the municipal periods' column {column + 1} does not add up to {id}")
    return names


status = 0
for language in languages:
    path = site / language / "data.xlsx"
    if not path.exists():
        fail(f"{language}/data.xlsx is missing")
        continue
    names = check(path, language)
    if round_tripped is not None:
        again = round_tripped / f"{language}.xlsx"
        if not again.exists():
            fail(f"LibreOffice did not save {language}/data.xlsx again")
            continue
        if check(again, language, tables_only=True) != names:
            fail(f"LibreOffice changed the worksheets of {language}/data.xlsx")

print(f"data workbooks: {len(languages)} checked, {len(failures)} failures")
sys.exit(1 if failures else 0)
