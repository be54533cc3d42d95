/// The small script that the preview adds to every HTML page it serves, and nowhere else.
///
/// It listens to the preview's event stream; when the stream names a site version other than the
/// one the page was served from, it keeps the scroll position in `sessionStorage` and reloads.
/// After the reload it scrolls back. The built site never contains it: it is added to the bytes
/// on their way out of the server, never to the build's files.
enum ReloadScript {
    /// The server's path for the event stream; no file of the built site can have it.
    static let eventsPath = "/__factsheet/events"

    /// The `<script>` element for a page served from site version `version`.
    ///
    /// - Parameter keepsScroll: whether the page restores and saves its scroll position. The
    ///   preview's own pages (errors, not found) do neither, so a sheet that breaks and comes back
    ///   returns to where the reader was, not to the top of the short error page.
    static func element(version: String, keepsScroll: Bool = true) -> String {
        // `version` is the preview's own token (hex digits, a dash and a count), never input text.
        """
        <script>/* factsheet preview: reloads this page when the site is rebuilt; not in the built site */
        (function () {
          var version = "\(version)", keepsScroll = \(keepsScroll), key = "factsheet-preview-scroll:" + location.pathname;
          // The browser's own restoring on reload would put back the error page's position.
          if ("scrollRestoration" in history) history.scrollRestoration = "manual";
          var saved = keepsScroll ? sessionStorage.getItem(key) : null;
          if (saved !== null) {
            sessionStorage.removeItem(key);
            var restore = function () { window.scrollTo(0, Number(saved)); };
            restore();
            window.addEventListener("load", restore);
          }
          var events = new EventSource("\(eventsPath)");
          events.onmessage = function (event) {
            if (event.data === version) return;
            if (keepsScroll) sessionStorage.setItem(key, String(window.scrollY));
            events.close();
            location.reload();
          };
        })();
        </script>

        """
    }

    /// `html` with the script placed just before its last `</body>` (at the end if it has none).
    static func inject(into html: [UInt8], version: String, keepsScroll: Bool = true) -> [UInt8] {
        let script = Array(element(version: version, keepsScroll: keepsScroll).utf8)
        let closing = Array("</body>".utf8)
        var result = html
        if let start = lastRange(of: closing, in: html) {
            result.insert(contentsOf: script, at: start)
        } else {
            result.append(contentsOf: script)
        }
        return result
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
