import Foundation

/// Swift's crash backtracer, on a terminal, stops at an interactive prompt: inside the TUI
/// that prompt lands on a screen the app no longer draws, and the process hangs. The
/// backtracer reads its settings (`SWIFT_BACKTRACE`) once, as the process starts, so a TUI
/// command starts itself again with `interactive=no` added; a crash then prints its report
/// and ends. `backprop train` and the other plain commands are left alone.
public enum NonInteractiveBacktrace {
    static let variable = "SWIFT_BACKTRACE"

    /// Re-executes this program with `interactive=no` when it is about to open the TUI and
    /// the setting does not say already; returns when nothing needs doing (or exec failed).
    public static func ensure(arguments: [String] = CommandLine.arguments) {
        let current = ProcessInfo.processInfo.environment[variable] ?? ""
        guard opensTerminalUI(arguments), !current.contains("interactive") else { return }
        setenv(variable, current.isEmpty ? "interactive=no" : current + ",interactive=no", 1)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", argv)
        // exec failed (no /proc): run on as we are.
        argv.forEach { free($0) }
    }

    /// No subcommand (Home, maybe with options), or one of the screens.
    static func opensTerminalUI(_ arguments: [String]) -> Bool {
        guard let first = arguments.dropFirst().first else { return true }
        if first == "--help" || first == "-h" || first == "--version" { return false }
        return first.hasPrefix("-") || ["home", "playground", "lesson"].contains(first)
    }
}
