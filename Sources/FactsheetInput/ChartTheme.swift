import Foundation

/// An sRGB colour written as `#RRGGBB`.
public struct RGBColour: Sendable, Hashable, CustomStringConvertible {
    var red: UInt8
    var green: UInt8
    var blue: UInt8

    init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#RRGGBB` (or `RRGGBB`); nil for anything else.
    init?(hex: String) {
        var text = hex.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") { text.removeFirst() }
        guard text.count == 6, text.allSatisfy(\.isHexDigit), let value = UInt32(text, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    public var description: String {
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "#")]
        for value in [red, green, blue] {
            bytes.append(digits[Int(value >> 4)])
            bytes.append(digits[Int(value & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Linear-light channels, 0…1.
    var linear: (Double, Double, Double) {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return (channel(red), channel(green), channel(blue))
    }

    /// WCAG 2.2 relative luminance.
    var relativeLuminance: Double {
        let (r, g, b) = linear
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG 2.2 contrast ratio against `other`, 1…21.
    func contrast(with other: RGBColour) -> Double {
        let a = relativeLuminance
        let b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// The colour-vision deficiencies checked at build time (Machado, Oliveira and Fernandes 2009, severity 1).
public enum ColourVisionDeficiency: String, Sendable, CaseIterable {
    case protanopia, deuteranopia, tritanopia

    private var matrix: [Double] {
        switch self {
        case .protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998]
        case .deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.011820, 0.042940, 0.968881]
        case .tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.303900]
        }
    }

    /// The colour as a person with this deficiency sees it, in linear light.
    func simulate(_ colour: RGBColour) -> (Double, Double, Double) {
        let (r, g, b) = colour.linear
        let m = matrix
        func clamp(_ v: Double) -> Double { min(1, max(0, v)) }
        return (clamp(m[0] * r + m[1] * g + m[2] * b), clamp(m[3] * r + m[4] * g + m[5] * b), clamp(m[6] * r + m[7] * g + m[8] * b))
    }
}

/// Colours of the charts, checked for contrast and colour-blind distinctness before any chart is drawn.
public struct ChartTheme: Sendable, Hashable {
    /// Okabe–Ito blue and vermillion: 5.2:1 and 3.9:1 against white, distinct in all three deficiencies.
    package static let standard = ChartTheme(series: [RGBColour(hex: "#0072B2")!, RGBColour(hex: "#D55E00")!])

    /// WCAG 2.2 SC 1.4.11: graphical objects need 3:1 against their background.
    static let minimumBarContrast = 3.0
    /// WCAG 2.2 SC 1.4.3: small text needs 4.5:1.
    static let minimumTextContrast = 4.5
    /// CIE76 colour difference below which two series look the same to a reader.
    static let minimumDistinctness = 20.0

    package var background = RGBColour(red: 255, green: 255, blue: 255)
    package var text = RGBColour(red: 0x1A, green: 0x1A, blue: 0x1A)
    package var mutedText = RGBColour(red: 0x59, green: 0x59, blue: 0x59)
    package var grid = RGBColour(red: 0xD0, green: 0xD0, blue: 0xD0)
    package var axis = RGBColour(red: 0x4D, green: 0x4D, blue: 0x4D)
    /// One colour per series, in order; series beyond the list reuse it from the start.
    var series: [RGBColour]

    init(series: [RGBColour]) {
        self.series = series
    }

    package func colour(forSeries index: Int) -> RGBColour {
        series[index % series.count]
    }

    /// A problem with the theme, for a build error.
    public enum Failure: Sendable, Hashable {
        case lowContrast(colour: RGBColour, ratio: Double, required: Double)
        case indistinct(RGBColour, RGBColour, ColourVisionDeficiency?, difference: Double)
    }

    /// Every way the theme falls short; empty when it is fit to publish.
    func failures() -> [Failure] {
        var failures: [Failure] = []
        for colour in series {
            let ratio = colour.contrast(with: background)
            if ratio < Self.minimumBarContrast {
                failures.append(.lowContrast(colour: colour, ratio: ratio, required: Self.minimumBarContrast))
            }
        }
        for colour in [text, mutedText] {
            let ratio = colour.contrast(with: background)
            if ratio < Self.minimumTextContrast {
                failures.append(.lowContrast(colour: colour, ratio: ratio, required: Self.minimumTextContrast))
            }
        }
        for (i, a) in series.enumerated() {
            for b in series[(i + 1)...] {
                let normal = Self.difference(a.linear, b.linear)
                if normal < Self.minimumDistinctness {
                    failures.append(.indistinct(a, b, nil, difference: normal))
                    continue
                }
                for deficiency in ColourVisionDeficiency.allCases {
                    let difference = Self.difference(deficiency.simulate(a), deficiency.simulate(b))
                    if difference < Self.minimumDistinctness {
                        failures.append(.indistinct(a, b, deficiency, difference: difference))
                    }
                }
            }
        }
        return failures
    }

    /// CIE76 ΔE between two linear-light sRGB colours (D65).
    static func difference(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        let la = lab(a)
        let lb = lab(b)
        return ((la.0 - lb.0) * (la.0 - lb.0) + (la.1 - lb.1) * (la.1 - lb.1) + (la.2 - lb.2) * (la.2 - lb.2)).squareRoot()
    }

    private static func lab(_ c: (Double, Double, Double)) -> (Double, Double, Double) {
        let x = (0.4124 * c.0 + 0.3576 * c.1 + 0.1805 * c.2) / 0.95047
        let y = 0.2126 * c.0 + 0.7152 * c.1 + 0.0722 * c.2
        let z = (0.0193 * c.0 + 0.1192 * c.1 + 0.9505 * c.2) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116.0 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }
}
