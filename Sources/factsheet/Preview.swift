import ArgumentParser
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `factsheet preview`: runs the `factsheet-preview` executable installed beside this one.
///
/// The preview's HTTP server lives in its own executable so that `factsheet build` and `check`
/// never load it (see `Package.swift`); this subcommand only finds it and hands over the process.
struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the fact sheets from memory on 127.0.0.1 and rebuild them on every save.",
        discussion: """
            Builds the site in memory (nothing is written to disk), serves it on 127.0.0.1 only and \
            rebuilds it whenever a file in the input or templates folder is saved; open pages reload \
            themselves and keep their scroll position. While the edition does not build, every page \
            shows the errors, located as 'factsheet check' locates them. Ctrl-C stops. Runs the \
            factsheet-preview executable built beside factsheet.
            """
    )

    @OptionGroup var folders: Folders

    @Option(name: .long, help: "Port on 127.0.0.1 (default: 8017; 0: any free port; the address is printed).")
    var port: UInt16?

    func run() throws {
        let helper = Self.helperPath()
        guard FileManager.default.isExecutableFile(atPath: helper) else {
            Console.line(
                "error: \(helper) not found; 'factsheet preview' runs it (build it with 'make' or 'swift build --product factsheet-preview')"
            )
            throw ExitCode(ExitStatus.unavailable)
        }
        var arguments = ["factsheet-preview", "--input", folders.input, "--templates", folders.templates]
        if let port { arguments += ["--port", String(port)] }
        // The same process goes on as the preview: same id, same terminal, Ctrl-C stops it.
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv(helper, &cArguments)
        Console.line("error: cannot run \(helper): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.unavailable)
    }

    /// `factsheet-preview` in the folder of the running executable.
    static func helperPath() -> String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? "factsheet"
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("factsheet-preview").path
    }
}
