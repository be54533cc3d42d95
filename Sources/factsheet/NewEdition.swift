import ArgumentParser
import FactsheetIO
import FactsheetInput
import FactsheetSite
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `factsheet new-edition`: the next year's edition folder, made from this year's.
struct NewEdition: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-edition",
        abstract: "Start next year's edition: a new input folder with the years moved on and empty monitoring files to fill in.",
        discussion: """
            Writes factsheet.yaml with the edition, establishment years and performance periods moved on \
            (a comment at its top says what to check), copies the register, the census and the monitoring \
            files of the years the new edition still names, and writes one monitoring file per new year with \
            a row for every municipality of the register and its cells empty. Refuses a --to folder that \
            exists or whose parent folder does not (exit code 73), and a --to inside --from or a --year \
            outside \(NewEdition.years.lowerBound)–\(NewEdition.years.upperBound) (exit code 64); nothing is written then.
            """
    )

    /// The years an edition may cover.
    static let years = 2000...2099

    @Option(name: .long, help: "This year's edition folder (factsheet.yaml, municipalities, census, monitoring/).")
    var from: String

    @Option(name: .long, help: "The new edition folder; must not exist yet.")
    var to: String

    @Option(name: .long, help: "The new edition's last year (default: the year after the last one --from names).")
    var year: Int?

    @Option(name: .long, help: "Format of the new monitoring files: csv or xlsx (default: that of --from's last monitoring file).")
    var format: NextEdition.Format?

    func validate() throws {
        if let year, !Self.years.contains(year) {
            throw ValidationError(
                "--year \(year): expected a year from \(Self.years.lowerBound) to \(Self.years.upperBound), the edition's last year (nothing was written)"
            )
        }
        let source = OutputTarget.canonical(from)
        let target = OutputTarget.canonical(to)
        if target == source {
            throw ValidationError("--to \(to): this is the --from folder; the new edition needs a folder of its own (nothing was written)")
        }
        if OutputTarget.folder(source, contains: target) {
            throw ValidationError(
                "--to \(to): this is inside the --from folder \(from)/; the new edition needs a folder of its own beside it (nothing was written)"
            )
        }
    }

    func run() throws {
        let sources: EditionSources
        do {
            sources = try InputReader().edition(at: from)
        } catch {
            Console.line("error: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.ioError)
        }
        let edition: NextEdition
        do {
            edition = try NextEdition(from: sources, year: year, format: format)
        } catch {
            Pipeline.report(error, outcome: "no folder was written")
        }
        for warning in edition.warnings { Console.line(warning.description) }
        let target = to.hasSuffix("/") && to.count > 1 ? String(to.dropLast()) : to
        do {
            try EditionFolder.create(target, files: edition.files.map { ($0.path, $0.bytes) })
        } catch let error as EditionFolder.Exists {
            Console.line("error: \(error.path): the folder already exists; new-edition writes only into a new folder (nothing was written)")
            throw ExitCode(ExitStatus.cannotCreate)
        } catch let error as EditionFolder.NoParent {
            Console.line(
                "error: \(target): the folder \(error.parent)/, where the new edition would go, does not exist; make it first or choose another --to (nothing was written)"
            )
            throw ExitCode(ExitStatus.cannotCreate)
        } catch {
            Console.line("error: \(FileError.sentence(error, path: target)) (nothing was left behind)")
            throw ExitCode(ExitStatus.ioError)
        }
        let fill = edition.files.map(\.path).filter { path in edition.newYears.contains { path.hasPrefix("monitoring/\($0).") } }
        Console.progress("wrote \(target)/: \(edition.files.map(\.path).joined(separator: ", "))")
        if !edition.droppedYears.isEmpty {
            Console.progress(
                "left out the monitoring files of \(edition.droppedYears.map(String.init).joined(separator: ", ")), which the new edition no longer names"
            )
        }
        Console.progress(
            "next: check \(target)/factsheet.yaml, fill in \(fill.map { "\(target)/\($0)" }.joined(separator: " and ")), then run 'factsheet check --input \(target)'"
        )
    }
}

extension NextEdition.Format: ExpressibleByArgument {}

/// Creates a new folder and writes files into it; the folder must not exist.
enum EditionFolder {
    struct Exists: Error {
        let path: String
    }

    /// The folder that would hold the new one does not exist (or is not a folder).
    struct NoParent: Error {
        let parent: String
    }

    /// Makes `path` in its existing parent folder and writes `files` (relative paths) into it. The
    /// folder is made with one `mkdir`, which fails when anything already has that name; if a write
    /// fails the new folder is removed again.
    static func create(_ path: String, files: [(String, [UInt8])]) throws {
        let parent = (path as NSString).deletingLastPathComponent
        var status = stat()
        if !parent.isEmpty && (stat(parent, &status) != 0 || (status.st_mode & S_IFMT) != S_IFDIR) { throw NoParent(parent: parent) }
        guard mkdir(path, 0o755) == 0 else {
            if errno == EEXIST { throw Exists(path: path) }
            throw FileError.system(path, "made as a folder", code: errno)
        }
        do {
            for (relative, bytes) in files {
                let file = path + "/" + relative
                try FileSystem.makeFolders((file as NSString).deletingLastPathComponent)
                try FileSystem.writeNew(bytes, to: file)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}
