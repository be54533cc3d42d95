// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "factsheet",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "factsheet", targets: ["factsheet"]),
        .executable(name: "factsheet-preview", targets: ["factsheet-preview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // Excel workbooks (.xlsx) are ZIP containers of XML parts; their XML is read with libxml2 (CLibXML2).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `factsheet preview`'s sockets: FlyingSocks (non-blocking sockets and epoll in plain Swift, no
        // SwiftNIO), a product of the FlyingFox package; the HTTP/1.1 on top is the preview's own.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // cmark-gfm from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // ICU's collator from Debian (libicu-dev), for alphabetical order by language; a C
        // target so that no ICU type meets the copy of ICU's headers Foundation brings.
        .target(
            name: "CCollation",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]
        ),
        // zlib from Debian (zlib1g-dev): a workbook part's deflate stream is checked to end within
        // its bytes before ZIPFoundation unpacks it (WorkbookPackage.swift says why).
        .systemLibrary(
            name: "CZlibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libxml2 from Debian (libxml2-dev): its streaming reader reads the workbooks' XML parts and the logo.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The only module that calls cmark-gfm.
        .target(
            name: "MarkdownRendering",
            dependencies: ["CCmarkGFM"]
        ),
        // The core: four modules from file contents to page bytes, whose dependencies run one way
        // (input -> figures -> presentation -> site), so the compiler keeps the stages apart. None
        // does file I/O (they use FactsheetSupport's locks, counters and escaping only; `make test`
        // checks that they call none of its I/O).
        //
        // Input: every input table's declared columns, reading CSV and workbooks, the configuration,
        // the logo, validation into a `Dataset`, and every diagnostic's wording.
        .target(
            name: "FactsheetInput",
            dependencies: [
                "FactsheetSupport",
                "CZlibInflate",
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Figures: the indicator catalogue and every figure any output prints, computed once; the
        // chart catalogue (`ChartID`). Nothing after this stage reads a monitoring record.
        .target(
            name: "FactsheetFigures",
            dependencies: ["FactsheetInput", "FactsheetSupport"]
        ),
        // Presentation: each language's strings, formats and templates; the view models that turn
        // figures into template values and chart specs; the SVG charts.
        .target(
            name: "FactsheetPresentation",
            dependencies: [
                "FactsheetFigures",
                "FactsheetInput",
                "FactsheetSupport",
                "MarkdownRendering",
                "CCollation",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Site: the builder (the stages in order, through one sink), the pages (cmark-gfm through
        // MarkdownRendering), and every other output: data files, workbooks, data package,
        // review pages, sitemap, manifest.
        .target(
            name: "FactsheetSite",
            dependencies: [
                "FactsheetPresentation",
                "FactsheetFigures",
                "FactsheetInput",
                "FactsheetSupport",
                "MarkdownRendering",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What the modules share: locks and counters for concurrent work, the console, and for
        // those that start processes or write folders, the child process, POSIX writes that say
        // why they failed, and the interruption handler that kills the children and removes the
        // folders before the process ends.
        .target(
            name: "FactsheetSupport"
        ),
        // Reading input folders and writing output folders, for the command, the preview, the
        // benchmark and the fuzzer.
        .target(
            name: "FactsheetIO",
            dependencies: ["FactsheetSite", "FactsheetPresentation", "FactsheetInput", "FactsheetSupport"]
        ),
        // PDFs for the archive: one headless Chromium over the DevTools pipe, qpdf to rewrite them.
        .target(
            name: "FactsheetPDF",
            dependencies: ["FactsheetSupport", "CZlibInflate"]
        ),
        // `factsheet preview`: the site built in memory, served on 127.0.0.1, rebuilt when a watched
        // file is saved; pages reload themselves through Server-Sent Events.
        .target(
            name: "FactsheetPreview",
            dependencies: [
                "FactsheetSite",
                "FactsheetInput",
                "FactsheetIO",
                "FactsheetSupport",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // Both executables use jemalloc (Debian libjemalloc-dev) in place of glibc's malloc: a
        // build allocates millions of small strings from every core, and it measured 10 % faster.
        .executableTarget(
            name: "factsheet",
            dependencies: [
                "FactsheetSite",
                "FactsheetPresentation",
                "FactsheetInput",
                "FactsheetIO",
                "FactsheetPDF",
                "FactsheetSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // `factsheet preview` runs this executable, installed beside `factsheet`. It is apart so
        // that `factsheet build` does not load what the server brings. (It was made apart when the
        // server was FlyingFox, whose proxy handler made the statically linked Foundation
        // networking pull in libcurl and some 30 shared libraries; FlyingSocks alone does not.)
        .executableTarget(
            name: "factsheet-preview",
            dependencies: [
                "FactsheetSite",
                "FactsheetPreview",
                "FactsheetSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/FactsheetPreviewCommand",
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // `make bench`: synthetic editions, stage timings, cmark-gfm and Hugo side by side.
        .executableTarget(
            name: "factsheet-bench",
            dependencies: ["FactsheetSite", "FactsheetInput", "FactsheetIO", "FactsheetSupport", "FuzzHarness"],
            path: "Sources/FactsheetBench",
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // Fuzz properties and the seeded generator shared by the fuzzer, the property tests and the benchmark.
        .target(
            name: "FuzzHarness",
            dependencies: [
                "FactsheetSite", "FactsheetPresentation", "FactsheetFigures", "FactsheetInput", "FactsheetSupport", "MarkdownRendering",
            ]
        ),
        .testTarget(
            name: "FactsheetPreviewTests",
            dependencies: ["FactsheetPreview", "FactsheetSite", "FactsheetInput"]
        ),
        .testTarget(
            name: "FactsheetCoreTests",
            dependencies: [
                "FactsheetSite", "FactsheetPresentation", "FactsheetFigures", "FactsheetInput", "FactsheetSupport", "MarkdownRendering",
                "FuzzHarness", .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FactsheetPDFTests",
            dependencies: ["FactsheetPDF", "FactsheetSupport"]
        ),
    ]
)

// `make fuzz` sets FACTSHEET_FUZZ=1 to add the libFuzzer executable; ordinary builds leave it out.
// The Makefile instruments every module (-sanitize=fuzzer,address); the executable's entry point
// calls libFuzzer's driver itself.
if ProcessInfo.processInfo.environment["FACTSHEET_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "FactsheetFuzz", dependencies: ["FuzzHarness", "FactsheetIO"]))
}
