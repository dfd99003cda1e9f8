import BackpropTerminal
import BackpropWidgets
import Foundation

/// The full-screen loop: the UI thread owns curses, reads keys, posts commands to the
/// training session and redraws only when a new snapshot or a key changed something.
enum TerminalApp {
    static let minimumWidth = 80
    static let minimumHeight = 24

    /// Runs the Playground until the learner quits; returns the process exit status.
    static func runPlayground(configuration: RunConfiguration, seed: UInt64, themeName: String?) -> Int32 {
        if let themeName, Theme.named(themeName) == nil {
            printToStandardError("backprop: unknown theme '\(themeName)'; themes: \(Theme.all.map(\.name).joined(separator: ", "))")
            return 2
        }
        guard TerminalEnvironment.canRunFullScreen else {
            printToStandardError("backprop: the interactive screen needs a terminal (stdin and stdout a tty, TERM not 'dumb').\n"
                + "To train without it: backprop train PRESET (see backprop presets).")
            return 1
        }
        let session = TrainingSession(configuration: configuration, seed: seed)
        let screen = CursesScreen()
        let theme = themeName.flatMap(Theme.named) ?? Theme.standard(for: screen.colorDepth)
        var playground = PlaygroundScreen(configuration: configuration)
        var drawnVersion = -1
        var needsDraw = true
        defer {
            session.stop()
            screen.restore()
        }
        while true {
            if let signal = screen.terminationSignal {
                session.stop()
                screen.restore()
                return CursesScreen.exitStatus(forSignal: signal)
            }
            let (snapshot, version) = session.latest()
            if needsDraw || version != drawnVersion {
                var frame = CellBuffer(width: screen.width, height: screen.height, filledWith: theme.blankCell)
                if screen.width < minimumWidth || screen.height < minimumHeight {
                    TerminalTooSmallView(minimumWidth: minimumWidth, minimumHeight: minimumHeight).render(in: frame.bounds, buffer: &frame, theme: theme)
                } else {
                    playground.render(snapshot, into: &frame, theme: theme)
                }
                screen.draw(frame)
                drawnVersion = version
                needsDraw = false
            }
            // Running: wake with the snapshot rate. Paused: sleep in getch until a key,
            // waking a few times a second only to notice signals (no redraw, ~0% CPU).
            let timeout: Int32 = snapshot.state == .running ? 30 : 250
            guard let key = screen.readKey(timeoutMilliseconds: timeout) else { continue }
            needsDraw = true
            if key == .resize {
                screen.forceFullRedraw()
                continue
            }
            switch playground.handle(key) {
            case .none: break
            case .send(let command): session.send(command)
            case .close: return 0
            }
        }
    }
}
