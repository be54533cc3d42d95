/// Why a logo cannot go on the pages; ``message`` (in `Problem.swift`) words it.
public enum LogoDefect: Sendable, Hashable {
    /// The file is larger than ``LogoSanitiser/sizeLimit`` bytes.
    case tooLarge(limit: Int)
    /// The XML declaration names an encoding other than UTF-8.
    case encoding(found: String)
    /// `<!DOCTYPE` or `<!ENTITY`: entities could expand without end or read other files.
    case documentType
    /// `<?…?>` other than the XML declaration (`<?xml-stylesheet?>` loads a style sheet).
    case processingInstruction
    /// Not well-formed XML; the reason in words.
    case malformedXML(String)
    /// The document's root element is not `<svg>`.
    case rootNotSVG(found: String)
    /// The root has no `viewBox` and no numeric `width` and `height` to make one from.
    case noSize
    /// A `viewBox` that is not four numbers with a positive width and height.
    case viewBox(found: String)
    /// `<script>` and the like.
    case script(element: String)
    /// `<foreignObject>`: HTML inside the drawing.
    case foreignObject
    /// `<image>` and other elements that show another file.
    case embedded(element: String)
    /// `<animate>`, `<set>` and the like, which can change any attribute, links included.
    case animation(element: String)
    /// `<style>`: a style sheet, which may load other files and reach the page around the logo.
    case styleSheet
    /// Any other element that is not on the allow-list.
    case element(String)
    /// An event attribute (`onload`, `onclick` …).
    case eventAttribute(String)
    /// `href` or `xlink:href` that does not start with `#`.
    case externalLink(attribute: String, value: String)
    /// `url(…)` that is not `url(#…)`.
    case externalURL(attribute: String, value: String)
    /// `@import` in a style.
    case cssImport(attribute: String)
    /// A `javascript:` address in any attribute.
    case javascriptURL(attribute: String)
    /// Two elements with the same id.
    case duplicateID(String, firstLine: Int)
}
