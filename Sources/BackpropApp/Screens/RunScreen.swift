import BackpropLessons
import BackpropTerminal
import BackpropWidgets

/// What a key on a screen with a live run asks of the app beyond the screen's own state.
enum ScreenOutcome: Equatable {
    case none
    case send(SessionCommand)
    case close
    /// Stop the current run and start one from this configuration (nil: no run, as on a
    /// lesson page before its first lab). With `parking`, the current run is paused and kept
    /// under that key instead; with `resuming`, the run kept under that key comes back, when
    /// the app still holds it, in place of a new one.
    case startRun(RunConfiguration?, parking: Int?, resuming: Int?)
    /// A command for the GAN lab's run (`AdversarialSession`).
    case sendAdversarial(AdversarialSessionCommand)
    /// Stop the current run (or park it under `parking`, as `startRun` does) and start a
    /// GAN lab's run from this configuration.
    case startAdversarialRun(GANConfiguration, parking: Int?)
}

/// A screen beside a training session (the Playground, a lesson): pure state that keys
/// change and snapshots are drawn from. The app's loop drives any of them the same way.
protocol RunScreen {
    /// The screen's name in the frame log.
    var frameName: String { get }
    /// The costly views the trainer should compute for a terminal this size.
    func visibleViews(width: Int, height: Int) -> SessionViews
    /// Every view the screen can show: the trainer records their series in the background.
    var offeredViews: SessionViews { get }
    /// The pace a new run starts at.
    var defaultPace: Pace { get }
    /// Draws the screen; `snapshot` is nil when no run is open.
    func render(_ snapshot: SessionSnapshot?, into buffer: inout CellBuffer, theme: Theme)
    mutating func handle(_ key: Key) -> ScreenOutcome
    /// Called once per new snapshot, before it is drawn.
    mutating func observe(_ snapshot: SessionSnapshot)
    /// Called with the terminal's size before keys are handled.
    mutating func fit(width: Int, height: Int)
    /// The learner's lesson progress when this screen changes it; nil for none.
    var progress: LessonProgress? { get }
    /// Shows a message from the app (a progress file that could not be written).
    mutating func show(notice: String)
    /// The GAN run the screen opens with, if any (a lesson page whose lab is a GAN).
    var adversarialConfiguration: GANConfiguration? { get }
    /// Called once per new snapshot of the screen's GAN run, before it is drawn.
    mutating func observe(adversarial snapshot: AdversarialSnapshot)
}

extension RunScreen {
    mutating func observe(_ snapshot: SessionSnapshot) {}
    mutating func fit(width: Int, height: Int) {}
    var progress: LessonProgress? { nil }
    mutating func show(notice: String) {}
    var adversarialConfiguration: GANConfiguration? { nil }
    mutating func observe(adversarial snapshot: AdversarialSnapshot) {}
}
