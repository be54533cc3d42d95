import FactsheetIO
import Foundation
import FuzzHarness

#if canImport(Glibc)
    import Glibc
#endif

// Built only by `make fuzz` (FACTSHEET_FUZZ=1, every module instrumented with
// -sanitize=fuzzer,address): libFuzzer's own main calls this with each generated input and
// stops at the first broken property.

// Whole builds (target 4) use the shipped templates: FACTSHEET_TEMPLATES, else ../Templates
// (the Makefile runs the fuzzer in .fuzz/).
let templates = try? InputReader().templates(at: ProcessInfo.processInfo.environment["FACTSHEET_TEMPLATES"] ?? "../Templates")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let failure = FuzzHarness.run(bytes, templates: templates) {
        fatalError(failure)
    }
    return 0
}

// SwiftPM gives the executable its own main; hand control to libFuzzer's driver from it.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = runFuzzerDriver(&argumentCount, &arguments) { data, size in fuzzOneInput(data, size) }
exit(status)
