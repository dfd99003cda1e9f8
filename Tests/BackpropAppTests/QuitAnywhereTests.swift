@testable import BackpropApp
import BackpropEngine
import BackpropLessons
import Foundation
import Synchronization
import Testing

/// `q` in any lab of any shipped lesson, at any moment (while the app starts, while the lab
/// loads, while it trains at any pace), ends the process within 2 s and gives the terminal back.
/// Seeded cases, every lab at least once, run in parallel on private tmux servers. Environment:
/// `BACKPROP_QUIT_CASES` (200), `BACKPROP_QUIT_SEED` (fixed; a failure names the seed and the
/// case), `BACKPROP_QUIT_SERVERS` (3 tmux servers at once).
@Suite struct QuitAnywhereTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backprop").path
    static let exitLimit = 2.0

    /// When `q` is pressed.
    enum Moment: Sendable, CustomStringConvertible {
        /// This long after the process started: before Home's lint is done, or while the lab loads.
        case starting(after: Double)
        /// This long after the lab's page was drawn, having pressed Space (or not) and `f` some times.
        case onPage(training: Bool, paceChanges: Int, after: Double)
        /// This long after `n` turned from the page before onto the lab's page.
        case turningTo(training: Bool, after: Double)

        var description: String {
            switch self {
            case .starting(let after): String(format: "%.2f s after start", after)
            case .onPage(let training, let paceChanges, let after):
                String(format: "%@%@, %.2f s after the page", training ? "training" : "paused", paceChanges > 0 ? " (f ×\(paceChanges))" : "", after)
            case .turningTo(let training, let after):
                String(format: "%@, %.2f s after turning to it with n", training ? "training" : "paused", after)
            }
        }
    }

    struct QuitCase: Sendable, CustomStringConvertible {
        let number: Int
        let lesson: String
        /// The lab's page, 1-based as `--page` takes it.
        let page: Int
        let moment: Moment

        var description: String { "case \(number): \(lesson) page \(page), q \(moment)" }
    }

    /// Every (lesson, page) of the shipped lessons that has a lab.
    static func shippedLabs() -> [(lesson: String, page: Int)] {
        let folder = repository + "/lessons"
        return LessonLocations.library(for: [folder]).read(paths: [folder]).compactMap(\.lesson).flatMap { lesson in
            lesson.pages.indices.filter { lesson.pages[$0].lab != nil }.map { (lesson.id, $0 + 1) }
        }
    }

    /// `count` cases from `seed`: each lab once in a shuffled order, then labs at random.
    static func cases(count: Int, seed: UInt64, labs: [(lesson: String, page: Int)]) -> [QuitCase] {
        var random = RandomGenerator(seed: seed)
        var order = Array(labs.indices)
        random.shuffle(&order)
        return (0..<count).map { number in
            let lab = labs[number < order.count ? order[number] : random.index(below: labs.count)]
            let roll = random.uniform()
            let moment: Moment
            if roll < 0.2 {
                moment = .starting(after: random.uniform(0, 0.8))
            } else if roll < 0.4 && lab.page > 1 {
                moment = .turningTo(training: random.uniform() < 0.5, after: random.uniform(0, 0.5))
            } else {
                moment = .onPage(training: random.uniform() < 0.7, paceChanges: random.index(below: 4), after: random.uniform(0, 1.5))
            }
            return QuitCase(number: number, lesson: lab.lesson, page: lab.page, moment: moment)
        }
    }

    static func environmentNumber(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? value
    }

    /// What the servers share: the next case to take, the failures, the seconds each exit took.
    final class Progress: Sendable {
        let nextCase = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let exitSeconds = Mutex<[Double]>([])
    }

    @Test func quitInAnyLabAtAnyMomentExitsWithinTwoSeconds() throws {
        guard TmuxServer.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        let labs = Self.shippedLabs()
        #expect(labs.count >= 40, "every shipped lesson's labs: \(labs.count)")
        let seed = UInt64(Self.environmentNumber("BACKPROP_QUIT_SEED", default: 3))
        let cases = Self.cases(count: Self.environmentNumber("BACKPROP_QUIT_CASES", default: 200), seed: seed, labs: labs)
        let progress = Progress()
        let finished = DispatchGroup()
        let started = Date()
        for server in 0..<max(1, Self.environmentNumber("BACKPROP_QUIT_SERVERS", default: 3)) {
            finished.enter()
            Thread {
                defer { finished.leave() }
                let tmux = TmuxServer(purpose: "quit\(server)")
                defer { tmux.stop() }
                // A session that outlives each case's, so the server stays up between cases.
                tmux.run(["new-session", "-d", "-s", "keep", "sleep 3600"])
                while case let index = progress.nextCase.add(1, ordering: .relaxed).oldValue, index < cases.count {
                    let outcome = Self.run(cases[index], on: tmux)
                    switch outcome {
                    case .success(let seconds): progress.exitSeconds.withLock { $0.append(seconds) }
                    case .failure(let failure): progress.failures.withLock { $0.append("BACKPROP_QUIT_SEED=\(seed) \(cases[index]): \(failure.message)") }
                    }
                }
            }.start()
        }
        finished.wait()
        let seconds = progress.exitSeconds.withLock { $0 }.sorted()
        print(String(format: "quit test: %d cases in %.0f s, seed %llu; exit took at most %.2f s (median %.2f s)",
                     cases.count, Date().timeIntervalSince(started), seed, seconds.last ?? 0, seconds.isEmpty ? 0 : seconds[seconds.count / 2]))
        for failure in progress.failures.withLock({ $0 }) { Issue.record(Comment(rawValue: failure)) }
    }

    struct CaseFailure: Error {
        let message: String
    }

    /// Plays one case in its own session; how long the exit took after `q`, or what went wrong.
    static func run(_ quitCase: QuitCase, on tmux: TmuxServer) -> Result<Double, CaseFailure> {
        let files = "/tmp/\(tmux.socket)-\(quitCase.number)"
        let (pidFile, exitFile, modesFile) = (files + ".pid", files + ".exit", files + ".stty")
        defer {
            for path in [pidFile, exitFile, modesFile, files + "-home"] { try? FileManager.default.removeItem(atPath: path) }
        }
        let session = "case\(quitCase.number)"
        var opened = quitCase.page
        if case .turningTo = quitCase.moment { opened -= 1 }
        // The inner shell writes its pid and becomes backprop; the outer one records the exit
        // status and then the terminal's modes, each file whole (written, then renamed).
        let command = "cd '\(repository)' && sh -c 'echo $$ > \(pidFile); exec env BACKPROP_HOME=\(files)-home \(binary) lesson \(quitCase.lesson) --page \(opened)'; "
            + "echo \"exit=$?\" > \(exitFile).partial; mv \(exitFile).partial \(exitFile); stty -a > \(modesFile).partial; mv \(modesFile).partial \(modesFile); sleep 60"
        tmux.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
        defer { tmux.run(["kill-session", "-t", session]) }

        switch quitCase.moment {
        case .starting(let after):
            guard waitForFile(pidFile, seconds: 10) else { return .failure(CaseFailure(message: "backprop never started")) }
            usleep(UInt32(after * 1_000_000))
        case .onPage(let training, let paceChanges, let after):
            let shown = tmux.waitFor(session, seconds: 20) { $0.contains("page \(quitCase.page)/") }
            guard shown.contains("page \(quitCase.page)/") else { return .failure(CaseFailure(message: "the page was never shown: \(shown)")) }
            if training { tmux.run(["send-keys", "-t", session, " "]) }
            for _ in 0..<paceChanges { tmux.run(["send-keys", "-t", session, "f"]) }
            usleep(UInt32(after * 1_000_000))
        case .turningTo(let training, let after):
            let before = tmux.waitFor(session, seconds: 20) { $0.contains("page \(opened)/") }
            guard before.contains("page \(opened)/") else { return .failure(CaseFailure(message: "the page before was never shown: \(before)")) }
            tmux.run(["send-keys", "-t", session, "n"])
            if training { tmux.run(["send-keys", "-t", session, " "]) }
            usleep(UInt32(after * 1_000_000))
        }
        tmux.run(["send-keys", "-t", session, "q"])
        let pressed = Date()
        let exited = waitForFile(exitFile, seconds: 10)
        let seconds = Date().timeIntervalSince(pressed)
        guard exited else {
            let shown = tmux.screen(session)
            if let pid = pid_t(((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, SIGKILL)
            }
            return .failure(CaseFailure(message: "still running 10 s after q: \(shown)"))
        }
        guard seconds < exitLimit else { return .failure(CaseFailure(message: String(format: "exit took %.2f s", seconds))) }
        let status = (try? String(contentsOfFile: exitFile, encoding: .utf8)) ?? ""
        guard status.contains("exit=0") else { return .failure(CaseFailure(message: "ended with \(status)")) }
        guard waitForFile(modesFile, seconds: 5) else { return .failure(CaseFailure(message: "the terminal's modes were never recorded")) }
        let modes = (try? String(contentsOfFile: modesFile, encoding: .utf8)) ?? ""
        guard modes.contains(" icanon") && modes.contains(" echo ") else {
            return .failure(CaseFailure(message: "the terminal was left out of cooked mode: \(modes)"))
        }
        let alternate = tmux.run(["display-message", "-p", "-t", session, "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard alternate == "0" else { return .failure(CaseFailure(message: "the alternate screen is still on (\(alternate))")) }
        return .success(seconds)
    }

    static func waitForFile(_ path: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date() < deadline else { return false }
            usleep(10_000)
        }
        return true
    }
}
