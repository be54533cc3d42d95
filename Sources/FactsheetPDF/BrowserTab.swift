import Foundation

/// One browser tab that prints pages (`Page.printToPDF`).
struct BrowserTab {
    let browser: DevToolsBrowser
    let session: String

    /// Page.printToPDF: A4 and margins from the page's own `@page` rule, backgrounds printed,
    /// no header or footer of Chromium's, tagged, with an outline from the headings.
    static var printParameters: [String: Any] {
        [
            "printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false,
            "generateTaggedPDF": true, "generateDocumentOutline": true,
        ]
    }

    init(browser: DevToolsBrowser) throws {
        self.browser = browser
        let target = try browser.call("Target.createTarget", ["url": "about:blank"])
        guard let id = target["targetId"] as? String else { throw PDFError("Chromium opened no tab") }
        let attached = try browser.call("Target.attachToTarget", ["targetId": id, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw PDFError("Chromium gave no session for its tab") }
        self.session = session
        try browser.call("Page.enable", session: session)
        try browser.call("Page.setLifecycleEventsEnabled", ["enabled": true], session: session)
    }

    /// Loads the file and prints it; returns the PDF as Chromium made it.
    func print(_ file: URL) throws -> Data {
        let events = browser.listen("Page.lifecycleEvent", session: session)
        defer { browser.stopListening("Page.lifecycleEvent", session: session) }
        let navigation = try browser.call("Page.navigate", ["url": file.absoluteString], session: session)
        if let error = navigation["errorText"] as? String, !error.isEmpty {
            throw PDFError("\(file.lastPathComponent): Chromium could not open it (\(error))")
        }
        let loader = navigation["loaderId"] as? String
        let loaded = events.wait(timeout: 60) { event in
            event["name"] as? String == "load" && (loader == nil || event["loaderId"] as? String == loader)
        }
        guard loaded != nil else { throw PDFError("\(file.lastPathComponent): did not finish loading in Chromium") }
        let printed = try browser.call("Page.printToPDF", Self.printParameters, session: session)
        guard let base64 = printed["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw PDFError("\(file.lastPathComponent): Chromium returned no PDF")
        }
        return data
    }
}
