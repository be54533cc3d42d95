import FactsheetIO
import Foundation
import FuzzHarness

#if canImport(Glibc)
    import Glibc
#endif

// Built only by `make fuzz` (FACTSHEET_FUZZ=1, every module instrumented with
// -sanitize=fuzzer,address): libFuzzer's own main calls this with each generated input and
// stops at the first broken property.

// Two modes. By default (`make fuzz`) the loaders and the escaping, a few milliseconds a run; the
// whole-build target is skipped. With FACTSHEET_FUZZ_BUILDS=1 (`make fuzz-builds`) every input
// drives a whole build of a random edition with the shipped templates (FACTSHEET_TEMPLATES, else
// ../Templates, as the Makefile runs the fuzzer in .fuzz/): about a third of a second a run with
// AddressSanitizer, which mixed in with the rest held the fuzzer to about 11 runs a second.
let wholeBuilds = ProcessInfo.processInfo.environment["FACTSHEET_FUZZ_BUILDS"] == "1"
let templates =
    wholeBuilds ? try? InputReader().templates(at: ProcessInfo.processInfo.environment["FACTSHEET_TEMPLATES"] ?? "../Templates") : nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let failure = FuzzHarness.run(wholeBuilds ? [4] + bytes : bytes, templates: templates) {
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
