import Foundation
import Testing

/// Drives the real `backprop playground` in tmux, as a learner would: play, watch the
/// epoch counter move, change a knob, resize, quit, and check the terminal came back.
@Suite("Playground end to end (tmux)", .serialized)
struct PlaygroundEndToEndTests {
    static let tmuxPath = ["/usr/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backprop").path

    let socket = "backprop-e2e-\(getpid())"

    /// Runs tmux through `/bin/sh` with `posix_spawn` and `waitpid`, output to a file: the
    /// tmux server that `new-session` forks inherits the child's descriptors, so neither a
    /// pipe read to its end nor Foundation's Process (which waits on them) would return.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = "/tmp/\(socket)-output"
        let quoted = (["-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "\(Self.tmuxPath!) \(quoted.joined(separator: " ")) > \(output) 2>/dev/null < /dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", command]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        defer { unlink(output) }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

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

    @Test(arguments: [(80, 24), (200, 50)])
    func playTweakResizeQuit(width: Int, height: Int) throws {
        guard Self.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: Self.binary) else {
            print("skipped: tmux or \(Self.binary) missing")
            return
        }
        defer { _ = try? tmux(["kill-server"]) }
        let marker = "/tmp/\(socket)-done"
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                  "\(Self.binary) playground; echo \"exit=$?\" > \(marker); stty -a > \(marker).stty; sleep 30"])
        let first = try waitFor { $0.contains("paused") }
        #expect(first.contains("Playground") && first.contains("Learning rate"), "\(first)")
        try tmux(["send-keys", " "])
        let running = try waitFor { (epoch(in: $0) ?? 0) > 0 }
        let later = try waitFor { (epoch(in: $0) ?? 0) > (epoch(in: running) ?? 0) }
        #expect((epoch(in: later) ?? 0) > (epoch(in: running) ?? 0), "the epoch counter moves while training")
        // Focus the learning rate (7th knob) and raise it: applied live, no reset.
        try tmux(["send-keys", "Down", "Down", "Down", "Down", "Down", "Down", "Right"])
        let tuned = try waitFor { $0.contains("lr 0.1") }
        #expect(tuned.contains("lr 0.1"), "\(tuned)")
        try tmux(["resize-window", "-x", "60", "-y", "20"])
        let small = try waitFor { $0.contains("too small") }
        #expect(small.contains("too small"))
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
        _ = try waitFor { $0.contains("Learning rate") }
        try tmux(["send-keys", "q"])
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker + ".stty") && Date() < deadline { usleep(100_000) }
        defer { try? FileManager.default.removeItem(atPath: marker); try? FileManager.default.removeItem(atPath: marker + ".stty") }
        #expect((try? String(contentsOfFile: marker, encoding: .utf8))?.contains("exit=0") == true)
        let modes = (try? String(contentsOfFile: marker + ".stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo "), "the terminal is back in cooked mode: \(modes)")
        #expect(try tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
