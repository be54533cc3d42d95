/// The publisher's logo from `factsheet.yaml`'s `logo:`, sanitised by ``LogoSanitiser`` and
/// ready to inline in the masthead.
package struct Logo: Sendable, Hashable {
    /// The file's name in the input folder (`logo.svg`).
    var fileName: String
    /// The root's kept attributes (its `viewBox` always among them), escaped, each with a
    /// space before it: markup to follow `<svg`.
    var attributes: String
    /// The elements inside the root, written anew: ids prefixed, values escaped.
    var content: String

    /// The logo as an inline `<svg>` element, `extra` (attributes of ours such as
    /// ` class="logo"`, with a space before each) first.
    package func svg(_ extra: String) -> String {
        "<svg" + extra + attributes + ">" + content + "</svg>"
    }
}
