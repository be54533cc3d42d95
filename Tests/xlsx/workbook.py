"""Small openpyxl helpers for check.sh: read a workbook's first sheet, or set one cell.

python3 workbook.py rows FILE            prints the first sheet's rows, tab-separated, empty cells empty
python3 workbook.py set FILE CELL VALUE  sets CELL (F7) of the first sheet to the text VALUE
python3 workbook.py fill FILE COLUMN VALUE  sets COLUMN (B) of every row below the header to VALUE
"""
import sys

import openpyxl

command, path = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(path)
sheet = book.worksheets[0]
if command == "rows":
    print("sheet:", sheet.title)
    for row in sheet.iter_rows(values_only=True):
        print("\t".join("" if value is None else str(value) for value in row))
elif command == "set":
    sheet[sys.argv[3]] = sys.argv[4]
    book.save(path)
elif command == "fill":
    for row in range(2, sheet.max_row + 1):
        sheet[f"{sys.argv[3]}{row}"] = sys.argv[4]
    book.save(path)
