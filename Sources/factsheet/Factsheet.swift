import ArgumentParser
import FactsheetCore
import Foundation

/// Exit codes scripts can rely on (documented in the README).
enum ExitStatus {
    /// Input or templates have errors; nothing was written.
    static let dataError: Int32 = 65  // EX_DATAERR
    /// Reading input or writing output failed.
    static let ioError: Int32 = 74  // EX_IOERR
    /// `--pdf` was asked for but Chromium is not installed.
    static let unavailable: Int32 = 69  // EX_UNAVAILABLE
}

@main
struct Factsheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factsheet",
        abstract: "Builds the bilingual MCSC fact sheets from monitoring data.",
        subcommands: [Build.self, Check.self],
        defaultSubcommand: Build.self
    )
}

/// Folders shared by every subcommand.
struct Folders: ParsableArguments {
    @Option(name: .long, help: "Edition folder: factsheet.yaml, municipalities.csv, census.csv, monitoring/YEAR.csv.")
    var input = "input"

    @Option(name: .long, help: "Templates folder with one subfolder per language (sq, en).")
    var templates = "Templates"
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the fact sheets into the output folder.")

    @OptionGroup var folders: Folders

    @Option(name: .long, help: "Output folder; replaced as a whole only when the build succeeds.")
    var output = "output"

    @Flag(name: .long, help: "Also print every sheet to PDF beside its HTML (needs Chromium).")
    var pdf = false

    func run() throws {
        var printer: PDFPrinter?
        if pdf {
            guard let found = PDFPrinter.find() else {
                Console.line("error: --pdf needs Chromium to print the sheets, and it is not installed; install it with 'apt-get install chromium' (nothing was written)")
                throw ExitCode(ExitStatus.unavailable)
            }
            printer = found
        }
        let result = try Pipeline.run(folders)
        Console.progress("write \(output)/")
        do {
            let kept = try OutputWriter(folder: output).replace(with: result.files) { staging in
                guard let printer else { return }
                Console.progress("print \(result.sheets.count) sheets to PDF with \(printer.executable)")
                let pdfs = try printer.printSheets(result.sheets, in: staging)
                let entries = result.files.filter { $0.path != SitePath.manifest }.map { ($0.path, Array($0.contents.utf8)) } + pdfs
                let manifest = Manifest.json(for: entries.map { (path: $0.0, bytes: $0.1) }, provenance: result.provenance)
                try Data(manifest.utf8).write(to: staging.appendingPathComponent(SitePath.manifest))
            }
            for path in kept {
                Console.line("warning: \(output)/\(path): not made by this build; kept as it was (delete it yourself if it is stale)")
            }
        } catch {
            Console.line("error: \(output): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.ioError)
        }
        Console.progress("done: \(result.files.count) files\(pdf ? " and \(result.sheets.count) PDFs" : "") in \(output)/")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the input and templates without writing anything.")

    @OptionGroup var folders: Folders

    func run() throws {
        let result = try Pipeline.run(folders)
        Console.progress("ok: input and templates are valid (\(result.files.count) files would be written)")
    }
}

/// Reads the folders, runs the core build and reports diagnostics.
enum Pipeline {
    static func run(_ folders: Folders) throws -> BuildResult {
        let reader = InputReader()
        let edition: EditionSources
        let templates: TemplateSources
        do {
            edition = try reader.edition(at: folders.input)
            templates = try reader.templates(at: folders.templates)
        } catch {
            Console.line("error: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.ioError)
        }
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
        let builder = FactsheetBuilder(options: BuildOptions(sourceDateEpoch: epoch), progress: Console.progress)
        do {
            let result = try builder.build(edition: edition, templates: templates)
            for warning in result.warnings { Console.line(warning.description) }
            return result
        } catch {
            let diagnostics = error.diagnostics.sorted { ($0.severity == .error ? 0 : 1, $0.location) < ($1.severity == .error ? 0 : 1, $1.location) }
            for diagnostic in diagnostics { Console.line(diagnostic.description) }
            let count = error.errors.count
            Console.line("factsheet: \(count) error\(count == 1 ? "" : "s"); nothing was written")
            throw ExitCode(ExitStatus.dataError)
        }
    }
}

/// Progress and diagnostics go to stderr, one line each.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    @Sendable static func progress(_ text: String) {
        line("factsheet: \(text)")
    }
}
