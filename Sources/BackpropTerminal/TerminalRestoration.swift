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
    /// SIGQUIT (Ctrl-\\) is one of them: it ends the app like SIGTERM, rather than freeze it
    /// while a backtrace is printed over the screen.
    static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// A crash: the terminal is restored at once, then the signal goes on to whoever handled
    /// it before (Swift's backtracer), so the crash report lands on a normal screen.
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP]
    /// The actions the fatal signals had before ours, by signal number.
    nonisolated(unsafe) private static var previousFatalActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

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
    /// the cursor and the keypad's application mode; call after `initscr`, when terminfo is loaded.
    static func captureLeaveSequence() {
        var bytes: [CChar] = []
        for capability in ["rmkx", "rmcup", "cnorm", "sgr0"] {
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

    /// Installs the signal handlers and the `atexit` hook. The crash handlers and the hook go
    /// in once per process, so the handler a crash passes on to is never our own.
    static func install() {
        installOnce.withLock { installed in
            guard !installed else { return }
            installed = true
            atexit { TerminalRestoration.restore() }
            for signalNumber in fatalSignals {
                setHandler(handleFatalSignal, for: signalNumber, saving: previousFatalActions + Int(signalNumber))
            }
        }
        // No SA_RESTART: a blocking read returns at once so the loop notices.
        for signalNumber in handledSignals { setHandler(handleSignal, for: signalNumber) }
    }

    private static func setHandler(_ handler: @convention(c) (Int32) -> Void, for signalNumber: Int32,
                                   saving previous: UnsafeMutablePointer<sigaction>? = nil) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signalNumber, &action, previous)
    }

    /// Only async-signal-safe calls: leave full screen, show the cursor, put the terminal
    /// modes back, then give the signal to its earlier handler by raising it again (a signal
    /// sent with `kill` would not come back by itself, as a fault does).
    private static let handleFatalSignal: @convention(c) (Int32) -> Void = { signalNumber in
        if TerminalRestoration.isActive.exchange(false, ordering: .sequentiallyConsistent) {
            TerminalRestoration.writeLeaveSequence()
        }
        sigaction(signalNumber, TerminalRestoration.previousFatalActions + Int(signalNumber), nil)
        raise(signalNumber)
        // The earlier handler returned (it expected a fault to happen again): end the process
        // with the signal's default action, never run on with the terminal given back.
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }

    private static func writeLeaveSequence() {
        if let leaveSequence, leaveSequenceLength > 0 {
            _ = write(STDOUT_FILENO, leaveSequence, leaveSequenceLength)
        }
        if let savedModes { tcsetattr(STDIN_FILENO, TCSANOW, savedModes) }
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
        writeLeaveSequence()
        _exit(status)
    }
}
