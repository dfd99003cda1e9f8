import BackpropLessons
import BackpropWidgets

/// A lesson's lab while it is open: the run it describes, the Playground's knobs with only
/// the lab's own unlocked, the views it lists, the hints shown so far and its goal.
struct LabState {
    let lab: Lab
    /// The page that defines the lab; progress knows its goal by this page.
    let page: Int
    private(set) var configuration: RunConfiguration
    private(set) var knobs: [Knob]
    /// An index into `knobs`, always an unlocked knob (nil when none is).
    private(set) var focusedKnob: Int?
    let views: [LabView]
    /// The view shown first when not all fit.
    private(set) var selectedView = 0
    private(set) var hintsShown = 0
    /// Each view's own control value (see `LabView.controlRange`), from its lower bound.
    private(set) var viewControls: [LabView: Int] = [:]
    /// Met in this visit or an earlier one.
    var goalMet: Bool
    /// Knobs the lab names that this screen has no control for.
    let unavailableKnobs: [String]

    /// The lab's run: its preset with its settings applied, as `--set` would.
    init(lab: Lab, page: Int, goalMetBefore: Bool) throws(SettingError) {
        let configuration = try RunConfiguration.forLab(lab)
        self.lab = lab
        self.page = page
        self.configuration = configuration
        let unlocked = Set(lab.knobs.flatMap(Self.knobIDs))
        let all = LabKnobs.knobs(for: configuration).compactMap { knob -> Knob? in
            var knob = knob
            knob.isLocked = !unlocked.contains(knob.id)
            // A locked momentum knob is shown only where the optimizer uses it: elsewhere it is
            // a number that changes nothing, on every lab of the course.
            if knob.id == SettingKey.momentum.rawValue, knob.isLocked,
               ![.momentum, .nesterov, .rmsprop].contains(configuration.optimizer) { return nil }
            // The samples view has the temperature as its own control (← →): a locked knob
            // beside it would show a number the view has moved away from.
            if knob.id == SettingKey.temperature.rawValue, knob.isLocked, lab.views.contains(LabView.samples.rawValue) { return nil }
            return knob
        }
        // The knobs the learner may turn come first; the locked ones follow, for reference.
        knobs = all.filter { !$0.isLocked } + all.filter(\.isLocked)
        focusedKnob = knobs.firstIndex { !$0.isLocked }
        views = lab.views.compactMap(LabView.init)
        goalMet = goalMetBefore
        let shown = Set(knobs.map(\.id))
        unavailableKnobs = lab.knobs.filter { Self.knobIDs(forSetting: $0).allSatisfy { !shown.contains($0) } }
    }

    /// The screen knobs a `--set` key is changed with: L1 and L2 share the Playground's
    /// regularization pair.
    static func knobIDs(forSetting key: String) -> [String] {
        key == "l1" || key == "l2" ? ["regularization", "reg_rate"] : [key]
    }

    var sessionViews: SessionViews { views.reduce(into: SessionViews()) { $0.formUnion($1.sessionViews) } }

    var hasUnlockedKnobs: Bool { focusedKnob != nil }

    /// Moves the focus to the next (or previous) unlocked knob.
    mutating func focusKnob(by offset: Int) {
        let unlocked = knobs.indices.filter { !knobs[$0].isLocked }
        guard let focusedKnob, let position = unlocked.firstIndex(of: focusedKnob) else { return }
        self.focusedKnob = unlocked[(position + offset + unlocked.count) % unlocked.count]
    }

    /// Steps the focused knob; the configuration it gives, or why it cannot be.
    mutating func changeFocusedKnob(upward: Bool) -> Result<RunConfiguration, SettingError> {
        guard let focusedKnob else { return .failure(SettingError("every knob of this lab is locked")) }
        var changed = knobs
        changed[focusedKnob] = upward ? knobs[focusedKnob].increased() : knobs[focusedKnob].decreased()
        let result = PlaygroundKnobs.configuration(from: changed, base: configuration)
        if case .success(let newConfiguration) = result {
            knobs = LabKnobs.syncingDepth(PlaygroundKnobs.syncing(changed, with: newConfiguration), with: newConfiguration)
            configuration = newConfiguration
        }
        return result
    }

    mutating func selectView(by offset: Int) {
        guard !views.isEmpty else { return }
        // Another view brought up ends the one drawn in detail, which would otherwise stay
        // on screen without the focus.
        _ = closeDetail()
        selectedView = (selectedView + offset + views.count) % views.count
    }

    /// Which of the views on screen has the focus when the views do: 0 for the first shown
    /// (the selected one), 1 for the one after it, and so on.
    private(set) var focusedPosition = 0

    /// Gives the focus to the view at `position` among those on screen.
    mutating func focusShownView(at position: Int) {
        focusedPosition = views.isEmpty ? 0 : max(0, position) % views.count
    }

    /// The view that has the focus when the views do.
    var focusedView: LabView? { views.isEmpty ? nil : views[(selectedView + focusedPosition) % views.count] }

    /// The view drawn in detail, one feature map or filter as large as its pane (Enter on
    /// it), and which one: an index over every layer's channels in order.
    private(set) var detailedView: LabView?
    private(set) var detailIndex = 0
    /// The selection and focus before a view was drawn in detail, restored when it closes.
    private var arrangementBeforeDetail: (selected: Int, position: Int)?

    /// Esc: closes a view drawn in detail; false when none is.
    mutating func closeDetail() -> Bool {
        guard detailedView != nil else { return false }
        detailedView = nil
        detailIndex = 0
        if let before = arrangementBeforeDetail {
            (selectedView, focusedPosition) = (before.selected, before.position)
            arrangementBeforeDetail = nil
        }
        return true
    }

    /// Enter on the focused view: opens its detail, or closes it; false when it has none.
    /// Drawn in detail, the view is the only one on screen: it becomes the first shown and
    /// keeps the focus, wherever it sat among several.
    mutating func toggleDetail() -> Bool {
        guard let view = focusedView, ImageDetailView.views.contains(view) else { return false }
        if detailedView == view { return closeDetail() }
        arrangementBeforeDetail = (selectedView, focusedPosition)
        selectedView = views.firstIndex(of: view) ?? selectedView
        focusedPosition = 0
        detailedView = view
        detailIndex = 0
        return true
    }

    /// ← → while the focused view is in detail: the next or previous map or filter; false
    /// when the focused view is not in detail.
    mutating func moveDetail(by offset: Int) -> Bool {
        guard let view = focusedView, detailedView == view else { return false }
        detailIndex += offset
        return true
    }

    /// What ← → and Enter do on `view` now, for the footer.
    func controlHint(of view: LabView) -> String? {
        if detailedView == view { return "← → another map or filter · Enter: all of them" }
        guard ImageDetailView.views.contains(view) else { return view.controlHint }
        return (view.controlHint.map { $0 + " · " } ?? "") + "Enter: one drawn large"
    }

    /// The current value of `view`'s own control.
    func controlValue(of view: LabView) -> Int {
        viewControls[view] ?? view.initialControlValue
    }

    /// Moves the focused view's control by `offset` within its range; the view and its new
    /// value, or nil when the focused view has no control.
    mutating func moveViewControl(by offset: Int) -> (view: LabView, value: Int)? {
        guard let view = focusedView, let range = view.controlRange else { return nil }
        let value = min(max(controlValue(of: view) + offset, range.lowerBound), range.upperBound)
        viewControls[view] = value
        for linked in view.viewsSharingControl { viewControls[linked] = value }
        return (view, value)
    }

    /// Puts the forward-and-backward walk-through back at its first operation: each page of
    /// lesson 2 that shares the lab asks the learner to step through it from the start.
    mutating func rewindWalkThrough() {
        viewControls[.graph] = nil
    }

    /// How many of the lab's demo steps were made.
    private(set) var demoStepsMade = 0

    /// The demo step shown now: the last one made, if any.
    var currentDemoStep: DemoStep? { demoStepsMade > 0 ? lab.demo[demoStepsMade - 1] : nil }

    /// Makes the next demo step: its settings on top of the run as it is (the presenter's
    /// own knob changes included). The configuration to run, nil when the demo is over or
    /// the step only speaks, or why it cannot be made (the step is then skipped).
    mutating func makeNextDemoStep() -> Result<RunConfiguration?, SettingError> {
        guard demoStepsMade < lab.demo.count else { return .success(nil) }
        let step = lab.demo[demoStepsMade]
        demoStepsMade += 1
        guard !step.settings.isEmpty else { return .success(nil) }
        var changed = configuration
        do {
            for setting in step.settings { try changed.apply(setting.assignment) }
            try changed.validate()
        } catch {
            return .failure(error)
        }
        configuration = changed
        // The knobs the step turned show their new values, as if the presenter had turned them.
        knobs = PlaygroundKnobs.syncing(knobs, with: changed)
        showValues(of: changed, onKnobs: Set(step.settings.flatMap { Self.knobIDs(forSetting: $0.key) }).subtracting(["hidden"]))
        return .success(changed)
    }

    /// Puts the demo back before its first step: the lab's own settings and knobs again.
    /// The configuration to run.
    mutating func restartDemo() -> RunConfiguration {
        demoStepsMade = 0
        let original = (try? RunConfiguration.forLab(lab)) ?? configuration
        showValues(of: original, onKnobs: nil)
        configuration = original
        return original
    }

    /// Sets the knobs named (every knob when nil) to `configuration`'s values, each keeping
    /// whether it is locked.
    private mutating func showValues(of configuration: RunConfiguration, onKnobs ids: Set<String>?) {
        let fresh = LabKnobs.knobs(for: configuration)
        knobs = knobs.map { knob in
            guard ids?.contains(knob.id) ?? true, var replacement = fresh.first(where: { $0.id == knob.id }) else { return knob }
            replacement.isLocked = knob.isLocked
            return replacement
        }
    }

    /// Reveals the next hint; false when all are shown.
    mutating func revealHint() -> Bool {
        guard hintsShown < lab.hints.count else { return false }
        hintsShown += 1
        return true
    }
}
