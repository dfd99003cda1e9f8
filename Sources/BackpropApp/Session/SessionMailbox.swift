import Foundation
import Synchronization

/// Where a UI thread and a trainer thread meet (DESIGN.md): the UI posts commands and reads
/// the latest snapshot; the trainer takes the commands between steps, publishes snapshots,
/// and sleeps here while paused. `TrainingSession` and `AdversarialSession` each hold one.
final class SessionMailbox<Snapshot: Sendable, Command: Sendable>: Sendable {
    private struct Contents {
        var commands: [Command] = []
        var snapshot: Snapshot
        var version = 0
        var isStopping = false
    }

    private let contents: Mutex<Contents>
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(snapshot: Snapshot) { contents = Mutex(Contents(snapshot: snapshot)) }

    // MARK: The UI thread's side

    /// Queues a command for the trainer thread and wakes it.
    func send(_ command: Command) {
        contents.withLock { $0.commands.append(command) }
        wakeUp.signal()
    }

    /// The latest snapshot and its version (which changes with every publication).
    func latest() -> (snapshot: Snapshot, version: Int) {
        contents.withLock { ($0.snapshot, $0.version) }
    }

    /// Sends `quit` and waits for the trainer thread to end, up to `timeout` seconds. Later
    /// calls return at once: the thread signals its end only once. A thread still busy after
    /// the wait is counted in `TrainingSession.unfinishedThreads`, so the process can leave
    /// without joining it.
    func stop(sending quit: Command, timeout: Double) {
        let isFirst = contents.withLock { contents in
            defer { contents.isStopping = true }
            return !contents.isStopping
        }
        guard isFirst else { return }
        send(quit)
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            TrainingSession.unfinishedThreads.add(1, ordering: .sequentiallyConsistent)
        }
    }

    // MARK: The trainer thread's side

    func takeCommands() -> [Command] {
        contents.withLock { contents in
            defer { contents.commands.removeAll(keepingCapacity: true) }
            return contents.commands
        }
    }

    func publish(_ snapshot: Snapshot) {
        contents.withLock {
            $0.snapshot = snapshot
            $0.version &+= 1
        }
    }

    func waitForCommand() { wakeUp.wait() }
    /// Sleeps up to `seconds`; true when a command woke it sooner.
    @discardableResult
    func waitForCommand(seconds: Double) -> Bool { wakeUp.wait(timeout: .now() + seconds) == .success }
    func markFinished() { finished.signal() }
}
