import MarkdownRendering

@testable import FactsheetPresentation

// Forms of the core's byte-level APIs that read better in tests: the build itself works in
// UTF-8 bytes and never needs them.

extension BarChartRenderer {
    /// ``figureBytes(_:headingLevel:)`` as a string.
    func figure(_ spec: ChartSpec, headingLevel: Int? = nil) -> String {
        String(decoding: figureBytes(spec, headingLevel: headingLevel), as: UTF8.self)
    }
}

extension MarkdownDocument {
    /// ``replaceFencedBlocks(withInfoPrefix:absorbingAdjacentHeading:wrappingLeadIn:replacing:)``
    /// with the markup given as a string (and no links).
    func replaceFencedBlocks(
        withInfoPrefix prefix: String, absorbingAdjacentHeading: Bool = false, wrappingLeadIn: (open: String, close: String)? = nil,
        _ replacement: (FencedBlock) -> String?
    ) {
        replaceFencedBlocks(
            withInfoPrefix: prefix, absorbingAdjacentHeading: absorbingAdjacentHeading, wrappingLeadIn: wrappingLeadIn,
            replacing: { block in replacement(block).map { Replacement(utf8: Array($0.utf8)) } })
    }
}
