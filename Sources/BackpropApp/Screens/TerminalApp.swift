import BackpropEngine
import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Foundation

/// The full-screen loop: the UI thread owns curses, reads keys, posts commands to the
/// training session and redraws only when a new snapshot or a key changed something.
enum TerminalApp {
    static let minimumWidth = 80
    static let minimumHeight = 24

    /// Where the app opens: Home (`backprop`), the Playground (`backprop playground`) or a
    /// lesson (`backprop lesson ID`, already checked to exist and be sound).
    enum Start: Equatable {
        case home, playground
        /// A lesson, at `page` (from 0) or where the learner left off.
        case lesson(id: String, page: Int?)
    }

    /// A screen with a live run while it is open: the screen and the session training its
    /// model (none on a lesson page before its first lab).
    private struct OpenRun {
        var screen: any RunScreen
        var session: TrainingSession?
        var drawnVersion = -1
        var shownViews: SessionViews?
        var recordedViews: SessionViews?
        var observedVersion = -1
        /// The GAN lab's run, when the screen's lab trains one (then `session` is nil).
        var adversarial: AdversarialSession?
        var adversarialDrawnVersion = -1
        var adversarialObservedVersion = -1

        init(screen: any RunScreen, configuration: RunConfiguration?, seed: UInt64) {
            self.screen = screen
            session = configuration.map { TrainingSession(configuration: $0, seed: seed, pace: screen.defaultPace) }
            adversarial = screen.adversarialConfiguration.map { AdversarialSession(configuration: $0, seed: seed, pace: screen.defaultPace) }
        }

        /// Runs a lesson left, paused, by the page of their lab, with their estimated memory;
        /// the most recent last.
        var parked: [(page: Int, session: TrainingSession, bytes: Int)] = []
        /// Runs kept paused at most, and the memory they may hold together: each keeps its
        /// model and data (the CNN lab's Fashion-MNIST alone is about 200 MB), so the oldest
        /// is let go first.
        static let parkedLimit = 4
        static let parkedByteBudget = 512 << 20

        /// The memory a run holds beyond the process itself (its data, model and buffers);
        /// the budget when it cannot be estimated, so that such a run is kept alone.
        static func residentBytes(of session: TrainingSession) -> Int {
            guard let parts = try? BatchSplitting.partsAvailable(),
                  let estimate = try? session.latest().snapshot.configuration.estimateMemory(splitsBatches: true, partsAvailable: parts)
            else { return parkedByteBudget }
            return estimate.totalBytes - estimate.processBytes
        }

        /// Stops the current run, or parks it paused under `parking`, and starts
        /// `configuration`'s at the screen's pace, or resumes the run parked under `resuming`.
        /// The wait for a stopped run is short: keys are read again only after it, and a `q`
        /// pressed meanwhile must still end the process within two seconds.
        mutating func restart(_ configuration: RunConfiguration?, parking: Int? = nil, resuming: Int? = nil, seed: UInt64) {
            parkOrStop(parking: parking)
            if let resuming, let index = parked.firstIndex(where: { $0.page == resuming }) {
                session = parked.remove(at: index).session
            } else {
                session = configuration.map { TrainingSession(configuration: $0, seed: seed, pace: screen.defaultPace) }
            }
            drawnVersion = -1
            observedVersion = -1
            shownViews = nil
            recordedViews = nil
        }

        /// Stops the current run, or parks it under `parking`, and starts a GAN lab's run.
        mutating func startAdversarial(_ configuration: GANConfiguration, parking: Int?, seed: UInt64) {
            parkOrStop(parking: parking)
            session = nil
            adversarial = AdversarialSession(configuration: configuration, seed: seed, pace: screen.defaultPace)
        }

        /// Parks the current run paused under `parking` (letting the oldest parked runs go
        /// past the limits), or stops it; a GAN run is always stopped.
        private mutating func parkOrStop(parking: Int?) {
            adversarial?.stop(timeout: 1)
            adversarial = nil
            adversarialDrawnVersion = -1
            adversarialObservedVersion = -1
            if let session, let parking {
                session.send(.pause)
                parked.removeAll { $0.page == parking }
                parked.append((parking, session, Self.residentBytes(of: session)))
                while parked.count > Self.parkedLimit || (parked.count > 1 && parked.map(\.bytes).reduce(0, +) > Self.parkedByteBudget) {
                    parked.removeFirst().session.stop(timeout: 1)
                }
            } else {
                session?.stop(timeout: 1)
            }
        }

        /// Stops the run on leaving its screen. A run still loading its data is not waited for:
        /// it has nothing to finish cleanly, and a large dataset could hold the exit up for
        /// seconds (the process then leaves with `_exit`, see `exitAtOnceIfATrainerIsStillBusy`).
        func stopOnLeaving() {
            for run in parked.map(\.session) + (session.map { [$0] } ?? []) {
                run.stop(timeout: run.latest().snapshot.state == .preparing ? 0 : 1)
            }
            adversarial?.stop(timeout: 1)
        }
    }

    /// Ends the process now, skipping exit handlers, when a trainer thread did not stop in
    /// time (see `TrainingSession.unfinishedThreads`); the terminal is already restored.
    static func exitAtOnceIfATrainerIsStillBusy(status: Int32) {
        guard TrainingSession.unfinishedThreads.load(ordering: .sequentiallyConsistent) > 0 else { return }
        fflush(nil)
        _exit(status)
    }

    /// Runs until the learner quits; returns the process exit status.
    /// With `presenting`, every lesson opens in presenting mode (`P` leaves it).
    static func run(start: Start, configuration: RunConfiguration, seed: UInt64, themeName: String?, shelf initialShelf: LessonShelf,
                    presenting: Bool = false) -> Int32 {
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
        var shelf = initialShelf
        var home = HomeScreen(entries: [.playground] + shelf.homeEntries)
        var open: OpenRun?
        let closeAction = start == .home ? "back" : "quit"
        func openPlayground() {
            open = OpenRun(screen: PlaygroundScreen(configuration: configuration, closeAction: closeAction), configuration: configuration, seed: seed)
        }
        /// Opens a sound lesson where the learner left off; a broken one's problem goes to Home's status line.
        func openLesson(_ id: String, page: Int? = nil) {
            guard let report = shelf.report(id: id) else { return }
            guard let lesson = report.lesson else {
                home.notice = "This lesson cannot open until it is fixed; backprop lint \(report.file) lists every problem."
                return
            }
            let lessonScreen = LessonScreen(lesson: lesson, page: page ?? shelf.resumePage(of: lesson), progress: shelf.progress,
                                            closeAction: closeAction, notice: shelf.takeWarning() ?? "", presenting: presenting)
            open = OpenRun(screen: lessonScreen, configuration: lessonScreen.runConfiguration, seed: seed)
            shelf.save(lessonScreen.lessonProgress)
        }
        switch start {
        case .home: home.notice = shelf.takeWarning() ?? ""
        case .playground: openPlayground()
        case .lesson(let id, let page): openLesson(id, page: page)
        }
        var needsDraw = true
        // When the key the next frame answers was read (for the frame log's key-to-screen time).
        var keyReadAt: Double?
        // After a command, the snapshot version it was sent at and until when to poll
        // fast for its answer: paused, getch otherwise sleeps 250 ms before the UI
        // would notice the trainer's new snapshot (a step, a reset).
        var awaited: (version: Int, until: Double)?
        // Leaving, the trainer gets a short bounded wait: a thread still busy after it does not
        // hold the exit up (see `exitAtOnceIfATrainerIsStillBusy`).
        defer {
            open?.stopOnLeaving()
            screen.restore()
        }
        while true {
            if let signal = screen.terminationSignal {
                open?.stopOnLeaving()
                open = nil
                screen.restore()
                return CursesScreen.exitStatus(forSignal: signal)
            }
            let fits = screen.width >= minimumWidth && screen.height >= minimumHeight
            var isRunning = false
            if var run = open {
                run.screen.fit(width: screen.width, height: screen.height)
                var latest: (snapshot: SessionSnapshot, version: Int)?
                if let session = run.session {
                    // Every view the screen offers records in the background; the costly
                    // copies are made only for the views this screen size shows.
                    let offered = run.screen.offeredViews
                    if offered != run.recordedViews {
                        session.send(.record(offered))
                        run.recordedViews = offered
                    }
                    let views = run.screen.visibleViews(width: screen.width, height: screen.height)
                    if views != run.shownViews {
                        session.send(.show(views))
                        run.shownViews = views
                    }
                    let (snapshot, version) = session.latest()
                    latest = (snapshot, version)
                    isRunning = snapshot.state == .running
                    if version != run.observedVersion {
                        run.screen.observe(snapshot)
                        run.observedVersion = version
                        if let progress = run.screen.progress {
                            shelf.save(progress)
                            if let warning = shelf.takeWarning() { run.screen.show(notice: warning) }
                        }
                    }
                    if let waiting = awaited, waiting.version != version || monotonicSeconds() > waiting.until { awaited = nil }
                }
                var adversarialVersion = -1
                if let adversarial = run.adversarial {
                    let (snapshot, version) = adversarial.latest()
                    adversarialVersion = version
                    isRunning = snapshot.state == .running
                    if version != run.adversarialObservedVersion {
                        run.screen.observe(adversarial: snapshot)
                        run.adversarialObservedVersion = version
                        if let progress = run.screen.progress {
                            shelf.save(progress)
                            if let warning = shelf.takeWarning() { run.screen.show(notice: warning) }
                        }
                    }
                    if let waiting = awaited, waiting.version != version || monotonicSeconds() > waiting.until { awaited = nil }
                }
                if needsDraw || (latest.map { $0.version != run.drawnVersion } ?? false) || adversarialVersion != run.adversarialDrawnVersion {
                    let started = frameLog.now()
                    var frame = screen.blankFrame(filledWith: theme.blankCell)
                    if fits {
                        run.screen.render(latest?.snapshot, into: &frame, theme: theme)
                    } else {
                        TerminalTooSmallView(minimumWidth: minimumWidth, minimumHeight: minimumHeight).render(in: frame.bounds, buffer: &frame, theme: theme)
                    }
                    let rendered = frameLog.now()
                    let changedCells = screen.draw(frame)
                    frameLog.record(screen: run.screen.frameName, width: frame.width, height: frame.height, started: started, rendered: rendered,
                                    changedCells: changedCells, keyReadAt: keyReadAt)
                    keyReadAt = nil
                    run.drawnVersion = latest?.version ?? -1
                    run.adversarialDrawnVersion = adversarialVersion
                    needsDraw = false
                }
                open = run
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
                frameLog.record(screen: "home", width: frame.width, height: frame.height, started: started, rendered: rendered,
                                changedCells: changedCells, keyReadAt: keyReadAt)
                keyReadAt = nil
                needsDraw = false
            }
            // Running: wake with the snapshot rate. Otherwise sleep in getch until a key,
            // waking a few times a second only to notice signals (no redraw, ~0% CPU).
            guard let key = screen.readKey(timeoutMilliseconds: isRunning ? 30 : awaited != nil ? 3 : 250) else { continue }
            keyReadAt = frameLog.now()
            needsDraw = true
            if key == .resize { continue }
            if key == .control("l") {
                screen.forceFullRedraw()
                continue
            }
            // Behind "terminal too small" the screen is not shown: only quitting acts, so a
            // stray Enter or Space does not open or start what the learner cannot see.
            if !fits && key != .character("q") && key != .escape { continue }
            if var run = open {
                let outcome = run.screen.handle(key)
                if let progress = run.screen.progress {
                    shelf.save(progress)
                    // Shown where the learner is: a lesson opened with `backprop lesson` has no Home to show it on.
                    if let warning = shelf.takeWarning() { run.screen.show(notice: warning) }
                }
                open = run
                switch outcome {
                case .none: break
                case .send(let command):
                    guard let session = run.session else { break }
                    awaited = (session.latest().version, monotonicSeconds() + 1)
                    session.send(command)
                case .startRun(let configuration, let parking, let resuming):
                    open?.restart(configuration, parking: parking, resuming: resuming, seed: seed)
                    awaited = (0, monotonicSeconds() + 1)
                case .sendAdversarial(let command):
                    guard let adversarial = run.adversarial else { break }
                    awaited = (adversarial.latest().version, monotonicSeconds() + 1)
                    adversarial.send(command)
                case .startAdversarialRun(let configuration, let parking):
                    open?.startAdversarial(configuration, parking: parking, seed: seed)
                    awaited = (0, monotonicSeconds() + 1)
                case .close:
                    run.stopOnLeaving()
                    open = nil
                    if start != .home { return 0 }
                    home.entries = [.playground] + shelf.homeEntries
                    home.notice = shelf.takeWarning() ?? ""
                }
            } else {
                switch home.handle(key) {
                case .none: break
                case .open(.playground):
                    openPlayground()
                    awaited = (0, monotonicSeconds() + 1)
                case .open(.lesson(let id)):
                    openLesson(id)
                    awaited = (0, monotonicSeconds() + 1)
                case .quit: return 0
                }
            }
        }
    }
}
