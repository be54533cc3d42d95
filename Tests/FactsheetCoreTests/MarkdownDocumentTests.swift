import MarkdownRendering
import Testing

/// The one module that calls cmark-gfm: finding chart fences, placing generated markup, safe mode.
@Suite struct MarkdownDocumentTests {
    let text = """
        # The *first* heading

        Text with a table:

        | a | b |
        |---|---|
        | 1 | 2 |

        ## Meetings

        ```chart meetings
        ```

        > ### Quoted
        >
        > ```chart quoted
        > ```

        - item

          ```chart listed
          ```

        ```swift
        let x = 1
        ```

        <script>alert(1)</script>

        """

    @Test func findsChartFencesInQuotesAndListsWithTheirHeadings() {
        let blocks = MarkdownDocument(markdown: text).fencedBlocks(withInfoPrefix: "chart")
        #expect(blocks.map(\.info) == ["chart meetings", "chart quoted", "chart listed"])
        #expect(blocks.map(\.line) == [11, 16, 21])
        #expect(blocks.map(\.precedingHeading) == ["Meetings", "Quoted", "Quoted"])
        #expect(blocks.map(\.adjacentHeadingLevel) == [2, 3, nil])
        // The info string comes trimmed of spaces and tabs.
        #expect(
            MarkdownDocument(markdown: "```  chart padded \t\n```\n").fencedBlocks(withInfoPrefix: "chart").map(\.info) == ["chart padded"])
    }

    @Test func firstHeadingIsPlainText() {
        #expect(MarkdownDocument(markdown: text).firstHeading == "The first heading")
        #expect(MarkdownDocument(markdown: "no heading\n\n- list\n").firstHeading == nil)
        #expect(MarkdownDocument(markdown: "> ## In a quote\n").firstHeading == "In a quote")
    }

    @Test func theParagraphBeforeAChartIsWrappedOnlyWhenAsked() {
        let markdown = "Lead *in* <b>x</b>.\n\n### Title\n\n```chart a\n```\n\n| t |\n|---|\n| 1 |\n\n```chart b\n```\n\nAfter.\n"
        let document = MarkdownDocument(markdown: markdown)
        document.replaceFencedBlocks(
            withInfoPrefix: "chart", absorbingAdjacentHeading: true, wrappingLeadIn: ("<div class=\"lead\">", "</div>")
        ) {
            "<figure>\($0.info)</figure>"
        }
        // The paragraph (heading removed) is wrapped, still in safe mode; a table before a chart is not a lead-in.
        #expect(
            document.html()
                == "<div class=\"lead\">\n<p>Lead <em>in</em> <!-- raw HTML omitted -->x<!-- raw HTML omitted -->.</p>\n</div>\n<figure>chart a</figure>\n"
                + "<table>\n<thead>\n<tr>\n<th>t</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
                + "<figure>chart b</figure>\n<p>After.</p>\n")
        let plain = MarkdownDocument(markdown: markdown)
        plain.replaceFencedBlocks(withInfoPrefix: "chart", absorbingAdjacentHeading: true) { "<figure>\($0.info)</figure>" }
        #expect(plain.html().hasPrefix("<p>Lead <em>in</em>"))
    }

    @Test func replacementIsPlacedAsItIsAndTakesTheHeadingAbove() {
        let document = MarkdownDocument(markdown: text)
        document.replaceFencedBlocks(withInfoPrefix: "chart", absorbingAdjacentHeading: true) { block in
            block.info == "chart listed" ? nil : "<figure data-id=\"\(block.info)\"></figure>\n"
        }
        let html = document.html()
        #expect(html.contains("<figure data-id=\"chart meetings\"></figure>"))
        #expect(html.contains("<figure data-id=\"chart quoted\"></figure>"))
        // Headings right above a replaced block are dropped (the markup carries its own).
        #expect(!html.contains("<h2>Meetings</h2>") && !html.contains("<h3>Quoted</h3>"))
        // A block the closure declines stays a code block; other code blocks are untouched.
        #expect(html.contains("<pre><code class=\"language-chart\"></code></pre>"))
        #expect(html.contains("<pre><code class=\"language-swift\">let x = 1\n</code></pre>"))
        // Safe mode: raw HTML in the Markdown is not passed through.
        #expect(!html.contains("<script>") && html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains("<h1>The <em>first</em> heading</h1>"))
    }

    /// Each table goes into a block of its own, opened with the text of the heading right before
    /// it (none here for the first table, which follows a paragraph) and closed after it; the
    /// table itself is as before, and nothing else moves.
    @Test func tablesAreWrappedWithTheHeadingBeforeThem() {
        let source = "# Sheet\n\nIntro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Per *year*\n\n| y |\n|---|\n| 2017 |\n"
        let plain = MarkdownDocument(markdown: source).html()
        let document = MarkdownDocument(markdown: source)
        document.wrapTables(close: "</wrap>") { heading in "<wrap \(heading ?? "-")>" }
        let html = document.html()
        #expect(html.contains("<p>Intro.</p>\n<wrap ->\n<table>"), "\(html)")
        #expect(html.contains("<h2>Per <em>year</em></h2>\n<wrap Per year>\n<table>"), "\(html)")
        #expect(html.components(separatedBy: "</table>\n</wrap>").count == 3, "\(html)")
        // Without the two blocks' tags the page is the one cmark-gfm wrote.
        let unwrapped = html.replacingOccurrences(of: "<wrap ->\n", with: "").replacingOccurrences(of: "<wrap Per year>\n", with: "")
            .replacingOccurrences(of: "</wrap>\n", with: "")
        #expect(unwrapped == plain)
    }
}
