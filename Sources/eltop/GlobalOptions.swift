import ArgumentParser
import EltopApp

/// The options every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .customLong("read-only"), help: "Refuse and hide every action that changes something (syncs, dbt runs).")
    var readOnly = false

    @Option(help: ArgumentHelp("Theme name or path to a theme file.", valueName: "name|path"))
    var theme: String?

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Log file (default: $XDG_STATE_HOME/eltop/eltop.log).", valueName: "path"))
    var logFile: String?

    @Option(help: ArgumentHelp("Config file (default: ./eltop.yaml, then $XDG_CONFIG_HOME/eltop/eltop.yaml).", valueName: "path"))
    var config: String?

    @Flag(help: "Click focuses a pane, the wheel scrolls (off by default: the terminal's own text selection keeps working).")
    var mouse = false

    var appOptions: AppOptions {
        AppOptions(readOnly: readOnly, theme: theme, logFile: logFile, configPath: config, mouse: mouse)
    }
}
