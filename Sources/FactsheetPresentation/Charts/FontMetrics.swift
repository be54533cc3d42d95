/// Text widths from the advance widths of the font the pages use (DejaVu Sans), so that chart
/// labels get the room they need without a browser to measure them.
///
/// DejaVu Sans is wider than the fallbacks (Noto Sans, Arial), so a label that fits in
/// DejaVu Sans also fits when a reader's machine substitutes another font.
struct FontMetrics: Sendable {
    enum Weight: Sendable {
        case regular
        case bold
    }

    static let dejaVuSans = FontMetrics()

    /// The advance tables flattened for scalars below U+0530 (0 = not in the font table).
    private static let regularBelow0530 = flatten(dejaVuSansRegularAdvances)
    private static let boldBelow0530 = flatten(dejaVuSansBoldAdvances)

    private static func flatten(_ table: [UInt32: UInt16]) -> [UInt16] {
        var flat = [UInt16](repeating: 0, count: 0x530)
        for (scalar, advance) in table where scalar < 0x530 { flat[Int(scalar)] = advance }
        return flat
    }

    /// Width of `text` in pixels at `size` pixels per em.
    ///
    /// Characters outside the shipped table count as one em (wide, to be safe); combining
    /// marks count as zero, since they sit on the previous letter.
    func width(of text: String, size: Double, weight: Weight = .regular) -> Double {
        let table = weight == .regular ? Self.dejaVuSansRegularAdvances : Self.dejaVuSansBoldAdvances
        let flat = weight == .regular ? Self.regularBelow0530 : Self.boldBelow0530
        var units = 0.0
        for scalar in text.unicodeScalars {
            if scalar.value < 0x530, flat[Int(scalar.value)] > 0 {
                units += Double(flat[Int(scalar.value)])
            } else if let advance = table[scalar.value] {
                units += Double(advance)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                units += Self.dejaVuSansUnitsPerEm
            }
        }
        return units / Self.dejaVuSansUnitsPerEm * size
    }

    /// Splits `text` into lines no wider than `maxWidth`, breaking at spaces and after `/`.
    ///
    /// A single word wider than `maxWidth` stays whole on its own line: the caller must give
    /// it room rather than clip it.
    func wrap(_ text: String, maxWidth: Double, size: Double, weight: Weight = .regular) -> [String] {
        if width(of: text, size: size, weight: weight) <= maxWidth { return [text] }
        // Pieces keep their trailing separator: "Mitrovica/", "Mitrovicë ", "North".
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " || character == "/" {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            let candidate = line + piece
            if !line.isEmpty && width(of: candidate.trimmingTrailingSpaces, size: size, weight: weight) > maxWidth {
                lines.append(line.trimmingTrailingSpaces)
                line = piece
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line.trimmingTrailingSpaces) }
        return lines
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
