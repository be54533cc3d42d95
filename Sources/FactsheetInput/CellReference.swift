/// Cell references such as `F7`: column letters then a row number.
package enum CellReference {
    /// The 0-based column and 1-based row of `text`, or nil when it is not a cell from A1 to XFD1048576.
    static func parse(_ text: String) -> (column: Int, row: Int)? {
        var column = 0
        var letters = 0
        var row = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "$"):
                continue
            default:
                return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, (1...Workbook.maximumColumns).contains(column), (1...Workbook.maximumRows).contains(row) else {
            return nil
        }
        return (column - 1, row)
    }

    /// The letters of a 0-based column (`0` → `A`, `26` → `AA`).
    package static func letters(column: Int) -> String {
        var number = column + 1
        var result: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            result.insert(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(result)
    }

    package static func name(column: Int, row: Int) -> String {
        letters(column: column) + String(row)
    }
}
