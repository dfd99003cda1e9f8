#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import Synchronization

/// Puts the terminal back the way it was, on every way out of the program.
///
/// Signals (SIGINT, SIGTERM, SIGHUP) only record themselves: `endwin` is not
/// async-signal-safe, so the UI loop sees `CursesScreen.terminationSignal`, restores
/// and exits with 128 + signal. If a second signal arrives before the loop has
/// answered (the loop is stuck), the handler restores what it can with
/// async-signal-safe calls only — the saved terminal modes via `tcsetattr`, and the
/// terminal's own "leave full screen" and "show cursor" sequences via `write` —
/// then ends the process with `_exit(128 + signal)`.
enum TerminalRestoration {
    /// Whether curses is running and has not been ended yet.
    static let isActive = Atomic<Bool>(false)
    /// The first termination signal received, or 0.
    static let pendingSignal = Atomic<Int32>(0)
    static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Saved before curses starts, read only by the emergency path of the signal handler.
    nonisolated(unsafe) private static var savedModes: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var leaveSequence: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var leaveSequenceLength = 0
    private static let installOnce = Mutex(false)

    /// Saves the terminal modes; call before `initscr`.
    static func saveTerminalModes() {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        if tcgetattr(STDIN_FILENO, modes) == 0 {
            savedModes = modes
        } else {
            modes.deallocate()
        }
    }

    /// Remembers the terminal's sequences to leave the full-screen mode and show
    /// the cursor; call after `initscr`, when terminfo is loaded.
    static func captureLeaveSequence() {
        var bytes: [CChar] = []
        for capability in ["rmcup", "cnorm", "sgr0"] {
            guard let value = tigetstr(capability), Int(bitPattern: value) > 0 else { continue }
            var pointer = value
            while pointer.pointee != 0 {
                bytes.append(pointer.pointee)
                pointer += 1
            }
        }
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, bytes.count))
        storage.initialize(from: bytes, count: bytes.count)
        leaveSequence = storage
        leaveSequenceLength = bytes.count
    }

    /// Installs the signal handlers and the `atexit` hook (once per process).
    static func install() {
        installOnce.withLock { installed in
            guard !installed else { return }
            installed = true
            atexit { TerminalRestoration.restore() }
        }
        for signalNumber in handledSignals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handleSignal
            #else
            action.__sigaction_u.__sa_handler = handleSignal
            #endif
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: a blocking read returns at once so the loop notices.
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }

    /// Ends curses if it is running and gives the signals back their default
    /// action; safe to call any number of times.
    static func restore() {
        guard isActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
        endwin()
        for signalNumber in handledSignals { signal(signalNumber, SIG_DFL) }
    }

    private static let handleSignal: @convention(c) (Int32) -> Void = { signalNumber in
        let earlier = TerminalRestoration.pendingSignal.exchange(signalNumber, ordering: .sequentiallyConsistent)
        guard earlier != 0 else { return }
        TerminalRestoration.emergencyRestoreAndExit(status: 128 + signalNumber)
    }

    /// Only async-signal-safe calls from here on.
    private static func emergencyRestoreAndExit(status: Int32) -> Never {
        if let leaveSequence, leaveSequenceLength > 0 {
            _ = write(STDOUT_FILENO, leaveSequence, leaveSequenceLength)
        }
        if let savedModes { tcsetattr(STDIN_FILENO, TCSANOW, savedModes) }
        _exit(status)
    }
}
