import ArgumentParser
import FactsheetIO
import FactsheetInput
import FactsheetPresentation
import FactsheetSite
import FactsheetSupport
import Foundation

/// Exit codes scripts can rely on (documented in the README).
enum ExitStatus {
    /// Input or templates have errors; nothing was written.
    static let dataError: Int32 = 65  // EX_DATAERR
    /// Reading input or writing output failed.
    static let ioError: Int32 = 74  // EX_IOERR
    /// `--pdf` was asked for but Chromium or qpdf is not installed.
    static let unavailable: Int32 = 69  // EX_UNAVAILABLE
    /// The output folder was refused (a file, the input or templates folder, someone else's
    /// folder without `--force`), `new-edition --to` names a folder that exists, or `new-language`
    /// a language whose template folder exists; nothing was written.
    static let cannotCreate: Int32 = 73  // EX_CANTCREAT
}

@main
struct Factsheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factsheet",
        abstract: "Builds the MCSC fact sheets, in every language the edition names, from monitoring data.",
        discussion: """
            Exit codes: 0 success (warnings may be printed), 64 usage error, 65 errors in the input or \
            templates (nothing written), 69 --pdf without Chromium or qpdf (nothing written), 73 the output \
            folder was refused: a file, the input or templates folder or one inside or around them, or a \
            folder factsheet did not make without --force (nothing written), 74 a folder could not be read \
            or the output could not be written (the previous output is left as it was); 73 also when new-edition --to \
            names a folder that exists, or new-language a language whose template folder exists.
            """,
        subcommands: [Build.self, Check.self, NewEdition.self, NewLanguageCommand.self, Preview.self],
        defaultSubcommand: Build.self
    )
}

/// Folders shared by every subcommand.
struct Folders: ParsableArguments {
    @Option(name: .long, help: "Edition folder: factsheet.yaml, municipalities, census, monitoring/YEAR (each .csv or .xlsx).")
    var input = "input"

    @Option(name: .long, help: "Templates folder with one subfolder per language (sq, sr, en …).")
    var templates = "Templates"
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the fact sheets into the output folder.")

    @OptionGroup var folders: Folders

    @Option(name: .long, help: "Output folder; replaced as a whole only when the build succeeds.")
    var output = "output"

    @Flag(
        name: .long,
        help:
            "Build into a folder factsheet did not make, and overwrite its files where the build writes the same path (other files are kept)."
    )
    var force = false

    @Flag(
        name: .long, help: "Also print every sheet to PDF beside its HTML and bind an edition.pdf per language (needs Chromium and qpdf).")
    var pdf = false

    func run() async throws {
        let target: OutputTarget
        do {
            target = try OutputTarget(output, input: folders.input, templates: folders.templates, force: force)
        } catch {
            Console.line("error: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        var printer: PDFPrinter?
        if pdf {
            switch PDFPrinter.find() {
            case .success(let found):
                printer = found
            case .failure(let missing):
                Console.line(
                    "error: --pdf needs Chromium to print the sheets and qpdf to finish them; not installed: \(missing.names.joined(separator: ", ")); install them with 'apt-get install \(PDFPrinter.tools.joined(separator: " "))' (nothing was written)"
                )
                throw ExitCode(ExitStatus.unavailable)
            }
        }
        let (edition, templates) = try Pipeline.read(folders)
        let finished = ResultBox()
        let writer = OutputWriter(target: target)
        do {
            let report = try await writer.replace { staging, sink in
                Console.progress("write into a staging folder beside \(output)/")
                let finishers = printer.map { [$0.printing(pagesIn: staging)] } ?? []
                finished.result = try await Pipeline.builder().build(
                    edition: edition, templates: templates, into: sink, finishing: finishers)
            }
            for path in report.kept {
                Console.line("warning: \(output)/\(path): not made by factsheet; kept as it was (delete it yourself if it is stale)")
            }
            for path in report.overwritten {
                Console.line("warning: \(output)/\(path): not made by factsheet; overwritten (--force)")
            }
            if !report.removed.isEmpty {
                Console.progress(
                    "removed \(report.removed.count) files an earlier build made that this one does not (\(report.removed.prefix(3).joined(separator: ", "))\(report.removed.count > 3 ? ", …" : ""))"
                )
            }
        } catch let error as DiagnosticsError {
            Pipeline.report(error)
        } catch let refusal as OutputRefusal {
            Console.line("error: \(refusal.message)")
            throw ExitCode(ExitStatus.cannotCreate)
        } catch {
            Console.line("error: \(writer.shownAs(FileError.sentence(error, path: output))); \(output)/ was left as it was")
            throw ExitCode(ExitStatus.ioError)
        }
        guard let result = finished.result else { return }
        for warning in result.warnings { Console.line(warning.description) }
        Console.progress(
            "done: \(result.manifest.count + 1) files\(pdf ? ", \(result.sheets.count) sheets and an edition per language among them as PDFs," : "") in \(output)/"
        )
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the input and templates without writing anything.")

    @OptionGroup var folders: Folders

    func run() async throws {
        let (edition, templates) = try Pipeline.read(folders)
        do {
            let result = try await Pipeline.builder().build(edition: edition, templates: templates, into: DiscardingSink())
            for warning in result.warnings { Console.line(warning.description) }
            Console.progress("ok: input and templates are valid (\(result.manifest.count + 1) files would be written)")
        } catch let error as DiagnosticsError {
            Pipeline.report(error)
        } catch {
            // Nothing is written, so nothing can fail to be; said all the same should it ever happen.
            Console.line("error: \(FileError.sentence(error, path: folders.input))")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// Reads the folders, makes the builder and reports diagnostics.
enum Pipeline {
    static func read(_ folders: Folders) throws -> (EditionSources, TemplateSources) {
        let reader = InputReader()
        do {
            return (try reader.edition(at: folders.input), try reader.templates(at: folders.templates))
        } catch {
            Console.line("error: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    static func builder() -> FactsheetBuilder {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
        return FactsheetBuilder(options: BuildOptions(sourceDateEpoch: epoch), progress: Console.progress)
    }

    /// Prints every diagnostic, errors first, says what was (not) written, and exits with the
    /// data-error code.
    static func report(_ error: DiagnosticsError, outcome: String = "nothing was written") -> Never {
        for diagnostic in error.ordered { Console.line(diagnostic.description) }
        let count = error.errorCount
        Console.line("factsheet: \(Problem.grouped(count)) error\(count == 1 ? "" : "s"); \(outcome)")
        Factsheet.exit(withError: ExitCode(ExitStatus.dataError))
    }
}

/// The build's result, handed out of the staging closure.
final class ResultBox: @unchecked Sendable {
    var result: BuildResult?
}

/// Progress and diagnostics go to stderr, one line each.
