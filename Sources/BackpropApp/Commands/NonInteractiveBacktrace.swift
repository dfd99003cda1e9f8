/// Swift's crash backtracer, on a terminal, stops at an interactive prompt: inside the TUI
/// that prompt lands on a screen the app no longer draws, and the process hangs. The
/// backtracer reads its settings (`SWIFT_BACKTRACE`) once, as the process starts, so a TUI
/// command starts itself again with `interactive=no` added; a crash then prints its report
/// and ends. `backprop train` and the other plain commands are left alone.
enum NonInteractiveBacktrace {
    static let variable = "SWIFT_BACKTRACE"

    /// The setting to start again with, or nil when `arguments` open no TUI or the
    /// setting says already.
    static func change(arguments: [String], environment: [String: String]) -> (variable: String, value: String)? {
        let current = environment[variable] ?? ""
        guard opensTerminalUI(arguments), !current.contains("interactive") else { return nil }
        return (variable, current.isEmpty ? "interactive=no" : current + ",interactive=no")
    }

    /// No subcommand (Home, maybe with options), or one of the screens.
    static func opensTerminalUI(_ arguments: [String]) -> Bool {
        guard let first = arguments.dropFirst().first else { return true }
        if first == "--help" || first == "-h" || first == "--version" { return false }
        return first.hasPrefix("-") || ["home", "playground", "lesson"].contains(first)
    }
}
