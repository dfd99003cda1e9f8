import BackpropLessons
import BackpropTerminal
import BackpropWidgets

/// A lesson: the page's text beside its live lab (stacked on a narrow terminal, one pane
/// at a time on a small one), the lab's goal and hints below. Pure state: keys change it
/// and yield session commands; snapshots are checked against the goal; progress is noted.
struct LessonScreen: RunScreen {
    /// Where keys go: the text (scrolling), the lab's knobs or its views.
    enum Focus: CaseIterable, Sendable {
        case text, knobs, views
    }

    /// How the panes share the terminal.
    enum Arrangement: Equatable {
        /// Text on the left, lab on the right (120 columns or more).
        case sideBySide
        /// Text above, lab below (under 120 columns but 40 rows or more).
        case stacked
        /// One pane at a time, the one with the focus: Tab flips (80x24).
        case flipped
    }

    let frameName = "lesson"
    let lesson: Lesson
    private(set) var page: Int
    private(set) var focus = Focus.text
    /// The first text line shown.
    private(set) var textScroll = 0
    private(set) var lab: LabState?
    /// The page's lab when it trains a GAN (then `lab` is nil); see `LessonScreen+Adversarial`.
    var adversarialLab: AdversarialLabState?
    /// The latest snapshot of the GAN lab's run.
    var adversarialSnapshot: AdversarialSnapshot?
    /// GAN labs left on a page turn, by their page, with the knobs as the learner left them.
    private var leftAdversarialLabs: [Int: AdversarialLabState] = [:]
    private(set) var lessonProgress: LessonProgress
    private(set) var showsHelp = false
    /// The PyTorch script `e` wrote, shown over the screen until closed, and its first row.
    private(set) var shownScript: ExportedScript?
    private(set) var scriptRow = 0
    /// The last script shown: a snapshot carries it on, and it must not open again once closed.
    private var lastScript: ExportedScript?
    /// The highlighted row while the list of pages is open (`o`), else nil.
    private(set) var pageListSelection: Int?
    private(set) var dataPoints = RunViews.DataPoints.all
    /// Runs kept for comparison (`c`): they stay across page turns, shown where they compare.
    private(set) var references = ReferenceShelf()
    /// Labs left on a page turn, by the page that holds them, as the learner left them.
    private var leftLabs: [Int: LabState] = [:]
    /// The latest snapshot of the current lab's run, which `c` keeps.
    private var latestSnapshot: SessionSnapshot?
    /// The timeline of the lab run's checkpoints (`R`).
    private(set) var rewind = RewindControl()
    var notice: String
    /// What `q` does: "back" to Home, or "quit" when the lesson was opened directly.
    let closeAction: String
    /// Presenting (`--present`, or `P`): one view fills the screen under the page's current
    /// paragraph and the lab's key number in block digits (see `LessonScreen+Presenting`).
    struct Presentation: Equatable {
        var isOn = false
        /// The first line of the page's wrapped text shown (the current paragraph's).
        var firstLine = 0
    }
    private(set) var presentation = Presentation()
    private var width = TerminalApp.minimumWidth
    private var height = TerminalApp.minimumHeight

    static let knobColumnWidth = 28
    /// Views narrower or lower than this are not drawn side by side or stacked.
    static let minimumViewWidth = 36
    static let minimumViewHeight = 14

    /// Opens `lesson` at `page` (clamped), noting it as seen. `notice` is shown once.
    init(lesson: Lesson, page: Int, progress: LessonProgress, closeAction: String = "back", notice: String = "", presenting: Bool = false) {
        self.lesson = lesson
        presentation.isOn = presenting
        self.page = min(max(page, 0), max(lesson.pages.count - 1, 0))
        self.lessonProgress = progress
        self.closeAction = closeAction
        self.notice = notice
        lessonProgress.markSeen(lesson: lesson.id, page: self.page)
        lab = makeLab(forPage: self.page)
        adversarialLab = makeAdversarialLab(forPage: self.page)
    }

    var progress: LessonProgress? { lessonProgress }

    /// The run the current page's lab trains, if any.
    var runConfiguration: RunConfiguration? { lab?.configuration }

    /// Notes the size (called every loop) and keeps the view focus on a view still shown; a
    /// scroll past the end after a resize is clamped where it is drawn and on the next scroll key.
    mutating func fit(width: Int, height: Int) {
        self.width = width
        self.height = height
        // A smaller terminal shows fewer views: the focus stays on one that is shown.
        let shown = shownViewCount
        if let position = lab?.focusedPosition, shown > 0, position >= shown { lab?.focusShownView(at: shown - 1) }
    }

    // MARK: Keys

    mutating func handle(_ key: Key) -> ScreenOutcome {
        if showsHelp {
            showsHelp = false
            return .none
        }
        notice = ""
        if shownScript != nil { return handleScript(key) }
        if let selection = pageListSelection { return handlePageList(key, selection: selection) }
        if let outcome = handleAdversarial(key) { return outcome }
        if let result = rewind.handle(key, snapshot: latestSnapshot) { return apply(result) }
        if presentation.isOn, let outcome = handlePresenting(key) { return outcome }
        switch key {
        case .character("P"):
            presentation = Presentation(isOn: true)
            _ = lab?.closeDetail()
        case .character("o"): pageListSelection = page
        // Esc goes back one level: out of a view drawn large before out of the lesson.
        case .escape where lab?.closeDetail() == true: return .none
        case .character("q"), .escape: return .close
        case .character("n"): return turnPage(by: 1)
        case .character("p"): return turnPage(by: -1)
        case .tab: moveFocus(by: 1)
        case .backTab: moveFocus(by: -1)
        case .pageDown, .character("d"): scrollText(by: max(1, textArea.height - 1))
        case .pageUp, .character("u"): scrollText(by: -max(1, textArea.height - 1))
        case .character("?"), .function(1): showsHelp = true
        case .character("t"): revealHint()
        case .character("v"):
            // On a small terminal the text hides the lab: `v` brings the lab's views up too,
            // as the lessons tell it to, rather than changing a view out of sight.
            if focus == .text, Self.arrangement(width: width, height: height) == .flipped, availableFocuses.contains(.views) {
                focus = .views
                lab?.focusShownView(at: 0)
            }
            lab?.selectView(by: 1)
        case .character("m"): dataPoints = dataPoints.next
        case .up, .character("k"): return move(by: -1)
        case .down, .character("j"): return move(by: 1)
        case .right, .character("l"), .character("+"), .character("="): return adjust(upward: true)
        case .left, .character("h"), .character("-"): return adjust(upward: false)
        case .character(" "): return showsTheRun ? runCommand(.togglePlay) : spaceWithoutARun()
        case .character("s"): return runCommand(.step)
        case .character("f"): return runCommand(.cyclePace)
        case .character("r"): return runCommand(.reset)
        case .character("g"): return runCommand(.regenerate)
        case .character("w"): return runCommand(.save(folder: ModelSaving.folder()))
        case .character("e"): return runCommand(.exportPyTorch(folder: ModelSaving.folder()))
        case .character("c"): keepReference()
        case .character("C"): notice = references.clear()
        case .character("b"): showReferenceBeside()
        case .character("R") where showsTheRun: return apply(rewind.toggle(latestSnapshot))
        case .enter: return viewAction()
        default: break
        }
        return .none
    }

    /// Keys that mean something else while presenting: views cycle with ← → v and Tab, the
    /// text steps by paragraph, Enter (or `.`) makes the next demo step, `P` leaves. Nil
    /// for every other key, which does what it does in the lesson.
    private mutating func handlePresenting(_ key: Key) -> ScreenOutcome? {
        switch key {
        case .character("P"), .escape:
            presentation.isOn = false
        case .character("v"), .tab: lab?.selectView(by: 1)
        case .backTab: lab?.selectView(by: -1)
        case .right, .character("l"): return presentedViewControl(by: 1)
        case .left, .character("h"): return presentedViewControl(by: -1)
        case .down, .character("j"), .pageDown, .character("d"): stepPresentedText(forward: true)
        case .up, .character("k"), .pageUp, .character("u"): stepPresentedText(forward: false)
        case .enter, .character("."): return makeDemoStep()
        default: return nil
        }
        return ScreenOutcome.none
    }

    /// ← → on the presented view: its own control (a kernel, a sample, a temperature) or
    /// its detail's next map when it has one, else the next view.
    private mutating func presentedViewControl(by offset: Int) -> ScreenOutcome {
        guard var changing = lab else { return .none }
        changing.focusShownView(at: 0)
        defer { lab = changing }
        if changing.moveDetail(by: offset) { return .none }
        if let (view, value) = changing.moveViewControl(by: offset) { return .send(.viewControl(view: view.rawValue, value: value)) }
        changing.selectView(by: offset)
        return .none
    }

    private mutating func stepPresentedText(forward: Bool) {
        let layout = presentingLayout(in: Rect(x: 0, y: 0, width: width, height: height))
        let lines = presentedTextLines(width: max(1, layout.text.width - 2))
        if let next = PresentedText.step(lines, from: presentation.firstLine, rows: max(1, layout.text.height - 1), forward: forward) {
            presentation.firstLine = next
        } else {
            notice = forward ? "last paragraph: n for the next page" : "first paragraph"
        }
    }

    /// The lab's next demo step: its knobs changed and its caption shown; the run goes on.
    private mutating func makeDemoStep() -> ScreenOutcome {
        guard var changing = lab, !changing.lab.demo.isEmpty else {
            // Without a demo, Enter is the presented view's own action (a range test, a race).
            guard let view = presentedView, view.controlHint != nil else { return .none }
            return .send(.viewAction(view: view.rawValue))
        }
        guard changing.demoStepsMade < changing.lab.demo.count else {
            // Over: Enter plays it again from the lab's own settings.
            let restarted = changing.restartDemo()
            lab = changing
            notice = "the demo starts again: Enter for its first step"
            return .send(.configure(restarted))
        }
        let result = changing.makeNextDemoStep()
        lab = changing
        switch result {
        case .success(let configuration?): return .send(.configure(configuration))
        case .success(nil): return .none
        case .failure(let error):
            notice = "demo step skipped: " + error.description
            return .none
        }
    }

    /// Keys while the PyTorch script is shown: scroll it, or close it.
    private mutating func handleScript(_ key: Key) -> ScreenOutcome {
        guard let script = shownScript else { return .none }
        let bounds = Rect(x: 0, y: 0, width: width, height: height)
        let page = max(1, CodeOverlay.textArea(in: bounds).height - 1)
        let last = CodeOverlay.maximumFirstRow(text: script.text, in: bounds)
        switch key {
        case .up, .character("k"): scriptRow = max(0, scriptRow - 1)
        case .down, .character("j"): scriptRow = min(last, scriptRow + 1)
        case .pageUp, .character("u"): scriptRow = max(0, scriptRow - page)
        case .pageDown, .character("d"), .character(" "): scriptRow = min(last, scriptRow + page)
        case .home: scriptRow = 0
        case .end: scriptRow = last
        case .escape, .character("q"), .character("e"):
            shownScript = nil
            notice = "the script: \(script.path)"
        default: break
        }
        return .none
    }

    /// Keys while the list of pages is open: choose a page and go there, or close it.
    private mutating func handlePageList(_ key: Key, selection: Int) -> ScreenOutcome {
        switch key {
        case .up, .character("k"): pageListSelection = max(selection - 1, 0)
        case .down, .character("j"): pageListSelection = min(selection + 1, lesson.pages.count - 1)
        case .home: pageListSelection = 0
        case .end: pageListSelection = lesson.pages.count - 1
        case .enter:
            pageListSelection = nil
            return selection == page ? .none : goToPage(selection)
        case .escape, .character("o"), .character("q"): pageListSelection = nil
        default: break
        }
        return .none
    }

    private mutating func turnPage(by offset: Int) -> ScreenOutcome {
        let target = page + offset
        guard lesson.pages.indices.contains(target) else {
            notice = offset > 0 ? "last page: q " + (closeAction == "quit" ? "quits" : "goes \(closeAction)") : "first page"
            return .none
        }
        return goToPage(target)
    }

    /// Shows page `target` (a valid index), starting its lab's run when the lab changes.
    private mutating func goToPage(_ target: Int) -> ScreenOutcome {
        page = target
        textScroll = 0
        presentation.firstLine = 0
        // A new page is for reading: show its text, even when the lab pane had the focus.
        focus = .text
        lessonProgress.markSeen(lesson: lesson.id, page: page)
        let owner = Self.labPage(of: lesson, forPage: page)
        guard owner != (lab?.page ?? adversarialLab?.page) else {
            lab?.rewindWalkThrough()
            return .none
        }
        // A lab left behind keeps its knobs and goal, and the app keeps its run paused: coming
        // back to it continues where the learner was, rather than from untrained weights.
        // A GAN lab keeps its knobs; its run starts again (it retrains in seconds).
        let leaving = lab
        if let leaving { leftLabs[leaving.page] = leaving }
        if let leavingGAN = adversarialLab { leftAdversarialLabs[leavingGAN.page] = leavingGAN }
        adversarialSnapshot = nil
        latestSnapshot = nil
        rewind = RewindControl()
        adversarialLab = owner.flatMap { leftAdversarialLabs.removeValue(forKey: $0) } ?? makeAdversarialLab(forPage: page)
        if let adversarialLab {
            lab = nil
            return .startAdversarialRun(adversarialLab.configuration, parking: leaving?.page)
        }
        lab = owner.flatMap { leftLabs.removeValue(forKey: $0) } ?? makeLab(forPage: page)
        return .startRun(lab?.configuration, parking: leaving?.page, resuming: lab?.page)
    }

    /// The page whose lab shows beside page `index`: its own, else the latest before it.
    static func labPage(of lesson: Lesson, forPage index: Int) -> Int? {
        lesson.pages.indices.contains(index) ? lesson.pages[...index].lastIndex { $0.lab != nil } : nil
    }

    private func makeLab(forPage index: Int) -> LabState? {
        guard let owner = Self.labPage(of: lesson, forPage: index), let lab = lesson.pages[owner].lab else { return nil }
        return try? LabState(lab: lab, page: owner, goalMetBefore: lessonProgress.record(for: lesson.id).goalsMet.contains(owner))
    }

    private var availableFocuses: [Focus] {
        Focus.allCases.filter { focus in
            switch focus {
            case .text: true
            case .knobs: lab?.hasUnlockedKnobs ?? adversarialLab?.hasUnlockedKnobs ?? false
            case .views: lab.map { !$0.views.isEmpty } ?? adversarialLab.map { !$0.views.isEmpty } ?? false
            }
        }
    }

    /// Tab: text, knobs, then each view on screen in turn; Shift-Tab goes back the same way.
    private mutating func moveFocus(by offset: Int) {
        let shown = shownViewCount
        if focus == .views, let position = lab?.focusedPosition, (0..<shown).contains(position + offset) {
            lab?.focusShownView(at: position + offset)
            return
        }
        focus = focus(after: offset)
        if focus == .views { lab?.focusShownView(at: offset > 0 ? 0 : shown - 1) }
    }

    /// How many views the lab pane shows at this terminal size once it is on screen.
    private var shownViewCount: Int {
        guard let lab else { return 0 }
        let bounds = Rect(x: 0, y: 0, width: width, height: height)
        let pane = panes(in: bounds).lab ?? panes(in: bounds, focusOnLab: true).lab
        return pane.map { shownViews(of: lab, in: viewsArea(in: $0)).count } ?? 0
    }

    private func focus(after offset: Int) -> Focus {
        let focuses = availableFocuses
        let position = focuses.firstIndex(of: focus) ?? 0
        return focuses[(position + offset + focuses.count) % focuses.count]
    }

    private mutating func move(by offset: Int) -> ScreenOutcome {
        switch focus {
        case .text: scrollText(by: offset)
        case .knobs: lab?.focusKnob(by: offset)
        case .views: cycleViews(by: offset)
        }
        return .none
    }

    /// Arrows on a view without choices of its own bring the next view into its pane; when
    /// every view is already on screen that would only swap panes, so the focus moves instead.
    private mutating func cycleViews(by offset: Int) {
        guard let lab else { return }
        let shown = shownViewCount
        if shown >= lab.views.count, shown > 0 {
            self.lab?.focusShownView(at: (lab.focusedPosition + offset + shown) % shown)
        } else {
            self.lab?.selectView(by: offset)
        }
    }

    private mutating func adjust(upward: Bool) -> ScreenOutcome {
        switch focus {
        case .text: return .none
        case .views:
            guard var changing = lab else { return .none }
            if changing.moveDetail(by: upward ? 1 : -1) {
                lab = changing
                return .none
            }
            if let (view, value) = changing.moveViewControl(by: upward ? 1 : -1) {
                lab = changing
                return .send(.viewControl(view: view.rawValue, value: value))
            }
            lab = changing
            cycleViews(by: upward ? 1 : -1)
            return .none
        case .knobs:
            guard var changing = lab else { return .none }
            let result = changing.changeFocusedKnob(upward: upward)
            lab = changing
            switch result {
            case .success(let configuration): return .send(.configure(configuration))
            case .failure(let error):
                notice = error.description
                return .none
            }
        }
    }

    /// Enter on the focused view: its detail, or its action, such as starting a range test.
    private mutating func viewAction() -> ScreenOutcome {
        guard focus == .views else { return .none }
        if lab?.toggleDetail() == true { return .none }
        guard let view = lab?.focusedView, view.controlHint != nil else { return .none }
        return .send(.viewAction(view: view.rawValue))
    }

    private mutating func scrollText(by lines: Int) {
        textScroll = min(max(0, textScroll + lines), maximumTextScroll)
    }

    private mutating func revealHint() {
        guard lab != nil else {
            notice = "no lab on this page: no hints"
            return
        }
        if lab?.revealHint() == false { notice = lab!.lab.hints.isEmpty ? "this lab has no hints" : "no more hints" }
    }

    private func runCommand(_ command: SessionCommand) -> ScreenOutcome {
        lab == nil ? .none : .send(command)
    }

    /// Whether any of the lab's views shows its run (false without a lab).
    var showsTheRun: Bool { lab?.views.contains(where: \.followsTheRun) ?? false }

    /// Space in a lab whose views are experiments of their own: the valley race restarts;
    /// elsewhere the status says what to press instead of training a network no view shows.
    private mutating func spaceWithoutARun() -> ScreenOutcome {
        guard let lab else { return .none }
        if lab.views.contains(.surface) {
            notice = "the race starts again"
            return .send(.viewAction(view: LabView.surface.rawValue))
        }
        notice = "nothing trains on this page: Tab to the view, then ← → or Enter"
        return .none
    }

    // MARK: Kept runs

    /// `c`: keeps the lab's run as it is now, for its loss chart (and boundary) to compare with.
    private mutating func keepReference() {
        guard let lab, showsTheRun else {
            notice = lab == nil ? "no lab on this page: nothing to keep" : "this lab's views are experiments of their own: nothing to keep"
            return
        }
        guard lab.views.contains(.loss) || lab.views.contains(.boundary) else {
            notice = "this lab has no loss chart or boundary to compare on"
            return
        }
        guard let snapshot = latestSnapshot, snapshot.configuration == lab.configuration else {
            notice = "nothing to keep yet: train first (Space or s)"
            return
        }
        notice = references.keep(snapshot)
    }

    /// A timeline key's effect: its command, its status line, and before a branch the run
    /// as it stood kept as a reference.
    private mutating func apply(_ result: RewindControl.Result) -> ScreenOutcome {
        notice = references.notice(after: result, of: rewind)
        return result.outcome
    }

    /// `b`: a kept run's boundary beside the live one, when the lab draws a boundary.
    private mutating func showReferenceBeside() {
        guard let lab, lab.views.contains(.boundary) else {
            notice = "no boundary on this page: b shows a kept run's boundary beside the live one"
            return
        }
        notice = references.cycleBeside(live: lab.configuration)
    }

    // MARK: The goal

    mutating func show(notice: String) { self.notice = notice }

    mutating func observe(_ snapshot: SessionSnapshot) {
        latestSnapshot = snapshot
        if let script = snapshot.pytorchScript, script != lastScript, snapshot.configuration == lab?.configuration {
            lastScript = script
            shownScript = script
            scriptRow = 0
        }
        guard var open = lab, !open.goalMet, let goal = open.lab.goal, snapshot.configuration == open.configuration,
              GoalCheck.isMet(goal, by: snapshot) else { return }
        open.goalMet = true
        lab = open
        noteGoalMet(onPage: open.page)
    }

    /// Records a lab's goal as met in the learner's progress and says so; both kinds of lab.
    mutating func noteGoalMet(onPage page: Int) {
        lessonProgress.markGoalMet(lesson: lesson.id, page: page)
        notice = "goal met!"
    }

    // MARK: Layout

    static func arrangement(width: Int, height: Int) -> Arrangement {
        if width >= 120 { return .sideBySide }
        return height >= 40 ? .stacked : .flipped
    }

    /// The text pane, the lab pane (each nil when hidden), the goal and hint lines, the status
    /// bar; with `focusOnLab`, as they are when the lab pane has the focus.
    private func panes(in bounds: Rect, focusOnLab: Bool = false) -> (text: Rect?, lab: Rect?, footer: Rect, status: Rect) {
        let rows = bounds.split(.vertical, [.fill(1), .length(footerLines(width: bounds.width).count), .length(1)])
        let main = rows[0]
        switch Self.arrangement(width: bounds.width, height: bounds.height) {
        case .sideBySide:
            // Under 160 columns the text gives the lab more: at 120 its views would otherwise
            // be narrower than the same views alone at 80 columns.
            let columns = main.split(.horizontal, [.percentage(bounds.width < 160 ? 40 : 45), .fill(1)])
            return (columns[0], columns[1], rows[1], rows[2])
        case .stacked:
            let halves = main.split(.vertical, [.percentage(45), .fill(1)])
            return (halves[0], halves[1], rows[1], rows[2])
        case .flipped:
            return focus == .text && !focusOnLab ? (main, nil, rows[1], rows[2]) : (nil, main, rows[1], rows[2])
        }
    }

    /// The text's area inside its panel for the current terminal size.
    private var textArea: Rect {
        let pane = panes(in: Rect(x: 0, y: 0, width: width, height: height)).text ?? Rect(x: 0, y: 0, width: width, height: height - 2)
        return pane.inset(horizontal: 2, vertical: 1)
    }

    private var maximumTextScroll: Int {
        let area = textArea
        return max(0, textLines(width: area.width).count - area.height)
    }

    /// The page's heading, then its text, wrapped to `width`.
    private func textLines(width: Int) -> [StyledLine] {
        let current = lesson.pages[page]
        // A title longer than the pane wraps like the text under it, never cut.
        let title = WordWrap.lines(of: current.title, width: max(width, 1)).map { StyledLine([Span($0, .heading)], kind: .heading(level: 2)) }
        return title + [.blank] + current.body.lines(width: max(width, 1))
    }

    /// The goal line (with the run's current value of its metric) and the latest hint, as
    /// (text, style role) lines.
    private func footerLines(width: Int, snapshot: SessionSnapshot? = nil) -> [(String, ThemeRole)] {
        if let adversarialLab { return adversarialFooterLines(adversarialLab, width: width) }
        guard let lab else { return [] }
        var lines: [(String, ThemeRole)] = []
        if let goal = lab.lab.goal {
            let now = snapshot.flatMap { GoalCheck.value(of: goal.metric, in: $0) }.map { " · now " + GoalCheck.format($0, metric: goal.metric) } ?? ""
            // A goal met earlier (in this run or a past one) stays met; say so when the run is not there now.
            // A goal with an epoch window that this run met in time stays met for the run.
            let metInWindow = snapshot.flatMap { GoalCheck.epochMetInWindow(goal, in: $0) }
            let metNow = metInWindow != nil || (snapshot.map { GoalCheck.isMet(goal, by: $0) } ?? false)
            func blocked(compact: Bool) -> String {
                snapshot.flatMap { GoalCheck.missedWindow(goal, in: $0, compact: compact) }.map { " · " + $0 }
                    ?? snapshot.flatMap { GoalCheck.blockingLimit(goal, in: $0, compact: compact) }.map { " · not yet: " + $0 } ?? ""
            }
            // Held for epochs in a row, a goal stays met when the metric later drifts back: say
            // at which epoch, so "met" beside a "now" past the threshold is not a contradiction.
            // Only while the recent epochs still reach back to the first: past that window the
            // first meeting epoch is not known, and a later one would be named instead.
            let metAt = metInWindow.map { " at epoch \($0)" } ?? (metNow && goal.limits.holdEpochs != nil ? snapshot.flatMap { snapshot in
                snapshot.recentEpochs.first?.epoch == 1 ? GoalCheck.firstEpochMeeting(
                    goal, in: snapshot.recentEpochs, hiddenNeurons: snapshot.configuration.hidden.reduce(0, +),
                    parameters: snapshot.parameterCount) : nil
            }.map { " at epoch \($0)" } ?? "" : "")
            // The long form when it fits, else the compact one, so a narrow terminal still shows
            // the goal's limits and the current value rather than cutting them off.
            // The last form drops the limits from the statement: the blocking one still follows.
            let forms = [(false, false), (true, false), (true, true)].map { compact, bare in
                let statement = bare ? GoalCheck.statement(goal, compact: true, withLimits: false) : GoalCheck.statement(goal, compact: compact)
                return !lab.goalMet ? "○ Goal: " + statement + now + blocked(compact: compact)
                    : metNow ? "✓ Goal met\(metAt): " + statement + now
                    // Met earlier in this run or in a past one: progress kept, but the run is not there now.
                    : (compact ? "✓ Met before, not now: " : "✓ Goal met before (this run or an earlier one), not now: ") + statement + now
                        + blocked(compact: compact)
            }
            lines.append((TextFit.first(of: forms, width: max(width - 1, 10)), lab.goalMet ? .positive : .accent))
        }
        if focus == .views, let view = lab.focusedView, let hint = lab.controlHint(of: view) {
            lines.append(("View: " + hint, .dimText))
        }
        if lab.hintsShown > 0 {
            let hint = "Hint \(lab.hintsShown)/\(lab.lab.hints.count): " + lab.lab.hints[lab.hintsShown - 1]
            lines += WordWrap.lines(of: hint, width: max(width - 2, 10)).prefix(3).map { ($0, .text) }
        }
        return lines
    }

    // MARK: Drawing

    /// Labs start at the pace their lesson names, else at `watch`.
    static let defaultLabPace = Pace.watch

    var defaultPace: Pace { lab?.lab.pace ?? adversarialLab?.lab.pace ?? Self.defaultLabPace }

    /// Every view of the lab, recorded whichever is on screen.
    var offeredViews: SessionViews { lab?.sessionViews ?? [] }

    func visibleViews(width: Int, height: Int) -> SessionViews {
        guard let lab else { return [] }
        if presentation.isOn { return presentedView.map(\.sessionViews) ?? [] }
        let area = panes(in: Rect(x: 0, y: 0, width: width, height: height)).lab
        guard let area else { return [] }
        return shownViews(of: lab, in: viewsArea(in: area)).reduce(into: SessionViews()) { $0.formUnion($1.view.sessionViews) }
    }

    static let helpSections = [
        HelpOverlay.Section("Lesson", [KeyHint("n / p", "next / previous page"), KeyHint("o", "list of pages: jump to any"), KeyHint("Tab", "focus: text, knobs, views"),
                                       KeyHint("↑ ↓ PgUp PgDn u d", "scroll the text (text focused)"), KeyHint("t", "reveal a hint")]),
        HelpOverlay.Section("Lab", [KeyHint("Space", "play / pause"), KeyHint("s", "one step"), KeyHint("r / g", "reset the weights / new data"),
                                    KeyHint("f", "pace: slow, watch, fast, full speed"),
                                    KeyHint("c / C / b", "keep a run to compare / clear / boundary beside"),
                                    KeyHint("w / e / R", "save the model / its PyTorch script / rewind"),
                                    KeyHint("↑ ↓ ← →", "choose / change a knob (knobs focused)"), KeyHint("v", "next view"), KeyHint("m", "points: all, val only, none"),
                                    KeyHint("← → / Enter (views focused)", "the view's own control / action")]),
        HelpOverlay.Section("Screen", [KeyHint("? / Ctrl-L", "this help / redraw"), KeyHint("P", "present: one view, big numbers, demo"),
                                       KeyHint("q / Esc", "back / quit")]),
    ]

    func render(_ snapshot: SessionSnapshot?, into buffer: inout CellBuffer, theme: Theme) {
        if presentation.isOn && adversarialLab == nil {
            renderPresenting(snapshot, into: &buffer, theme: theme)
            renderOverlays(in: buffer.bounds, buffer: &buffer, theme: theme)
            return
        }
        let bounds = buffer.bounds
        let panes = panes(in: bounds)
        if let textPane = panes.text { renderText(in: textPane, buffer: &buffer, theme: theme) }
        if let labPane = panes.lab { renderLab(snapshot, in: labPane, buffer: &buffer, theme: theme) }
        for (offset, line) in footerLines(width: bounds.width, snapshot: snapshot).enumerated() {
            buffer.writeFitted(" " + line.0, x: panes.footer.x, y: panes.footer.y + offset, style: theme[line.1], clip: panes.footer)
        }
        let flipped = Self.arrangement(width: bounds.width, height: bounds.height) == .flipped
        // At 80x24 Tab flips between the panes: say where it leads.
        let next = focus(after: 1)
        let nextViewShown = focus == .views && (lab?.focusedPosition ?? 0) + 1 < shownViewCount
        let tabAction = nextViewShown ? "next view" : !flipped || next == focus ? "focus" : next == .text ? "text" : focus == .text ? "lab" : "views"
        var hints = [KeyHint("n/p", "page"), KeyHint("Tab", tabAction), KeyHint("q", closeAction)]
        if adversarialLab != nil { hints.insert(contentsOf: [KeyHint("Space", "play"), KeyHint("t", "hint")], at: 2) }
        if lab != nil {
            let space = showsTheRun ? [KeyHint("Space", "play")] : lab?.views.contains(.surface) == true ? [KeyHint("Space", "race")] : []
            hints.insert(contentsOf: space + [KeyHint("t", "hint")], at: 2)
        }
        hints += [KeyHint("o", "pages"), KeyHint("?", "help")]
        let pageText = "page \(page + 1)/\(lesson.pages.count)"
        // A lab of standalone experiments has no epoch or rate to report: its views say theirs.
        let standalone = lab != nil && !showsTheRun
        let status = adversarialLab != nil ? adversarialStatusParts(showsStep: !flipped)
            : standalone ? [StatusBar.Part(notice.isEmpty ? "the view is its own experiment" : notice, rank: RunViews.StatusRank.notice)]
            : snapshot.map { runStatus($0, hints: hints, pageText: pageText, width: bounds.width, flipped: flipped) }
            ?? [StatusBar.Part(notice.isEmpty ? "no lab on this page" : notice, rank: RunViews.StatusRank.notice)]
        StatusBar(hints: hints, parts: [StatusBar.Part(pageText, rank: RunViews.StatusRank.page)] + status)
            .render(in: panes.status, buffer: &buffer, theme: theme)
        renderOverlays(in: bounds, buffer: &buffer, theme: theme)
    }

    /// The run's status, with the lab's training speed when the whole line still fits: the
    /// speed is the first thing a narrower screen goes without, before any key hint.
    private func runStatus(_ snapshot: SessionSnapshot, hints: [KeyHint], pageText: String, width: Int, flipped: Bool) -> [StatusBar.Part] {
        let page = StatusBar.Part(pageText, rank: RunViews.StatusRank.page)
        let withSpeed = RunViews.statusParts(snapshot, notice: notice, showsSpeed: true, showsStep: !flipped)
        if StatusBar.fitsWhole(hints: hints, parts: [page] + withSpeed, width: width) { return withSpeed }
        return RunViews.statusParts(snapshot, notice: notice, showsSpeed: false, showsStep: !flipped)
    }

    /// The list of pages, the help and the exported script, over whatever the screen shows.
    private func renderOverlays(in bounds: Rect, buffer: inout CellBuffer, theme: Theme) {
        if let selection = pageListSelection {
            PageList(title: lesson.info.title, entries: pageEntries, highlighted: selection, current: page)
                .render(in: bounds, buffer: &buffer, theme: theme)
        }
        if showsHelp {
            HelpOverlay(sections: presentation.isOn ? Self.presentingHelpSections : Self.helpSections).render(in: bounds, buffer: &buffer, theme: theme)
        }
        if let script = shownScript {
            CodeOverlay(title: "Take it to PyTorch · " + script.path, text: script.text, firstRow: scriptRow)
                .render(in: bounds, buffer: &buffer, theme: theme)
        }
    }

    /// Each page's title, whether it was seen, and its goal's state when it has one.
    private var pageEntries: [PageList.Entry] {
        let record = lessonProgress.record(for: lesson.id)
        return lesson.pages.enumerated().map { index, page in
            PageList.Entry(title: page.title, seen: record.pagesSeen.contains(index),
                           goalMet: page.lab?.goal == nil ? nil : record.goalsMet.contains(index))
        }
    }

    private func renderText(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let title = "\(lesson.info.title) · \(page + 1)/\(lesson.pages.count)"
        let inside = Panel(title: title, isFocused: focus == .text).render(in: area, buffer: &buffer, theme: theme).inset(horizontal: 1)
        let lines = textLines(width: inside.width)
        let first = min(textScroll, max(0, lines.count - inside.height))
        LessonTextView(lines: lines, firstLine: first).render(in: inside, buffer: &buffer, theme: theme)
        if first + inside.height < lines.count, inside.height > 0 {
            let more = " ↓ \(lines.count - first - inside.height) more "
            buffer.write(more, x: area.maxX - more.count - 2, y: area.maxY - 1, style: theme.dimText, clip: area)
        }
    }

    private func renderLab(_ snapshot: SessionSnapshot?, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        if let adversarialLab { return renderAdversarialLab(adversarialLab, in: area, buffer: &buffer, theme: theme) }
        guard let lab else {
            let inside = Panel(title: "Lab").render(in: area, buffer: &buffer, theme: theme)
            buffer.writeFitted("No lab on this page yet: n for the next page.", x: inside.x + 1, y: inside.y, style: theme.dimText, clip: inside)
            return
        }
        let knobWidth = Self.knobColumnWidth(for: lab, labWidth: area.width)
        if knobWidth > 0 {
            let knobTitle = "Lab · \(lab.configuration.dataset.name)" + (lab.unavailableKnobs.isEmpty ? "" : " · no control: " + lab.unavailableKnobs.joined(separator: ", "))
            let knobArea = Panel(title: knobTitle, isFocused: focus == .knobs).render(in: area.split(.horizontal, [.length(knobWidth), .fill(1)])[0], buffer: &buffer, theme: theme)
            KnobPanel(knobs: lab.knobs, focusedIndex: focus == .knobs ? lab.focusedKnob : nil).render(in: knobArea, buffer: &buffer, theme: theme)
        }
        let views = viewsArea(in: area)
        guard let snapshot else { return }
        let shown = shownViews(of: lab, in: views)
        for (view, rect) in shown {
            // Each pane counts its own place among the views, when `v` has more to show.
            let position = shown.count < lab.views.count ? " · v \((lab.views.firstIndex(of: view) ?? 0) + 1)/\(lab.views.count)" : ""
            renderView(view, snapshot, in: rect, suffix: position, buffer: &buffer, theme: theme)
        }
        RunViews.divergedAlert(snapshot, over: views, buffer: &buffer, theme: theme)
    }

    private func viewsArea(in labPane: Rect) -> Rect {
        guard let lab else { return labPane }
        return labPane.split(.horizontal, [.length(Self.knobColumnWidth(for: lab, labWidth: labPane.width)), .fill(1)])[1]
    }

    /// The knob column's width: none when the lab lets the learner turn nothing and the
    /// column would leave the views less than two views' width. Its locked settings are
    /// the page's to describe, and at 120 columns the CNN's filters and the attention maps
    /// need those 28 columns more than a list that cannot be changed.
    static func knobColumnWidth(for lab: LabState, labWidth: Int) -> Int {
        // A lab pane narrower than the 80-column screen gets the narrow column: its knobs
        // shorten their values first, and the views keep more of the width.
        let width = labWidth < 80 ? narrowKnobColumnWidth : knobColumnWidth
        if lab.hasUnlockedKnobs { return width }
        return labWidth - width >= 2 * minimumViewWidth ? width : 0
    }
    static let narrowKnobColumnWidth = 24

    /// The views that fit in `area`, from the selected one on, each with its rectangle; a
    /// view in detail has the area to itself.
    private func shownViews(of lab: LabState, in area: Rect) -> [(view: LabView, rect: Rect)] {
        guard !lab.views.isEmpty else { return [] }
        if let detailed = lab.detailedView { return [(detailed, area)] }
        let columns = max(1, min(area.width / Self.minimumViewWidth, lab.views.count))
        let rows = max(1, min(area.height / Self.minimumViewHeight, (lab.views.count + columns - 1) / columns))
        let count = min(lab.views.count, columns * rows)
        let rowRects = area.split(.vertical, Array(repeating: .fill(1), count: (count + columns - 1) / columns))
        var shown: [(view: LabView, rect: Rect)] = []
        for (rowIndex, rowRect) in rowRects.enumerated() {
            let inRow = min(columns, count - rowIndex * columns)
            for (columnIndex, rect) in rowRect.split(.horizontal, Array(repeating: .fill(1), count: inRow)).enumerated() {
                let view = lab.views[(lab.selectedView + rowIndex * columns + columnIndex) % lab.views.count]
                shown.append((view, rect))
            }
        }
        return shown
    }

    func renderView(_ view: LabView, _ snapshot: SessionSnapshot, in area: Rect, suffix: String, buffer: inout CellBuffer, theme: Theme) {
        let focused = focus == .views && view == lab?.focusedView
        switch view {
        case .boundary:
            RunViews.boundary(snapshot, points: dataPoints, beside: references.beside(live: snapshot.configuration), suffix: suffix,
                              in: area, buffer: &buffer, theme: theme)
        case .loss:
            RunViews.loss(snapshot, references: references.comparable(with: snapshot.configuration), suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .network where lab?.detailedView == .network:
            ImageDetailView.neuron(snapshot, index: lab?.detailIndex ?? 0, points: dataPoints, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .network:
            RunViews.network(snapshot, title: "Network · \(snapshot.parameterCount) parameters" + suffix, selected: nil, in: area, buffer: &buffer, theme: theme)
        case .histograms: RunViews.gradients(snapshot, title: "Gradients per layer" + suffix, in: area, buffer: &buffer, theme: theme)
        case .health: RunViews.health(snapshot, title: "Training health per layer" + suffix, in: area, buffer: &buffer, theme: theme)
        case .layerGradients: LayerGradientsView.render(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .confusion: RunViews.confusion(snapshot, title: "Validation confusion" + suffix, in: area, buffer: &buffer, theme: theme)
        case .functions: ActivationPlotView.render(selected: lab?.controlValue(of: .functions) ?? 0, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .dead: DeadUnitsView.render(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .surface: SurfaceRaceView.render(snapshot.experiments, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .race: OptimizerRaceView.render(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .rangeTest: RangeTestView.render(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .schedule: ScheduleView.render(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .graph:
            // While training the view shows the whole pass, every value and gradient as the
            // weights change; paused, the learner steps through it from where they left it.
            let step = snapshot.state == .running ? Int.max : lab?.controlValue(of: view) ?? 0
            ComputationGraphView.render(snapshot, step: step, title: "Forward and backward" + suffix, in: area, buffer: &buffer, theme: theme)
        case .losses:
            LossExplorerView.render(percent: LossExplorer.controlPercents[lab?.controlValue(of: view) ?? 0], title: "Loss functions" + suffix,
                                    in: area, buffer: &buffer, theme: theme)
        case .unrolled: RecurrentViews.unrolled(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .gates: RecurrentViews.gates(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .samples: RecurrentViews.samples(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .stepGradients: RecurrentViews.stepGradients(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .attention: AttentionViews.maps(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .qkv: AttentionViews.queryKeyValue(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .positions: AttentionViews.positions(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .mask: AttentionViews.mask(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .compare: AttentionViews.comparison(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .convolution: ConvolutionViews.explorer(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .pooling: ConvolutionViews.pooling(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .filters where lab?.detailedView == .filters:
            ImageDetailView.filter(snapshot, index: lab?.detailIndex ?? 0, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .filters: ConvolutionViews.filters(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .featuremaps where lab?.detailedView == .featuremaps:
            ImageDetailView.featureMap(snapshot, index: lab?.detailIndex ?? 0, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .featuremaps: ConvolutionViews.featureMaps(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .prediction: ConvolutionViews.prediction(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .mistakes: ConvolutionViews.mistakes(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .parameters: ConvolutionViews.parameters(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .reconstructions: AutoencoderViews.reconstructions(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .latent: AutoencoderViews.latent(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .decoder: AutoencoderViews.decoder(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        case .anomaly: AutoencoderViews.anomaly(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        }
        if focused { buffer.put("◆", x: area.x, y: area.y, style: theme.accent) }
    }
}
