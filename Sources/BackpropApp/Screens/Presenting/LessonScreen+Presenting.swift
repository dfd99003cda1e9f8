import BackpropLessons
import BackpropWidgets

/// Presenting a lesson on a projector: the page collapsed to its current paragraph, the
/// lab's key number in block digits, one view filling the rest, and the demo's caption.
extension LessonScreen {
    /// Where each part goes at this size.
    struct PresentingLayout {
        var text: Rect
        var metric: Rect
        var view: Rect
        var demo: Rect
        var status: Rect
    }

    /// Rows for the paragraph (with its heading line) and the number: more on a tall screen.
    func presentingLayout(in bounds: Rect) -> PresentingLayout {
        let tall = bounds.height >= 40
        guard lab != nil else {
            let rows = bounds.split(.vertical, [.fill(1), .length(1)])
            return PresentingLayout(text: rows[0], metric: Rect(x: 0, y: 0, width: 0, height: 0), view: Rect(x: 0, y: 0, width: 0, height: 0), demo: Rect(x: 0, y: 0, width: 0, height: 0), status: rows[1])
        }
        let demoRows = demoLines(width: bounds.width).count
        // A lab whose views are their own experiments has no run to put a number on.
        let metricRows = !showsTheRun ? 0 : bounds.height >= 60 ? 15 : tall ? 10 : 3
        let rows = bounds.split(.vertical, [.length(tall ? 6 : 4), .length(metricRows), .fill(1), .length(demoRows), .length(1)])
        return PresentingLayout(text: rows[0], metric: rows[1], view: rows[2], demo: rows[3], status: rows[4])
    }

    /// The page's text without its title, which the heading line shows.
    func presentedTextLines(width: Int) -> [StyledLine] { lesson.pages[page].body.lines(width: max(width, 1)) }

    /// The view presented: the lab's selected one.
    var presentedView: LabView? {
        guard let lab, !lab.views.isEmpty else { return nil }
        return lab.views[lab.selectedView % lab.views.count]
    }

    func renderPresenting(_ snapshot: SessionSnapshot?, into buffer: inout CellBuffer, theme: Theme) {
        let layout = presentingLayout(in: buffer.bounds)
        renderPresentedText(in: layout.text, buffer: &buffer, theme: theme)
        if showsTheRun, let snapshot, let metric = PresentedMetric.of(snapshot, lab: lab) {
            renderPresentedMetric(metric, in: layout.metric, buffer: &buffer, theme: theme)
        }
        if let view = presentedView, let snapshot, let lab {
            let position = lab.views.count > 1 ? " · v \(lab.selectedView % lab.views.count + 1)/\(lab.views.count)" : ""
            renderView(view, snapshot, in: layout.view, suffix: position, buffer: &buffer, theme: theme)
            RunViews.divergedAlert(snapshot, over: layout.view, buffer: &buffer, theme: theme)
        }
        for (offset, line) in demoLines(width: layout.demo.width).enumerated() {
            buffer.writeFitted(line, x: layout.demo.x, y: layout.demo.y + offset, style: theme.accent, clip: layout.demo)
        }
        // The page is on the heading line: the status bar keeps its room for the keys.
        var hints = showsTheRun ? [KeyHint("Space", "play")] : lab?.views.contains(.surface) == true ? [KeyHint("Space", "race")] : []
        if lab?.lab.demo.isEmpty == false { hints.append(KeyHint("Enter", "demo")) }
        if (lab?.views.count ?? 0) > 1 { hints.append(KeyHint("←→", "view")) }
        // In the order they go when the line is short: the help (last) lists them all.
        hints += [KeyHint("P", "leave"), KeyHint("↑↓", "text"), KeyHint("n/p", "page"), KeyHint("?", "help")]
        StatusBar(hints: hints, status: presentingStatus(snapshot)).render(in: layout.status, buffer: &buffer, theme: theme)
    }

    /// The demo's line: the step made last and its caption, wrapped to two lines at most
    /// (a caption may be 120 characters); none without a demo.
    func demoLines(width: Int) -> [String] {
        guard let lab, !lab.lab.demo.isEmpty else { return [] }
        let count = lab.lab.demo.count
        let line = lab.currentDemoStep.map { "Demo \(lab.demoStepsMade)/\(count) ▸ \($0.caption)" + (lab.demoStepsMade == count ? " · the end, Enter again" : "") }
            ?? "Demo: \(count) step\(count == 1 ? "" : "s") · Enter makes the first"
        return WordWrap.lines(of: line, width: max(10, width - 2)).prefix(2).map { " " + $0 }
    }

    static let presentingHelpSections = [
        HelpOverlay.Section("Presenting", [KeyHint("← →", "the view's own control, else the next view"), KeyHint("v / Tab", "next view"),
                                           KeyHint("↑ ↓ PgUp PgDn", "step through the paragraphs"),
                                           KeyHint("Enter / .", "next demo step (or the view's action)"), KeyHint("P / Esc", "leave presenting (knobs)")]),
        HelpOverlay.Section("Lab", [KeyHint("Space", "play / pause"), KeyHint("s", "one step"), KeyHint("r / g", "reset the weights / new data"),
                                    KeyHint("f", "pace: slow, watch, fast, full speed"), KeyHint("c / C", "keep a run to compare / clear")]),
        HelpOverlay.Section("Screen", [KeyHint("n / p / o", "next / previous page / list of pages"), KeyHint("? / Ctrl-L", "this help / redraw"),
                                       KeyHint("q", "back / quit")]),
    ]

    /// A notice, else the epoch and whether the run trains: the rest (the rate, the pace)
    /// would push the keys off a presenter's status line.
    private func presentingStatus(_ snapshot: SessionSnapshot?) -> String {
        if !notice.isEmpty { return notice }
        guard let snapshot else { return lab == nil ? "presenting" : "" }
        if lab != nil && !showsTheRun { return "the view is its own experiment" }
        let state: String
        switch snapshot.state {
        case .running: state = "training"
        case .paused: state = "paused"
        case .finished: state = "finished"
        case .preparing: state = "loading"
        case .diverged: state = "diverged"
        case .failed: state = "failed"
        }
        return "epoch \(snapshot.epoch) · \(state)"
    }

    /// The lesson and page on the first line, then the current paragraph.
    private func renderPresentedText(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard area.height > 0 else { return }
        let body = Rect(x: area.x + 1, y: area.y + 1, width: max(0, area.width - 2), height: max(0, area.height - 1))
        let lines = presentedTextLines(width: max(1, body.width))
        let window = PresentedText.window(lines, firstLine: presentation.firstLine, rows: max(1, body.height))
        let place = window.paragraphs > 1 ? " · ¶ \(window.paragraph + 1)/\(window.paragraphs)" : ""
        let forms = [" \(lesson.info.title) · \(page + 1)/\(lesson.pages.count) · \(lesson.pages[page].title)\(place)",
                     " \(page + 1)/\(lesson.pages.count) · \(lesson.pages[page].title)\(place)"]
        buffer.writeFitted(TextFit.first(of: forms, width: area.width), x: area.x, y: area.y, style: theme.accent.adding(.bold), clip: area.row(0))
        LessonTextView(lines: window.lines, firstLine: 0).render(in: body, buffer: &buffer, theme: theme)
        if window.more, body.height > 0 {
            // In the margin right of the text, so it never covers a letter.
            buffer.write("↓", x: area.maxX - 1, y: body.maxY - 1, style: theme.dimText, clip: area)
        }
    }

    /// The number in block digits on the left, what it is and the goal beside it.
    private func renderPresentedMetric(_ metric: PresentedMetric, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let words = [metric.label, metric.goal].filter { !$0.isEmpty }
        let wordsWidth = min(max(words.map(\.count).max() ?? 0, 12), area.width / 2)
        let digitsArea = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - wordsWidth - 3), height: area.height)
        let numberStyle = metric.goalMet ? theme.positive : theme.accent
        var wordsX = area.x + 1
        let compact = BlockDigits.compactSize(of: metric.value)
        if area.height < BlockDigits.glyphHeight, BlockDigits(metric.value).renderCompact(
            in: Rect(x: digitsArea.x, y: area.y + (area.height - compact.height) / 2, width: digitsArea.width, height: compact.height),
            buffer: &buffer, style: numberStyle) {
            // A low pane (80x24): half-height blocks, three rows.
            wordsX = digitsArea.x + compact.width + 3
        } else if BlockDigits.canDraw(metric.value), let scale = BlockDigits.scale(for: metric.value, width: digitsArea.width, height: digitsArea.height) {
            let size = BlockDigits.size(of: metric.value, scale: scale)
            let drawn = Rect(x: digitsArea.x, y: digitsArea.y + (digitsArea.height - size.height) / 2, width: size.width, height: size.height)
            BlockDigits(metric.value).render(in: drawn, buffer: &buffer, style: numberStyle)
            wordsX = drawn.maxX + 3
        } else {
            // Too wide for blocks here (or a number with an exponent): the plain number, bold.
            wordsX = buffer.write(metric.value, x: digitsArea.x, y: area.y + area.height / 2, style: numberStyle.adding(.bold), clip: area) + 3
        }
        let wordsArea = Rect(x: wordsX, y: area.y, width: max(0, area.maxX - wordsX), height: area.height)
        let top = area.y + max(0, (area.height - words.count * 2 + 1) / 2)
        for (index, text) in words.enumerated() {
            let row = Rect(x: wordsArea.x, y: top + index * 2, width: wordsArea.width, height: 1)
            for (offset, line) in WordWrap.lines(of: text, width: max(1, wordsArea.width)).prefix(2).enumerated() {
                buffer.writeFitted(line, x: row.x, y: row.y + offset, style: index == 0 ? theme.text.adding(.bold) : (metric.goalMet ? theme.positive : theme.dimText),
                                   clip: wordsArea)
            }
        }
    }
}
