import FactsheetIO
import FactsheetSite
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// `make bench`: builds synthetic editions of N municipalities in one process each, stage by
// stage, and sets the cmark-gfm command-line tool and Hugo beside it on the same Markdown.
// Figures are printed, never asserted: machines here are shared and noisy.

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let seed = UInt64(option("--seed") ?? "") ?? 2017
let repository = URL(fileURLWithPath: option("--repo") ?? FileManager.default.currentDirectoryPath)
// The benchmark builds with the repository's templates: say so rather than trap on a missing folder.
guard FileManager.default.fileExists(atPath: repository.appendingPathComponent("Templates").path) else {
    FileHandle.standardError.write(
        Data("factsheet-bench: no Templates/ folder in \(repository.path); run it from the repository or give --repo PATH\n".utf8))
    exit(64)
}
let executableFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

/// Stage times summed over threads, and the bytes of Markdown rendered.
final class ClockTimer: BuildObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [BuildStage: Duration] = [:]
    private var bytes = 0
    let clock = ContinuousClock()

    func markdown(path: String, text: String) {
        let count = text.utf8.count
        lock.withLock { bytes += count }
    }

    var markdownBytes: Int { lock.withLock { bytes } }

    func measure<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            lock.withLock { totals[stage, default: .zero] += elapsed }
        }
        return try body()
    }

    func seconds(_ stage: BuildStage) -> Double { lock.withLock { (totals[stage] ?? .zero).seconds } }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// When each progress line arrived, for wall time per phase.
final class PhaseLog: @unchecked Sendable {
    let clock: ContinuousClock
    let start: ContinuousClock.Instant
    private let lock = NSLock()
    private(set) var marks: [(String, Double)] = []

    init(clock: ContinuousClock, start: ContinuousClock.Instant) {
        self.clock = clock
        self.start = start
    }

    func mark(_ message: String) {
        let now = (clock.now - start).seconds
        lock.withLock { marks.append((message, now)) }
    }
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Peak resident memory of this process (VmHWM), in MB.
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

@discardableResult
/// Runs a process to its end with its output discarded; its exit status and wall time.
///
/// Through ``ChildProcess`` (posix_spawn and waitpid), not Foundation's `Process`: on Linux its
/// `waitUntilExit()` looks at the child every 50 ms, which rounded every short run up to 50 or 100 ms.
func run(_ executable: String, _ args: [String]) -> (status: Int32, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    guard let status = try? ChildProcess.run(executable, args, output: "/dev/null", errors: "/dev/null") else { return (-1, 0) }
    return (status, (clock.now - start).seconds)
}

// MARK: - Child: one edition, one process

if let countText = option("--child"), let count = Int(countText), let work = option("--work").map(URL.init(fileURLWithPath:)) {
    let editionFolder = work.appendingPathComponent("edition")
    try SyntheticEdition(count: count, seed: seed).write(to: editionFolder)
    let templates = try InputReader().templates(at: repository.appendingPathComponent("Templates").path)
    let timer = ClockTimer()
    let clock = ContinuousClock()
    let start = clock.now
    let edition = try InputReader().edition(at: editionFolder.path)
    let loaded = clock.now
    let phases = PhaseLog(clock: clock, start: start)
    let result = try await FactsheetBuilder(options: BuildOptions(observer: timer), progress: { phases.mark($0) }).build(
        edition: edition, templates: templates, into: DirectorySink(folder: work.appendingPathComponent("out")))
    let wall = (clock.now - start).seconds
    let peak = peakMemoryMB()
    var fields = [
        "pages=\(result.sheets.count)", "files=\(result.manifest.count + 1)", "wall=\(wall)", "load=\((loaded - start).seconds)",
        "markdown_bytes=\(timer.markdownBytes)", "peak_mb=\(peak)",
    ]
    fields += BuildStage.allCases.map { "stage_\($0.rawValue)=\(timer.seconds($0))" }
    print("RESULT " + fields.joined(separator: " "))
    for (message, seconds) in phases.marks { print("PHASE \(format(seconds * 1000)) ms: \(message)") }

    // Untimed: the same Markdown, for cmark-gfm and Hugo.
    let markdownFolder = work.appendingPathComponent("markdown")
    let all = FileHandle(
        forWritingAtPath: {
            let path = work.appendingPathComponent("all.md").path
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return path
        }())
    /// Writes each sheet's Markdown as a Hugo page and appends it to one file for cmark-gfm.
    final class MarkdownWriter: BuildObserver, @unchecked Sendable {
        let folder: URL
        let all: FileHandle?
        let lock = NSLock()
        init(folder: URL, all: FileHandle?) {
            self.folder = folder
            self.all = all
        }
        func markdown(path: String, text markdown: String) {
            // Hugo treats a folder holding index.md as one bundle: name the national sheet otherwise.
            let url = folder.appendingPathComponent(
                path.replacingOccurrences(of: "index.html", with: "kosovo.html").replacingOccurrences(of: ".html", with: ".md"))
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let title = path.replacingOccurrences(of: "\"", with: "")
            try? Data("---\ntitle: \"\(title)\"\n---\n\n\(markdown)".utf8).write(to: url)
            lock.withLock { all?.write(Data((markdown + "\n\n").utf8)) }
        }
    }
    let observer = MarkdownWriter(folder: markdownFolder, all: all)
    _ = try await FactsheetBuilder(options: BuildOptions(concurrent: false, observer: observer))
        .build(edition: edition, templates: templates, into: DiscardingSink())
    try? all?.close()
    exit(0)
}

// MARK: - Parent

let sizes = (option("--sizes") ?? "1000,10000").split(separator: ",").compactMap { Int($0) }
// Builds write to tmpfs (/dev/shm) unless BENCH_DIR says otherwise: the virtual disks here take
// 0.3–1 ms to create a file, and vary run to run, which would measure the disk, not the generators.
let scratchRoot =
    ProcessInfo.processInfo.environment["BENCH_DIR"]
    ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
let scratch = URL(fileURLWithPath: scratchRoot).appendingPathComponent("factsheet-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

print("factsheet benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, seed \(seed), files written under \(scratchRoot)")
print("")

// 1. The shipped edition as a whole process, start included.
let factsheet = executableFolder.appendingPathComponent("factsheet").path
var shippedTimes: [Double] = []
for _ in 0..<11 {
    let (status, seconds) = run(
        factsheet,
        [
            "build", "--input", repository.appendingPathComponent("input").path, "--templates",
            repository.appendingPathComponent("Templates").path,
            "--output", scratch.appendingPathComponent("shipped").path,
        ])
    if status == 0 { shippedTimes.append(seconds) }
}
shippedTimes.sort()
let shippedFiles =
    (FileManager.default.enumerator(atPath: scratch.appendingPathComponent("shipped").path)?.allObjects as? [String] ?? []).filter {
        !$0.hasSuffix("/") && $0.contains(".")
    }.count
let shippedMedian = shippedTimes.isEmpty ? .nan : shippedTimes[shippedTimes.count / 2] * 1000
print(
    "Shipped edition (input/, \(shippedFiles) files; each run after the first replaces the one before), whole process, 11 runs: median \(format(shippedMedian)) ms, best \(format((shippedTimes.first ?? .nan) * 1000)) ms  [target < 100 ms: \(shippedMedian < 100 ? "met" : "MISSED")]"
)
print("")

struct SizeResult {
    var values: [String: Double] = [:]
    var cmarkSeconds: Double?
    var hugoSeconds: Double?
    var hugoPages: Int?
    /// Median of three runs of `factsheet build` as a whole process, into a new output folder.
    var commandSeconds: Double?
    /// The same, replacing the previous output.
    var replacingSeconds: Double?
    /// Hugo writing over the pages of its previous run.
    var hugoOverwritingSeconds: Double?
}
var results: [Int: SizeResult] = [:]
let cmark = Executable.find(["cmark-gfm"])
let hugo = Executable.find(["hugo"])

for size in sizes {
    let work = scratch.appendingPathComponent("n\(size)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    // The child's report goes to a file and is read when it ends (``ChildProcess``, as every run here).
    let report = work.appendingPathComponent("child-report.txt")
    let problems = work.appendingPathComponent("child-errors.txt")
    let status = try ChildProcess.run(
        CommandLine.arguments[0], ["--child", String(size), "--work", work.path, "--seed", String(seed), "--repo", repository.path],
        output: report.path, errors: problems.path)
    let output = String(decoding: (try? Data(contentsOf: report)) ?? Data(), as: UTF8.self)
    if status != 0 {
        FileHandle.standardError.write(Data("factsheet-bench: the child for N = \(size) ended with status \(status)\n".utf8))
        FileHandle.standardError.write((try? Data(contentsOf: problems)) ?? Data())
    }
    var result = SizeResult()
    // The command itself, as a user runs it: process start, reading, staging and the swap
    // included. Into an output folder that does not exist yet, as Hugo gets an empty `public/`
    // below; and replacing the previous output, which the command then deletes.
    func command(_ output: URL) -> (status: Int32, seconds: Double) {
        run(
            factsheet,
            [
                "build", "--input", work.appendingPathComponent("edition").path,
                "--templates", repository.appendingPathComponent("Templates").path, "--output", output.path,
            ])
    }
    func median(_ runs: [(status: Int32, seconds: Double)]) -> Double? {
        let times = runs.filter { $0.status == 0 }.map(\.seconds).sorted()
        return times.isEmpty ? nil : times[times.count / 2]
    }
    let freshSite = work.appendingPathComponent("site-fresh")
    result.commandSeconds = median(
        (0..<3).map { _ in
            try? FileManager.default.removeItem(at: freshSite)
            return command(freshSite)
        })
    let site = work.appendingPathComponent("site")
    _ = command(site)
    result.replacingSeconds = median((0..<3).map { _ in command(site) })
    let phaseLines = output.split(separator: "\n").filter { $0.hasPrefix("PHASE ") }.map { "    after " + $0.dropFirst(6) }
    for line in output.split(separator: "\n") where line.hasPrefix("RESULT ") {
        for field in line.dropFirst(7).split(separator: " ") {
            let parts = field.split(separator: "=")
            if parts.count == 2 { result.values[String(parts[0])] = Double(parts[1]) }
        }
    }
    if let cmark {
        let file = work.appendingPathComponent("all.md").path
        result.cmarkSeconds = (0..<3).map { _ in
            run(cmark, ["-e", "table", "-e", "strikethrough", "-e", "tagfilter", "--to", "html", file]).seconds
        }.min()
    }
    if let hugo {
        let site = work.appendingPathComponent("hugo")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("layouts/_default"), withIntermediateDirectories: true)
        // Only the pages and their section lists: no RSS, sitemap, taxonomies, robots.txt or 404
        // page, which Hugo makes by default and which would slow it for work we do not do.
        try Data("baseURL = '/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n".utf8)
            .write(to: site.appendingPathComponent("hugo.toml"))
        try Data("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n".utf8)
            .write(to: site.appendingPathComponent("layouts/_default/single.html"))
        try Data("{{ range .Pages }}{{ .Title }}{{ end }}\n".utf8).write(to: site.appendingPathComponent("layouts/_default/list.html"))
        try? FileManager.default.removeItem(at: site.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: work.appendingPathComponent("markdown"), to: site.appendingPathComponent("content"))
        result.hugoPages = nil
        func hugoRun() -> Double {
            let (status, seconds) = run(
                hugo, ["--quiet", "--source", site.path, "--destination", site.appendingPathComponent("public").path])
            return status == 0 ? seconds : .nan
        }
        // Best of two into an empty folder, then best of two over the pages it wrote (Hugo
        // overwrites them in place and deletes nothing).
        result.hugoSeconds = (0..<2).map { _ in
            try? FileManager.default.removeItem(at: site.appendingPathComponent("public"))
            return hugoRun()
        }.min()
        result.hugoOverwritingSeconds = (0..<2).map { _ in hugoRun() }.min()
        let enumerator = FileManager.default.enumerator(atPath: site.appendingPathComponent("public").path)
        var count = 0
        while let path = enumerator?.nextObject() as? String { if path.hasSuffix(".html") { count += 1 } }
        result.hugoPages = count
    }
    results[size] = result

    let v = result.values
    let pages = v["pages"] ?? 0
    let wall = v["wall"] ?? .nan
    let megabytes = (v["markdown_bytes"] ?? 0) / 1_000_000
    print("N = \(size) municipalities: \(Int(pages)) sheets, \(Int(v["files"] ?? 0)) files, \(format(megabytes, 2)) MB of Markdown")
    print(
        "  whole build in one process: \(format(wall * 1000)) ms wall, \(format(pages / wall, 0)) pages/s, peak memory \(format(v["peak_mb"] ?? 0)) MB"
    )
    if let seconds = result.commandSeconds {
        print(
            "  `factsheet build` as a whole process (median of 3), into a new folder: \(format(seconds * 1000)) ms, \(format(pages / seconds, 0)) pages/s"
        )
    }
    if let seconds = result.replacingSeconds {
        print(
            "  the same, replacing the previous output (and deleting it): \(format(seconds * 1000)) ms, \(format(pages / seconds, 0)) pages/s"
        )
    }
    print(
        "  stages (CPU seconds summed over threads): load \(format(v["load"] ?? 0, 3))  "
            + BuildStage.allCases.map { "\($0.rawValue) \(format(v["stage_" + $0.rawValue] ?? 0, 3))" }.joined(separator: "  "))
    print("  phases (wall time since the build started):")
    for line in phaseLines { print(line) }
    let markdownSeconds = v["stage_markdown"] ?? .nan
    print("  Markdown stage: \(format(megabytes / markdownSeconds)) MB/s")
    if let seconds = result.cmarkSeconds {
        let ratio = markdownSeconds / seconds
        print(
            "  cmark-gfm tool on the same Markdown: \(format(seconds * 1000)) ms, \(format(megabytes / seconds)) MB/s; ours / tool = \(format(ratio, 2))  [target ≤ 1.2: \(ratio <= 1.2 ? "met" : "MISSED")]"
        )
    } else {
        print("  cmark-gfm tool not installed (apt-get install cmark-gfm): no comparison")
    }
    if let seconds = result.hugoSeconds {
        // Both as whole processes: Hugo's time includes its start and reading, so ours does too.
        // Like for like: both into an empty folder, and both over their previous output.
        let overwriting = result.hugoOverwritingSeconds ?? seconds
        print(
            "  Hugo on the same Markdown pages (\(result.hugoPages ?? 0) HTML files), whole process: \(format(seconds * 1000)) ms into an empty folder (\(format(pages / seconds, 0)) pages/s), \(format(overwriting * 1000)) ms over its previous pages"
        )
        let fresh = seconds / (result.commandSeconds ?? wall)
        let replacing = overwriting / (result.replacingSeconds ?? result.commandSeconds ?? wall)
        print(
            "  `factsheet build` / Hugo in pages per second: \(format(fresh, 2))× into an empty folder, \(format(replacing, 2))× over the previous output  [target ≥ 2×: \(min(fresh, replacing) >= 2 ? "met" : "MISSED")]"
        )
    } else {
        print("  hugo not installed (apt-get install hugo): no comparison")
    }
    if size >= 10_000 {
        let rate = pages / max(wall, result.commandSeconds ?? wall, result.replacingSeconds ?? wall)
        print(
            "  targets at 10,000: ≥ 5,000 pages/s: \(rate >= 5000 ? "met" : "MISSED"); peak memory < 300 MB: \((v["peak_mb"] ?? 999) < 300 ? "met" : "MISSED")"
        )
    }
    print("")
}

if let small = results[1000]?.values["wall"], let large = results[10_000]?.values["wall"] {
    let ratio = large / small
    var line = "Growth: 10,000 municipalities take \(format(ratio, 2))× as long as 1,000 in one process"
    var worst = ratio
    if let smallCommand = results[1000]?.commandSeconds, let largeCommand = results[10_000]?.commandSeconds {
        let commandRatio = largeCommand / smallCommand
        worst = max(worst, commandRatio)
        line += ", \(format(commandRatio, 2))× as whole processes"
    }
    print(line + "  [target ≤ 12×: \(worst <= 12 ? "met" : "MISSED")]")
}
