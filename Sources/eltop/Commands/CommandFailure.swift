import ArgumentParser
import Foundation

/// A failure that is not a usage error: printed as `eltop: message` with exit status 1 (or `status`,
/// from `CommandExitCode`), without the usage text ArgumentParser adds to a `ValidationError`.
enum CommandFailure {
    static func exit(_ error: Error, status: Int32 = ExitCode.failure.rawValue) -> ExitCode {
        FileHandle.standardError.write(Data("eltop: \(error)\n".utf8))
        return ExitCode(status)
    }
}
