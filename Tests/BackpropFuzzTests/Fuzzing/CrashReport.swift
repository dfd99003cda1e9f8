import Foundation
import Synchronization

/// A trap in a fuzz case kills the whole test process, so the case's replay line and input
/// must be saved before it dies: a signal handler writes them for a crash, a watchdog thread
/// for a case that runs too long. Both only read what `begin` prepared, because a signal
/// handler may not allocate. Fuzz suites run one at a time, so one slot is enough.
enum CrashReport {
    /// Where the input of a crashing, hanging or misbehaving case is written.
    static let folder = NSTemporaryDirectory() + "backprop-fuzz"

    /// Prepares the slot and installs the handlers; call before a target's first case.
    static func install(hangSeconds: Double) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        installOnce.withLock { installed in
            guard !installed else { return }
            installed = true
            for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = crashHandler
                sigemptyset(&action.sa_mask)
                sigaction(signal, &action, &previousActions[Int(signal)])
            }
            let watchdog = Thread { watch() }
            watchdog.name = "fuzz watchdog"
            watchdog.start()
        }
        hangLimitNanoseconds.store(Int64(hangSeconds * 1e9), ordering: .relaxed)
    }

    /// Marks the start of a case on the calling thread, with what to print if it never ends;
    /// from here on a crash, even in making the input, prints the replay line.
    static func begin(target: String, seed: UInt64, case index: Int, fileExtension: String, replay: String) {
        let path = "\(folder)/\(target)-seed-\(seed)-case-\(index).\(fileExtension)"
        let message = "\nfuzz \(target): case \(index) of seed \(seed) crashed or hung; its input (if it was made) is \(path)\n"
            + "replay: \(replay)\n"
        slot.set(message: message, path: path, thread: pthread_self())
        caseStart.store(Int64(DispatchTime.now().uptimeNanoseconds), ordering: .releasing)
    }

    /// The case's input, written out if the case crashes or hangs.
    static func hold(_ input: [UInt8]) { slot.hold(input) }

    static func end() {
        caseStart.store(0, ordering: .releasing)
    }

    /// Writes the current case's input where `begin` said and returns that path (for a case
    /// that returned but broke the property).
    static func saveInput() -> String {
        slot.writeInput()
        return String(cString: slot.path)
    }

    private static let installOnce = Mutex(false)
    private static let caseStart = Atomic<Int64>(0)
    private static let hangLimitNanoseconds = Atomic<Int64>(20_000_000_000)
    nonisolated(unsafe) private static var previousActions: [sigaction] = Array(repeating: sigaction(), count: 65)
    nonisolated(unsafe) private static var slot = Slot()

    private static let crashHandler: @convention(c) (Int32) -> Void = { signal in
        if caseStart.load(ordering: .acquiring) != 0, pthread_equal(pthread_self(), slot.thread) != 0 {
            slot.report()
        }
        // Hand the signal on (to Swift's backtracer, if it installed one) and let it kill us.
        sigaction(signal, &previousActions[Int(signal)], nil)
        raise(signal)
    }

    private static func watch() {
        while true {
            usleep(250_000)
            let started = caseStart.load(ordering: .acquiring)
            guard started != 0 else { continue }
            let elapsed = Int64(DispatchTime.now().uptimeNanoseconds) - started
            if elapsed > hangLimitNanoseconds.load(ordering: .relaxed) {
                slot.report()
                let seconds = "fuzz: the case above ran for more than \(elapsed / 1_000_000_000) s; stopping the tests\n"
                FileHandle.standardError.write(Data(seconds.utf8))
                _exit(3)
            }
        }
    }

    /// The replay message and input of the case in flight, in memory a signal handler can
    /// read without allocating.
    private struct Slot {
        var message: UnsafeMutablePointer<CChar> = strdup("")
        var path: UnsafeMutablePointer<CChar> = strdup("")
        var input = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        var thread = pthread_self()

        mutating func set(message: String, path: String, thread: pthread_t) {
            free(self.message)
            free(self.path)
            self.message = strdup(message)
            self.path = strdup(path)
            hold([])
            self.thread = thread
        }

        mutating func hold(_ bytes: [UInt8]) {
            input.deallocate()
            input = .allocate(byteCount: bytes.count, alignment: 1)
            input.copyBytes(from: bytes)
        }

        func report() {
            write(STDERR_FILENO, message, strlen(message))
            writeInput()
        }

        func writeInput() {
            let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard file >= 0 else { return }
            if let base = input.baseAddress { write(file, base, input.count) }
            close(file)
        }
    }
}
