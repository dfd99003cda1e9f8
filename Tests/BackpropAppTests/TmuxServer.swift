import Foundation

/// A private tmux server for driving the real `backprop` in a terminal: its own socket name,
/// so parallel runs and other users' sessions never meet, removed again by `stop()`.
struct TmuxServer: Sendable {
    static let tmuxPath = ["/usr/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let socket: String

    /// A socket name never used before: a server still shutting down under a reused name can
    /// take a new session with it.
    init(purpose: String) {
        socket = "backprop-\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs tmux through `/bin/sh` with `posix_spawn` and `waitpid`, output to a file: the
    /// server that `new-session` forks inherits the child's descriptors, so neither a pipe
    /// read to its end nor Foundation's Process (which waits on them) would return.
    @discardableResult
    func run(_ arguments: [String]) -> String {
        guard let tmux = Self.tmuxPath else { return "" }
        let output = "/tmp/\(socket)-output-\(UInt32.random(in: 0...UInt32.max))"
        let quoted = (["-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "\(tmux) \(quoted.joined(separator: " ")) > \(output) 2>/dev/null < /dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", command]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        defer { unlink(output) }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// The text of `target`'s pane.
    func screen(_ target: String) -> String { run(["capture-pane", "-p", "-t", target]) }

    /// The pane's text once `condition` holds, or as it is after `seconds`.
    func waitFor(_ target: String, seconds: Double = 10, _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var text = screen(target)
        while !condition(text) && Date() < deadline {
            usleep(50_000)
            text = screen(target)
        }
        return text
    }

    /// Ends the server and removes its socket file, which tmux leaves behind.
    func stop() {
        run(["kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }
}
