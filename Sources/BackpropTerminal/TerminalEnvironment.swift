#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropWidgets

/// Facts about where the program runs, checked before curses starts.
public enum TerminalEnvironment {
    /// True when stdin and stdout are terminals and `TERM` names one that can
    /// draw a screen (set, and not `dumb`). When false, the app should print a
    /// message pointing to `backprop train` instead of starting the TUI.
    public static var canRunFullScreen: Bool {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
        guard let term = variable("TERM"), !term.isEmpty, term != "dumb" else { return false }
        return true
    }

    /// True when `NO_COLOR` is set to anything but the empty string (no-color.org).
    public static var prefersNoColor: Bool {
        guard let value = variable("NO_COLOR") else { return false }
        return !value.isEmpty
    }

    /// The colour depth for a terminal reporting `colors` colours, honouring `NO_COLOR`.
    public static func colorDepth(forColorCount colors: Int, hasColors: Bool) -> ColorDepth {
        if prefersNoColor || !hasColors { return .monochrome }
        if colors >= 256 { return .indexed256 }
        if colors >= 8 { return .basic8 }
        return .monochrome
    }

    /// Whether the current locale (after `setlocale(LC_ALL, "")`) encodes text as UTF-8.
    public static var localeIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
