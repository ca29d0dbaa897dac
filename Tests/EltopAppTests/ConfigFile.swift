import EltopApp
import Foundation

/// `yaml` written as `eltop.yaml` in `directory`, and the options that point eltop at it with its log
/// beside it: how this target's tests run eltop's commands and runtime on a config file of their own, as
/// `--config FILE` does, without writing to the user's log.
func writeConfigFile(_ yaml: String, in directory: URL) throws -> AppOptions {
    let file = directory.appendingPathComponent("eltop.yaml")
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    return AppOptions(logFile: directory.appendingPathComponent("eltop.log").path, configPath: file.path)
}
