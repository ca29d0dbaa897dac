/// The exit statuses, as `--help` shows them (docs/pipeline.md has the same table).
enum ExitStatusTable {
    static let text = """
        Exit status: 0 done · 1 failed or cancelled (transform: dbt's own status) · 2 timed out · \
        3 unreachable, not configured or refused by --read-only · 130 Ctrl-C · 143 SIGTERM.
        """
}
