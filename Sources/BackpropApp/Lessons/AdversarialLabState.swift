import BackpropLessons
import BackpropWidgets

/// A GAN lab while it is open, as `LabState` is for a single network: the run it describes,
/// its knobs with only the lab's own unlocked, its views, the hints shown and its goal.
struct AdversarialLabState {
    let lab: Lab
    /// The page that defines the lab; progress knows its goal by this page.
    let page: Int
    private(set) var configuration: GANConfiguration
    private(set) var knobs: [Knob]
    /// An index into `knobs`, always an unlocked knob (nil when none is).
    private(set) var focusedKnob: Int?
    let views: [AdversarialLabView]
    /// The view shown first when not all fit.
    private(set) var selectedView = 0
    private(set) var hintsShown = 0
    var goalMet: Bool

    init(lab: Lab, page: Int, goalMetBefore: Bool) throws(SettingError) {
        configuration = try GANConfiguration.forLab(lab)
        self.lab = lab
        self.page = page
        let unlocked = Set(lab.knobs)
        let all = AdversarialLabKnobs.knobs(for: configuration).map { knob in
            var knob = knob
            knob.isLocked = !unlocked.contains(knob.id)
            return knob
        }
        // The knobs the learner may turn come first; the locked ones follow, for reference.
        knobs = all.filter { !$0.isLocked } + all.filter(\.isLocked)
        focusedKnob = knobs.firstIndex { !$0.isLocked }
        views = lab.views.compactMap(AdversarialLabView.init)
        goalMet = goalMetBefore
    }

    /// Whether `lab` trains a GAN: its preset is one.
    static func isAdversarial(_ lab: Lab) -> Bool { GANPreset.named(lab.preset) != nil }

    var hasUnlockedKnobs: Bool { focusedKnob != nil }

    mutating func focusKnob(by offset: Int) {
        let unlocked = knobs.indices.filter { !knobs[$0].isLocked }
        guard let focusedKnob, let position = unlocked.firstIndex(of: focusedKnob) else { return }
        self.focusedKnob = unlocked[(position + offset + unlocked.count) % unlocked.count]
    }

    /// Steps the focused knob: the configuration it gives, or why it cannot be (the knob
    /// then keeps its value).
    mutating func changeFocusedKnob(upward: Bool) -> Result<GANConfiguration, SettingError> {
        guard let focusedKnob else { return .failure(SettingError("every knob of this lab is locked")) }
        let turned = upward ? knobs[focusedKnob].increased() : knobs[focusedKnob].decreased()
        var changed = configuration
        do { try changed.apply(AdversarialLabKnobs.assignment(of: turned)) } catch { return .failure(error) }
        knobs[focusedKnob] = turned
        configuration = changed
        return .success(changed)
    }

    mutating func selectView(by offset: Int) {
        guard !views.isEmpty else { return }
        selectedView = (selectedView + offset + views.count) % views.count
    }

    /// Reveals the next hint; false when all are shown.
    mutating func revealHint() -> Bool {
        guard hintsShown < lab.hints.count else { return false }
        hintsShown += 1
        return true
    }
}
