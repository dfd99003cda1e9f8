import BackpropLessons
import Foundation
import Testing

/// Drives the real `backprop` in tmux, as a learner would: open the Playground from Home, play, watch the
/// epoch counter move, change a knob, resize, quit, and check the terminal came back; page through a lesson.
@Suite("Playground end to end (tmux)", .serialized)
struct PlaygroundEndToEndTests {
    static let tmuxPath = TmuxServer.tmuxPath
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backprop").path

    /// A server per test case: a new session on a socket whose server is still shutting
    /// down from the previous case can vanish with it.
    let server = TmuxServer(purpose: "e2e")
    var socket: String { server.socket }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String { server.run(arguments) }

    /// Ends this case's tmux server and removes its socket file.
    func stopServer() { server.stop() }

    func screen() throws -> String { try tmux(["capture-pane", "-p"]) }

    func epoch(in text: String) -> Int? {
        guard let range = text.range(of: #"epoch (\d+)"#, options: .regularExpression) else { return nil }
        return Int(text[range].dropFirst("epoch ".count))
    }

    func waitFor(_ condition: (String) -> Bool, seconds: Double = 5) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var text = try screen()
        while !condition(text) && Date() < deadline {
            usleep(100_000)
            text = try screen()
        }
        return text
    }

    /// An SGR sequence that sets a foreground or background colour (basic or 256).
    static let colorSequence = #"\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)m"#

    @Test(arguments: [(80, 24, false), (200, 50, false), (80, 24, true)])
    func homePlayTweakResizeBackQuit(width: Int, height: Int, noColor: Bool) throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        let marker = "/tmp/\(socket)-done"
        // swift test exports NO_COLOR=1, and the tmux server passes it on: clear it for colour.
        let environment = noColor ? "NO_COLOR=1 " : "env -u NO_COLOR "
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                  "\(environment)\(Self.binary); echo \"exit=$?\" > \(marker); stty -a > \(marker).partial; mv \(marker).partial \(marker).stty; sleep 30"])
        let home = try waitFor { $0.contains("Enter open") }
        #expect(home.contains("▸ Playground"), "Home lists the Playground: \(home)")
        try tmux(["send-keys", "Enter"])
        let first = try waitFor { $0.contains("paused") }
        #expect(first.contains("Playground") && first.contains("Learning rate") && first.contains("q back"), "\(first)")
        let colors = try tmux(["capture-pane", "-p", "-e"])
        let colored = colors.range(of: Self.colorSequence, options: .regularExpression) != nil
        #expect(colored == !noColor, noColor ? "NO_COLOR draws without colour" : "colour is used when allowed")
        try tmux(["send-keys", " "])
        let running = try waitFor { (epoch(in: $0) ?? 0) > 0 }
        let later = try waitFor { (epoch(in: $0) ?? 0) > (epoch(in: running) ?? 0) }
        #expect((epoch(in: later) ?? 0) > (epoch(in: running) ?? 0), "the epoch counter moves while training")
        // Focus the learning rate (the 14th knob, after the seven feature toggles) and raise it:
        // applied live, no reset.
        try tmux(["send-keys"] + Array(repeating: "Down", count: 13) + ["Right"])
        let tuned = try waitFor { $0.contains("lr 0.1") }
        #expect(tuned.contains("lr 0.1"), "\(tuned)")
        #expect((epoch(in: tuned) ?? 0) >= (epoch(in: later) ?? 0), "a learning-rate change does not reset the run")
        try tmux(["resize-window", "-x", "60", "-y", "20"])
        let small = try waitFor { $0.contains("too small") }
        #expect(small.contains("too small"))
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
        _ = try waitFor { $0.contains("Learning rate") }
        try tmux(["send-keys", "q"])
        let back = try waitFor { $0.contains("Enter open") }
        #expect(back.contains("▸ Playground"), "q in the Playground goes back Home: \(back)")
        try tmux(["send-keys", "q"])
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker + ".stty") && Date() < deadline { usleep(100_000) }
        defer { try? FileManager.default.removeItem(atPath: marker); try? FileManager.default.removeItem(atPath: marker + ".stty") }
        #expect((try? String(contentsOfFile: marker, encoding: .utf8))?.contains("exit=0") == true)
        let modes = (try? String(contentsOfFile: marker + ".stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo "), "the terminal is back in cooked mode: \(modes)")
        #expect(try tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// A crash (or Ctrl-\\) in the TUI gives the terminal back: cooked mode, the normal screen,
    /// the keypad out of application mode; a crash ends with its signal, and SIGQUIT like SIGTERM.
    @Test(arguments: [(SIGSEGV, 128 + SIGSEGV), (SIGILL, 128 + SIGILL), (SIGABRT, 128 + SIGABRT), (SIGQUIT, 128 + SIGQUIT)])
    func aCrashOrQuitSignalGivesTheTerminalBack(signal: Int32, status: Int32) throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        let marker = "/tmp/\(socket)-signal"
        let pidFile = "/tmp/\(socket)-pid"
        defer { for path in [marker, marker + ".stty", pidFile] { try? FileManager.default.removeItem(atPath: path) } }
        // The shell execs backprop after writing its own pid, so that pid is backprop's.
        try tmux(["new-session", "-d", "-x", "80", "-y", "24",
                  "sh -c 'echo $$ > \(pidFile); exec env BACKPROP_HOME=/tmp/\(socket)-home \(Self.binary) playground'; "
                  + "echo \"exit=$?\" > \(marker); stty -a > \(marker).partial; mv \(marker).partial \(marker).stty; sleep 30"])
        _ = try waitFor { $0.contains("Learning rate") }
        let pid = try #require(Int32(((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, signal)
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: marker + ".stty") && Date() < deadline { usleep(100_000) }
        #expect((try? String(contentsOfFile: marker, encoding: .utf8))?.contains("exit=\(status)") == true,
                "\((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "no exit recorded")")
        let modes = (try? String(contentsOfFile: marker + ".stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo "), "the terminal is back in cooked mode: \(modes)")
        #expect(try tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try tmux(["display-message", "-p", "#{keypad_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) != "1")
    }

    /// Quitting a lab while it loads or trains exits within 2 s, even on the transformer
    /// pages whose trainer can be busy for a while (it is stopped with a bounded wait, and
    /// the process leaves without joining a thread still inside BLAS).
    @Test(arguments: [("attention", 7), ("attention", 8), ("attention", 9), ("recurrent", 3), ("convolutions", 6)])
    func quittingABusyLabExitsWithinTwoSeconds(lesson: String, page: Int) throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        let marker = "/tmp/\(socket)-quit"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        try tmux(["new-session", "-d", "-x", "120", "-y", "40",
                  "BACKPROP_HOME=/tmp/\(socket)-home \(Self.binary) lesson \(lesson) --page \(page); "
                  // Moved into place once written: the wait below ends when the file appears.
                  + "echo \"exit=$?\" > \(marker).partial; mv \(marker).partial \(marker); sleep 30"])
        let opened = try waitFor { $0.contains("page \(page)/") }
        #expect(opened.contains("page \(page)/"), "\(lesson) page \(page) never opened:\n\(opened)")
        try tmux(["send-keys", " "])
        usleep(UInt32.random(in: 0...800_000))
        let pressed = Date()
        try tmux(["send-keys", "q"])
        while !FileManager.default.fileExists(atPath: marker) && Date().timeIntervalSince(pressed) < 10 { usleep(20_000) }
        let seconds = Date().timeIntervalSince(pressed)
        #expect(seconds < 2, "\(lesson) page \(page): exit took \(seconds) s")
        let recorded = (try? String(contentsOfFile: marker, encoding: .utf8)) ?? "no exit recorded"
        #expect(recorded.contains("exit=0"), "\(lesson) page \(page): \(recorded)")
    }

    /// Keys pressed behind "terminal too small" do nothing the learner cannot see: Enter on
    /// Home does not open the Playground hidden behind the message.
    @Test func keysBehindTooSmallDoNothing() throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        try tmux(["new-session", "-d", "-x", "80", "-y", "24", "BACKPROP_HOME=/tmp/\(socket)-home \(Self.binary); sleep 30"])
        _ = try waitFor { $0.contains("Enter open") }
        try tmux(["resize-window", "-x", "50", "-y", "15"])
        _ = try waitFor { $0.contains("too small") }
        try tmux(["send-keys", "Enter", " "])
        usleep(300_000)
        try tmux(["resize-window", "-x", "80", "-y", "24"])
        let back = try waitFor { $0.contains("Enter open") || $0.contains("Learning rate") }
        #expect(back.contains("Enter open") && !back.contains("Learning rate"), "\(back)")
    }

    /// A lesson opened straight from the command line has no Home to show a failed save on:
    /// the lesson screen shows it. (`/proc/self/…` cannot be created, even by root.)
    @Test func aFailedProgressSaveShowsInALessonOpenedDirectly() throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        try tmux(["new-session", "-d", "-x", "160", "-y", "30", "BACKPROP_HOME=/proc/self/backprop-state \(Self.binary) lesson neuron; sleep 30"])
        _ = try waitFor { $0.contains("page 1/") }
        try tmux(["send-keys", "n"])
        let shown = try waitFor { $0.contains("could not save progress") }
        #expect(shown.contains("could not save progress: /proc/self/backprop-state"), "\(shown)")
    }

    /// Home → the first lesson → play until its goal line turns ✓ → next page → previous page →
    /// back Home, which now shows the pages seen → quit; progress lands in BACKPROP_HOME and the
    /// terminal is restored.
    @Test(arguments: [(80, 24), (160, 45)])
    func homeOpensALessonPagesThroughAndComesBack(width: Int, height: Int) throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        let marker = "/tmp/\(socket)-lesson"
        let home = "/tmp/\(socket)-home"
        defer {
            for path in [marker, marker + ".stty", home] { try? FileManager.default.removeItem(atPath: path) }
        }
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                  "BACKPROP_HOME=\(home) \(Self.binary); echo \"exit=$?\" > \(marker); stty -a > \(marker).partial; mv \(marker).partial \(marker).stty; sleep 30"])
        let start = try waitFor { $0.contains("Enter open") }
        #expect(start.contains("The neuron") && start.contains("0/6"), "Home lists lesson 1 with no page seen: \(start)")
        try tmux(["send-keys", "Down", "Enter"])
        // A capture can land between the title and the body of a redraw: wait for the page whole.
        let first = try waitFor { $0.contains("The neuron · 1/6") && $0.contains("A weighted sum") && $0.contains("Goal:") }
        #expect(first.contains("A weighted sum") && first.contains("○ Goal: val accuracy ≥ 95%"), "\(first)")
        try tmux(["send-keys", " "])
        // The lab starts at its slow pace: the goal is met at the first epoch's end, in about eight seconds.
        let met = try waitFor({ $0.contains("✓ Goal met") }, seconds: 30)
        #expect(met.contains("✓ Goal met: val accuracy ≥ 95%"), "the live run meets the first goal: \(met)")
        try tmux(["send-keys", "n"])
        let second = try waitFor { $0.contains("The neuron · 2/6") && $0.contains("Where the boundary comes from") }
        #expect(second.contains("Where the boundary comes from"), "\(second)")
        try tmux(["send-keys", "p"])
        let back = try waitFor { $0.contains("The neuron · 1/6") && $0.contains("A weighted sum") }
        #expect(back.contains("A weighted sum"), "\(back)")
        try tmux(["send-keys", "q"])
        let homeAgain = try waitFor { $0.contains("Enter open") && $0.contains("2/6") }
        #expect(homeAgain.contains("▸ The neuron") && homeAgain.contains("2/6"), "Home marks the pages seen: \(homeAgain)")
        try tmux(["send-keys", "q"])
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker + ".stty") && Date() < deadline { usleep(100_000) }
        #expect((try? String(contentsOfFile: marker, encoding: .utf8))?.contains("exit=0") == true)
        let modes = (try? String(contentsOfFile: marker + ".stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo "), "the terminal is back in cooked mode: \(modes)")
        #expect(try tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let saved = ProgressStore(folder: home).load().progress
        #expect(saved.record(for: "neuron").pagesSeen == [0, 1] && saved.lastLesson == "neuron" && saved.lastPage == 0)
        #expect(saved.record(for: "neuron").goalsMet == [0])
    }

    /// `backprop playground` skips Home, and q there quits.
    @Test func playgroundCommandOpensStraightAndQuits() throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        // Written aside and moved into place: the file appears only once the status is in it.
        let marker = "/tmp/\(socket)-direct"
        try tmux(["new-session", "-d", "-x", "80", "-y", "24", "\(Self.binary) playground; echo \"exit=$?\" > \(marker).partial; mv \(marker).partial \(marker); sleep 30"])
        let first = try waitFor { $0.contains("paused") }
        #expect(first.contains("Learning rate") && first.contains("q quit"), "\(first)")
        try tmux(["send-keys", "q"])
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { usleep(100_000) }
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let exit = (try? String(contentsOfFile: marker, encoding: .utf8)) ?? "no exit recorded"
        let shown = (try? screen()) ?? ""
        #expect(exit.contains("exit=0"), "\(exit) \(shown)")
    }

    /// Ctrl-C and `kill -TERM` mid-run end with 128 + signal and give the terminal back.
    @Test(arguments: [SIGINT, SIGTERM])
    func signalMidRunRestoresTheTerminal(signal: Int32) throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            skip("tmux or \(Self.binary) missing")
            return
        }
        defer { stopServer() }
        let marker = "/tmp/\(socket)-signal"
        defer { for suffix in ["", ".pid", ".stty"] { try? FileManager.default.removeItem(atPath: marker + suffix) } }
        // The inner shell writes its pid and becomes backprop; the outer one, ignoring
        // SIGINT, reports the exit status and the terminal modes afterwards.
        try tmux(["new-session", "-d", "-x", "80", "-y", "24",
                  "trap '' INT; sh -c 'echo $$ > \(marker).pid; exec \(Self.binary) playground'; echo \"exit=$?\" > \(marker); "
                  + "stty -a > \(marker).partial; mv \(marker).partial \(marker).stty; sleep 30"])
        _ = try waitFor { $0.contains("paused") }
        try tmux(["send-keys", " "])
        _ = try waitFor { $0.contains("training") }
        if signal == SIGINT {
            try tmux(["send-keys", "C-c"])
        } else {
            let pid = try #require(Int32((try? String(contentsOfFile: marker + ".pid", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
            kill(pid, SIGTERM)
        }
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker + ".stty") && Date() < deadline { usleep(50_000) }
        #expect((try? String(contentsOfFile: marker, encoding: .utf8))?.contains("exit=\(128 + signal)") == true)
        let modes = (try? String(contentsOfFile: marker + ".stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo "), "the terminal is back in cooked mode: \(modes)")
        #expect(try tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
