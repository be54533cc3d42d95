import ArgumentParser
import FactsheetPreview
import FactsheetSite
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `factsheet-preview`, run by `factsheet preview`: the site built in memory and served on
/// 127.0.0.1, rebuilt on every save.
@main
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factsheet-preview",
        abstract: "Serve the fact sheets from memory on 127.0.0.1 and rebuild them on every save.",
        discussion: """
            Builds the site in memory (nothing is written to disk), serves it on 127.0.0.1 only and \
            rebuilds it whenever a file in the input or templates folder is saved; open pages reload \
            themselves and keep their scroll position. While the edition does not build, every page \
            shows the errors, located as 'factsheet check' locates them. Ctrl-C stops.

            Only requests for 127.0.0.1 or localhost are answered. A connection must send its request \
            within 10 s (and is closed after 10 s idle); request heads may have 16 KiB; at most 256 \
            connections are open, the one idle longest being closed to let a new one in.
            """
    )

    @Option(name: .long, help: "Edition folder: factsheet.yaml, municipalities.csv, census.csv, monitoring/YEAR.csv.")
    var input = "input"

    @Option(name: .long, help: "Templates folder with one subfolder per configured language.")
    var templates = "Templates"

    @Option(name: .long, help: "Port on 127.0.0.1 (0: any free port; the address is printed).")
    var port: UInt16 = PreviewServer.defaultPort

    /// A folder could not be watched or the port could not be listened on (as `factsheet`'s 74).
    static let ioError: Int32 = 74

    func run() async throws {
        // A browser that closes a page mid-answer must never end the preview (FlyingSocks already
        // sends with MSG_NOSIGNAL; this covers any other write).
        signal(SIGPIPE, SIG_IGN)
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
        let session = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let rebuilder = SiteRebuilder(
            input: input, templates: templates, options: BuildOptions(sourceDateEpoch: epoch), session: session)
        let changes: AsyncStream<[String]>
        do {
            // Watching starts before the first build, so that no save is missed.
            changes = try FolderWatcher(roots: [input, templates]).changes()
        } catch {
            Console.line("error: \(error.localizedDescription)")
            throw ExitCode(Self.ioError)
        }
        var report = PreviewReport()
        let clock = ContinuousClock()
        var started = clock.now
        report.print(await rebuilder.rebuild(), after: clock.now - started, changed: [])

        let events = ReloadEvents()
        let bound: UInt16
        do {
            bound = try await PreviewServer(rebuilder: rebuilder, events: events).start(port: port)
        } catch {
            Console.line("error: cannot serve on 127.0.0.1:\(port): \(error.localizedDescription)")
            throw ExitCode(Self.ioError)
        }
        let address = "http://127.0.0.1:\(bound)/"
        FileHandle.standardOutput.write(Data((address + "\n").utf8))
        Console.progress("previewing \(input)/ and \(templates)/ at \(address) (nothing is written to disk; Ctrl-C stops)")

        for await changed in changes {
            started = clock.now
            let outcome = await rebuilder.rebuild()
            if outcome.changed { events.publish(version: rebuilder.site.version) }
            report.print(outcome, after: clock.now - started, changed: changed)
        }
    }
}

/// What the preview prints on the terminal after each build, on stderr like every progress line.
struct PreviewReport {
    /// The problems printed last, so that unchanged warnings are not repeated after every save.
    private var printed: [PreviewProblem]?

    mutating func print(_ outcome: SiteRebuilder.Outcome, after duration: Duration, changed: [String]) {
        let milliseconds = Int((duration / .milliseconds(1)).rounded())
        let cause = changed.isEmpty ? "" : " after a change to \(changed.joined(separator: ", "))"
        if printed != outcome.problems {
            for problem in outcome.problems { Console.line(problem.description) }
        }
        printed = outcome.problems
        guard let files = outcome.files else {
            let count = outcome.problems.count { $0.severity == .error }
            let errors = "\(count) error\(count == 1 ? "" : "s")"
            Console.progress("\(errors)\(cause) (\(milliseconds) ms); the browser shows them until they are fixed")
            return
        }
        let what = outcome.changed ? "built \(files) files" : "built; the site did not change"
        Console.progress("\(what)\(cause) in \(milliseconds) ms")
    }
}

/// Progress and diagnostics go to stderr, one line each, as `factsheet` prints them.
