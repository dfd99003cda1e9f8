import BackpropLessons
import BackpropTerminal
import BackpropWidgets

/// A lesson page whose lab trains a GAN (`AdversarialLabState`): its keys, its goal, and its
/// pane of knobs beside D's field and both losses. Page turning, the text, the help and the
/// page list are the lesson screen's own, as on any other lab.
extension LessonScreen {
    /// The GAN run the current page's lab trains, if any.
    var adversarialConfiguration: GANConfiguration? { adversarialLab?.configuration }

    /// The GAN lab of the page that shows beside page `index`, as the learner left it or new.
    func makeAdversarialLab(forPage index: Int) -> AdversarialLabState? {
        guard let owner = Self.labPage(of: lesson, forPage: index), let lab = lesson.pages[owner].lab,
              AdversarialLabState.isAdversarial(lab) else { return nil }
        return try? AdversarialLabState(lab: lab, page: owner, goalMetBefore: lessonProgress.record(for: lesson.id).goalsMet.contains(owner))
    }

    /// The keys that act on a GAN lab, or nil for the lesson's own keys (pages, Tab, help).
    mutating func handleAdversarial(_ key: Key) -> ScreenOutcome? {
        guard var open = adversarialLab else { return nil }
        defer { adversarialLab = open }
        switch key {
        case .character(" "): return .sendAdversarial(.togglePlay)
        case .character("s"): return .sendAdversarial(.step)
        case .character("f"): return .sendAdversarial(.cyclePace)
        case .character("r"), .character("g"): return .sendAdversarial(.reset)
        case .character("v"): open.selectView(by: 1)
        case .character("t"):
            if !open.revealHint() { notice = open.lab.hints.isEmpty ? "this lab has no hints" : "no more hints" }
        case .character("w"): return .sendAdversarial(.save(folder: ModelSaving.folder()))
        case .character("e"):
            notice = "no PyTorch script for a GAN: w saves both networks as generator.* and discriminator.* tensors"
        case .character("c"), .character("C"), .character("b"):
            notice = "no kept runs on a GAN lab: compare settings by the modes each covers"
        case .character("m"): notice = "the field always shows both the real and the generated points"
        case .character("R"): notice = "no rewind on a GAN lab: r starts it again"
        case .character("P"): notice = "presenting shows a single network's lab; a GAN lab stays as it is"
        case .up, .character("k"), .down, .character("j"):
            let offset = key == .up || key == .character("k") ? -1 : 1
            switch focus {
            case .text: return nil
            case .knobs: open.focusKnob(by: offset)
            // The views have no controls of their own: the arrows bring the other one up.
            case .views: open.selectView(by: offset)
            }
        case .right, .character("l"), .character("+"), .character("="), .left, .character("h"), .character("-"):
            let upward = [.right, .character("l"), .character("+"), .character("=")].contains(key)
            switch focus {
            case .text: return nil
            case .views: open.selectView(by: upward ? 1 : -1)
                return ScreenOutcome.none
            case .knobs: break
            }
            switch open.changeFocusedKnob(upward: upward) {
            case .success(let configuration): return .sendAdversarial(.configure(configuration))
            case .failure(let error): notice = error.description
            }
        default: return nil
        }
        return ScreenOutcome.none
    }

    /// Notes the GAN run's latest snapshot and whether it meets the lab's goal.
    mutating func observe(adversarial snapshot: AdversarialSnapshot) {
        adversarialSnapshot = snapshot
        guard var open = adversarialLab, !open.goalMet, let goal = open.lab.goal, snapshot.configuration == open.configuration,
              AdversarialGoalCheck.isMet(goal, by: snapshot) else { return }
        open.goalMet = true
        adversarialLab = open
        noteGoalMet(onPage: open.page)
    }

    /// The knobs, then the views: the field first, as large as the pane allows.
    func renderAdversarialLab(_ open: AdversarialLabState, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let knobWidth = area.width < 80 ? Self.narrowKnobColumnWidth : Self.knobColumnWidth
        let columns = area.split(.horizontal, [.length(knobWidth), .fill(1)])
        let knobArea = Panel(title: "Lab · GAN · \(open.configuration.dataset.rawValue)", isFocused: focus == .knobs)
            .render(in: columns[0], buffer: &buffer, theme: theme)
        KnobPanel(knobs: open.knobs, focusedIndex: focus == .knobs ? open.focusedKnob : nil).render(in: knobArea, buffer: &buffer, theme: theme)
        guard let snapshot = adversarialSnapshot, !open.views.isEmpty else { return }
        let views = columns[1]
        // Both views when each gets the minimum height, else the selected one (v for the other).
        let count = min(open.views.count, max(1, views.height / Self.minimumViewHeight))
        let rects = views.split(.vertical, count == 1 ? [.fill(1)] : [.percentage(60), .fill(1)])
        for (offset, rect) in rects.enumerated() {
            switch open.views[(open.selectedView + offset) % open.views.count] {
            case .field: AdversarialViews.field(snapshot, in: rect, buffer: &buffer, theme: theme)
            case .losses: AdversarialViews.losses(snapshot, in: rect, buffer: &buffer, theme: theme)
            }
            if offset == 0, focus == .views { buffer.put("◆", x: rect.x, y: rect.y, style: theme.accent) }
        }
        if case .diverged(let why) = snapshot.state {
            buffer.writeFitted(" DIVERGED: \(why) · r starts again ", x: views.x + 2, y: views.maxY - 1, style: theme.negative, clip: views)
        }
    }

    /// The goal line with the run's current value, and the latest hint.
    func adversarialFooterLines(_ open: AdversarialLabState, width: Int) -> [(String, ThemeRole)] {
        var lines: [(String, ThemeRole)] = []
        if let goal = open.lab.goal {
            let snapshot = adversarialSnapshot.flatMap { $0.configuration == open.configuration ? $0 : nil }
            let now = snapshot.flatMap { AdversarialGoalCheck.metrics(of: $0).value(of: goal.metric) }
                .map { " · now " + GoalCheck.format($0, metric: goal.metric) } ?? ""
            let metNow = snapshot.map { AdversarialGoalCheck.isMet(goal, by: $0) } ?? false
            let forms = [false, true].map { compact in
                let statement = GoalCheck.statement(goal, compact: compact)
                return !open.goalMet ? "○ Goal: " + statement + now
                    : metNow ? "✓ Goal met: " + statement + now
                    : (compact ? "✓ Met before, not now: " : "✓ Goal met before (this run or an earlier one), not now: ") + statement + now
            }
            lines.append((TextFit.first(of: forms, width: max(width - 1, 10)), open.goalMet ? .positive : .accent))
        }
        if open.hintsShown > 0 {
            let hint = "Hint \(open.hintsShown)/\(open.lab.hints.count): " + open.lab.hints[open.hintsShown - 1]
            lines += WordWrap.lines(of: hint, width: max(width - 2, 10)).prefix(3).map { ($0, .text) }
        }
        return lines
    }

    /// The status bar's run parts: epoch, step, coverage, state and pace.
    func adversarialStatusParts(showsStep: Bool) -> [StatusBar.Part] {
        guard let snapshot = adversarialSnapshot else {
            return [StatusBar.Part(notice.isEmpty ? "building both networks…" : notice, rank: RunViews.StatusRank.notice)]
        }
        let state: String = switch snapshot.state {
        case .preparing: "building both networks…"
        case .paused: "paused"
        case .running: snapshot.samplesPerSecond > 0 ? "training " + CompactNumber.format(snapshot.samplesPerSecond) + " real points/s" : "training"
        case .finished: "done · r restarts"
        case .diverged: "DIVERGED, paused"
        case .failed(let why): "ERROR: " + why
        }
        // Epochs completed, as the classifier labs count them: one G step (`s`) is still epoch 0.
        let completed = snapshot.step / max(snapshot.configuration.stepsPerEpoch, 1)
        var parts = [StatusBar.Part("epoch \(completed)/\(snapshot.configuration.epochs)", rank: RunViews.StatusRank.epoch)]
        // The G steps are a GAN lab's progress between epochs: shown even at 80 columns.
        parts.append(StatusBar.Part("G step \(snapshot.step)", rank: showsStep ? RunViews.StatusRank.step : RunViews.StatusRank.pace))
        parts.append(StatusBar.Part(state, rank: RunViews.StatusRank.state))
        if snapshot.state == .running || snapshot.state == .paused {
            parts.append(StatusBar.Part(snapshot.pace == .full ? "full speed" : snapshot.pace.rawValue, rank: RunViews.StatusRank.pace))
        }
        let message = notice.isEmpty ? snapshot.message : notice
        if !message.isEmpty { parts.append(StatusBar.Part(message, rank: RunViews.StatusRank.notice)) }
        return parts
    }
}
