import BackpropEngine
import BackpropTerminal
import BackpropWidgets
import Foundation

/// The full-screen loop: the UI thread owns curses, reads keys, posts commands to the
/// training session and redraws only when a new snapshot or a key changed something.
enum TerminalApp {
    static let minimumWidth = 80
    static let minimumHeight = 24

    /// Where the app opens: Home (`backprop`) or straight in the Playground (`backprop playground`).
    enum Start {
        case home, playground
    }

    /// The Playground while it is open: its screen and the session training its model.
    private struct OpenPlayground {
        var screen: PlaygroundScreen
        let session: TrainingSession
        var drawnVersion = -1
        var shownViews: SessionViews?
    }

    /// Runs until the learner quits; returns the process exit status.
    static func run(start: Start, configuration: RunConfiguration, seed: UInt64, themeName: String?) -> Int32 {
        if let themeName, Theme.named(themeName) == nil {
            printToStandardError("backprop: unknown theme '\(themeName)'; themes: \(Theme.all.map(\.name).joined(separator: ", "))")
            return 2
        }
        guard TerminalEnvironment.canRunFullScreen else {
            printToStandardError("backprop: the interactive screen needs a terminal (stdin and stdout a tty, TERM not 'dumb').\n"
                + "To train without it: backprop train PRESET (see backprop presets).")
            return 1
        }
        let screen = CursesScreen()
        let frameLog = FrameLog(path: ProcessInfo.processInfo.environment["BACKPROP_FRAME_LOG"])
        let theme = themeName.flatMap(Theme.named) ?? Theme.standard(for: screen.colorDepth)
        var home = HomeScreen()
        var playground: OpenPlayground?
        func openPlayground() {
            playground = OpenPlayground(
                screen: PlaygroundScreen(configuration: configuration, closeAction: start == .home ? "back" : "quit"),
                session: TrainingSession(configuration: configuration, seed: seed))
        }
        if start == .playground { openPlayground() }
        var needsDraw = true
        // After a command, the snapshot version it was sent at and until when to poll
        // fast for its answer: paused, getch otherwise sleeps 250 ms before the UI
        // would notice the trainer's new snapshot (a step, a reset).
        var awaited: (version: Int, until: Double)?
        defer {
            playground?.session.stop()
            screen.restore()
        }
        while true {
            if let signal = screen.terminationSignal {
                playground?.session.stop()
                playground = nil
                screen.restore()
                return CursesScreen.exitStatus(forSignal: signal)
            }
            let fits = screen.width >= minimumWidth && screen.height >= minimumHeight
            var isRunning = false
            if var open = playground {
                // Ask the trainer only for the views this screen size shows.
                let views = open.screen.visibleViews(width: screen.width, height: screen.height)
                if views != open.shownViews {
                    open.session.send(.show(views))
                    open.shownViews = views
                }
                let (snapshot, version) = open.session.latest()
                isRunning = snapshot.state == .running
                if let waiting = awaited, waiting.version != version || monotonicSeconds() > waiting.until { awaited = nil }
                if needsDraw || version != open.drawnVersion {
                    let started = frameLog.now()
                    var frame = screen.blankFrame(filledWith: theme.blankCell)
                    if fits {
                        open.screen.render(snapshot, into: &frame, theme: theme)
                    } else {
                        TerminalTooSmallView(minimumWidth: minimumWidth, minimumHeight: minimumHeight).render(in: frame.bounds, buffer: &frame, theme: theme)
                    }
                    let rendered = frameLog.now()
                    let changedCells = screen.draw(frame)
                    frameLog.record(screen: "playground", width: frame.width, height: frame.height, started: started, rendered: rendered, changedCells: changedCells)
                    open.drawnVersion = version
                    needsDraw = false
                }
                playground = open
            } else if needsDraw {
                let started = frameLog.now()
                var frame = screen.blankFrame(filledWith: theme.blankCell)
                if fits {
                    home.render(into: &frame, theme: theme)
                } else {
                    TerminalTooSmallView(minimumWidth: minimumWidth, minimumHeight: minimumHeight).render(in: frame.bounds, buffer: &frame, theme: theme)
                }
                let rendered = frameLog.now()
                let changedCells = screen.draw(frame)
                frameLog.record(screen: "home", width: frame.width, height: frame.height, started: started, rendered: rendered, changedCells: changedCells)
                needsDraw = false
            }
            // Running: wake with the snapshot rate. Otherwise sleep in getch until a key,
            // waking a few times a second only to notice signals (no redraw, ~0% CPU).
            guard let key = screen.readKey(timeoutMilliseconds: isRunning ? 30 : awaited != nil ? 3 : 250) else { continue }
            needsDraw = true
            if key == .resize { continue }
            if key == .control("l") {
                screen.forceFullRedraw()
                continue
            }
            if var open = playground {
                let outcome = open.screen.handle(key)
                playground = open
                switch outcome {
                case .none: break
                case .send(let command):
                    awaited = (open.session.latest().version, monotonicSeconds() + 1)
                    open.session.send(command)
                case .close:
                    open.session.stop()
                    playground = nil
                    if start == .playground { return 0 }
                }
            } else {
                switch home.handle(key) {
                case .none: break
                case .open(.playground):
                    openPlayground()
                    awaited = (0, monotonicSeconds() + 1)
                case .open(.lesson(let id)): home.notice = "lessons open with: backprop lesson \(id)"
                case .quit: return 0
                }
            }
        }
    }
}
