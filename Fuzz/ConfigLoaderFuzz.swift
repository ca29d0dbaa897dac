// libFuzzer entry for the config loader, built by `make fuzz` from `EltopConfig`'s sources over Yams
// (its C parser compiled with the fuzzer's coverage too) and EltopCore as modules of their own. Every
// input is an eltop.yaml: the loader reads it from a file, as it does at start, with an environment
// of no variables, and every problem it reports is put into words. Whatever the bytes (not UTF-8, a
// YAML syntax error, a key of the wrong type, an alias bomb, a number out of range), the load must end
// in a configuration and a list of problems, never a trap.
import Foundation

/// In memory when the system has /dev/shm: a fuzz run writes the file hundreds of times a second.
private let path = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()) + "eltop-config-fuzz-\(getpid()).yaml"
private let environment = ConfigEnvironment(variables: ["HOME": "/nonexistent-home"], currentDirectory: "/nonexistent-cwd")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // Plain open/write/close: `FileManager.createFile` writes through a temporary file it syncs to disk.
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return 0 }
    let written = size == 0 ? 0 : write(descriptor, data, size)
    close(descriptor)
    guard written == size else { return 0 }
    let result = ConfigLoader(explicitPath: path, environment: environment).evaluate()
    for problem in result.problems { _ = problem.description }
    _ = result.config.origins.count
    return 0
}
