"""Converts an edition's CSV files into Excel workbooks with a spreadsheet library that is not
ours, the way monitoring teams keep them: whole numbers stored as numbers and some as text, a
second worksheet of notes in the monitoring workbooks, the data sheet named as a team would.

openpyxl writes text as inline strings; XlsxWriter writes it as shared strings, as Excel does,
and here also writes some numbers as formulas with their results saved, as Excel does.

Usage: python3 convert.py openpyxl|xlsxwriter FROM_EDITION TO_EDITION
"""
import csv
import pathlib
import shutil
import sys



def read_csv(csv_path: pathlib.Path) -> list:
    text = csv_path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return list(csv.reader(text.splitlines(), delimiter=delimiter))


def convert_xlsxwriter(csv_path: pathlib.Path, xlsx_path: pathlib.Path, sheet: str, notes: bool) -> None:
    import xlsxwriter

    rows = read_csv(csv_path)
    book = xlsxwriter.Workbook(str(xlsx_path), {"strings_to_numbers": False})
    data = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, field in enumerate(row):
            field = field.strip()
            if field == "":
                continue
            if r > 0 and field.isdigit():
                kind = (r + c) % 3
                if kind == 0:
                    data.write_number(r, c, int(field))
                elif kind == 1:
                    # A formula with the result Excel would save with it.
                    data.write_formula(r, c, f"={field}*1", None, int(field))
                else:
                    data.write_string(r, c, field)
            else:
                data.write_string(r, c, field)
    if notes:
        other = book.add_worksheet("Shënime")
        other.write_string(0, 0, "Notes of the monitoring team; not read by factsheet.")
        other.write_number(1, 0, 42)
    book.close()


def convert_openpyxl(csv_path: pathlib.Path, xlsx_path: pathlib.Path, sheet: str, notes: bool) -> None:
    import openpyxl

    rows = read_csv(csv_path)
    book = openpyxl.Workbook()
    data = book.active
    data.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, field in enumerate(row, start=1):
            field = field.strip()
            if field == "":
                continue  # an empty cell
            if r > 1 and field.isdigit():
                # Numbers as numbers (int and float) and as text, in turn.
                kind = (r + c) % 3
                value = int(field) if kind == 0 else float(field) if kind == 1 else field
            else:
                value = field
            data.cell(row=r, column=c, value=value)
    if notes:
        other = book.create_sheet("Shënime")
        other["A1"] = "Notes of the monitoring team; not read by factsheet."
        other["A2"] = 42
    book.save(xlsx_path)


def main() -> None:
    convert = convert_openpyxl if sys.argv[1] == "openpyxl" else convert_xlsxwriter
    source, target = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    (target / "monitoring").mkdir(parents=True)
    shutil.copy(source / "factsheet.yaml", target / "factsheet.yaml")
    convert(source / "municipalities.csv", target / "municipalities.xlsx", "Komunat", False)
    convert(source / "census.csv", target / "census.xlsx", "Regjistrimi", False)
    for path in sorted((source / "monitoring").glob("*.csv")):
        convert(path, target / "monitoring" / (path.stem + ".xlsx"), "Të dhënat", True)


if __name__ == "__main__":
    main()
